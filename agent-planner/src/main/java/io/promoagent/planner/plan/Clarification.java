package io.promoagent.planner.plan;

import java.util.List;
import java.util.Objects;

/**
 * A question back to the person: the request names several records ("Email John" with several Johns),
 * leaves out what a tool needs, or was not understood.
 *
 * @param message    the question
 * @param options    answers the person can send back as they are; empty for an open question
 * @param confidence how sure the planner is that asking is right
 * @param reason     why it asks
 */
public record Clarification(String message, List<String> options, double confidence, String reason) implements Plan {

    public Clarification {
        Objects.requireNonNull(message, "message");
        options = List.copyOf(options);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
        return "clarify";
    }
}
