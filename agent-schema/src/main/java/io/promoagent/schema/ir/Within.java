package io.promoagent.schema.ir;

import java.util.Objects;

/**
 * True when a date field lies in a time range: {@code order_date} in the last 30 days.
 *
 * @param field a {@code date} or {@code timestamp} field
 * @param range the range, resolved against the query engine's clock
 */
public record Within(String field, TimeRange range) implements Filter {

    public Within {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(range, "range");
    }
}
