package org.aftersaleshub.fieldpage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import org.aftersaleshub.support.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the link key comes from: {@code hub.field-page.link-key}, or — in the embedded default only — a key made
 * once and kept in {@code <hub.data-dir>/field-page-link-key.txt} with owner-only permissions, so links survive a
 * restart and instances sharing the data directory agree. Logs the file, never the key.
 */
public final class LinkKey {

    private static final Logger log = LoggerFactory.getLogger(LinkKey.class);
    static final int MIN_CHARS = 32;
    static final String FILE_NAME = "field-page-link-key.txt";

    private LinkKey() {
    }

    public static byte[] resolve(FieldPageProperties props, Path dataDir) {
        if (props.linkKey() != null) {
            if (props.linkKey().length() < MIN_CHARS) {
                throw new IllegalStateException("hub.field-page.link-key (HUB_LINK_KEY) must have at least "
                        + MIN_CHARS + " characters; make one with: openssl rand -base64 32");
            }
            return props.linkKey().getBytes(StandardCharsets.UTF_8);
        }
        if (!props.generateLinkKey()) {
            throw new IllegalStateException("hub.field-page.link-key (HUB_LINK_KEY) is not set: the field page links "
                    + "of DingTalk and WeCom cards are signed with it (docs/field-page.md); make one with: "
                    + "openssl rand -base64 32, and give every hub instance the same");
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (key.length() < MIN_CHARS) {
                throw new IllegalStateException(file + " holds no field page link key of at least " + MIN_CHARS
                        + " characters; delete it to have a new one made");
            }
            return key.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the field page link key file " + file, e);
        }
    }

    /** Written to a private temporary file first and moved into place, so a second instance never reads half. */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Path tmp = file.resolveSibling(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        OwnerOnlyFiles.create(tmp);
        Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + System.lineSeparator(),
                StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Created the field page link key for the embedded default in {}", file);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
        }
    }
}
