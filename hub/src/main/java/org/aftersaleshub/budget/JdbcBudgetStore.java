package org.aftersaleshub.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.aftersaleshub.connector.ratelimit.BudgetStore;

/**
 * Rate budgets in the database (table {@code budget_slot}, Flyway V7), shared by every hub instance on it.
 *
 * <p>A budget of N permits per period is N slots, each holding when it was last granted (the database's clock). A
 * grant reads the oldest few slots and takes one whose time has left the window with one conditional UPDATE on the
 * slot's use counter; losing that race to another caller means reading again. Since a slot is reused only a full
 * period after its last grant, no span of one period ever holds more than N grants, whoever makes them — a sliding
 * window, which is how the platforms count. Each acquisition is two short auto-commit statements on a connection of
 * its own (never part of the caller's transaction), and no lock is held between them.
 *
 * <p>Why not Bucket4j (its JDBC proxy managers resolve from Maven Central): a token bucket of N per period admits
 * up to 2N − 1 calls within one period after a quiet spell, and the platforms count in a sliding window (a DingTalk
 * robot is blocked for ten minutes after the 21st message within 60 s), so Bucket4j would have to run at half the
 * platform's rate to be safe; it computes refills with each instance's own clock; and it has no H2 proxy manager.
 */
public final class JdbcBudgetStore implements BudgetStore {

    /** How many of the oldest slots a caller chooses from, so concurrent callers mostly take different rows. */
    private static final int SPREAD = 8;
    /** Lost races before a caller is told to come back at once (each lost race is someone else's grant). */
    private static final int MAX_RACES = 64;
    private static final OffsetDateTime NEVER = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private record Slot(int slot, long uses, Instant grantedAt, Instant now) {
    }

    private final DataSource dataSource;
    private final String oldestSql;
    private final String takeSql;
    private final String recentSql;
    private final Set<String> slotsReady = ConcurrentHashMap.newKeySet();

    public JdbcBudgetStore(DataSource dataSource) {
        this.dataSource = dataSource;
        StoreSql sql = StoreSql.of(dataSource);
        this.oldestSql = "select slot, uses, granted_at, " + sql.now() + " from budget_slot"
                + " where budget = ? and slot < ? order by granted_at, slot limit ?";
        this.takeSql = "update budget_slot set granted_at = " + sql.now() + ", uses = uses + 1"
                + " where budget = ? and slot = ? and uses = ?";
        this.recentSql = "select count(*) from budget_slot where budget = ? and slot < ? and granted_at > "
                + sql.nowPlusMillis();
    }

    @Override
    public Grant tryAcquire(String budget, Limit limit, int permits) {
        BudgetStore.checkPermits(limit, permits);
        try (Connection c = dataSource.getConnection()) {
            ensureSlots(c, budget, limit.permits());
            for (int race = 0; race < MAX_RACES; race++) {
                List<Slot> oldest = oldest(c, budget, limit.permits(), permits + SPREAD);
                Instant now = oldest.get(0).now();
                Instant cutoff = now.minus(limit.period());
                List<Slot> free = new ArrayList<>();
                for (Slot s : oldest) {
                    if (!s.grantedAt().isAfter(cutoff)) {
                        free.add(s);
                    }
                }
                if (free.size() < permits) {
                    // the permits-th oldest grant has to leave the window first
                    Instant leaves = oldest.get(permits - 1).grantedAt().plus(limit.period());
                    return Grant.denied(Duration.between(now, leaves));
                }
                Collections.shuffle(free, ThreadLocalRandom.current());
                if (take(c, budget, free.subList(0, permits))) {
                    return Grant.GRANTED;
                }
            }
            return Grant.denied(Duration.ZERO);
        } catch (SQLException e) {
            throw new IllegalStateException("rate budget " + budget + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int available(String budget, Limit limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(recentSql)) {
            ps.setString(1, budget);
            ps.setInt(2, limit.permits());
            ps.setLong(3, -limit.period().toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.max(0, limit.permits() - rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rate budget " + budget + ": " + e.getMessage(), e);
        }
    }

    private List<Slot> oldest(Connection c, String budget, int capacity, int howMany) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(oldestSql)) {
            ps.setString(1, budget);
            ps.setInt(2, capacity);
            ps.setInt(3, howMany);
            List<Slot> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Slot(rs.getInt(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            if (out.size() < Math.min(capacity, howMany)) {
                throw new IllegalStateException("budget " + budget + " has " + out.size() + " slots, expected "
                        + capacity + " (rows deleted while the hub runs?)");
            }
            return out;
        }
    }

    /** Takes every slot in {@code slots} if none was taken since it was read; all or nothing. */
    private boolean take(Connection c, String budget, List<Slot> slots) throws SQLException {
        if (slots.size() == 1) {
            return update(c, budget, slots.get(0));
        }
        c.setAutoCommit(false);
        try {
            for (Slot s : slots) {
                if (!update(c, budget, s)) {
                    c.rollback();
                    return false;
                }
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private boolean update(Connection c, String budget, Slot s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(takeSql)) {
            ps.setString(1, budget);
            ps.setInt(2, s.slot());
            ps.setLong(3, s.uses());
            return ps.executeUpdate() == 1;
        }
    }

    /** Creates the budget's missing slots (first use, or a raised limit); each instance checks once per budget. */
    private void ensureSlots(Connection c, String budget, int capacity) throws SQLException {
        String ready = budget + "#" + capacity;
        if (slotsReady.contains(ready)) {
            return;
        }
        Set<Integer> existing = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select slot from budget_slot where budget = ? and slot < ?")) {
            ps.setString(1, budget);
            ps.setInt(2, capacity);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getInt(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into budget_slot (budget, slot, granted_at, uses) values (?, ?, ?, 0)")) {
            for (int slot = 0; slot < capacity; slot++) {
                if (existing.contains(slot)) {
                    continue;
                }
                ps.setString(1, budget);
                ps.setInt(2, slot);
                ps.setObject(3, NEVER);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!StoreSql.duplicateKey(e)) {
                        throw e;
                    }
                    // another instance created it at the same moment
                }
            }
        }
        slotsReady.add(ready);
    }
}
