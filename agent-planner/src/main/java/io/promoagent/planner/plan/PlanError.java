package io.promoagent.planner.plan;

import java.util.List;
import java.util.Objects;

/**
 * The request names something the data model or a tool does not have ("customers by favourite colour"),
 * or asks for a value a tool refuses ("a 150% discount"), with the nearest valid names.
 *
 * @param code        a stable code ({@code unknown_field}, {@code unknown_entity}, {@code invalid_argument})
 * @param message     what is wrong, in one sentence
 * @param suggestions the nearest valid names, best first
 * @param confidence  how sure the planner is that this is an error rather than a misreading
 * @param reason      how it read the request
 */
public record PlanError(String code, String message, List<String> suggestions, double confidence, String reason)
        implements Plan {

    public PlanError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        suggestions = List.copyOf(suggestions);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
        return "error";
    }
}
