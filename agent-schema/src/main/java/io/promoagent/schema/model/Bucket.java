package io.promoagent.schema.model;

import io.promoagent.schema.ir.CalendarUnit;
import java.util.Objects;

/**
 * Declares that a field is a derived bucket of a date field ({@code order_month} is the month of
 * {@code order_date}), so that a compiler can turn a date range into one lookup per covered bucket.
 *
 * @param of   the date field this field is derived from
 * @param unit the calendar unit of the bucket
 */
public record Bucket(String of, CalendarUnit unit) {

    public Bucket {
        Objects.requireNonNull(of, "of");
        Objects.requireNonNull(unit, "unit");
    }
}
