package io.promoagent.core.reply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.promoagent.schema.AgentException;

/**
 * The JSON form of replies that the web UI, the CLI and the WebSocket endpoint share: exact decimals
 * written plainly ({@code 1250.50}, never {@code 1.2505E3}), dates and times as ISO-8601 text, and each block
 * with a {@code type}.
 */
public final class ReplyJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReplyJson() {
    }

    /** The configured mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Reply reply) {
        try {
            return MAPPER.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply could not be written as JSON", e);
        }
    }

    public static ObjectNode toTree(Reply reply) {
        return MAPPER.valueToTree(reply);
    }

    /**
     * Reads a reply written by {@link #write}.
     *
     * @throws AgentException when the text is not a reply
     */
    public static Reply read(String json) {
        try {
            return MAPPER.readValue(json, Reply.class);
        } catch (JsonProcessingException e) {
            throw new AgentException("not a reply: " + e.getOriginalMessage(), e);
        }
    }
}
