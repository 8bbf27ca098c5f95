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
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import io.promoagent.schema.validate.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of the query IR: what a model fills in and what tools exchange.
 *
 * <p>Reading is strict: unknown properties, missing properties and values of the wrong JSON type are
 * reported with their JSON paths in an {@link InvalidQueryException}, never ignored. Reading checks the
 * form only; {@link io.promoagent.schema.validate.QueryValidator} checks names and types against a data
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

    /**
     * The predicate of {@code rule} with {@code {"param": NAME}} replaced by the argument's value, or the
     * parameter's default.
     *
     * @throws InvalidQueryException for an unknown parameter, a missing argument or a value of the wrong type
     */
    public static Filter expandRule(Rule rule, Map<String, Object> args) {
        List<QueryError> errors = new ArrayList<>();
        String path = "$.rule(" + rule.name() + ")";
        for (String name : args.keySet()) {
            if (rule.parameter(name).isEmpty()) {
                errors.add(new QueryError(ErrorCode.UNKNOWN_RULE_PARAMETER, path + ".args." + name,
                        "rule '" + rule.name() + "' has no parameter '" + name + "'",
                        Suggestions.rank(name, rule.parameters().stream().map(RuleParameter::name).toList())));
            }
        }
        java.util.Map<String, JsonNode> values = new java.util.HashMap<>();
        for (RuleParameter p : rule.parameters()) {
            Object v = args.containsKey(p.name()) ? args.get(p.name()) : p.defaultValue().orElse(null);
            if (v == null) {
                errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path + ".args." + p.name(),
                        "rule '" + rule.name() + "' needs a value for '" + p.name() + "'"));
                continue;
            }
            if (v instanceof Integer || v instanceof Long) {
                v = BigDecimal.valueOf(((Number) v).longValue());
            }
            if (!fits(p.type(), v)) {
                errors.add(QueryError.of(ErrorCode.WRONG_VALUE_TYPE, path + ".args." + p.name(),
                        "'" + p.name() + "' of rule '" + rule.name() + "' is " + p.type().name().toLowerCase()
                                + ", not " + v));
                continue;
            }
            values.put(p.name(), scalar(v));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        JsonNode tree = substitute(parse(rule.predicateJson()), values);
        return readFilter(tree, path);
    }

    private static boolean fits(FieldType type, Object v) {
        if (type.isNumeric()) {
            return v instanceof BigDecimal d && (type == FieldType.NUMBER || d.stripTrailingZeros().scale() <= 0);
        }
        if (type == FieldType.BOOLEAN) {
            return v instanceof Boolean;
        }
        return v instanceof String;
    }

    private static JsonNode substitute(JsonNode node, Map<String, JsonNode> values) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("param") && node.get("param").isTextual()) {
                JsonNode v = values.get(node.get("param").textValue());
                if (v == null) {
                    throw new InvalidQueryException(QueryError.of(ErrorCode.UNKNOWN_RULE_PARAMETER, "$",
                            "the rule refers to an undeclared parameter '" + node.get("param").textValue() + "'"));
                }
                return v;
            }
            ObjectNode copy = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), substitute(e.getValue(), values));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(e -> copy.add(substitute(e, values)));
            return copy;
        }
        return node;
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
