package org.aftersaleshub.fieldpage;

import java.util.Optional;

/**
 * The picture formats a phone camera makes, told from the file's first bytes — never from its name or the type the
 * browser claims, which an upload can set to anything (a page that served a "photo" back with the claimed type
 * would serve whatever was sent).
 */
enum ImageType {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    static Optional<ImageType> sniff(byte[] b) {
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
                && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    static Optional<ImageType> ofMediaType(String mediaType) {
        for (ImageType t : values()) {
            if (t.mediaType.equals(mediaType)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
