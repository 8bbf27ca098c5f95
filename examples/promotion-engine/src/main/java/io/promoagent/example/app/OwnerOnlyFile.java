package io.promoagent.example.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a secret (a signing key, API keys) to a file that only its owner can read from the moment it
 * exists: the file is created with those permissions, not made private afterwards, so no other user can
 * open it in between. Written beside its final name and moved there, so a crash leaves the old file or
 * none, never half a key.
 */
final class OwnerOnlyFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /** Writes {@code content} to {@code file}, which must not exist yet. */
    static void create(Path file, byte[] content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial); // left by a crash between creation and the move
        try (OutputStream out = Files.newOutputStream(Files.createFile(partial, attributes()), StandardOpenOption.WRITE)) {
            out.write(content);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] attributes() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0]; // Windows: the folder's own access list protects it
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }
}
