package io.promoagent.example.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.reply.TableRead;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One message a client sends over {@code /agent}, read strictly: a known {@code type}, its fields with the
 * right types and lengths, no other field. See {@code docs/websocket-protocol.md}.
 */
public sealed interface ClientMessage {

    /** The most characters of one message the endpoint reads. */
    int MAX_MESSAGE_CHARS = 16_384;
    /** The most characters of a request's text. */
    int MAX_TEXT_CHARS = 2_000;
    /** The most characters of an approval id. */
    int MAX_APPROVAL_ID_CHARS = 100;
    /** The most characters of a decision's reason. */
    int MAX_REASON_CHARS = 500;
    /** The most reads one {@code explain} message carries; a page sends a table with more in several. */
    int MAX_EXPLAIN_READS = 32;
    /** The most characters of what a read feeds ({@code purpose}). */
    int MAX_PURPOSE_CHARS = 300;

    /** The request id the client chose, echoed on everything answering it; empty for auth and hello. */
    default Optional<String> requestId() {
        return Optional.empty();
    }

    /** Signs the connection in with an API key. */
    record Auth(String key) implements ClientMessage {
    }

    /** Resumes an earlier conversation on this connection. */
    record Hello(String sessionId) implements ClientMessage {
    }

    /** A request in words. */
    record Ask(String id, String text) implements ClientMessage {
        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /** An approval or a rejection of a pending change set. */
    record Decide(String id, boolean approve, String approvalId, String reason) implements ClientMessage {
        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /** A request to roll back an applied change set. */
    record Rollback(String id, String changeSetId) implements ClientMessage {
        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /** The person's confirmation of a read the guard held, by the handle its {@code held_read} block gave. */
    record ConfirmRead(String id, String handle) implements ClientMessage {
        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /** A request to explain how a typed query (a table's {@code query}) reads its data, reading nothing. */
    record Explain(String id, JsonNode query) implements ClientMessage {
        public Explain {
            query = query.deepCopy();
        }

        @Override
        public JsonNode query() {
            return query.deepCopy();
        }

        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /**
     * A request to explain how a computed table (its {@code reads}) reads its data, each read in turn, reading
     * nothing: at least one and at most {@link #MAX_EXPLAIN_READS}.
     */
    record ExplainReads(String id, List<TableRead> reads) implements ClientMessage {
        public ExplainReads {
            reads = List.copyOf(reads);
        }

        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /** A liveness check, answered with {@code pong}. */
    record Ping(String id) implements ClientMessage {
        @Override
        public Optional<String> requestId() {
            return Optional.of(id);
        }
    }

    /**
     * Reads one message.
     *
     * @throws ProtocolException with code {@code bad_request} (and the request id when one could be read)
     */
    /**
     * Reads JSON refusing a field given twice: two readers of one message (a proxy that checks
     * {@code type}, the server that acts on it) must not be able to see two different messages.
     *
     * @throws ProtocolException with code {@code bad_request}: {@code notJson}, or the duplicate field's name
     */
    static JsonNode readStrictly(String text, ObjectMapper mapper, String notJson) {
        try {
            return mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(),
                        e.getOriginalMessage().replace("Duplicate field", "a field is given twice:"));
            }
            throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(), notJson);
        }
    }

