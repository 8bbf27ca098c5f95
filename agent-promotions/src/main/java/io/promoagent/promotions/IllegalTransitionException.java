package io.promoagent.promotions;

import java.util.Objects;

/** A status change the lifecycle does not allow, with the reason. */
public class IllegalTransitionException extends PromotionException {

    private static final long serialVersionUID = 1L;

    private final PromotionStatus from;
    private final PromotionStatus to;
    private final String reason;

    public IllegalTransitionException(String code, PromotionStatus from, PromotionStatus to, String reason) {
        super(code + " cannot go from " + from.jsonName() + " to " + to.jsonName() + ": " + reason);
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PromotionStatus from() {
        return from;
    }

    public PromotionStatus to() {
        return to;
    }

    /** Why, in one sentence. */
    public String reason() {
        return reason;
    }
}
