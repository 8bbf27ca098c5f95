package io.promoagent.test;

import io.promoagent.core.reply.ErrorBlock;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/** Assertions on an error of a reply, reached with {@link ReplyAssert#hasError}. */
public final class ErrorBlockAssert extends AbstractAssert<ErrorBlockAssert, ErrorBlock> {

    private final ReplyAssert reply;

    ErrorBlockAssert(ErrorBlock actual, ReplyAssert reply) {
        super(actual, ErrorBlockAssert.class);
        this.reply = reply;
    }

    /** The message contains {@code fragment}, ignoring case. */
    public ErrorBlockAssert withMessageContaining(String fragment) {
        if (!actual.message().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
            failWithMessage("Expected the message of error '%s' to contain \"%s\" but it is \"%s\"", actual.code(),
                    fragment, actual.message());
        }
        return this;
    }

    /** The error suggests these names, best first, and no others. */
    public ErrorBlockAssert withSuggestions(String... expected) {
        if (!actual.suggestions().equals(List.of(expected))) {
            failWithMessage("Expected error '%s' to suggest %s but it suggests %s", actual.code(), List.of(expected),
                    actual.suggestions());
        }
        return this;
    }

    /** The error suggests {@code name} first. */
    public ErrorBlockAssert withFirstSuggestion(String name) {
        if (actual.suggestions().isEmpty() || !actual.suggestions().get(0).equals(name)) {
            failWithMessage("Expected error '%s' to suggest '%s' first but it suggests %s", actual.code(), name,
                    actual.suggestions());
        }
        return this;
    }

    /** Back to the reply, for further assertions on it. */
    public ReplyAssert and() {
        return reply;
    }
}
