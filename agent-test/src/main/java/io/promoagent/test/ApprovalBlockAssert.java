package io.promoagent.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.ToolEffect;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an approval request of a reply, reached with {@link ReplyAssert#hasApprovalFor}. */
public final class ApprovalBlockAssert extends AbstractAssert<ApprovalBlockAssert, ApprovalBlock> {

    private final ReplyAssert reply;

    ApprovalBlockAssert(ApprovalBlock actual, ReplyAssert reply) {
        super(actual, ApprovalBlockAssert.class);
        this.reply = reply;
    }

    /** The proposed change has this effect ({@code WRITE} or {@code SEND}). */
    public ApprovalBlockAssert withEffect(ToolEffect expected) {
        if (actual.effect() != expected) {
            failWithMessage("Expected the change proposed by '%s' to %s but it would %s", actual.tool(),
                    expected.jsonName(), actual.effect().jsonName());
        }
        return this;
    }

    /** The proposed change affects exactly {@code expected} records. */
    public ApprovalBlockAssert withAffectedCount(int expected) {
        if (actual.affectedCount() != expected) {
            failWithMessage("Expected the change proposed by '%s' to affect %s record(s) but it affects %s",
                    actual.tool(), expected, actual.affectedCount());
        }
        return this;
    }

    /** The approval stands at {@code expected}. */
    public ApprovalBlockAssert withStatus(ApprovalStatus expected) {
        if (!actual.status().equals(expected.jsonName())) {
            failWithMessage("Expected the approval for '%s' to be %s but it is %s", actual.tool(), expected.jsonName(),
                    actual.status());
        }
        return this;
    }

    /** The approval waits for a person. */
    public ApprovalBlockAssert isPending() {
        return withStatus(ApprovalStatus.PENDING);
    }

    /** The summary shown to the approver contains {@code fragment}, ignoring case. */
    public ApprovalBlockAssert withSummaryContaining(String fragment) {
        if (!actual.summary().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
            failWithMessage("Expected the summary of the change proposed by '%s' to contain \"%s\" but it is \"%s\"",
                    actual.tool(), fragment, actual.summary());
        }
        return this;
    }

    /**
     * The call's arguments hold {@code expected} at the JSON Pointer {@code pointer} ({@code /discount/value});
     * numbers compare by value and text by its content.
     */
    public ApprovalBlockAssert withArgument(String pointer, Object expected) {
        JsonNode node = actual.arguments().at(pointer);
        if (node.isMissingNode()) {
            failWithMessage("Expected the arguments of '%s' to have %s but they are %s", actual.tool(), pointer,
                    actual.arguments());
        }
        Object value = node.isNumber() ? node.decimalValue() : node.isBoolean() ? (Object) node.booleanValue()
                : node.isTextual() ? node.textValue() : node;
        if (!TableBlockAssert.sameValue(value, expected)) {
            failWithMessage("Expected the arguments of '%s' to have %s = %s but it is %s", actual.tool(), pointer,
                    expected, node);
        }
        return this;
    }

    /** Back to the reply, for further assertions on it. */
    public ReplyAssert and() {
        return reply;
    }
}
