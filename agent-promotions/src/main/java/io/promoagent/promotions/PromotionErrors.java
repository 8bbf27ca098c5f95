package io.promoagent.promotions;

/** The stable codes of the errors the promotion tools report, beside the query validator's. */
final class PromotionErrors {

    /** A value outside its bounds: a percent over 100, a negative amount, an end before the start. */
    static final String INVALID_VALUE = "invalid_promotion_value";
    /** A code another promotion has. */
    static final String CODE_TAKEN = "code_taken";
    /** No promotion has the code or id. */
    static final String UNKNOWN_PROMOTION = "unknown_promotion";
    /** The lifecycle does not allow the status change. */
    static final String ILLEGAL_TRANSITION = "illegal_transition";

    private PromotionErrors() {
    }
}
