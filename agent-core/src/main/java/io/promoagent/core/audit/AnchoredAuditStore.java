package io.promoagent.core.audit;

import io.promoagent.core.audit.JsonLinesAuditStore.OnBrokenChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditStore} verified when it is opened and anchored outside itself: the chain is checked at
 * start-up against an {@link AuditAnchor} (the last record's sequence and hash) kept in a file beside the
 * application rather than in the store, and the file is brought forward after every append. Editing a record
 * breaks a link; cutting records off the end, or recomputing the whole chain, breaks none but no longer
 * reaches the anchor, and is caught at the next start.
 *
 * <p>For one process that owns the store (a {@code serve --data-dir} folder); the anchor file must be
 * somewhere the store's other writers cannot reach for it to prove anything. An append whose anchor update
 * is cut short by a crash leaves the anchor one record behind: the record appended last is then the one a
 * truncation can remove unnoticed.
 */
public final class AnchoredAuditStore implements AuditStore {

    private static final Logger LOG = LoggerFactory.getLogger(AnchoredAuditStore.class);

    private final AuditStore store;
    private final Path anchorFile;
    private final AuditVerification verificationAtOpen;

    private AnchoredAuditStore(AuditStore store, Path anchorFile, AuditVerification verificationAtOpen) {
        this.store = store;
        this.anchorFile = anchorFile;
        this.verificationAtOpen = verificationAtOpen;
    }

    /**
     * Verifies the chain in {@code store} against the anchor in {@code anchorFile} (when the file exists)
     * and opens it; an absent file is created at the first append.
     *
     * @throws BrokenAuditChainException when the chain does not verify (naming the record that broke it) and
     *                                   {@code onBroken} is REFUSE
     * @throws AuditException            when the store or the anchor file cannot be read
     */
    public static AnchoredAuditStore open(AuditStore store, Path anchorFile, OnBrokenChain onBroken) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(anchorFile, "anchorFile");
        Objects.requireNonNull(onBroken, "onBroken");
        Optional<AuditAnchor> anchor = readAnchor(anchorFile);
        AuditVerification verification = anchor.map(a -> AuditVerifier.verify(store, a)).orElseGet(() -> AuditVerifier.verify(store));
        AnchoredAuditStore opened = new AnchoredAuditStore(store, anchorFile, verification);
        if (!verification.valid()) {
            if (onBroken == OnBrokenChain.REFUSE) {
                throw new BrokenAuditChainException("the audit chain was refused at start-up (anchor " + anchorFile + ")",
                        verification);
            }
            LOG.warn("audit chain opened with a broken chain, as told: {}; the anchor moves to the current head", verification);
            Optional<AuditRecord> head = store.head();
            if (head.isPresent()) {
                opened.writeAnchor(head.get());
            } else {
                try {
                    Files.deleteIfExists(anchorFile);
                } catch (IOException e) {
                    throw new AuditException("the audit anchor " + anchorFile + " cannot be removed: " + e.getMessage(), e);
                }
            }
        }
        return opened;
    }

    /** What the verification at opening found. */
    public AuditVerification verificationAtOpen() {
        return verificationAtOpen;
    }

    /** The anchor as the file holds it now; empty before the first append. */
    public Optional<AuditAnchor> anchor() {
        return readAnchor(anchorFile);
    }

    @Override
    public synchronized void append(AuditRecord record) {
        store.append(record);
        writeAnchor(record);
    }

    @Override
    public Optional<AuditRecord> head() {
        return store.head();
    }

    @Override
    public List<AuditRecord> read(long fromSequence, int limit) {
        return store.read(fromSequence, limit);
    }

    /** The anchor file: one line, the sequence and the hash; replaced whole so that it is never half written. */
    private void writeAnchor(AuditRecord head) {
        Path partial = anchorFile.resolveSibling(anchorFile.getFileName() + ".partial");
        try {
            Files.writeString(partial, head.sequence() + " " + head.hash() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(partial, anchorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, anchorFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AuditException("the audit anchor " + anchorFile + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static Optional<AuditAnchor> readAnchor(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            if (parts.length != 2) {
                throw new AuditException("the audit anchor " + file + " is damaged: expected 'SEQUENCE HASH'");
            }
            return Optional.of(new AuditAnchor(Long.parseLong(parts[0]), parts[1]));
        } catch (IOException e) {
            throw new AuditException("the audit anchor " + file + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new AuditException("the audit anchor " + file + " is damaged: " + e.getMessage(), e);
        }
    }
}
