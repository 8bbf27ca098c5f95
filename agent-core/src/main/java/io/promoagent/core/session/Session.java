package io.promoagent.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.ReplyJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation: its id, the messages remembered (oldest first), when it last changed, and the last write
 * it proposed or previewed, and the reads held for the person's confirmation. A value; each change makes a new
 * one.
 *
 * @param id          the session id a client sends with each request
 * @param messages    the remembered messages, oldest first
 * @param updatedAt   when a message was last added
 * @param lastPreview the last proposal ({@link ApprovalBlock}) or dry run ({@link PreviewBlock}) made in the
 *                    conversation: what a what-if ("what if 15% instead") changes and compares with, whichever
 *                    orchestrator or instance answers it
 * @param heldReads   the reads the query tool's guard held in the conversation and has not forgotten yet (held,
 *                    confirmed or run, until they expire): kept here so whichever instance gets the person's
 *                    confirmation can check it and run the read once
 */
public record Session(String id, List<SessionMessage> messages, Instant updatedAt, Optional<Block> lastPreview,
                      List<PendingRead> heldReads) {

    public Session {
        Objects.requireNonNull(id, "id");
        messages = List.copyOf(messages);
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastPreview, "lastPreview");
        if (lastPreview.isPresent() && !(lastPreview.get() instanceof ApprovalBlock)
                && !(lastPreview.get() instanceof PreviewBlock)) {
            throw new IllegalArgumentException("the last preview is an approval or a preview block");
        }
        heldReads = List.copyOf(heldReads);
    }

    /** A session with no held read. */
    public Session(String id, List<SessionMessage> messages, Instant updatedAt, Optional<Block> lastPreview) {
        this(id, messages, updatedAt, lastPreview, List.of());
    }

    /** A session with no proposal or dry run remembered. */
    public Session(String id, List<SessionMessage> messages, Instant updatedAt) {
        this(id, messages, updatedAt, Optional.empty());
    }

    /** A conversation with nothing said yet. */
    public static Session empty(String id, Instant now) {
        return new Session(id, List.of(), now);
    }

    /** This session with the messages appended. */
    public Session append(Instant now, SessionMessage... added) {
        List<SessionMessage> all = new ArrayList<>(messages);
        all.addAll(List.of(added));
        return new Session(id, all, now, lastPreview, heldReads);
    }

    public Session withMessages(List<SessionMessage> kept) {
        return new Session(id, kept, updatedAt, lastPreview, heldReads);
    }

    /** This session remembering {@code block} (an approval or a preview block) as its last preview. */
    public Session withLastPreview(Block block) {
        return new Session(id, messages, updatedAt, Optional.of(block), heldReads);
    }

    /** This session with {@code reads} as its held reads. */
    public Session withHeldReads(List<PendingRead> reads) {
        return new Session(id, messages, updatedAt, lastPreview, reads);
    }

    /**
     * The JSON a session store keeps for this session (its messages, update time, last preview and held reads;
     * the id is the store's key).
     */
    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("updatedAt", updatedAt.toString());
        ArrayNode list = n.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role().jsonName()).put("text", m.text()));
        lastPreview.ifPresent(b -> n.set("lastPreview", ReplyJson.mapper().valueToTree(b)));
        if (!heldReads.isEmpty()) {
            ArrayNode held = n.putArray("heldReads");
            heldReads.forEach(r -> held.addObject().put("handle", r.handle()).put("tool", r.tool())
                    .put("digest", r.digest()).<ObjectNode>set("arguments", r.arguments()).put("principal", r.principal())
                    .put("requestId", r.requestId()).put("estimate", r.estimate())
                    .put("expiresAt", r.expiresAt().toString()).put("status", r.status().name()));
        }
        return ReplyJson.writeTree(n);
    }

    /**
     * The session {@code id} kept as {@code json} by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such JSON
     */
    public static Session fromJson(String id, String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<SessionMessage> messages = new ArrayList<>();
            for (JsonNode m : n.get("messages")) {
                messages.add(new SessionMessage(SessionMessage.Role.valueOf(m.get("role").textValue().toUpperCase(Locale.ROOT)),
                        m.get("text").textValue()));
            }
            Optional<Block> last = n.hasNonNull("lastPreview")
                    ? Optional.of(ReplyJson.mapper().treeToValue(n.get("lastPreview"), Block.class)) : Optional.empty();
            List<PendingRead> held = new ArrayList<>();
            for (JsonNode r : n.path("heldReads")) {
                held.add(new PendingRead(r.get("handle").textValue(), r.get("tool").textValue(),
                        r.get("digest").textValue(), r.get("arguments"), r.get("principal").textValue(),
                        r.get("requestId").textValue(), r.get("estimate").textValue(),
                        Instant.parse(r.get("expiresAt").textValue()), PendingRead.Status.valueOf(r.get("status").textValue())));
            }
            return new Session(id, messages, Instant.parse(n.get("updatedAt").textValue()), last, held);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
}
