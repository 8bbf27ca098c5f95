package io.promoagent.example.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SessionDirectory} for one server process. */
public final class InMemorySessionDirectory implements SessionDirectory {

    private final ConcurrentMap<String, String> owners = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String sessionId, String principalId) {
        return owners.computeIfAbsent(sessionId, id -> principalId).equals(principalId);
    }
}
