package io.promoagent.schema.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a source would execute a query, obtained without running it.
 *
 * @param source             the source's id
 * @param operation          the native operation ({@code GetItem}, {@code Query}, {@code Scan}, {@code SELECT})
 * @param accessPath         the table or index used ({@code customers}, {@code customers/segment-index})
 * @param nativeQuery        the native query text: key condition and filter expression, or SQL
 * @param estimatedReadUnits the estimated read capacity, 0 where the source does not count it
 * @param estimatedRows      the records the source expects to examine, where it can say (the planner's row
 *                           estimate of PostgreSQL, the items a DynamoDB request reads); empty when unknown
 * @param notes              further facts (calls, parallel segments, residual filters)
 */
public record Explanation(
        String source,
        String operation,
        String accessPath,
        String nativeQuery,
        double estimatedReadUnits,
        OptionalLong estimatedRows,
        List<String> notes) {

    public Explanation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(accessPath, "accessPath");
        Objects.requireNonNull(nativeQuery, "nativeQuery");
        Objects.requireNonNull(estimatedRows, "estimatedRows");
        notes = List.copyOf(notes);
    }

    /** An explanation whose source cannot estimate how many records it examines. */
    public Explanation(String source, String operation, String accessPath, String nativeQuery,
                       double estimatedReadUnits, List<String> notes) {
        this(source, operation, accessPath, nativeQuery, estimatedReadUnits, OptionalLong.empty(), notes);
    }

    /** This explanation with {@code more} notes after its own. */
    public Explanation withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new Explanation(source, operation, accessPath, nativeQuery, estimatedReadUnits, estimatedRows, all);
    }
}
