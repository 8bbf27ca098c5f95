package io.promoagent.example.app;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A folder that keeps an engine's state across restarts ({@code serve --data-dir}): DynamoDB Local's
 * database (the data, the approvals, the audit chain, the writes' tokens, the e-mail outbox), PostgreSQL's
 * data directory when the layout keeps entities there (orders, in the federated layout), the key
 * approvals are signed with, and a description
 * of the data set that was loaded, so that a restart serves the same data with the same "today".
 *
 * <p>One process at a time: the folder is locked while the engine runs, and a second engine on it is
 * refused with a clear error rather than corrupting the database. The description is written only after
 * the data was loaded completely, so a load that was interrupted starts over at the next start.
 */
final class DataDirectory implements AutoCloseable {

    static final String DESCRIPTION = "promo-agent-data.properties";
    static final String SIGNING_KEY = "signing-key";
    static final String DEMO_KEYS = "demo-keys.properties";
    private static final String LOCK = "promo-agent.lock";
    private static final String DATABASE = "dynamodb.db";
    private static final String POSTGRES = "postgres";

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Optional<Loaded> loaded;

    /**
     * What was loaded into the folder.
     *
     * @param seed      seed of the demo data
     * @param customers number of demo customers
     * @param now       the "today" of the data
     * @param source    {@code demo}, or the folder of JSON-lines files the data came from
     * @param layout    where the entities were loaded; a folder written before layouts existed holds
     *                  everything in DynamoDB
     */
    record Loaded(long seed, int customers, LocalDate now, String source, DemoLayout layout) {
    }

    private DataDirectory(Path folder, FileChannel lockChannel, FileLock lock, Optional<Loaded> loaded) {
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.loaded = loaded;
    }

    /** Opens the folder, creating it when missing, and locks it for this process. */
    static DataDirectory open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DataFolderException("cannot create the data folder " + folder + ": " + e.getMessage());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataFolderException("the data folder " + folder + " is in use by another promo-agent process");
            }
            return new DataDirectory(folder, channel, lock, readDescription(folder));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new DataFolderException("the data folder " + folder + " is already in use in this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataFolderException("cannot lock the data folder " + folder + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path folder() {
        return folder;
    }

    /** The SQLite file DynamoDB Local keeps its tables in. */
    Path database() {
        return folder.resolve(DATABASE);
    }

    /** PostgreSQL's data directory: created at the first start that needs it, then reused. */
    Path postgres() {
        return folder.resolve(POSTGRES);
    }

    /** What was loaded by an earlier start; empty when the data must be loaded now. */
    Optional<Loaded> loaded() {
        return loaded;
    }

    /** Records that the data was loaded completely; a later start reuses it. */
    void markLoaded(Loaded what) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(what.seed()));
        p.setProperty("customers", Integer.toString(what.customers()));
        p.setProperty("now", what.now().toString());
        p.setProperty("source", what.source());
        p.setProperty("layout", what.layout().jsonName());
        Path file = folder.resolve(DESCRIPTION);
        Path partial = folder.resolve(DESCRIPTION + ".partial");
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            p.store(w, "What promo-agent loaded into this folder; delete the folder to start over");
        } catch (IOException e) {
            throw new DataFolderException("cannot write " + partial + ": " + e.getMessage());
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataFolderException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * The key approval tokens and unsubscribe links are signed with: made at the first start and kept, so
     * that approvals proposed before a restart can still be decided after it. Readable by its owner only.
     */
    byte[] signingKey() {
        Path file = folder.resolve(SIGNING_KEY);
        try {
            if (Files.isRegularFile(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length < 32) {
                    throw new DataFolderException("the signing key " + file + " is damaged (" + key.length
                            + " bytes, at least 32 expected); delete the data folder to start over");
                }
                return key;
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFile.create(file, key);
            return key;
        } catch (IOException e) {
            throw new DataFolderException("cannot keep the signing key in " + file + ": " + e.getMessage());
        }
    }

    /**
     * The demo users' API keys and the page's sign-in secret: made at the first start and kept, so that a
     * restart signs the same people in. Readable by its owner only.
     */
    DemoUsers demoUsers() {
        Path file = folder.resolve(DEMO_KEYS);
        try {
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                return DemoUsers.fromProperties(p).orElseThrow(() -> new DataFolderException("the demo keys " + file
                        + " are damaged; delete that file to make new ones"));
            }
            DemoUsers users = DemoUsers.random();
            StringWriter text = new StringWriter();
            users.toProperties().store(text, "The demo users' API keys and the page's sign-in secret; delete to make new ones");
            OwnerOnlyFile.create(file, text.toString().getBytes(StandardCharsets.UTF_8));
            return users;
        } catch (IOException e) {
            throw new DataFolderException("cannot keep the demo keys in " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        }
        closeQuietly(lockChannel);
    }

    private static Optional<Loaded> readDescription(Path folder) {
        Path file = folder.resolve(DESCRIPTION);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new Loaded(Long.parseLong(required(p, "seed", file)),
                    Integer.parseInt(required(p, "customers", file)), LocalDate.parse(required(p, "now", file)),
                    required(p, "source", file), layout(p, file)));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            throw new DataFolderException("the data folder's description " + file + " cannot be read (" + e.getMessage()
                    + "); delete the data folder to start over");
        }
    }

    private static DemoLayout layout(Properties p, Path file) {
        String name = p.getProperty("layout", DemoLayout.DYNAMODB.jsonName());
        return DemoLayout.named(name).orElseThrow(() -> new DataFolderException("the data folder's description " + file
                + " names an unknown layout '" + name + "'; delete the data folder to start over"));
    }

    private static String required(Properties p, String name, Path file) {
        String value = p.getProperty(name);
        if (value == null) {
            throw new DataFolderException("the data folder's description " + file + " has no '" + name
                    + "'; delete the data folder to start over");
        }
        return value;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
