package io.promoagent.test;

import io.promoagent.core.reply.TableBlock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a table of a reply, reached with {@link ReplyAssert#hasTable}. */
public final class TableBlockAssert extends AbstractAssert<TableBlockAssert, TableBlock> {

    private final ReplyAssert reply;

    TableBlockAssert(TableBlock actual, ReplyAssert reply) {
        super(actual, TableBlockAssert.class);
        this.reply = reply;
    }

    /** The table shows exactly {@code expected} rows. */
    public TableBlockAssert withRowCount(int expected) {
        if (actual.rows().size() != expected) {
            failWithMessage("Expected the table of '%s' to show %s row(s) but it shows %s", actual.entity(), expected,
                    actual.rows().size());
        }
        return this;
    }

    /** {@code expected} rows matched, however many are shown. */
    public TableBlockAssert withTotal(long expected) {
        if (actual.total() != expected) {
            failWithMessage("Expected the table of '%s' to report %s matching row(s) but it reports %s",
                    actual.entity(), expected, actual.total());
        }
        return this;
    }

    /** The table's columns are exactly these, in this order. */
    public TableBlockAssert withColumns(String... expected) {
        if (!actual.columns().equals(List.of(expected))) {
            failWithMessage("Expected the table of '%s' to have columns %s but it has %s", actual.entity(),
                    List.of(expected), actual.columns());
        }
        return this;
    }

    /** The table has a column {@code name}. */
    public TableBlockAssert withColumn(String name) {
        if (!actual.columns().contains(name)) {
            failWithMessage("Expected the table of '%s' to have a column '%s' but it has %s", actual.entity(), name,
                    actual.columns());
        }
        return this;
    }

    /** The table has no column {@code name}, and no row holds a value for it. */
    public TableBlockAssert withoutColumn(String name) {
        if (actual.columns().contains(name) || actual.rows().stream().anyMatch(row -> row.containsKey(name))) {
            failWithMessage("Expected the table of '%s' to have no column '%s' but it has %s", actual.entity(), name,
                    actual.columns());
        }
        return this;
    }

    /**
     * Every row holds {@code expected} in {@code column}; numbers compare by value ({@code 2000} equals
     * {@code 2000.00}), and an {@code int} or {@code long} is taken as a number.
     */
    public TableBlockAssert allRowsHave(String column, Object expected) {
        for (int i = 0; i < actual.rows().size(); i++) {
            Object value = actual.rows().get(i).get(column);
            if (!sameValue(value, expected)) {
                failWithMessage("Expected every row of the table of '%s' to have %s = %s but row %s has %s",
                        actual.entity(), column, expected, i, value);
            }
        }
        return this;
    }

    /** Every row meets {@code condition}, described by {@code description} in a failure. */
    public TableBlockAssert allRowsMatch(Predicate<Map<String, Object>> condition, String description) {
        for (int i = 0; i < actual.rows().size(); i++) {
            if (!condition.test(actual.rows().get(i))) {
                failWithMessage("Expected every row of the table of '%s' to be %s but row %s is %s", actual.entity(),
                        description, i, actual.rows().get(i));
            }
        }
        return this;
    }

    /** Some row holds {@code expected} in {@code column} (numbers compare by value). */
    public TableBlockAssert hasRowWith(String column, Object expected) {
        if (actual.rows().stream().noneMatch(row -> sameValue(row.get(column), expected))) {
            failWithMessage("Expected a row of the table of '%s' with %s = %s but there is none among %s row(s)",
                    actual.entity(), column, expected, actual.rows().size());
        }
        return this;
    }

    /** Back to the reply, for further assertions on it. */
    public ReplyAssert and() {
        return reply;
    }

    static boolean sameValue(Object value, Object expected) {
        BigDecimal a = number(value);
        BigDecimal b = number(expected);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(value, expected);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return null;
    }
}
