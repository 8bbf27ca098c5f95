package io.promoagent.planner.plan;

/**
 * When a plan is sure enough to act on as it is. One value, so that the planner and the orchestrators on it
 * agree: the planner asks about a read, write or send it is less sure of instead of planning it, the offline
 * orchestrator marks a read below it as a guess, and the hybrid orchestrator hands a plan below it to the
 * model.
 *
 * @param threshold the confidence, in [0, 1], from which a plan is sure
 */
public record ConfidencePolicy(double threshold) {

    /** What the planner and the orchestrators use unless told otherwise: a plan is sure from 0.6. */
    public static final ConfidencePolicy DEFAULT = new ConfidencePolicy(0.6);

    public ConfidencePolicy {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold lies between 0 and 1, not " + threshold);
        }
    }

    /** Whether a plan made with this confidence is sure. */
    public boolean isSure(double confidence) {
        return confidence >= threshold;
    }

    /**
     * A confidence below the threshold for a plan that must not be acted on as it is (a word of the request
     * nothing in it accounts for): the lower of {@code confidence} and half the threshold.
     */
    public double doubtful(double confidence) {
        return Math.min(confidence, threshold / 2);
    }

    /** Whether the plan is sure. */
    public boolean isSure(Plan plan) {
        return isSure(plan.confidence());
    }
}
