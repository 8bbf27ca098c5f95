package io.promoagent.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe links signed per recipient, so that a link unsubscribes only the customer it was
 * sent to and cannot be guessed for another.
 */
public final class UnsubscribeLinks {

    private final String base;
    private final byte[] key;

    public UnsubscribeLinks(String base, byte[] key) {
        this.base = base;
        this.key = key.clone();
    }

    /** The link for a customer: {@code BASE?c=ID&s=SIGNATURE}. */
    public String linkFor(String customerId) {
        String sep = base.contains("?") ? "&" : "?";
        return base + sep + "c=" + java.net.URLEncoder.encode(customerId, StandardCharsets.UTF_8) + "&s=" + sign(customerId);
    }

    /** Whether a signature presented with a customer id is the one this key makes. */
    public boolean verify(String customerId, String signature) {
        return signature != null && MessageDigest.isEqual(sign(customerId).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(("unsubscribe:" + customerId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sig, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
