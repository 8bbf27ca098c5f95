package io.promoagent.schema.ir;

import java.util.Locale;
import java.util.Optional;

/** A comparison operator, with the number of values it takes. */
public enum Operator {
    EQ(1, 1),
    NE(1, 1),
    GT(1, 1),
    GTE(1, 1),
    LT(1, 1),
    LTE(1, 1),
    BETWEEN(2, 2),
    IN(1, Integer.MAX_VALUE),
    CONTAINS(1, 1),
    BEGINS_WITH(1, 1),
    /** Text that ends with the value; evaluated by the engine or by a source that runs whole queries, never sent in a per-entity read. */
    ENDS_WITH(1, 1),
    IS_NULL(0, 0);

    private final int minValues;
    private final int maxValues;

    Operator(int minValues, int maxValues) {
        this.minValues = minValues;
        this.maxValues = maxValues;
    }

    public int minValues() {
        return minValues;
    }

    public int maxValues() {
        return maxValues;
    }

    /** Whether the operator orders values ({@code gt}, {@code between}, ...). */
    public boolean isOrdering() {
        return this == GT || this == GTE || this == LT || this == LTE || this == BETWEEN;
    }

    /** The lower-case name used in JSON ({@code begins_with}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operator> parse(String name) {
        for (Operator op : values()) {
            if (op.jsonName().equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
