package io.promoagent.promotions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which members of a promotion's audience are held out as its control group: a customer is in the control
 * group when the position of (promotion code, customer id) on [0, 1) is below the control share.
 *
 * <p>The position is a hash, not a draw, so that the same customer is in or out of the same promotion's
 * control group in the proposal, at apply time, in the data generator and in the measurement, without
 * storing a list of members.
 */
public final class Holdout {
    /** The largest control share accepted: holding out more than half of an audience wastes the promotion. */
    public static final double MAX_SHARE = 0.5;
    /** The smallest control share accepted: a smaller group cannot measure anything. */
    public static final double MIN_SHARE = 0.02;

    private Holdout() {
    }

    /** Whether the customer is held out of the promotion whose control share is {@code share}. */
    public static boolean inControl(String promotionCode, String customerId, double share) {
        return share > 0 && position(promotionCode, customerId) < share;
    }

    /** The customer's place on [0, 1) for this promotion, uniform over customers and independent between codes. */
    public static double position(String promotionCode, String customerId) {
        Objects.requireNonNull(promotionCode, "promotionCode");
        Objects.requireNonNull(customerId, "customerId");
        byte[] digest = sha256((promotionCode.toUpperCase(Locale.ROOT) + "\u0000" + customerId)
                .getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        return (bits >>> 3) / (double) (1L << 53);
    }

    /** Why a control share cannot be used; empty when it can. */
    public static Optional<String> refusalOf(double share) {
        if (Double.isNaN(share) || share < MIN_SHARE || share > MAX_SHARE) {
            return Optional.of("a control share lies between " + MIN_SHARE + " and " + MAX_SHARE + " of the audience, not "
                    + share + ": a smaller group measures nothing and a larger one withholds the offer from too many");
        }
        return Optional.empty();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
