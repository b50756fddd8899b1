package org.aftersaleshub.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Files that hold a secret of the embedded default (the demo API key, the console's first admin, the field page's
 * link key): created empty and readable only by their owner (rw-------) before anything secret is written to them.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code file} (and its folder) empty with owner-only permissions.
     *
     * @throws java.nio.file.FileAlreadyExistsException when it exists (e.g. another hub instance made it first)
     */
    public static void create(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }

    /**
     * Writes what {@code secret} makes into {@code file} when the file does not exist yet: the file is created
     * owner-only first, then the secret is made (e.g. a key stored in the database) and written. Another hub instance
     * that made the file a moment earlier wins; nothing is made then.
     *
     * @return true when this call made the file
     */
    public static boolean writeOnce(Path file, Supplier<String> secret) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            create(file);
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(secret.get());
        }
        return true;
    }
}
