package io.promoagent.core.docs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.ErrorCode;
import java.util.List;
import java.util.Map;

/** The WRITE tool of docs/tools.md: tags a customer, through approval. (Kept compiling by this test source set.) */
public final class TagCustomerTool implements WriteTool {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TagStore store;

    public TagCustomerTool(TagStore store) {
        this.store = store;
    }

    @Override
    public ToolDescriptor descriptor() {
        ObjectNode parameters = JSON.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = parameters.putObject("properties");
        properties.putObject("customerId").put("type", "string");
        properties.putObject("tag").put("type", "string").put("description", "A short tag, such as 'vip-event'");
        parameters.putArray("required").add("customerId").add("tag");
        return ToolDescriptor.of("tag_customer", "Adds a tag to a customer (needs approval).",
                parameters, ToolEffect.WRITE, "tag", "label", "mark");
    }

    /** Works out the change without making it: the record as it is now, as it would be, and its version. */
    @Override
    public ChangeSet propose(ToolCall call, ToolContext context) {
        String id = call.arguments().get("customerId").asText();
        String tag = call.arguments().get("tag").asText();
        if (tag.isBlank() || tag.length() > 30) {
            throw new InvalidArgumentsException(ToolError.of(ErrorCode.STRING_TOO_LONG, "$.tag",
                    "a tag has 1 to 30 characters"));
        }
        TagStore.Tagged now = store.read(id)
                .orElseThrow(() -> new ToolException("there is no customer " + id));
        return changeSet(call, context)
                .summary("Tag customer " + id + " with '" + tag + "'")
                .affected(AffectedRecord.update("customers", Map.of("id", id),
                        Row.of(Map.of("id", id, "tags", now.tags())),
                        Row.of(Map.of("id", id, "tags", now.tags().isEmpty() ? tag : now.tags() + "," + tag)),
                        Long.toString(now.version())))
                .build();
    }

    /** Applies exactly the approved change, only if the record still has the version that was approved. */
    @Override
    public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
        AffectedRecord record = approved.changeSet().affected().get(0);
        String id = (String) record.key().get("id");
        String tags = (String) record.after().orElseThrow().valueOrNull("tags");
        long version = Long.parseLong(record.version().orElseThrow());
        if (!store.writeIfVersion(id, tags, version)) {
            throw new ToolException("customer " + id + " changed since the proposal; nothing was written");
        }
        return new ApplyResult(approved.changeSet().id(), List.of(record), "Tagged customer " + id);
    }
}
