package io.promoagent.example.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.core.security.Principal;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;

/** The messages the endpoint sends, as JSON text; their shapes are documented in docs/websocket-protocol.md. */
public final class ServerMessages {

    private static final ObjectMapper MAPPER = ReplyJson.mapper();

    private ServerMessages() {
    }

    /** The mapper every message is read and written with: exact decimals, ISO dates. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Sent on connect: the conversation the connection starts in. */
    public static String welcome(String sessionId) {
        ObjectNode m = message("welcome");
        m.put("sessionId", sessionId);
        return write(m);
    }

    /** Sent after a successful {@code auth}, or a key given on connect. */
    public static String authenticated(Principal principal, String sessionId) {
        ObjectNode m = message("authenticated");
        m.set("user", user(principal));
        m.put("sessionId", sessionId);
        return write(m);
    }

    /** The answer to {@code hello}: the conversation now in use, and whether it is the one asked for. */
    public static String session(String sessionId, boolean resumed) {
        ObjectNode m = message("session");
        m.put("sessionId", sessionId);
        m.put("resumed", resumed);
        return write(m);
    }

    public static String progress(String requestId, Progress progress) {
        ObjectNode m = message("progress");
        m.put("id", requestId);
        m.put("stage", progress.stage());
        progress.tool().ifPresent(t -> m.put("tool", t));
        progress.count().ifPresent(c -> m.put("count", c));
        progress.millis().ifPresent(t -> m.put("millis", t));
        return write(m);
    }

    public static String reply(String requestId, Reply reply) {
        // Written straight through one generator, the reply by ReplyJson's own serializers: a tree would pass
        // decimals through a node factory that drops trailing zeros, and splicing the reply's text in would
        // copy the largest messages twice more.
        StringWriter out = new StringWriter(8192);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "reply");
            g.writeStringField("id", requestId);
            g.writeFieldName("reply");
            MAPPER.writerFor(Reply.class).writeValue(g, reply);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("a reply could not be written as JSON", e);
        }
        return out.toString();
    }

    public static String pong(String requestId) {
        ObjectNode m = message("pong");
        if (!requestId.isEmpty()) {
            m.put("id", requestId);
        }
        return write(m);
    }

    public static String error(Optional<String> requestId, String code, String text) {
        ObjectNode m = message("error");
        requestId.ifPresent(id -> m.put("id", id));
        m.put("code", code);
        m.put("message", text);
        return write(m);
    }

    /** A principal as clients see it: id and roles, sorted. */
    public static ObjectNode user(Principal principal) {
        ObjectNode u = MAPPER.createObjectNode();
        u.put("id", principal.id());
        ArrayNode roles = u.putArray("roles");
        principal.roles().stream().sorted().forEach(roles::add);
        return u;
    }

    private static ObjectNode message(String type) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("type", type);
        return m;
    }

    static String write(Object json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message could not be written as JSON", e);
        }
    }
}
