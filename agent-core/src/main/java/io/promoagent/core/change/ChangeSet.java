package io.promoagent.core.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.internal.json.RecordJson;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Exactly what a write or send call would do, worked out without doing it: the arguments, the affected
 * records with versions and before-images, a summary and a tool-specific preview (an impact estimate, a
 * rendered sample e-mail).
 *
 * <p>A change set is a value: its JSON parts are copied on the way in and out, and {@link #toJson()} gives
 * one deterministic JSON form that an approval service canonicalises and hashes, so that an approval binds
 * to this exact content.
 *
 * @param id         unique id of the change set
 * @param tool       the write tool that proposed it and will apply it
 * @param effect     {@code WRITE} or {@code SEND}
 * @param arguments  the call's arguments, as JSON
 * @param summary    one line for the person; may name values the model may not see, so it is never sent
 *                   to a model
 * @param affected   the records affected, in a stable order
 * @param preview    tool-specific detail for the approver; a JSON object, empty if none
 * @param requester  the id of the principal who asked for it
 * @param createdAt  when it was proposed
 */
public record ChangeSet(
        String id,
        String tool,
        ToolEffect effect,
        JsonNode arguments,
        String summary,
        List<AffectedRecord> affected,
        JsonNode preview,
        String requester,
        Instant createdAt) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public ChangeSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        if (!effect.needsApproval()) {
            throw new IllegalArgumentException("a change set writes or sends; its effect cannot be " + effect);
        }
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
        Objects.requireNonNull(summary, "summary");
        affected = List.copyOf(affected);
        preview = preview == null ? F.objectNode() : preview.deepCopy();
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A builder with nothing filled in but a fresh id (for compensating change sets, say); a write tool
     * starts from {@code WriteTool.changeSet}, which fills in the call's parts.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    @Override
    public JsonNode preview() {
        return preview.deepCopy();
    }

    /** The exact number of records affected. */
    public int affectedCount() {
        return affected.size();
    }

    /**
     * Every component as one JSON object with a fixed property order; numbers are exact decimals and
     * times ISO-8601. The input to canonicalisation and hashing.
     */
    public ObjectNode toJson() {
        ObjectNode n = F.objectNode();
        n.put("id", id);
        n.put("tool", tool);
        n.put("effect", effect.jsonName());
        n.set("arguments", arguments.deepCopy());
        n.put("summary", summary);
        ArrayNode a = n.putArray("affected");
        for (AffectedRecord r : affected) {
            ObjectNode o = a.addObject();
            o.put("entity", r.entity());
            o.set("key", values(r.key()));
            o.put("operation", r.operation().jsonName());
            r.before().ifPresent(b -> o.set("before", values(b.values())));
            r.after().ifPresent(b -> o.set("after", values(b.values())));
            r.version().ifPresent(v -> o.put("version", v));
        }
        n.set("preview", preview.deepCopy());
        n.put("requester", requester);
        n.put("createdAt", createdAt.toString());
        return n;
    }

    private static ObjectNode values(Map<String, Object> values) {
        return RecordJson.write(values, F);
    }

    /** Builds a {@link ChangeSet}. */
    public static final class Builder {
        private String id = UUID.randomUUID().toString();
        private String tool;
        private ToolEffect effect;
        private JsonNode arguments;
        private String summary;
        private final List<AffectedRecord> affected = new ArrayList<>();
        private JsonNode preview;
        private String requester;
        private Instant createdAt;

        private Builder() {
        }

        public Builder id(String newId) {
            this.id = newId;
            return this;
        }

        public Builder tool(String name) {
            this.tool = name;
            return this;
        }

        public Builder effect(ToolEffect newEffect) {
            this.effect = newEffect;
            return this;
        }

        public Builder arguments(JsonNode newArguments) {
            this.arguments = newArguments;
            return this;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder affected(AffectedRecord... records) {
            affected.addAll(List.of(records));
            return this;
        }

        public Builder affected(List<AffectedRecord> records) {
            affected.addAll(records);
            return this;
        }

        public Builder preview(JsonNode newPreview) {
            this.preview = newPreview;
            return this;
        }

        public Builder requester(String principalId) {
            this.requester = principalId;
            return this;
        }

        public Builder createdAt(Instant time) {
            this.createdAt = time;
            return this;
        }

        public ChangeSet build() {
            return new ChangeSet(id, tool, effect, arguments, summary, affected, preview, requester, createdAt);
        }
    }
}
