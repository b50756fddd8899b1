package org.aftersaleshub.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Set;

/**
 * A key just created. The only moment its full value exists outside the caller: it is shown once and only a hash
 * is stored.
 *
 * @param id        the public key id (used to revoke it)
 * @param name      the key's name (the audit actor)
 * @param scopes    granted scopes
 * @param key       the full key, {@code ahk_<id>_<secret>}; send it as {@code Authorization: Bearer <key>}
 * @param createdAt when it was created
 */
@Schema(description = "A new API key. The key value is returned only in this answer; store it now.")
public record IssuedApiKey(String id, String name, Set<ApiScope> scopes,
                           @Schema(description = "The full key, shown once.") String key, Instant createdAt) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "IssuedApiKey[id=" + id + ", name=" + name + ", scopes=" + scopes + "]";
    }
}
