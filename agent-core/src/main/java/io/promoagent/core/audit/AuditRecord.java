package io.promoagent.core.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of the audit hash chain: an {@link AuditEvent} with its sequence number, the hash of the record
 * before it and its own hash, {@code sha256} of the RFC 8785 canonical JSON of every other field.
 *
 * <p>The call's arguments are not kept, only their hash ({@link #argumentsHash}): arguments may carry values
 * of {@code ui}-visibility fields (e-mail addresses), which have no place in a log that is never deleted.
 *
 * <p>A record is a plain value: it may hold a hash that does not match its fields (one read back from a
 * tampered file), which is what {@link AuditVerifier} is there to find. Build new records with
 * {@link #first} and {@link #next}, which compute the hash.
 *
 * @param sequence      the position in the chain, from 1, without gaps
 * @param previousHash  the hash of record {@code sequence - 1}; {@link #GENESIS_HASH} for the first
 * @param hash          {@code sha256} of the canonical JSON of all the other fields
 * @param at            when the event happened
 * @param action        what kind of event it is
 * @param principal     the id of who did it
 * @param sessionId     the conversation
 * @param requestId     the request
 * @param tool          the tool's name (empty when no tool is concerned)
 * @param effect        the tool's effect; empty for a tool that is not registered
 * @param argumentsHash {@code sha256} of the canonical JSON of the call's arguments
 * @param outcome       how it ended
 * @param changeSetId   the change set concerned, if any
 * @param approvalId    the approval concerned, if any
 * @param affectedCount the number of records affected
 * @param detail        an error code and message, or empty
 */
public record AuditRecord(
        long sequence,
        String previousHash,
        String hash,
        Instant at,
        AuditAction action,
        String principal,
        String sessionId,
        String requestId,
        String tool,
        Optional<ToolEffect> effect,
        String argumentsHash,
        String outcome,
        Optional<String> changeSetId,
        Optional<String> approvalId,
        int affectedCount,
        String detail) {

    /** The previous hash of the first record: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("an audit record's sequence starts at 1, not " + sequence);
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(argumentsHash, "argumentsHash");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(changeSetId, "changeSetId");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(detail, "detail");
    }

    /** The first record of a chain. */
    public static AuditRecord first(AuditEvent event) {
        return link(1, GENESIS_HASH, event);
    }

    /** The record that follows {@code previous} in the chain. */
    public static AuditRecord next(AuditRecord previous, AuditEvent event) {
        return link(Math.addExact(previous.sequence, 1), previous.hash, event);
    }

    /** The record that follows {@code head}, or the first record when the chain is empty. */
    public static AuditRecord after(Optional<AuditRecord> head, AuditEvent event) {
        return head.map(h -> next(h, event)).orElseGet(() -> first(event));
    }

    private static AuditRecord link(long sequence, String previousHash, AuditEvent event) {
        AuditRecord unsealed = new AuditRecord(sequence, previousHash, "", event.at(), event.action(),
                wellFormed(event.principal()), wellFormed(event.sessionId()), wellFormed(event.requestId()),
                wellFormed(event.tool()), event.effect(), CanonicalJson.sha256(event.arguments()),
                wellFormed(event.outcome()), event.changeSetId().map(AuditRecord::wellFormed),
                event.approvalId().map(AuditRecord::wellFormed), event.affectedCount(), wellFormed(event.detail()));
        return unsealed.withHash(unsealed.computeHash());
    }

    /**
     * {@code s} with each unpaired surrogate (a message cut in the middle of an emoji) replaced by U+FFFD:
     * such a string has no UTF-8 form, so it could not be stored and read back to the same hash.
     */
    private static String wellFormed(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** The hash this record's fields give, whatever its {@link #hash} field says. */
    public String computeHash() {
        ObjectNode body = AuditRecordJson.toTree(this);
        body.remove("hash");
        return CanonicalJson.sha256(body);
    }

    /** Whether {@link #hash} is the hash of the other fields. */
    public boolean hashMatches() {
        return hash.equals(computeHash());
    }

    /** The same record with another hash field; for tools that re-seal, and for tests that tamper. */
    public AuditRecord withHash(String newHash) {
        return new AuditRecord(sequence, previousHash, newHash, at, action, principal, sessionId, requestId, tool,
                effect, argumentsHash, outcome, changeSetId, approvalId, affectedCount, detail);
    }

    /** A point in the chain to check a copy against later ({@link AuditVerifier#verify(Iterable, AuditAnchor)}). */
    public AuditAnchor anchor() {
        return new AuditAnchor(sequence, hash);
    }

    /**
     * The {@link #argumentsHash()} a call with {@code arguments} gets: the SHA-256 of their RFC 8785
     * canonical JSON, in hex. Lets a reader show that a call had given arguments without the log holding them.
     */
    public static String hashOfArguments(JsonNode arguments) {
        return CanonicalJson.sha256(arguments);
    }

    /** The record's JSON form: every field present, empty optionals as {@code null}. */
    @JsonValue
    public ObjectNode toTree() {
        return AuditRecordJson.toTree(this);
    }

    /** The record's JSON form on one line, as the JSON-lines store writes it. */
    public String toJson() {
        return AuditRecordJson.write(this);
    }

    /**
     * Reads the JSON form strictly: every field present with its type, no other field.
     *
     * @throws AuditException when {@code json} is not an audit record
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AuditRecord fromTree(JsonNode json) {
        return AuditRecordJson.read(json);
    }

    /**
     * Reads one record from its JSON text.
     *
     * @throws AuditException when {@code json} is not an audit record
     */
    public static AuditRecord fromJson(String json) {
        return AuditRecordJson.read(json);
    }
}
