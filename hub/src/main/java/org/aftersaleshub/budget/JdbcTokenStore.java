package org.aftersaleshub.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.auth.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens in the database (table {@code shared_token}, Flyway V7), one row per app, shared by every hub
 * instance on it; values sealed by {@link TokenCipher}, never logged.
 *
 * <p>A refresh takes the row's lease with one conditional UPDATE — only while the row still has the version the
 * caller saw and nobody holds an unexpired lease — so of all callers in all instances exactly one fetches. The
 * others poll the row (5 ms, doubling to 200 ms) until its version changes (a new token: they use it), its failure
 * count changes (the fetch failed: they fail too, retryably) or {@code hub.budgets.token-wait} passes. A lease lasts
 * {@code hub.budgets.token-lease}: an instance that dies while fetching holds the others back at most that long,
 * then one of them takes over. Times are the database's.
 */
public final class JdbcTokenStore implements TokenStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcTokenStore.class);
    private static final long FIRST_PAUSE_MS = 5;
    private static final long LONGEST_PAUSE_MS = 200;

    private record Row(String sealed, Instant expiresAt, long version, long failures) {
    }

    private final DataSource dataSource;
    private final TokenCipher cipher;
    private final Duration lease;
    private final Duration wait;
    private final String process = "hub-" + ProcessHandle.current().pid() + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final AtomicLong leases = new AtomicLong();
    private final Set<String> rowsReady = ConcurrentHashMap.newKeySet();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final String leaseSql;
    private final String storeSql;

    /**
     * @param lease how long a refresher may take before another instance may take over (longer than a token fetch)
     * @param wait  how long a caller waits for another instance's refresh before it fails, retryably
     */
    JdbcTokenStore(DataSource dataSource, TokenCipher cipher, Duration lease, Duration wait) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.lease = lease;
        this.wait = wait;
        StoreSql sql = StoreSql.of(dataSource);
        this.leaseSql = "update shared_token set lease_owner = ?, lease_until = " + sql.nowPlusMillis()
                + " where token_key = ? and version = ? and (lease_until is null or lease_until < " + sql.now() + ")";
        this.storeSql = "update shared_token set token_value = ?, expires_at = ?, version = version + 1,"
                + " lease_owner = null, lease_until = null, refreshed_at = " + sql.now() + ", refreshes = refreshes + 1"
                + " where token_key = ? and lease_owner = ?";
    }

    @Override
    public Entry read(TokenCache.Key key) {
        try (Connection c = dataSource.getConnection()) {
            Row r = row(c, key.toString());
            return r == null ? Entry.NONE : entry(key, r);
        } catch (SQLException e) {
            throw failure(key, e);
        }
    }

    @Override
    public Entry refresh(TokenCache.Key key, long seen, TokenCache.Fetcher<String> fetcher, boolean waitForOthers)
            throws Exception {
        String k = key.toString();
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MS;
        Long failuresBefore = null;
        while (true) {
            String owner = process + ":" + leases.incrementAndGet();
            Row r;
            try (Connection c = dataSource.getConnection()) {
                ensureRow(c, k);
                if (takeLease(c, k, seen, owner)) {
                    return fetchHolding(key, fetcher, owner);
                }
                r = row(c, k);
            }
            if (r.version() != seen || !waitForOthers) {
                return entry(key, r);
            }
            if (failuresBefore == null) {
                failuresBefore = r.failures();
            } else if (r.failures() != failuresBefore) {
                throw new RefreshFailedException(key, "the refresh by another hub instance failed; trying again later");
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                throw new RefreshFailedException(key, "another hub instance is refreshing it and did not finish within "
                        + wait.toMillis() + " ms (hub.budgets.token-wait)");
            }
            TimeUnit.MILLISECONDS.sleep(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
        }
    }

    private boolean takeLease(Connection c, String k, long seen, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(leaseSql)) {
            ps.setString(1, owner);
            ps.setLong(2, lease.toMillis());
            ps.setString(3, k);
            ps.setLong(4, seen);
            return ps.executeUpdate() == 1;
        }
    }

    /** Fetches while holding the lease; stores the token, or counts the failure, and gives the lease back. */
    private Entry fetchHolding(TokenCache.Key key, TokenCache.Fetcher<String> fetcher, String owner) throws Exception {
        String k = key.toString();
        TokenCache.Token<String> fresh;
        try {
            fresh = fetcher.fetch();
        } catch (Exception | Error e) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update shared_token set lease_owner = null, lease_until = null, failures = failures + 1"
                            + " where token_key = ? and lease_owner = ?")) {
                ps.setString(1, k);
                ps.setString(2, owner);
                ps.executeUpdate();
            } catch (SQLException release) {
                e.addSuppressed(failure(key, release)); // the lease then ends on its own
            }
            throw e;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(storeSql)) {
                ps.setString(1, cipher.seal(k, fresh.value()));
                setExpiry(ps, 2, fresh.expiresAt());
                ps.setString(3, k);
                ps.setString(4, owner);
                if (ps.executeUpdate() == 0) {
                    // the fetch outlasted the lease and another instance took over: its token will replace ours
                    log.warn("Token refresh for {} took longer than hub.budgets.token-lease ({} ms); another "
                            + "instance took over", key, lease.toMillis());
                }
            }
            Row after = row(c, k);
            return new Entry(fresh, after.version());
        }
    }

    @Override
    public void put(TokenCache.Key key, TokenCache.Token<String> token) {
        String k = key.toString();
        try (Connection c = dataSource.getConnection()) {
            ensureRow(c, k);
            try (PreparedStatement ps = c.prepareStatement("update shared_token set token_value = ?,"
                    + " expires_at = ?, version = version + 1 where token_key = ?")) {
                ps.setString(1, cipher.seal(k, token.value()));
                setExpiry(ps, 2, token.expiresAt());
                ps.setString(3, k);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(key, e);
        }
    }

    @Override
    public boolean invalidate(TokenCache.Key key, String rejected) {
        String k = key.toString();
        try (Connection c = dataSource.getConnection()) {
            Row r = row(c, k);
            if (r == null) {
                return false;
            }
            TokenCache.Token<String> held = entry(key, r).token();
            if (held == null || !held.value().equals(rejected)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("update shared_token set token_value = null,"
                    + " expires_at = null, version = version + 1 where token_key = ? and version = ?")) {
                ps.setString(1, k);
                ps.setLong(2, r.version());
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw failure(key, e);
        }
    }

    private Row row(Connection c, String k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select token_value, expires_at, version, failures from shared_token where token_key = ?")) {
            ps.setString(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OffsetDateTime expires = rs.getObject(2, OffsetDateTime.class);
                return new Row(rs.getString(1), expires == null ? Instant.MAX : expires.toInstant(), rs.getLong(3),
                        rs.getLong(4));
            }
        }
    }

    /** The row as an entry; a value that does not open (the key changed) counts as no token, so it is fetched. */
    private Entry entry(TokenCache.Key key, Row r) {
        if (r.sealed() == null) {
            return new Entry(null, r.version());
        }
        try {
            return new Entry(new TokenCache.Token<>(cipher.open(key.toString(), r.sealed()), r.expiresAt()),
                    r.version());
        } catch (IllegalArgumentException e) {
            if (unreadable.add(key.toString())) {
                log.warn("Shared token of {}: {}; a new one is fetched", key, e.getMessage());
            }
            return new Entry(null, r.version());
        }
    }

    private void ensureRow(Connection c, String k) throws SQLException {
        if (rowsReady.contains(k)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into shared_token (token_key, version, failures,"
                + " refreshes) values (?, 0, 0, 0)")) {
            ps.setString(1, k);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!StoreSql.duplicateKey(e)) {
                throw e;
            }
        }
        rowsReady.add(k);
    }

    /** A token without a published lifetime ({@link Instant#MAX}) has no expiry in the row. */
    private static void setExpiry(PreparedStatement ps, int index, Instant expiresAt) throws SQLException {
        if (expiresAt.equals(Instant.MAX)) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, expiresAt.atOffset(ZoneOffset.UTC));
        }
    }

    private static IllegalStateException failure(TokenCache.Key key, SQLException e) {
        return new IllegalStateException("shared token store, " + key + ": " + e.getMessage(), e);
    }
}
