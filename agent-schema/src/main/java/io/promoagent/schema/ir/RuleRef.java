package io.promoagent.schema.ir;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Applies a named business rule of the data model, with arguments for its parameters:
 * {@code recent_orders(days = 60)}.
 *
 * @param rule the rule's name
 * @param args values for some or all of its parameters; the others take their defaults
 */
public record RuleRef(String rule, Map<String, Object> args) implements Filter {

    public RuleRef {
        Objects.requireNonNull(rule, "rule");
        TreeMap<String, Object> sorted = new TreeMap<>();
        args.forEach((k, v) -> sorted.put(k, Compare.normalise(v)));
        args = java.util.Collections.unmodifiableMap(sorted);
    }

    public static RuleRef of(String rule) {
        return new RuleRef(rule, Map.of());
    }

    public static RuleRef of(String rule, String param, Object value) {
        return new RuleRef(rule, Map.of(param, value));
    }
}
