package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.CommonChange;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.schema.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one tool call, in two views: {@code forModel}, the compact JSON a model may see, and
 * {@code blocks}, what the person is shown.
 *
 * <p>The two are kept apart on purpose: a table block carries every row and column (e-mail addresses
 * included), while {@code forModel} carries only what the data model lets a model see.
 *
 * @param status   how the call ended
 * @param summary  one line ("12 customers"): the text of a direct reply, remembered in the conversation and
 *                 so sent to a model later; it must name no value the model may not see
 * @param forModel what the model is sent back
 * @param blocks   what the person is shown
 * @param errors   the problems, when the call did not succeed
 * @param proposal the change set and its approval ticket, for a write or send call
 * @param elapsed  how long the call took, set by the executor
 */
public record ToolResult(
        Status status,
        String summary,
        JsonNode forModel,
        List<Block> blocks,
        List<ToolError> errors,
        Optional<Proposal> proposal,
        Duration elapsed) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** How a tool call ended. */
    public enum Status {
        /** A read tool ran. */
        OK,
        /** A write or send tool proposed a change set; nothing was written. */
        PROPOSED,
        /** The arguments were wrong; the model may repair them. */
        INVALID_ARGUMENTS,
        /** The policy refused the call. */
        DENIED,
        /** The tool or the machinery around it failed. */
        FAILED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ToolResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        forModel = Objects.requireNonNull(forModel, "forModel").deepCopy();
        blocks = List.copyOf(blocks);
        errors = List.copyOf(errors);
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(elapsed, "elapsed");
        if ((status == Status.OK || status == Status.PROPOSED) != errors.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " result " + (errors.isEmpty() ? "needs" : "has no")
                    + " errors");
        }
        if ((status == Status.PROPOSED) != proposal.isPresent()) {
            throw new IllegalArgumentException("exactly the proposed results carry a proposal");
        }
    }

    /** A successful read: the summary, what the model is sent and what the person is shown. */
    public static ToolResult ok(String summary, JsonNode forModel, List<Block> blocks) {
        return new ToolResult(Status.OK, summary, forModel, blocks, List.of(), Optional.empty(), Duration.ZERO);
    }

    public static ToolResult ok(String summary, JsonNode forModel, Block... blocks) {
        return ok(summary, forModel, List.of(blocks));
    }

    /**
     * A write or send call that produced a change set; the model learns the approval id and the count of
     * affected records, never the summary or preview (they may show values it may not see).
     */
    public static ToolResult proposed(Proposal proposal) {
        ObjectNode m = F.objectNode();
        boolean pending = proposal.ticket().status().isOpen();
        m.put("status", pending ? "awaiting_approval" : proposal.ticket().status().jsonName());
        m.put("approvalId", proposal.ticket().approvalId());
        m.put("changeSetId", proposal.changeSet().id());
        m.put("tool", proposal.changeSet().tool());
        m.put("effect", proposal.changeSet().effect().jsonName());
        m.put("affectedCount", proposal.changeSet().affectedCount());
        m.put("note", pending
                ? "Nothing has been written or sent. A person must approve this change; tell the user it awaits approval."
                : "Nothing has been written or sent, and this change cannot be approved: " + proposal.ticket().message());
        // the change set's own summary may name values the model may not see, and this text may be remembered
        String summary = (pending ? "proposed for approval: " : "proposed: ") + inWords(proposal.changeSet())
                + (pending ? "" : "; it cannot be approved: " + proposal.ticket().message());
        return new ToolResult(Status.PROPOSED, summary, m, List.of(proposal.toBlock()), List.of(),
                Optional.of(proposal), Duration.ZERO);
    }

    /** "create 1 promotion", "change 2 promotions", "send email to 3 customers": counts and names, no values. */
    private static String inWords(ChangeSet changeSet) {
        String tool = Labels.readable(changeSet.tool());
        Optional<CommonChange> common = CommonChange.of(changeSet.affected());
        if (common.isEmpty()) {
            return tool + " for " + Labels.count(changeSet.affectedCount(), "records");
        }
        String counted = Labels.count(changeSet.affectedCount(), Labels.readable(common.get().entity()));
        return switch (common.get().operation()) {
            case CREATE -> "create " + counted;
            case UPDATE -> "change " + counted;
            case DELETE -> "delete " + counted;
            case SEND -> tool + " to " + counted;
        };
    }

    /** Wrong arguments, sent back to the model for repair. */
    public static ToolResult invalid(List<ToolError> errors) {
        ObjectNode m = F.objectNode();
        m.put("status", Status.INVALID_ARGUMENTS.jsonName());
        m.set("errors", errorArray(errors));
        m.put("hint", "Correct the arguments using the errors and suggestions, then call the tool again.");
        return new ToolResult(Status.INVALID_ARGUMENTS, errors.get(0).message(), m, List.of(), errors,
                Optional.empty(), Duration.ZERO);
    }

    /** A call the policy refused. */
    public static ToolResult denied(String reason) {
        ToolError error = ToolError.of(AgentErrorCode.DENIED, reason);
        return new ToolResult(Status.DENIED, reason, errorNode(Status.DENIED, error), List.of(), List.of(error),
                Optional.empty(), Duration.ZERO);
    }

    /** A call that failed. */
    public static ToolResult failed(ToolError error) {
        return new ToolResult(Status.FAILED, error.message(), errorNode(Status.FAILED, error), List.of(),
                List.of(error), Optional.empty(), Duration.ZERO);
    }

    public static ToolResult failed(AgentErrorCode code, String message) {
        return failed(ToolError.of(code, message));
    }

    /** A copy of what the model is sent. */
    @Override
    public JsonNode forModel() {
        return forModel.deepCopy();
    }

    public boolean isSuccess() {
        return status == Status.OK || status == Status.PROPOSED;
    }

    public ToolResult withElapsed(Duration duration) {
        return new ToolResult(status, summary, forModel, blocks, errors, proposal, duration);
    }

    /** The error block that shows the person why the call did not succeed; empty for a success. */
    public Optional<ErrorBlock> errorBlock() {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        ToolError first = errors.get(0);
        return Optional.of(new ErrorBlock(first.code(), summaryOfErrors(), first.suggestions()));
    }

    private String summaryOfErrors() {
        if (errors.size() == 1) {
            return errors.get(0).message();
        }
        StringBuilder sb = new StringBuilder();
        for (ToolError e : errors) {
            sb.append(sb.length() == 0 ? "" : "; ").append(e.message());
        }
        return sb.toString();
    }

    private static ObjectNode errorNode(Status status, ToolError error) {
        ObjectNode m = F.objectNode();
        m.put("status", status.jsonName());
        m.set("errors", errorArray(List.of(error)));
        return m;
    }

    private static ArrayNode errorArray(List<ToolError> errors) {
        ArrayNode a = F.arrayNode();
        for (ToolError e : errors) {
            ObjectNode n = a.addObject();
            n.put("code", e.code());
            n.put("path", e.path());
            n.put("message", e.message());
            if (!e.suggestions().isEmpty()) {
                ArrayNode s = n.putArray("suggestions");
                e.suggestions().forEach(s::add);
            }
        }
        return a;
    }
}
