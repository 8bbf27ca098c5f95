package io.promoagent.core.audit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditStore} in an append-only file, one record's JSON per line, each line forced to disk
 * before {@link #append} returns.
 *
 * <p>On opening, the file is read back and its chain verified; a file whose chain does not verify is
 * refused ({@link BrokenAuditChainException}) unless {@link OnBrokenChain#OPEN} says to open it anyway, to
 * read it or to keep a service running while the damage is looked into. Bytes after the last newline are
 * the remains of an append that never returned (the process died while writing) and are cut off.
 *
 * <p>The store holds an exclusive lock on the file while open, so a second store, in this process or
 * another, cannot open it and fork the chain. It keeps only the head and each line's offset in memory.
 */
public final class JsonLinesAuditStore implements AuditStore, Closeable {

    /** What to do with a file whose chain does not verify. */
    public enum OnBrokenChain {
        /** Refuse to open it. */
        REFUSE,
        /** Open it: its readable records are served and new records link after the last of them. */
        OPEN
    }

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditStore.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AuditVerification verificationAtOpen;

    /** Start offset of the line of each record served, by position. */
    private long[] offsets = new long[1024];
    private int count;
    /** The size of the file: where the next line goes. */
    private long end;
    private Optional<AuditRecord> head = Optional.empty();
    /** Set when a failed write could not be undone: the file's tail is unknown, so nothing more is appended. */
    private String unusable;

    /** Opens {@code file}, creating it if absent, and refuses it if its chain does not verify. */
    public JsonLinesAuditStore(Path file) {
        this(file, OnBrokenChain.REFUSE);
    }

    /**
     * Opens {@code file}, creating it and its directory if absent.
     *
     * @throws BrokenAuditChainException when its chain does not verify and {@code onBroken} is REFUSE
     * @throws AuditException            when it cannot be read, or another store holds it
     */
    public JsonLinesAuditStore(Path file, OnBrokenChain onBroken) {
        this.file = Objects.requireNonNull(file, "file");
        Objects.requireNonNull(onBroken, "onBroken");
        FileChannel opened = null;
        FileLock locked;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            locked = opened.tryLock();
            if (locked == null) {
                throw new AuditException("audit file " + file + " is open in another process");
            }
        } catch (OverlappingFileLockException e) {
            closeQuietly(opened);
            throw new AuditException("audit file " + file + " is open in this process already", e);
        } catch (IOException e) {
            closeQuietly(opened);
            throw new AuditException("audit file " + file + " cannot be opened: " + e.getMessage(), e);
        } catch (AuditException e) {
            closeQuietly(opened);
            throw e;
        }
        this.channel = opened;
        this.lock = locked;
        try {
            this.verificationAtOpen = load();
        } catch (IOException e) {
            close();
            throw new AuditException("audit file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!verificationAtOpen.valid()) {
            if (onBroken == OnBrokenChain.REFUSE) {
                close();
                throw new BrokenAuditChainException("audit file " + file + " was refused", verificationAtOpen);
            }
            LOG.warn("audit file {} opened with a broken chain: {}", file, verificationAtOpen);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** What the verifier found in the file when it was opened. */
    public AuditVerification verificationAtOpen() {
        return verificationAtOpen;
    }

    @Override
    public synchronized void append(AuditRecord record) {
        if (unusable != null) {
            throw new AuditException("audit file " + file + " is unusable: " + unusable);
        }
        if (!channel.isOpen()) {
            throw new AuditException("audit file " + file + " is closed");
        }
        ChainLinks.requireNext(head, record);
        ByteBuffer line = ByteBuffer.wrap((record.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            long at = end;
            while (line.hasRemaining()) {
                at += channel.write(line, at);
            }
            channel.force(false);
        } catch (IOException e) {
            undoPartialWrite(e);
            throw new AuditException("audit record " + record.sequence() + " could not be written to " + file
                    + ": " + e.getMessage(), e);
        }
        index(end);
        end += line.capacity();
        head = Optional.of(record);
    }

    @Override
    public synchronized Optional<AuditRecord> head() {
        return head;
    }

    @Override
    public synchronized List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        int from = (int) Math.min(Math.max(fromSequence, 1) - 1, count);
        int to = (int) Math.min((long) from + limit, count);
        if (from == to) {
            return List.of();
        }
        long base = offsets[from];
        long stop = to < count ? offsets[to] : end;
        try {
            byte[] bytes = readBytes(base, stop);
            List<AuditRecord> records = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                int start = (int) (offsets[i] - base);
                int newline = start;
                while (bytes[newline] != '\n') {
                    newline++;
                }
                records.add(AuditRecord.fromJson(new String(bytes, start, newline - start, StandardCharsets.UTF_8)));
            }
            return List.copyOf(records);
        } catch (IOException e) {
            throw new AuditException("audit file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Releases the file; a closed store refuses appends. */
    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.warn("audit file {}: the lock could not be released", file, e);
        }
        closeQuietly(channel);
    }

    /** Reads the file, indexing each record and verifying the chain; cuts off a torn last line. */
    private AuditVerification load() throws IOException {
        AuditVerifier verifier = new AuditVerifier();
        AuditVerification malformed = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        long lineStart = 0;
        long lineNumber = 0;
        while (channel.read(buffer, position) > 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNumber++;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                try {
                    AuditRecord record = AuditRecord.fromJson(text);
                    verifier.check(record);
                    index(lineStart);
                    head = Optional.of(record);
                } catch (AuditException e) {
                    if (malformed == null && verifier.result().valid()) {
                        long expected = head.map(h -> h.sequence() + 1).orElse(1L);
                        malformed = AuditVerification.broken(lineNumber, expected,
                                "line " + lineNumber + " is not an audit record (" + e.getMessage() + ")");
                    }
                }
                lineStart = position;
            }
            buffer.clear();
        }
        end = lineStart;
        if (position > lineStart) {
            LOG.warn("audit file {}: cutting off {} bytes after the last complete line, left by an append that"
                    + " never finished", file, position - lineStart);
            channel.truncate(lineStart);
            channel.force(true);
        }
        return malformed != null ? malformed : verifier.result();
    }

    private void index(long offset) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count++] = offset;
    }

    private byte[] readBytes(long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        long at = from;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the file ends at " + at + ", before " + to);
            }
            at += n;
        }
        return buffer.array();
    }

    /** Removes what a failed append may have left, so that the next line starts on a line of its own. */
    private void undoPartialWrite(IOException cause) {
        try {
            channel.truncate(end);
            channel.force(true);
        } catch (IOException e) {
            cause.addSuppressed(e);
            unusable = "a failed append could not be undone (" + e.getMessage() + ")";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing an audit file failed", e);
            }
        }
    }
}
