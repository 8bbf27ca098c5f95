package io.promoagent.email;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the send_email tool addresses and signs its messages.
 *
 * @param from              the sender
 * @param postalAddress     the sender's postal address, printed in every footer (anti-spam laws ask for it)
 * @param unsubscribeBase   the URL of the unsubscribe endpoint; a customer id and a signature are appended
 * @param unsubscribeKey    the HMAC key that signs unsubscribe links (at least 32 bytes)
 * @param allowList         addresses that may be mailed although they are not customers (the team's own)
 * @param maxRecipients     the most recipients one send may have
 */
public record EmailSettings(
        EmailAddress from,
        String postalAddress,
        String unsubscribeBase,
        byte[] unsubscribeKey,
        Set<String> allowList,
        int maxRecipients) {

    public EmailSettings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(postalAddress, "postalAddress");
        Objects.requireNonNull(unsubscribeBase, "unsubscribeBase");
        if (!unsubscribeBase.startsWith("https://") && !unsubscribeBase.startsWith("http://")) {
            throw new IllegalArgumentException("the unsubscribe base must be an http(s) URL: " + unsubscribeBase);
        }
        if (unsubscribeKey == null || unsubscribeKey.length < 32) {
            throw new IllegalArgumentException("the unsubscribe key needs at least 32 bytes");
        }
        unsubscribeKey = unsubscribeKey.clone();
        allowList = allowList.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1");
        }
    }

    @Override
    public byte[] unsubscribeKey() {
        return unsubscribeKey.clone();
    }

    public static EmailSettings of(String from, String postalAddress, String unsubscribeBase, byte[] key, List<String> allowList) {
        return new EmailSettings(EmailAddress.of(from), postalAddress, unsubscribeBase, key, Set.copyOf(allowList), 50_000);
    }
}
