package io.promoagent.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A conversation: its id, the messages remembered (oldest first) and when it last changed. A value; each
 * change makes a new one.
 *
 * @param id        the session id a client sends with each request
 * @param messages  the remembered messages, oldest first
 * @param updatedAt when a message was last added
 */
public record Session(String id, List<SessionMessage> messages, Instant updatedAt) {

    public Session {
        Objects.requireNonNull(id, "id");
        messages = List.copyOf(messages);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A conversation with nothing said yet. */
    public static Session empty(String id, Instant now) {
        return new Session(id, List.of(), now);
    }

    /** This session with the messages appended. */
    public Session append(Instant now, SessionMessage... added) {
        List<SessionMessage> all = new ArrayList<>(messages);
        all.addAll(List.of(added));
        return new Session(id, all, now);
    }

    public Session withMessages(List<SessionMessage> kept) {
        return new Session(id, kept, updatedAt);
    }
}
