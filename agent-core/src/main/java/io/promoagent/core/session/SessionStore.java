package io.promoagent.core.session;

import java.util.Optional;

/**
 * Where conversations are kept between requests. Implementations must be thread-safe; a store shared by
 * many instances (DynamoDB) makes the library stateless between requests.
 */
public interface SessionStore {

    Optional<Session> find(String sessionId);

    /** Stores the session, replacing any earlier state of it. */
    void save(Session session);

    void delete(String sessionId);
}
