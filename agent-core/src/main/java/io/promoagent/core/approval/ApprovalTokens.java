package io.promoagent.core.approval;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the signed tokens of approval grants: HMAC-SHA256 over the approval id, the change
 * set id, the change set's hash, the approver, a nonce and an expiry. A token cannot be forged without the
 * key, cannot be moved to another approval or change set, and names the one nonce the store accepts once.
 */
final class ApprovalTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    ApprovalTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an approval signing key has at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** What a token says, once its signature checked out. */
    record Claims(String approvalId, String changeSetId, String hash, String approver, String nonce, Instant expiresAt) {
    }

    static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String issue(Claims c) {
        String payload = String.join("\n", c.approvalId(), c.changeSetId(), c.hash(), c.approver(), c.nonce(),
                Long.toString(c.expiresAt().getEpochSecond()));
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(p) + "." + B64.encodeToString(mac(p));
    }

    /** The claims of a token whose signature is valid; empty for anything forged, altered or malformed. */
    Optional<Claims> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] p = B64D.decode(token.substring(0, dot));
            byte[] sig = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sig, mac(p))) {
                return Optional.empty();
            }
            String[] parts = new String(p, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 6) {
                return Optional.empty();
            }
            return Optional.of(new Claims(parts[0], parts[1], parts[2], parts[3], parts[4],
                    Instant.ofEpochSecond(Long.parseLong(parts[5]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
