package org.aftersaleshub.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A path that reads and limits its own request body instead of {@link RequestSizeLimitFilter}'s
 * {@code hub.api.max-request-body}: the field page's photo upload, which takes a few megabytes on that one path only.
 * The import's upload (imports/ImportUploadBody) is the other. The bean that declares it must bound what it reads
 * itself; the Idempotency-Key filter leaves these paths alone too, as it would buffer the body to hash it.
 */
public interface OwnBodyLimit {

    boolean covers(HttpServletRequest request);
}
