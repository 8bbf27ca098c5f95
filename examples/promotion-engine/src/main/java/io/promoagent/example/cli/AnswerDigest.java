package io.promoagent.example.cli;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A fingerprint of an answer taken row by row, so that an answer streamed out of the engine can be checked
 * without being held: the number of rows, the sum of a 64-bit hash of each row (whatever their order), and a
 * hash of the sequence of rows (their order). A row is hashed in a normal form: its columns by name, numbers
 * by value ({@code 10.50} as {@code 10.5}), since PostgreSQL and the reference evaluator may write a sum with
 * another scale. Two different answers have the same fingerprint only by a 64-bit collision.
 */
final class AnswerDigest implements Consumer<Row> {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long rows;
    private long unordered;
    private long ordered = FNV_OFFSET;

    static AnswerDigest of(List<Row> rows) {
        AnswerDigest d = new AnswerDigest();
        rows.forEach(d);
        return d;
    }

    @Override
    public void accept(Row row) {
        long h = hash(row);
        rows++;
        unordered += h;
        ordered = (ordered ^ h) * FNV_PRIME;
    }

    long rows() {
        return rows;
    }

    /** Whether this is the fingerprint of the same answer as {@code other}: rows in the same order when {@code inOrder}. */
    boolean sameAnswer(AnswerDigest other, boolean inOrder) {
        return rows == other.rows && unordered == other.unordered && (!inOrder || ordered == other.ordered);
    }

    private static long hash(Row row) {
        Map<String, Object> normal = new TreeMap<>();
        row.values().forEach((k, v) -> normal.put(k, v instanceof BigDecimal d ? d.stripTrailingZeros() : v));
        long h = FNV_OFFSET;
        for (byte b : normal.toString().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * FNV_PRIME;
        }
        // a final mix, so that sums of hashes of similar rows do not cancel out
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
