package io.promoagent.schema.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random JSON for property tests: trees of objects, arrays and scalars whose keys and strings are often
 * the words of the query language, so that they reach deep into the reader and the validator; and random
 * edits of valid queries.
 */
final class RandomJson {

    static final List<String> KEYS = List.of("entity", "fields", "where", "groupBy", "aggregates", "having", "orderBy",
            "limit", "type", "field", "op", "value", "operands", "operand", "range", "amount", "unit", "offset", "from",
            "to", "rule", "args", "days", "via", "exists", "count", "fn", "measure", "as", "by", "direction", "truncate",
            "ignoreCase");
    static final List<String> WORDS = List.of("customers", "orders", "promotions", "customer", "and", "or", "not",
            "compare", "within", "rule", "related", "last", "next", "calendar", "rest_of", "to_today", "between", "day",
            "week", "month", "year", "eq", "ne", "gt", "gte", "lt", "in", "contains", "begins_with", "is_null", "segment",
            "total", "total_spent", "order_date", "join_date", "country", "status", "marketing_opt_in", "VIP", "vip",
            "UK", "customer.segment", "orders.total", "recent_orders", "vip", "revenue", "margin", "count",
            "count_distinct", "sum", "avg", "max", "asc", "desc", "2026-01-01", "2026-13-01", "", ".", "..",
            "customer.", "x".repeat(300));
    private static final List<BigDecimal> NUMBERS = List.of(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.TEN.negate(),
            new BigDecimal("2.5"), new BigDecimal("1e400"), new BigDecimal("1e-400"), new BigDecimal("1e99999999"),
            new BigDecimal("3650"), new BigDecimal("3651"), new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE),
            new BigDecimal("2147483648"), new BigDecimal("-2147483649"));

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    /** A random tree, at most {@code depth} levels deep. */
    JsonNode node(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 7);
        switch (kind) {
            case 0:
                return random.nextInt(4) == 0 ? F.textNode(garbage()) : F.textNode(word());
            case 1:
                return random.nextBoolean() ? F.numberNode(random.nextInt(40) - 10) : F.numberNode(pick(NUMBERS));
            case 2:
                return F.booleanNode(random.nextBoolean());
            case 3:
                return F.nullNode();
            case 4: {
                ArrayNode a = F.arrayNode();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(node(depth - 1));
                }
                return a;
            }
            default:
                return object(depth);
        }
    }

    ObjectNode object(int depth) {
        ObjectNode o = F.objectNode();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            o.set(random.nextInt(5) == 0 ? garbage() : pick(KEYS), node(depth - 1));
        }
        if (random.nextInt(3) > 0) {
            o.put(random.nextBoolean() ? "entity" : "type", word());
        }
        return o;
    }

    /** The tree with a few random edits: replaced, removed, added or retyped values. */
    JsonNode mutate(JsonNode tree, int edits) {
        JsonNode copy = tree.deepCopy();
        for (int i = 0; i < edits; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(copy, containers);
            JsonNode c = pick(containers);
            if (c instanceof ObjectNode o) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                int what = random.nextInt(8);
                if (names.isEmpty() || what == 0) {
                    o.set(pick(KEYS), node(2));
                } else if (what == 1) {
                    o.remove(pick(names));
                } else if (what == 2) {
                    String name = pick(names);
                    o.set(name, retyped(o.get(name)));
                } else if (what == 3) {
                    o.set(pick(names), node(2));
                } else {
                    // most edits keep the JSON type, so that the reader accepts them and the validator judges them
                    String name = pick(names);
                    o.set(name, sameType(o.get(name)));
                }
            } else if (c instanceof ArrayNode a) {
                int what = random.nextInt(4);
                if (a.isEmpty() || what == 0) {
                    a.add(node(2));
                } else {
                    int at = random.nextInt(a.size());
                    a.set(at, what == 1 ? retyped(a.get(at)) : sameType(a.get(at)));
                }
            }
        }
        return copy;
    }

    private JsonNode sameType(JsonNode n) {
        if (n.isTextual()) {
            return F.textNode(random.nextInt(3) == 0 ? typo(n.textValue()) : word());
        }
        if (n.isNumber()) {
            return random.nextBoolean() ? F.numberNode(random.nextInt(5000) - 100) : F.numberNode(pick(NUMBERS));
        }
        if (n.isBoolean()) {
            return F.booleanNode(!n.booleanValue());
        }
        return n;
    }

    private JsonNode retyped(JsonNode n) {
        if (n.isTextual()) {
            String s = n.textValue();
            return random.nextBoolean() ? F.textNode(typo(s)) : F.arrayNode().add(s);
        }
        if (n.isNumber()) {
            return random.nextBoolean() ? F.textNode(n.asText()) : F.numberNode(n.decimalValue().negate());
        }
        if (n.isBoolean()) {
            return F.textNode(n.asText());
        }
        return node(1);
    }

    private String typo(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        int i = random.nextInt(s.length());
        return s.substring(0, i) + s.substring(i + 1);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    collect(e.getValue(), out);
                }
            } else {
                n.forEach(x -> collect(x, out));
            }
        }
    }

    private String word() {
        return pick(WORDS);
    }

    private String garbage() {
        int n = random.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
        }
        return b.toString();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
