package io.promoagent.core.session;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where conversations are kept between requests. Implementations must be thread-safe; a store shared by
 * many instances (DynamoDB) makes the library stateless between requests.
 */
public interface SessionStore {

    /** How many times a store tries a change whose session another writer changed in between. */
    int UPDATE_ATTEMPTS = 20;

    Optional<Session> find(String sessionId);

    /** Stores the session, replacing any earlier state of it. */
    void save(Session session);

    void delete(String sessionId);

    /**
     * Changes a session atomically: {@code change} gets the stored session (empty when there is none) and
     * returns the new one, which is stored only if no other writer changed or deleted the session in between;
     * otherwise {@code change} is called again on the newer state. So {@code change} must have no side effect
     * (it may run more than once); an exception it throws leaves the session as it is and is rethrown.
     * Returning the stored session itself writes nothing.
     *
     * <p>What a held read's single use rests on, across instances. The stores of the library write
     * conditionally (DynamoDB: a condition on a revision attribute; PostgreSQL: an {@code UPDATE} that matches
     * the text it read; in memory: a compare-and-set). This default is atomic only among the callers of this
     * one object; a store shared by several instances must override it.
     *
     * @return the session as stored after the change
     * @throws io.promoagent.schema.source.DataSourceException when other writers kept changing the session
     *                                                         for {@value #UPDATE_ATTEMPTS} attempts
     */
    default Session update(String sessionId, Function<Optional<Session>, Session> change) {
        synchronized (this) {
            Optional<Session> current = find(sessionId);
            Session next = change.apply(current);
            if (current.isEmpty() || current.get() != next) {
                save(next);
            }
            return next;
        }
    }
}
