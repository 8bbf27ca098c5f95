package io.promoagent.test;

import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.reply.TableBlock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on an agent's {@link Reply}: its tables, approval requests, clarifications, errors,
 * usage, and that nothing was written.
 *
 * <pre>{@code
 * ReplyAssert.assertThat(reply).hasTable("customers").withRowCount(4).withoutColumn("email");
 * ReplyAssert.assertThat(reply).hasApprovalFor("create_promotion").withAffectedCount(1);
 * ReplyAssert.assertThat(reply).hasNoWrites(audit);
 * }</pre>
 */
public final class ReplyAssert extends AbstractAssert<ReplyAssert, Reply> {

    // Statuses of an approval block after which something was (or may now be) written.
    private static final Set<String> WRITTEN = Set.of(ApprovalStatus.APPROVED.jsonName(), ApprovalStatus.APPLIED.jsonName());

    private ReplyAssert(Reply actual) {
        super(actual, ReplyAssert.class);
    }

    public static ReplyAssert assertThat(Reply actual) {
        return new ReplyAssert(actual);
    }

    /** The reply's text contains {@code fragment}, ignoring case. */
    public ReplyAssert hasTextContaining(String fragment) {
        isNotNull();
        if (!actual.text().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
            failWithMessage("Expected the reply's text to contain \"%s\" but it was \"%s\"", fragment, actual.text());
        }
        return this;
    }

    /** The reply has a table of {@code entity} (the first, if several); continues with assertions on it. */
    public TableBlockAssert hasTable(String entity) {
        isNotNull();
        for (TableBlock table : actual.blocks(TableBlock.class)) {
            if (table.entity().equals(entity)) {
                return new TableBlockAssert(table, this);
            }
        }
        failWithMessage("Expected a table of '%s' but the reply has %s", entity, describeBlocks());
        return null;
    }

    /** The reply has no table at all: the person was not shown records. */
    public ReplyAssert hasNoTable() {
        isNotNull();
        if (!actual.blocks(TableBlock.class).isEmpty()) {
            failWithMessage("Expected no table but the reply has %s", describeBlocks());
        }
        return this;
    }

    /**
     * The reply asks for approval of a change proposed by {@code tool} (the first, if several); continues with
     * assertions on that request.
     */
    public ApprovalBlockAssert hasApprovalFor(String tool) {
        isNotNull();
        for (ApprovalBlock approval : actual.blocks(ApprovalBlock.class)) {
            if (approval.tool().equals(tool)) {
                return new ApprovalBlockAssert(approval, this);
            }
        }
        failWithMessage("Expected an approval request for '%s' but the reply has %s", tool, describeBlocks());
        return null;
    }

    /** The reply asks for no approval: nothing was proposed. */
    public ReplyAssert hasNoApprovals() {
        isNotNull();
        if (!actual.blocks(ApprovalBlock.class).isEmpty()) {
            failWithMessage("Expected no approval request but the reply has %s", describeBlocks());
        }
        return this;
    }

    /**
     * Nothing was written or sent as far as the reply tells: every approval block still waits for a person
     * or was refused ({@code pending}, {@code refused}, {@code rejected}, {@code expired}), none is
     * {@code approved} or {@code applied}. A proposal is not a write.
     */
    public ReplyAssert hasNoWrites() {
        isNotNull();
        for (ApprovalBlock approval : actual.blocks(ApprovalBlock.class)) {
            if (WRITTEN.contains(approval.status())) {
                failWithMessage("Expected no writes but the change proposed by '%s' (approval %s) is %s",
                        approval.tool(), approval.approvalId(), approval.status());
            }
        }
        return this;
    }

    /**
     * {@link #hasNoWrites()}, and the audit trail, which records every apply and rollback whatever the reply
     * says, holds neither.
     */
    public ReplyAssert hasNoWrites(InMemoryAuditSink audit) {
        hasNoWrites();
        for (AuditEvent event : audit.events()) {
            if (event.action() == AuditAction.APPLY || event.action() == AuditAction.ROLLBACK) {
                failWithMessage("Expected no writes but the audit trail records %s of %s by '%s' (%s)",
                        event.action().jsonName(), event.tool(), event.principal(), event.outcome());
            }
        }
        return this;
    }

