package io.promoagent.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.json.QueryJson;
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
 * Binds a rule's parameters: the JSON of its predicate with each {@code {"param": NAME}} replaced, read
 * back as a filter. It lives with the model (not in the JSON reader) so that reading JSON needs no model.
 */
final class RuleExpansion {

    private RuleExpansion() {
    }

    /**
     * The predicate of {@code rule} with {@code {"param": NAME}} replaced by the argument's value, or the
     * parameter's default.
     *
     * @throws InvalidQueryException for an unknown parameter, a missing argument or a value of the wrong type
     */
    static Filter expand(Rule rule, Map<String, Object> args) {
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
            values.put(p.name(), QueryJson.scalar(v));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        JsonNode tree = substitute(QueryJson.parse(rule.predicateJson()), values);
        return QueryJson.readFilter(tree, path);
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
            ObjectNode copy = QueryJson.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), substitute(e.getValue(), values));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = QueryJson.mapper().createArrayNode();
            node.forEach(e -> copy.add(substitute(e, values)));
            return copy;
        }
        return node;
    }
}
