package org.aftersaleshub.security;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as administrators see it: never the secret nor its hash.
 *
 * @param id        public key id
 * @param name      name given at creation
 * @param scopes    granted scopes
 * @param createdAt when it was created
 * @param createdBy who created it (key name, {@code command-line} or {@code demo})
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiKeyView(String id, String name, Set<ApiScope> scopes, Instant createdAt, String createdBy,
                         Instant revokedAt) {
}
