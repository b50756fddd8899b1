package org.aftersaleshub.security;

import java.util.Set;

/**
 * Who called: the API key, never its secret.
 *
 * @param keyId  the public part of the key ({@code ahk_<keyId>_...}); scopes Idempotency-Key records
 * @param name   the key's name; {@code Authentication.getName()} and the actor in the audit log
 * @param scopes the scopes granted (admin not yet expanded)
 */
public record ApiKeyPrincipal(String keyId, String name, Set<ApiScope> scopes) {
}
