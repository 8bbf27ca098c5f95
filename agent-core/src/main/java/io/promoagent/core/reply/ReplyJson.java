package io.promoagent.core.reply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.promoagent.schema.AgentException;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON form of replies that the web UI, the CLI and the WebSocket endpoint share: exact decimals
 * written plainly ({@code 1250.50}, never {@code 1.2505E3}), dates and times as ISO-8601 text, and each block
 * with a {@code type}.
 */
public final class ReplyJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .addDecorator((factory, generator) -> new PlainNumbers(generator))
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

    /**
     * Writes any JSON tree on one line the way replies are written, numbers plain ({@code 20}, never
     * {@code 2E+1}). A tree's own {@code toString()} uses Jackson's default writer, which writes a
     * normalised decimal such as 20 as {@code 2E+1}, so every {@code --json} output goes through here.
     */
    public static String writeTree(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    public static ObjectNode toTree(Reply reply) {
        return MAPPER.valueToTree(reply);
    }

    /**
     * A generator that writes binary floating-point numbers as their shortest plain decimal: Jackson writes
     * a double with {@code Double.toString}, in exponent notation below 0.001 and from 10 million on
     * ({@code 1.0E-4}), whether it comes from a record's field or from a tree (an approval's preview).
     */
    private static final class PlainNumbers extends JsonGeneratorDelegate {
        PlainNumbers(JsonGenerator generator) {
            super(generator, true);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(BigDecimal.valueOf(v).stripTrailingZeros());
            } else {
                delegate.writeNumber(v);
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                delegate.writeNumber(new BigDecimal(Float.toString(v)).stripTrailingZeros());
            } else {
                delegate.writeNumber(v);
            }
        }
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
