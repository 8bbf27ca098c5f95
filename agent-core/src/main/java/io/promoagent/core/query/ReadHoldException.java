package io.promoagent.core.query;

import io.promoagent.schema.AgentException;
import java.util.Objects;

/** A confirmation of a held read that was refused: an unknown handle, someone else's, expired, or used. */
public class ReadHoldException extends AgentException {

    private static final long serialVersionUID = 1L;

    /** No held read has the handle (a forged or mistyped one). */
    public static final String UNKNOWN_HOLD = "unknown_hold";
    /** The held read belongs to another person or conversation. */
    public static final String NOT_YOURS = "not_yours";
    /** The held read's time to be confirmed passed. */
    public static final String EXPIRED = "expired";
    /** The held read was confirmed already. */
    public static final String ALREADY_CONFIRMED = "already_confirmed";

    private final String code;

    public ReadHoldException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A stable code: {@code unknown_hold}, {@code not_yours}, {@code expired}, {@code already_confirmed}. */
    public String code() {
        return code;
    }
}
