package io.promoagent.schema.source;

import java.util.List;
import java.util.Objects;

/**
 * How a source would execute a query, obtained without running it.
 *
 * @param source          the source's id
 * @param operation       the native operation ({@code GetItem}, {@code Query}, {@code Scan}, {@code SELECT})
 * @param accessPath      the table or index used ({@code customers}, {@code customers/segment-index})
 * @param nativeQuery     the native query text: key condition and filter expression, or SQL
 * @param estimatedReadUnits the estimated read capacity, 0 where the source does not count it
 * @param notes           further facts (calls, parallel segments, residual filters)
 */
public record Explanation(
        String source,
        String operation,
        String accessPath,
        String nativeQuery,
        double estimatedReadUnits,
        List<String> notes) {

    public Explanation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(accessPath, "accessPath");
        Objects.requireNonNull(nativeQuery, "nativeQuery");
        notes = List.copyOf(notes);
    }
}