    static ClientMessage parse(String text, ObjectMapper mapper) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(),
                    "a message may hold at most " + MAX_MESSAGE_CHARS + " characters");
        }
        JsonNode json = readStrictly(text, mapper, "a message must be a JSON object");
        if (json == null || !json.isObject()) {
            throw new ProtocolException(ProtocolException.BAD_REQUEST, Optional.empty(), "a message must be a JSON object");
        }
        Fields f = new Fields(json);
        String type = f.required("type", 20);
        return switch (type) {
            case "auth" -> {
                f.only("type", "key");
                yield new Auth(f.required("key", 200));
            }
            case "hello" -> {
                f.only("type", "sessionId");
                String sessionId = f.required("sessionId", 100);
                if (!SESSION_ID.matcher(sessionId).matches()) {
                    throw f.bad("sessionId must be letters, digits and dashes, 8 to 100 of them");
                }
                yield new Hello(sessionId);
            }
            case "ask" -> {
                f.only("type", "id", "text");
                String id = f.id();
                String question = f.required("text", MAX_TEXT_CHARS);
                if (question.isBlank()) {
                    throw f.bad("text must not be blank");
                }
                yield new Ask(id, question);
            }
            case "approve", "reject" -> {
                f.only("type", "id", "approvalId", "reason");
                yield new Decide(f.id(), type.equals("approve"), f.required("approvalId", MAX_APPROVAL_ID_CHARS),
                        f.optional("reason", MAX_REASON_CHARS));
            }
            case "rollback" -> {
                f.only("type", "id", "changeSetId");
                yield new Rollback(f.id(), f.required("changeSetId", 100));
            }
            case "confirm_read" -> {
                f.only("type", "id", "handle");
                yield new ConfirmRead(f.id(), f.required("handle", 100));
            }
            case "explain" -> {
                if (json.has("reads")) {
                    if (json.has("query")) {
                        throw f.bad("an explain message gives either 'query' or 'reads', not both");
                    }
                    f.only("type", "id", "reads");
                    yield new ExplainReads(f.id(), f.reads());
                }
                f.only("type", "id", "query");
                yield new Explain(f.id(), f.object("query"));
            }
            case "ping" -> {
                f.only("type", "id");
                yield new Ping(f.optional("id", 100));
            }
            default -> throw f.bad("unknown message type '" + type + "'; expected auth, hello, ask, approve, reject,"
                    + " rollback, confirm_read, explain or ping");
        };
    }

    /** Session ids are unguessable random ids: letters, digits and dashes. */
    Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9-]{8,100}");

    /** Reads fields of one message, naming the request id in every complaint once it is known. */
    final class Fields {
        private final JsonNode json;
        private final String prefix;
        private Optional<String> id = Optional.empty();

        /** The fields of an element of a message ({@code reads[2].}), complaining with the message's request id. */
        private Fields(JsonNode json, Optional<String> id, String prefix) {
            this.json = json;
            this.id = id;
            this.prefix = prefix;
        }

        private Fields(JsonNode json) {
            this.json = json;
            this.prefix = "";
            JsonNode idNode = json.get("id");
            if (idNode != null && idNode.isTextual() && idNode.textValue().length() <= 100) {
                id = Optional.of(idNode.textValue());
            }
        }

        String id() {
            String value = required("id", 100);
            if (value.isBlank()) {
                throw bad("id must not be blank");
            }
            return value;
        }

        String required(String name, int maxLength) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                throw bad("'" + prefix + name + "' is required");
            }
            return text(name, node, maxLength);
        }

        JsonNode object(String name) {
            JsonNode node = json.get(name);
            if (node == null || !node.isObject()) {
                throw bad("'" + prefix + name + "' must be a JSON object");
            }
            return node;
        }

        /** A table's reads: 1 to {@link #MAX_EXPLAIN_READS} objects, each a {@code query} object and an optional {@code purpose}. */
        List<TableRead> reads() {
            JsonNode node = json.get("reads");
            if (!node.isArray()) {
                throw bad("'reads' must be a JSON array");
            }
            if (node.isEmpty() || node.size() > MAX_EXPLAIN_READS) {
                throw bad("'reads' must hold 1 to " + MAX_EXPLAIN_READS + " reads, not " + node.size());
            }
            List<TableRead> reads = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Fields read = new Fields(node.get(i), id, "reads[" + i + "].");
                if (!node.get(i).isObject()) {
                    throw bad("reads[" + i + "] must be a JSON object");
                }
                read.only("query", "purpose");
                reads.add(new TableRead(read.object("query"), read.optional("purpose", MAX_PURPOSE_CHARS)));
            }
            return reads;
        }

        String optional(String name, int maxLength) {
            JsonNode node = json.get(name);
            return node == null || node.isNull() ? "" : text(name, node, maxLength);
        }

        private String text(String name, JsonNode node, int maxLength) {
            if (!node.isTextual()) {
                throw bad("'" + prefix + name + "' must be a string");
            }
            if (node.textValue().length() > maxLength) {
                throw bad("'" + prefix + name + "' may hold at most " + maxLength + " characters");
            }
            return node.textValue();
        }

        void only(String... names) {
            Set<String> allowed = Set.of(names);
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    throw bad("unknown field '" + prefix + name + "' in " + (prefix.isEmpty()
                            ? "a " + json.get("type").asText() + " message" : "a read"));
                }
            }
        }

        ProtocolException bad(String message) {
            return new ProtocolException(ProtocolException.BAD_REQUEST, id, message);
        }
    }
}