    /** The reply reports an error with {@code code} ({@code unknown_field}); continues with assertions on it. */
    public ErrorBlockAssert hasError(String code) {
        isNotNull();
        List<ErrorBlock> errors = actual.blocks(ErrorBlock.class);
        for (ErrorBlock error : errors) {
            if (error.code().equals(code)) {
                return new ErrorBlockAssert(error, this);
            }
        }
        failWithMessage("Expected an error '%s' but the reply has %s", code, describeBlocks());
        return null;
    }

    /** The reply reports no error. */
    public ReplyAssert hasNoErrors() {
        isNotNull();
        if (actual.hasError()) {
            failWithMessage("Expected no error but the reply has %s", describeBlocks());
        }
        return this;
    }

    /** The reply asks the person a question back; continues with assertions on it. */
    public ClarificationBlockAssert hasClarification() {
        isNotNull();
        List<ClarificationBlock> clarifications = actual.blocks(ClarificationBlock.class);
        if (clarifications.isEmpty()) {
            failWithMessage("Expected a clarification but the reply has %s", describeBlocks());
        }
        return new ClarificationBlockAssert(clarifications.get(0), this);
    }

    /** The reply has a metric labelled {@code label} whose value equals {@code expected} numerically. */
    public ReplyAssert hasMetric(String label, BigDecimal expected) {
        isNotNull();
        for (MetricBlock metric : actual.blocks(MetricBlock.class)) {
            if (metric.label().equals(label)) {
                if (metric.value() == null || metric.value().compareTo(expected) != 0) {
                    failWithMessage("Expected metric '%s' to be %s but it was %s", label, expected.toPlainString(),
                            metric.value() == null ? "undefined" : metric.value().toPlainString());
                }
                return this;
            }
        }
        failWithMessage("Expected a metric '%s' but the reply has %s", label, describeBlocks());
        return this;
    }

    /** Answering took {@code expected} calls to the language model. */
    public ReplyAssert hasModelCalls(int expected) {
        isNotNull();
        if (actual.usage().modelCalls() != expected) {
            failWithMessage("Expected %s model call(s) but usage reports %s", expected, actual.usage().modelCalls());
        }
        return this;
    }

    /** Answering made {@code expected} tool calls. */
    public ReplyAssert hasToolCalls(int expected) {
        isNotNull();
        if (actual.usage().toolCalls() != expected) {
            failWithMessage("Expected %s tool call(s) but usage reports %s", expected, actual.usage().toolCalls());
        }
        return this;
    }

    /** Answering used exactly these input and output tokens, summed over model calls. */
    public ReplyAssert hasTokens(long input, long output) {
        isNotNull();
        if (actual.usage().inputTokens() != input || actual.usage().outputTokens() != output) {
            failWithMessage("Expected %s input and %s output tokens but usage reports %s and %s", input, output,
                    actual.usage().inputTokens(), actual.usage().outputTokens());
        }
        return this;
    }

    /**
     * The reply's JSON form (what the web UI and CLI receive) reads back into a reply with the same JSON form:
     * no block, field or exact decimal is lost on the way. JSON text is compared rather than records because
     * a number inside tool arguments may come back as another kind of JSON node with the same value.
     */
    public ReplyAssert survivesJson() {
        isNotNull();
        String json = ReplyJson.write(actual);
        String again = ReplyJson.write(ReplyJson.read(json));
        if (!again.equals(json)) {
            failWithMessage("Expected the reply to read back from its JSON unchanged but%n%s%nread back as%n%s",
                    json, again);
        }
        return this;
    }

    String describeBlocks() {
        if (actual.blocks().isEmpty()) {
            return "no blocks";
        }
        StringBuilder s = new StringBuilder("blocks: ");
        for (Block block : actual.blocks()) {
            if (s.length() > "blocks: ".length()) {
                s.append(", ");
            }
            s.append(describe(block));
        }
        return s.toString();
    }

    private static String describe(Block block) {
        if (block instanceof TableBlock t) {
            return "table of " + t.entity() + " (" + t.rows().size() + " rows)";
        } else if (block instanceof ApprovalBlock a) {
            return "approval for " + a.tool() + " (" + a.status() + ")";
        } else if (block instanceof ErrorBlock e) {
            return "error " + e.code() + " (" + e.message() + ")";
        } else if (block instanceof ClarificationBlock c) {
            return "clarification \"" + c.message() + "\"";
        } else if (block instanceof MetricBlock m) {
            return "metric " + m.label();
        }
        return block.getClass().getSimpleName();
    }
}
