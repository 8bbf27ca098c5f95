package io.promoagent.schema;

/**
 * The root of every exception the promo-agent library throws, so that a caller can catch one type.
 *
 * <p>Each module adds precise subtypes (an invalid query, a refused approval, a failing data source);
 * none of the library's public methods throws a bare {@link RuntimeException}.
 */
public class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
