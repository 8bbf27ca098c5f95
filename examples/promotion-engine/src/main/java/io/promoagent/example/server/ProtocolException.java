package io.promoagent.example.server;

import io.promoagent.schema.AgentException;
import java.util.Objects;
import java.util.Optional;

/** A message the endpoint refuses, with the code and request id of the {@code error} message it answers. */
public final class ProtocolException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The message could not be read. */
    public static final String BAD_REQUEST = "bad_request";
    /** The connection is not signed in, or the key is unknown. */
    public static final String UNAUTHENTICATED = "unauthenticated";

    private final String code;
    private final transient Optional<String> requestId;

    public ProtocolException(String code, Optional<String> requestId, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
    }

    public String code() {
        return code;
    }

    public Optional<String> requestId() {
        return requestId;
    }
}
