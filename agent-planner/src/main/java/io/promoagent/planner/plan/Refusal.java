package io.promoagent.planner.plan;

import java.util.Objects;

/**
 * No tool does what is asked ("delete all customers"): nothing happens, and the person is told so.
 *
 * @param message    what cannot be done, and what can
 * @param confidence how sure the planner is that no tool fits
 * @param reason     how it read the request
 */
public record Refusal(String message, double confidence, String reason) implements Plan {

    public Refusal {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
        return "refuse";
    }
}
