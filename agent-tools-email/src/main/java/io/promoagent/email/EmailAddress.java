package io.promoagent.email;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mailbox: an address and an optional display name.
 *
 * <p>Addresses are checked strictly enough to keep header injection out (no line breaks, no spaces,
 * one {@code @}, a dotted domain) and are kept in lower case, as the demo data stores them.
 *
 * @param address the address, lower case
 * @param name    the display name, if any
 */
public record EmailAddress(String address, Optional<String> name) {

    private static final Pattern ADDRESS = Pattern.compile("^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+$");

    public EmailAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        address = address.trim().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            throw new EmailException("'" + address + "' is not an e-mail address", false);
        }
        if (name.isPresent() && name.get().chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new EmailException("a display name cannot contain a line break", false);
        }
    }

    public static EmailAddress of(String address) {
        return new EmailAddress(address, Optional.empty());
    }

    public static EmailAddress of(String address, String name) {
        return new EmailAddress(address, Optional.ofNullable(name));
    }

    /** Whether {@code text} is shaped like an e-mail address. */
    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text.trim().toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return name.map(n -> n + " <" + address + ">").orElse(address);
    }
}
