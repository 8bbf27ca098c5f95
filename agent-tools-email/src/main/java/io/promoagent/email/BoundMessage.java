package io.promoagent.email;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.schema.source.Row;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds one recipient's record of a send to the message the approver previewed: its after-image holds
 * the address, the subject, a digest of the body and headers, and the code and version of the promotion it
 * is about; its version is a digest of all of them. Apply renders the message again and sends only when
 * this record comes out the same for every recipient, so an approval never covers content or an address
 * the approver did not see.
 *
 * <p>The body is kept as a digest, not in full, so that a send to thousands stays small in the approval
 * store; the preview holds one full sample.
 */
final class BoundMessage {

    static final String ADDRESS = "address";
    static final String SUBJECT = "subject";
    static final String BODY_DIGEST = "body_digest";
    static final String PROMOTION = "promotion";
    static final String PROMOTION_VERSION = "promotion_version";

    private BoundMessage() {
    }

    /** The promotion a message is about, as it was read: its code and record version. */
    record PromotionRef(String code, String version) {
        PromotionRef {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(version, "version");
        }
    }

    /** The affected record of one recipient (of {@code entity}, with {@code key}), bound to the message rendered for them. */
    static AffectedRecord affected(String entity, Map<String, Object> key, EmailMessage m, Optional<PromotionRef> promotion) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put(ADDRESS, m.to().address());
        after.put(SUBJECT, m.subject());
        after.put(BODY_DIGEST, bodyDigest(m));
        promotion.ifPresent(p -> {
            after.put(PROMOTION, p.code());
            after.put(PROMOTION_VERSION, p.version());
        });
        String version = digest(after.values().stream().map(String::valueOf).toArray(String[]::new));
        return new AffectedRecord(entity, key, AffectedRecord.Operation.SEND, Optional.empty(),
                Optional.of(Row.of(after)), Optional.of(version));
    }

    /**
     * Why the message rendered now differs from the approved record, naming the record by its key only;
     * empty when it is the same.
     */
    static Optional<String> difference(AffectedRecord approved, AffectedRecord now) {
        if (approved.after().isEmpty() || approved.version().isEmpty()) {
            return Optional.of("the send was proposed before messages were bound to their content; propose it again");
        }
        if (!approved.entity().equals(now.entity()) || !approved.key().equals(now.key())) {
            return Optional.of("recipient " + approved.key() + " is not the approved one");
        }
        Row a = approved.after().get();
        Row n = now.after().orElseThrow();
        for (String field : new String[] {ADDRESS, PROMOTION, PROMOTION_VERSION, SUBJECT, BODY_DIGEST}) {
            if (!Objects.equals(a.valueOrNull(field), n.valueOrNull(field))) {
                return Optional.of(what(field) + " of the message to " + approved.entity() + " " + approved.key()
                        + " changed since the preview");
            }
        }
        if (!approved.version().equals(now.version())) {
            return Optional.of("the message to " + approved.entity() + " " + approved.key() + " changed since the preview");
        }
        return Optional.empty();
    }

    private static String what(String field) {
        return switch (field) {
            case ADDRESS -> "the address";
            case PROMOTION -> "the promotion";
            case PROMOTION_VERSION -> "the promotion (its record)";
            case SUBJECT -> "the subject";
            default -> "the body";
        };
    }

    /** The digest of a message's text and HTML parts and its extra headers. */
    static String bodyDigest(EmailMessage m) {
        return digest(m.text(), m.html(), headers(m));
    }

    private static String headers(EmailMessage m) {
        StringBuilder sb = new StringBuilder();
        m.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** {@code sha256:} and the unpadded base64url SHA-256 of the parts, each followed by NUL. */
    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
