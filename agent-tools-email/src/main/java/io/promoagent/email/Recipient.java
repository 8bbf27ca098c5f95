package io.promoagent.email;

import java.util.Objects;

/**
 * One person a send goes to.
 *
 * @param entity    {@code customers}, or {@link Recipients#ALLOW_LIST} for an allow-listed address
 * @param id        the customer id, or the address for an allow-listed one
 * @param address   where the message goes
 * @param firstName how the message greets them
 */
record Recipient(String entity, String id, EmailAddress address, String firstName) {

    Recipient {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(firstName, "firstName");
    }
}
