package io.promoagent.planner.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import java.util.Objects;

/**
 * A call of a write or send tool, to be proposed: the tool only works out the change set, and a person
 * approves it before anything is written or sent.
 *
 * @param tool       the tool's name
 * @param effect     what the tool does
 * @param arguments  the arguments, filled from the request and the defaults of the tool's schema
 * @param confidence how sure the planner is
 * @param reason     how it read the request
 */
public record ToolPlan(String tool, ToolEffect effect, ObjectNode arguments, double confidence, String reason)
        implements Plan {

    public ToolPlan {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
        Objects.requireNonNull(reason, "reason");
    }

    /** A copy of the arguments. */
    @Override
    public ObjectNode arguments() {
        return arguments.deepCopy();
    }

    @Override
    public String kind() {
        return "tool";
    }
}
