package org.aftersaleshub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
}
