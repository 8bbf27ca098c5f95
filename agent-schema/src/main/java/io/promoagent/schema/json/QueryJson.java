package io.promoagent.schema.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.math.BigDecimal;

/**
 * The JSON form of the query IR: what a model fills in and what tools exchange.
 *
 * <p>Reading is strict: unknown properties, missing properties and values of the wrong JSON type are
 * reported with their JSON paths in an {@link InvalidQueryException}, never ignored. Reading checks the
 * form only; {@link io.promoagent.schema.model.QueryValidator} checks names and types against a data
 * model.
 */
public final class QueryJson {

    /** Arguments larger than this are refused before parsing. */
    public static final int MAX_JSON_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // keep 5.00 as written: Jackson strips trailing zeros of decimals in trees by default
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private QueryJson() {
    }

    /** The shared mapper settings: exact decimals, written plainly. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads a query from JSON text. */
    public static Query read(String json) {
        return read(parse(json));
    }

    /** Reads a query from a JSON tree. */
    public static Query read(JsonNode node) {
        QueryReader reader = new QueryReader();
        Query q = reader.query(node, "$");
        return checked(reader, q);
    }

    /** Reads a filter from a JSON tree; {@code path} prefixes the paths of errors. */
    public static Filter readFilter(JsonNode node, String path) {
        QueryReader reader = new QueryReader();
        Filter f = reader.filter(node, path, 1);
        return checked(reader, f);
    }

    public static Filter readFilter(String json) {
        return readFilter(parse(json), "$");
    }

    public static String write(Query query) {
        return toText(QueryWriter.query(query));
    }

    public static ObjectNode toTree(Query query) {
        return QueryWriter.query(query);
    }

    public static String write(Filter filter) {
        return toText(QueryWriter.filter(filter));
    }

    public static ObjectNode toTree(Filter filter) {
        return QueryWriter.filter(filter);
    }

    /** A JSON scalar for a value of the IR (String, BigDecimal, Boolean). */
    public static JsonNode scalar(Object value) {
        return QueryWriter.scalar(value);
    }

    /** Parses JSON text, reporting malformed text as an {@link InvalidQueryException}. */
    public static JsonNode parse(String json) {
        if (json == null) {
            throw new InvalidQueryException(QueryError.of(ErrorCode.MALFORMED_JSON, "$", "no JSON was given"));
        }
        if (json.length() > MAX_JSON_CHARS) {
            throw new InvalidQueryException(QueryError.of(ErrorCode.MALFORMED_JSON, "$",
                    "the JSON has " + json.length() + " characters; at most " + MAX_JSON_CHARS + " are read"));
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new InvalidQueryException(QueryError.of(ErrorCode.MALFORMED_JSON, "$", "the JSON is empty"));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new InvalidQueryException(QueryError.of(ErrorCode.MALFORMED_JSON, "$",
                    "not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private static <T> T checked(QueryReader reader, T value) {
        if (!reader.errors().isEmpty()) {
            throw new InvalidQueryException(reader.errors());
        }
        if (value == null) {
            throw new IllegalStateException("the reader returned nothing without an error");
        }
        return value;
    }

    private static String toText(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
