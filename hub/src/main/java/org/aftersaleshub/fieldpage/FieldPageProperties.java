package org.aftersaleshub.fieldpage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.field-page.*}: the engineer's field page (docs/field-page.md).
 *
 * @param linkKey               secret: the HMAC-SHA256 key the links are signed with, at least 32 characters (env
 *                              {@code HUB_LINK_KEY}); every hub instance serving the links needs the same one
 * @param generateLinkKey       without {@code linkKey}, create one once in {@code <hub.data-dir>/field-page-link-key.txt}
 *                              (owner-only) and use it: the embedded default; false in prod, where a missing key stops
 *                              the start
 * @param linkTtl               how long a link works after it was made (default 72h)
 * @param requireResolutionNote the card's 完成 opens the page (a resolution note is needed) instead of resolving at
 *                              once (default false)
 * @param maxPhotoBytes         the largest photo accepted (default 5MB)
 * @param maxPhotosPerTicket    photos one ticket may hold (default 9)
 */
@ConfigurationProperties("hub.field-page")
public record FieldPageProperties(String linkKey, Boolean generateLinkKey, Duration linkTtl,
                                  Boolean requireResolutionNote, DataSize maxPhotoBytes, Integer maxPhotosPerTicket) {

    public FieldPageProperties {
        linkKey = linkKey == null || linkKey.isBlank() ? null : linkKey.trim();
        generateLinkKey = generateLinkKey == null || generateLinkKey;
        linkTtl = linkTtl == null ? Duration.ofHours(72) : linkTtl;
        requireResolutionNote = requireResolutionNote != null && requireResolutionNote;
        maxPhotoBytes = maxPhotoBytes == null ? DataSize.ofMegabytes(5) : maxPhotoBytes;
        maxPhotosPerTicket = maxPhotosPerTicket == null ? 9 : maxPhotosPerTicket;
        if (linkTtl.isNegative() || linkTtl.isZero()) {
            throw new IllegalArgumentException("hub.field-page.link-ttl must be positive, was " + linkTtl);
        }
        if (maxPhotoBytes.toBytes() < 1024 || maxPhotoBytes.toMegabytes() > 50) {
            throw new IllegalArgumentException("hub.field-page.max-photo-bytes: 1KB to 50MB, was " + maxPhotoBytes);
        }
        if (maxPhotosPerTicket < 0) {
            throw new IllegalArgumentException("hub.field-page.max-photos-per-ticket must not be negative");
        }
    }

    /** Never the key: a record would print it, and properties end up in logs and failure analyses. */
    @Override
    public String toString() {
        return "FieldPageProperties[linkKey=" + (linkKey == null ? "none" : "***") + ", generateLinkKey="
                + generateLinkKey + ", linkTtl=" + linkTtl + ", requireResolutionNote=" + requireResolutionNote
                + ", maxPhotoBytes=" + maxPhotoBytes + ", maxPhotosPerTicket=" + maxPhotosPerTicket + "]";
    }
}
