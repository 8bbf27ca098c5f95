package io.promoagent.promotions;

import io.promoagent.schema.AgentException;

/** The root of the exceptions of agent-promotions. */
public class PromotionException extends AgentException {

    private static final long serialVersionUID = 1L;

    public PromotionException(String message) {
        super(message);
    }

    public PromotionException(String message, Throwable cause) {
        super(message, cause);
    }
}
