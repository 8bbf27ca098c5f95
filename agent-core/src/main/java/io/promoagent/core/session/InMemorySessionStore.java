package io.promoagent.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SessionStore} in this process's memory: for tests, the CLI and single-instance servers. */
public final class InMemorySessionStore implements SessionStore {

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public void save(Session session) {
        Objects.requireNonNull(session, "session");
        sessions.put(session.id(), session);
    }

    @Override
    public void delete(String sessionId) {
        sessions.remove(sessionId);
    }

    public int size() {
        return sessions.size();
    }
}
