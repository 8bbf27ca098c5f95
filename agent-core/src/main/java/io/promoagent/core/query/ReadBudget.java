package io.promoagent.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much one request (a person's message: the queries run for it) may read before a person must confirm
 * it, and when a DynamoDB table counts as large.
 * The defaults are far above what the demo's own requests read, so only a read that is expensive in
 * earnest asks.
 *
 * @param readUnits       the most DynamoDB read units the reads of one request may be estimated to use
 * @param rowsScanned     the most records (DynamoDB items, PostgreSQL rows) the reads of one request may be
 *                        estimated to examine, in all their sources together
 * @param largeTableItems a full scan of a DynamoDB table of more items than this always asks, whatever the
 *                        budget
 */
public record ReadBudget(double readUnits, long rowsScanned, long largeTableItems) {

    /** 50,000 read units, 1,000,000 records, and tables of over 100,000 items are large. */
    public static final ReadBudget DEFAULTS = new ReadBudget(50_000, 1_000_000, 100_000);

    public ReadBudget {
        if (readUnits < 0 || rowsScanned < 0 || largeTableItems < 0) {
            throw new IllegalArgumentException("a read budget cannot be negative");
        }
    }

    /** A budget that never asks: no limit on read units, records, or full scans. */
    public static ReadBudget unlimited() {
        return new ReadBudget(Double.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Whether this budget never asks, so that estimating before a read can be skipped. */
    public boolean isUnlimited() {
        return readUnits == Double.MAX_VALUE && rowsScanned == Long.MAX_VALUE && largeTableItems == Long.MAX_VALUE;
    }

    public ReadBudget withReadUnits(double value) {
        return new ReadBudget(value, rowsScanned, largeTableItems);
    }

    public ReadBudget withRowsScanned(long value) {
        return new ReadBudget(readUnits, value, largeTableItems);
    }

    public ReadBudget withLargeTableItems(long value) {
        return new ReadBudget(readUnits, rowsScanned, value);
    }

    /**
     * Why {@code estimate} needs a person's confirmation, in words; empty when it is within this budget.
     */
    public Optional<String> exceededBy(ReadEstimate estimate) {
        return exceededBy(estimate, 0, 0);
    }

    /**
     * Why {@code estimate} needs a person's confirmation when reads of {@code unitsBefore} read units and
     * {@code rowsBefore} records ran before it in the same request: the budget is per request, so that a
     * read split into many small ones is held too.
     */
    public Optional<String> exceededBy(ReadEstimate estimate, double unitsBefore, long rowsBefore) {
        List<String> why = new ArrayList<>();
        for (ReadEstimate.SourceRead read : estimate.reads()) {
            if (read.fullScan() && read.rows().isPresent() && read.rows().getAsLong() > largeTableItems) {
                why.add("it scans the whole " + read.accessPath() + " table (" + Counts.of(read.rows().getAsLong())
                        + " items, more than the " + Counts.of(largeTableItems) + " that make a table large)");
            }
        }
        String with = "with the reads before it in this request, ";
        double units = unitsBefore + estimate.readUnits();
        if (units > readUnits) {
            why.add((unitsBefore > 0 ? with : "") + "it needs about " + Counts.of(units)
                    + " read units, over the budget of " + Counts.of(readUnits));
        }
        long rows = rowsBefore + estimate.rowsScanned();
        if (rows > rowsScanned) {
            why.add((rowsBefore > 0 ? with : "") + "it examines about " + Counts.of(rows)
                    + " records, over the budget of " + Counts.of(rowsScanned));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }
}
