package org.aftersaleshub.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.aftersaleshub.connector.ratelimit.QuotaStore;

/**
 * Quota counts in the database (table {@code quota_count}, Flyway V7), one row per quota and period, shared by
 * every hub instance on it. An addition is one UPDATE {@code used = used + n} (conditional on the limit for
 * {@link #addWithinLimit}) and the read of the count after it, in one short transaction on a connection of its own:
 * the row stays locked in between, so the count returned is exactly the one this addition made.
 */
public final class JdbcQuotaStore implements QuotaStore {

    private final DataSource dataSource;
    private final String now;
    private final Set<String> rowsReady = ConcurrentHashMap.newKeySet();

    public JdbcQuotaStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.now = StoreSql.of(dataSource).now();
    }

    @Override
    public long add(Quota quota, long calls) {
        return change(quota, calls, false).orElseThrow();
    }

    @Override
    public OptionalLong addWithinLimit(Quota quota, long calls) {
        return change(quota, calls, true);
    }

    private OptionalLong change(Quota quota, long calls, boolean withinLimit) {
        try (Connection c = dataSource.getConnection()) {
            ensureRow(c, quota);
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement("update quota_count set used = used + ?,"
                        + " quota_limit = ?, instance = ?, updated_at = " + now + " where quota = ? and period = ?"
                        + (withinLimit ? " and used + ? <= ?" : ""))) {
                    ps.setLong(1, calls);
                    ps.setLong(2, quota.limit());
                    ps.setString(3, quota.instance());
                    ps.setString(4, quota.name());
                    ps.setString(5, quota.period());
                    if (withinLimit) {
                        ps.setLong(6, calls);
                        ps.setLong(7, quota.limit());
                    }
                    changed = ps.executeUpdate();
                }
                long used = used(c, quota.name(), quota.period());
                c.commit();
                return changed == 1 ? OptionalLong.of(used) : OptionalLong.empty();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota " + quota.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long used(String name, String period) {
        try (Connection c = dataSource.getConnection()) {
            return used(c, name, period);
        } catch (SQLException e) {
            throw new IllegalStateException("quota " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Usage> usages(String period) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select quota, used, quota_limit, instance from quota_count where period = ? order by quota")) {
            ps.setString(1, period);
            List<Usage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Usage(new Quota(rs.getString(1), period, rs.getLong(3), rs.getString(4)),
                            rs.getLong(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("quotas of " + period + ": " + e.getMessage(), e);
        }
    }

    private static long used(Connection c, String name, String period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select used from quota_count where quota = ? and period = ?")) {
            ps.setString(1, name);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Creates the quota's row for its period at zero, once per instance; another instance may have done it. */
    private void ensureRow(Connection c, Quota quota) throws SQLException {
        String ready = quota.name() + "#" + quota.period();
        if (rowsReady.contains(ready)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into quota_count (quota, period, used, quota_limit,"
                + " instance, updated_at) values (?, ?, 0, ?, ?, " + now + ")")) {
            ps.setString(1, quota.name());
            ps.setString(2, quota.period());
            ps.setLong(3, quota.limit());
            ps.setString(4, quota.instance());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!StoreSql.duplicateKey(e)) {
                throw e;
            }
        }
        rowsReady.add(ready);
    }
}
