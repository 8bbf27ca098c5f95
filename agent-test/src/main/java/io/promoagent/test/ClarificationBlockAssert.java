package io.promoagent.test;

import io.promoagent.core.reply.ClarificationBlock;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the question a reply asks back, reached with {@link ReplyAssert#hasClarification}. */
public final class ClarificationBlockAssert extends AbstractAssert<ClarificationBlockAssert, ClarificationBlock> {

    private final ReplyAssert reply;

    ClarificationBlockAssert(ClarificationBlock actual, ReplyAssert reply) {
        super(actual, ClarificationBlockAssert.class);
        this.reply = reply;
    }

    /** The question contains {@code fragment}, ignoring case. */
    public ClarificationBlockAssert withMessageContaining(String fragment) {
        if (!actual.message().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
            failWithMessage("Expected the clarification to contain \"%s\" but it is \"%s\"", fragment, actual.message());
        }
        return this;
    }

    /** The choices offered are exactly these, in this order. */
    public ClarificationBlockAssert withOptions(String... expected) {
        if (!actual.options().equals(List.of(expected))) {
            failWithMessage("Expected the clarification to offer %s but it offers %s", List.of(expected), actual.options());
        }
        return this;
    }

    /** {@code expected} choices are offered. */
    public ClarificationBlockAssert withOptionCount(int expected) {
        if (actual.options().size() != expected) {
            failWithMessage("Expected the clarification to offer %s choice(s) but it offers %s", expected,
                    actual.options());
        }
        return this;
    }

    /** Back to the reply, for further assertions on it. */
    public ReplyAssert and() {
        return reply;
    }
}
