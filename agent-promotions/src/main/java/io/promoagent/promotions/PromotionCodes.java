package io.promoagent.promotions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Makes promotion codes from a pattern and an alphabet. Deterministic: the same promotion and the same
 * codes taken give the same code, so that proposing a call again (as the approval service does before it
 * applies) gives the same record.
 */
final class PromotionCodes {

    private static final int MAX_ATTEMPTS = 64;
    private static final int MAX_AUDIENCE_LENGTH = 12;

    private PromotionCodes() {
    }

    /** A code given by a person, in the stored form (upper case, trimmed). */
    static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The pattern's code for this offer and audience if it is free, else the same followed by {@code -}
     * and generated characters, trying again until one is free.
     *
     * @throws PromotionException when no free code is found (an alphabet too small for the codes taken)
     */
    static String generate(PromotionSettings settings, DiscountType type, BigDecimal value, Audience audience,
                           Predicate<String> taken) {
        String base = expand(settings.codePattern(), type, value, audience);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String candidate = fill(base, settings.codeAlphabet(), base + "#" + attempt);
            if (attempt > 0 || candidate.length() < 3) {
                candidate = candidate + "-" + chars(settings.codeAlphabet(), settings.codeSuffixLength(), base + "/" + attempt);
            }
            candidate = fit(candidate);
            if (Promotion.CODE.matcher(candidate).matches() && !taken.test(candidate)) {
                return candidate;
            }
        }
        throw new PromotionException("no free promotion code was found for the pattern '" + settings.codePattern()
                + "' after " + MAX_ATTEMPTS + " attempts; give a code");
    }

    private static String expand(String pattern, DiscountType type, BigDecimal value, Audience audience) {
        String audiencePart = audience instanceof Audience.RuleAudience r ? r.rule() : audience instanceof Audience.Everyone ? "all" : "select";
        audiencePart = audiencePart.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (audiencePart.length() > MAX_AUDIENCE_LENGTH) {
            audiencePart = audiencePart.substring(0, MAX_AUDIENCE_LENGTH);
        }
        String valuePart = type == DiscountType.FREE_SHIPPING ? "FREESHIP"
                : value.stripTrailingZeros().toPlainString().replace('.', '_');
        return pattern.replace("{AUDIENCE}", audiencePart).replace("{VALUE}", valuePart).toUpperCase(Locale.ROOT);
    }

    /** Replaces each {@code #} with a character of the alphabet. */
    private static String fill(String base, String alphabet, String seed) {
        if (base.indexOf('#') < 0) {
            return base;
        }
        String generated = chars(alphabet, base.length(), seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            sb.append(base.charAt(i) == '#' ? generated.charAt(i) : base.charAt(i));
        }
        return sb.toString();
    }

    private static String chars(String alphabet, int n, String seed) {
        byte[] bytes = sha256(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(Byte.toUnsignedInt(bytes[i % bytes.length]) % alphabet.length()));
        }
        return sb.toString();
    }

    /** Cuts a long code to the 32 characters a code may have, keeping its generated end. */
    private static String fit(String code) {
        if (code.length() <= 32) {
            return code;
        }
        int dash = code.lastIndexOf('-');
        String end = dash > 0 ? code.substring(dash) : "";
        return code.substring(0, 32 - end.length()) + end;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
