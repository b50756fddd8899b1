package org.aftersaleshub.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A reference to a file stored elsewhere (object storage, the front end's file service). The hub never stores
 * attachment bytes.
 *
 * @param uri         where the file lives; 1..1024 characters
 * @param name        display name, up to 255 characters
 * @param contentType MIME type, up to 127 characters
 * @param sizeBytes   size in bytes, if known
 */
public record AttachmentRef(@NotBlank @Size(max = 1024) String uri, @Size(max = 255) String name,
                            @Size(max = 127) String contentType, @PositiveOrZero Long sizeBytes) {
}
