package io.promoagent.schema.model;

/**
 * The largest query a {@link QueryValidator} accepts, so that a runaway model cannot make the engine do
 * unbounded work.
 *
 * @param maxFilterDepth how deeply filters may nest (the top filter is at depth 1)
 * @param maxInValues    the most values of an {@code in} comparison
 * @param maxStringLength the longest string value compared with a field
 * @param maxLimit       the largest {@code limit}
 * @param maxFields      the most fields, group keys or order keys
 * @param maxAggregates  the most aggregates
 */
public record Limits(int maxFilterDepth, int maxInValues, int maxStringLength, int maxLimit, int maxFields,
                     int maxAggregates) {

    public Limits {
        if (maxFilterDepth < 1 || maxInValues < 1 || maxStringLength < 1 || maxLimit < 1 || maxFields < 1
                || maxAggregates < 1) {
            throw new IllegalArgumentException("every limit is at least 1: " + maxFilterDepth + ", " + maxInValues
                    + ", " + maxStringLength + ", " + maxLimit + ", " + maxFields + ", " + maxAggregates);
        }
    }

    /** Depth 8, 100 values in a list, strings of 256 characters, limit 10,000, 50 fields, 20 aggregates. */
    public static Limits defaults() {
        return new Limits(8, 100, 256, 10_000, 50, 20);
    }
}
