package io.promoagent.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

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

    /**
     * A compare-and-set on the map, tried again when another thread changed the session in between: some
     * thread always succeeds, so no attempt limit is needed in one process.
     */
    @Override
    public Session update(String sessionId, Function<Optional<Session>, Session> change) {
        while (true) {
            Session current = sessions.get(sessionId);
            Session next = Objects.requireNonNull(change.apply(Optional.ofNullable(current)), "session");
            if (next == current) {
                return next;
            }
            boolean stored = current == null ? sessions.putIfAbsent(sessionId, next) == null
                    : sessions.replace(sessionId, current, next);
            if (stored) {
                return next;
            }
        }
    }

    public int size() {
        return sessions.size();
    }
}
