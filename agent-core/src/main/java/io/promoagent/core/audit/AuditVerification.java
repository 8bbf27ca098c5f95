package io.promoagent.core.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of checking an audit chain.
 *
 * @param valid             whether every record links and hashes as it should
 * @param recordsChecked    how many records were read, the first bad one included
 * @param firstBadSequence  the sequence at which the chain breaks: the record that was edited, or the
 *                          position where a record is missing or out of place; empty when valid
 * @param problem           what is wrong there, in a sentence; empty when valid
 */
public record AuditVerification(boolean valid, long recordsChecked, OptionalLong firstBadSequence, String problem) {

    public AuditVerification {
        Objects.requireNonNull(firstBadSequence, "firstBadSequence");
        Objects.requireNonNull(problem, "problem");
        if (valid != firstBadSequence.isEmpty()) {
            throw new IllegalArgumentException("a valid chain has no bad sequence, a broken one has one");
        }
    }

    /** An unbroken chain of {@code records} records. */
    public static AuditVerification intact(long records) {
        return new AuditVerification(true, records, OptionalLong.empty(), "");
    }

    /** A chain that breaks at {@code sequence}. */
    public static AuditVerification broken(long recordsChecked, long sequence, String problem) {
        return new AuditVerification(false, recordsChecked, OptionalLong.of(sequence), problem);
    }

    @Override
    public String toString() {
        return valid ? "audit chain intact: " + recordsChecked + " records"
                : "audit chain broken at record " + firstBadSequence.getAsLong() + ": " + problem;
    }
}
