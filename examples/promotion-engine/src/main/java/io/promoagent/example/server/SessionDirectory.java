package io.promoagent.example.server;

/**
 * Who each conversation belongs to, so that a session id resumed on a new connection continues only the
 * conversation of the person who started it: a session id is a bearer of history and must not let one
 * user read another's.
 */
public interface SessionDirectory {

    /**
     * Claims a session for a principal: true if it is new (and now theirs) or already theirs, false if it
     * belongs to someone else.
     */
    boolean claim(String sessionId, String principalId);
}
