package io.promoagent.schema.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * A window function: {@code rank} (1, 1, 3), {@code dense_rank} (1, 1, 2), {@code row_number},
 * {@code running_total} (sum of {@code of} up to this row), {@code previous} (the previous row's
 * {@code of}), {@code change} ({@code of} minus the previous), {@code percent_change} (the change as a
 * percentage of the previous), {@code relative_change} (the change as a fraction of the previous), {@code share} (percent of the partition's total of {@code of}).
 */
public enum WindowFunction {
    RANK(false),
    DENSE_RANK(false),
    ROW_NUMBER(false),
    RUNNING_TOTAL(true),
    PREVIOUS(true),
    CHANGE(true),
    PERCENT_CHANGE(true),
    RELATIVE_CHANGE(true),
    SHARE(true);

    private final boolean needsColumn;

    WindowFunction(boolean needsColumn) {
        this.needsColumn = needsColumn;
    }

    /** Whether the function reads a column ({@code of}); the ranks rank by the order alone. */
    public boolean needsColumn() {
        return needsColumn;
    }

    /** Whether the function needs an order: all but {@code share}. */
    public boolean needsOrder() {
        return this != SHARE;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WindowFunction> parse(String name) {
        for (WindowFunction f : values()) {
            if (f.jsonName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
