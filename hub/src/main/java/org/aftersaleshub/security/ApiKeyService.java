package org.aftersaleshub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.aftersaleshub.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, verifies and revokes API keys. A key is {@code ahk_<keyId>_<secret>}: the key id is public and indexes
 * the row, the secret is 32 random bytes of which only the SHA-256 is stored and compared in constant time. Verified
 * key ids are cached briefly (hash and scopes, never the secret) so a request costs one SHA-256 and no query;
 * revocation evicts at once on this instance and within {@code hub.security.key-cache-ttl} on others.
 */
@Service
public class ApiKeyService {

    static final String PREFIX = "ahk_";
    private static final int MAX_CACHED = 10_000;

    private record CachedKey(byte[] secretHash, ApiKeyPrincipal principal, long loadedAtNanos) {
    }

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final long cacheTtlNanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedKey> verified = new ConcurrentHashMap<>();

    public ApiKeyService(JdbcTemplate jdbc, AuditLog audit, HubSecurityProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cacheTtlNanos = properties.keyCacheTtl().toNanos();
    }

    /**
     * Creates a key and audits it.
     *
     * @param createdBy the actor: the creating key's name, {@code command-line} or {@code demo}
     * @return the key, whose value is shown to the caller once and never again
     */
    @Transactional
    public IssuedApiKey create(String name, Collection<ApiScope> scopes, String createdBy) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Set<ApiScope> granted = EnumSet.copyOf(scopes);
        Instant now = Instant.now();
        jdbc.update("insert into api_key (id, name, secret_hash, scopes, created_at, created_by) "
                        + "values (?, ?, ?, ?, ?, ?)",
                id, name, HexFormat.of().formatHex(sha256(secret)), join(granted), Timestamp.from(now), createdBy);
        audit.record(createdBy, "api-key.create", "api-key:" + id, "name=" + name + " scopes=" + join(granted));
        return new IssuedApiKey(id, name, granted, PREFIX + id + "_" + secret, now);
    }

    /**
     * Revokes a key; it stops working at once on this instance.
     *
     * @return false when there is no such key (already revoked keys count as found)
     */
    @Transactional
    public boolean revoke(String id, String actor) {
        verified.remove(id);
        // Evict again after commit: a request verified meanwhile may have cached the row as it was before.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                verified.remove(id);
            }
        });
        int changed = jdbc.update("update api_key set revoked_at = ? where id = ? and revoked_at is null",
                Timestamp.from(Instant.now()), id);
        if (changed == 1) {
            audit.record(actor, "api-key.revoke", "api-key:" + id, null);
            return true;
        }
        Integer exists = jdbc.queryForObject("select count(*) from api_key where id = ?", Integer.class, id);
        return exists != null && exists > 0;
    }

    public List<ApiKeyView> list() {
        return jdbc.query("select id, name, scopes, created_at, created_by, revoked_at from api_key order by created_at",
                (rs, i) -> new ApiKeyView(rs.getString(1), rs.getString(2), parseScopes(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()));
    }

    /** The key's principal when the presented key is valid and not revoked. */
    public Optional<ApiKeyPrincipal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int sep = presented.indexOf('_', PREFIX.length());
        if (sep < 0 || sep == PREFIX.length() || sep > PREFIX.length() + 32) {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), sep);
        byte[] presentedHash = sha256(presented.substring(sep + 1));
        CachedKey cached = verified.get(id);
        if (cached == null || System.nanoTime() - cached.loadedAtNanos() > cacheTtlNanos) {
            cached = load(id);
            if (cached == null) {
                verified.remove(id);
                return Optional.empty();
            }
        }
        if (!MessageDigest.isEqual(cached.secretHash(), presentedHash)) {
            return Optional.empty();
        }
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.putIfAbsent(id, cached);
        return Optional.of(cached.principal());
    }

    private CachedKey load(String id) {
        List<CachedKey> rows = jdbc.query(
                "select name, secret_hash, scopes from api_key where id = ? and revoked_at is null",
                (rs, i) -> new CachedKey(HexFormat.of().parseHex(rs.getString(2)),
                        new ApiKeyPrincipal(id, rs.getString(1), parseScopes(rs.getString(3))), System.nanoTime()),
                id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Set<ApiScope> parseScopes(String csv) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(ApiScope::of).forEach(scopes::add);
        return scopes;
    }

    private static String join(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::value).collect(Collectors.joining(","));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
