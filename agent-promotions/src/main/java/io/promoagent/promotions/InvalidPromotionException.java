package io.promoagent.promotions;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A promotion whose values break its rules (a percent over 100, an end before the start), with every problem. */
public class InvalidPromotionException extends PromotionException {

    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param field   the stored name of the field at fault ({@code discount_value})
     * @param message what is wrong, in one sentence
     */
    public record Problem(String field, String message) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final transient List<Problem> problems;

    public InvalidPromotionException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid promotion has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
