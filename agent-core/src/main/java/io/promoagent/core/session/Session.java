package io.promoagent.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The JSON a session store keeps for this session (its messages and update time; the id is the store's key). */
    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("updatedAt", updatedAt.toString());
        ArrayNode list = n.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role().jsonName()).put("text", m.text()));
        return n.toString();
    }

    /**
     * The session {@code id} kept as {@code json} by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such JSON
     */
    public static Session fromJson(String id, String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<SessionMessage> messages = new ArrayList<>();
            for (JsonNode m : n.get("messages")) {
                messages.add(new SessionMessage(SessionMessage.Role.valueOf(m.get("role").textValue().toUpperCase(Locale.ROOT)),
                        m.get("text").textValue()));
            }
            return new Session(id, messages, Instant.parse(n.get("updatedAt").textValue()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
}
