package io.promoagent.schema.model;

/**
 * One direction of a {@link Relationship}, as seen from the entity a query starts at.
 *
 * @param name        the name a query uses ({@code orders} from customers, {@code customer} from orders)
 * @param from        the entity the query is on
 * @param localField  the field of {@code from} that joins
 * @param to          the entity reached
 * @param remoteField the field of {@code to} that joins
 * @param toMany      whether one {@code from} record may reach many {@code to} records
 * @param relationship the declared relationship this direction belongs to
 */
public record Navigation(
        String name,
        String from,
        String localField,
        String to,
        String remoteField,
        boolean toMany,
        Relationship relationship) {
}
