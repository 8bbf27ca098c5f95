package io.promoagent.jdbc.internal;

/**
 * A query the SQL compiler does not compile whole (an entity of another source, a construct it has no case
 * for): the engine then runs it entity by entity. Never reaches a caller.
 */
final class Unsupported extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
        super(reason, null, false, false);
    }
}
