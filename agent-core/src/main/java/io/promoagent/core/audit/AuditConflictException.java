package io.promoagent.core.audit;

/**
 * An append refused because its sequence is taken (another writer appended first) or because the record
 * does not follow the store's head; the writer re-reads the head and links after it.
 */
public class AuditConflictException extends AuditException {

    private static final long serialVersionUID = 1L;

    private final long sequence;

    public AuditConflictException(long sequence, String message) {
        super(message);
        this.sequence = sequence;
    }

    public AuditConflictException(long sequence, String message, Throwable cause) {
        super(message, cause);
        this.sequence = sequence;
    }

    /** The sequence of the refused record. */
    public long sequence() {
        return sequence;
    }
}
