/**
 * API authentication and authorisation: API keys with scopes ({@code tickets:read}, {@code tickets:write},
 * {@code metrics:read}, {@code admin}), stored as a SHA-256 of their secret, sent as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key}; the stateless Spring Security chain that maps paths to scopes; 401/403 as problem+json; key
 * administration (endpoint and command line) and the embedded default's demo key file.
 */
package org.aftersaleshub.security;
