package io.promoagent.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A read the guard held (for the query tool or another tool that reads) in a conversation for the person's
 * confirmation, kept with the conversation so that any instance sharing the session store can confirm it and
 * run it once.
 *
 * @param handle    the random handle the person confirms it by
 * @param tool      the tool that asked: a confirmation runs a call of this tool only
 * @param digest    the SHA-256 of the arguments' canonical JSON (for the query tool the validated query): a
 *                  confirmation runs this call only
 * @param arguments the tool's arguments, as they were held
 * @param principal who asked: only they can confirm it
 * @param requestId the request that asked
 * @param estimate  the estimate that held it, in one sentence
 * @param expiresAt until when it can be confirmed and run
 * @param status    how far it got
 */
public record PendingRead(String handle, String tool, String digest, JsonNode arguments, String principal,
                          String requestId, String estimate, Instant expiresAt, Status status) {

    /** How far a held read got: each step happens once, in this order. */
    public enum Status {
        /** Waiting for the person's confirmation. */
        HELD,
        /** Confirmed: the next read of the same query by the same person in the conversation runs. */
        CONFIRMED,
        /** Run once confirmed; kept until it expires so that a replay is answered as such. */
        RUN
    }

    public PendingRead {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(digest, "digest");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /** This read at the next step. */
    public PendingRead with(Status next) {
        return new PendingRead(handle, tool, digest, arguments, principal, requestId, estimate, expiresAt, next);
    }

    /** Whether its time to be confirmed and run is over at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
