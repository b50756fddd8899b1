package org.aftersaleshub.timers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code due_timer} rows. Callers that change a subject's timers hold the subject's own row lock (the ticket's),
 * so one subject's timers are changed by one transaction at a time; the scan takes the same lock first.
 */
@Repository
public class DueTimers {

    /** States of a timer row. */
    public enum State { PENDING, FIRED, CANCELLED, FAILED }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DueTimers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Makes the subject's pending timers exactly {@code wanted} (key → due time): new keys are created, pending ones
     * moved, cancelled ones armed again, pending keys not wanted cancelled. A key that already fired stays fired:
     * each deadline of a subject fires at most once.
     */
    public void sync(String kind, String subject, Map<String, Instant> wanted) {
        Map<String, State> existing = new HashMap<>();
        jdbc.query("select timer_key, state from due_timer where kind = ? and subject = ?",
                rs -> {
                    existing.put(rs.getString(1), State.valueOf(rs.getString(2)));
                }, kind, subject);
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> w : wanted.entrySet()) {
            State s = existing.get(w.getKey());
            if (s == null) {
                jdbc.update("insert into due_timer (kind, subject, timer_key, due_at, state, created_at) values "
                        + "(?, ?, ?, ?, 'PENDING', ?)", kind, subject, w.getKey(), odt(w.getValue()), odt(now));
            } else if (s == State.PENDING || s == State.CANCELLED) {
                jdbc.update("update due_timer set due_at = ?, state = 'PENDING' where kind = ? and subject = ? and "
                        + "timer_key = ? and state in ('PENDING', 'CANCELLED')", odt(w.getValue()), kind, subject,
                        w.getKey());
            }
        }
        existing.forEach((key, state) -> {
            if (state == State.PENDING && !wanted.containsKey(key)) {
                jdbc.update("update due_timer set state = 'CANCELLED' where kind = ? and subject = ? and timer_key = ? "
                        + "and state = 'PENDING'", kind, subject, key);
            }
        });
    }

    /** The keys of the subject's timers that fired. */
    public List<String> fired(String kind, String subject) {
        return jdbc.queryForList("select timer_key from due_timer where kind = ? and subject = ? and state = 'FIRED'",
                String.class, kind, subject);
    }

    /** The subject's timers with their state, due time and late flag, by due time. */
    public List<Map<String, Object>> of(String kind, String subject) {
        return jdbc.queryForList("select timer_key, due_at, state, fired_at, late from due_timer where kind = ? and "
                + "subject = ? order by due_at, timer_key", kind, subject);
    }

    /** Pending timers due at {@code now}, oldest first, without locking them: candidates for {@link #claim}. */
    List<DueTimer> dueCandidates(Instant now, int limit) {
        return jdbc.query("select id, kind, subject, timer_key, due_at from due_timer where state = 'PENDING' and "
                + "due_at <= ? order by due_at, id limit ?", DueTimers::map, odt(now), limit);
    }

    /**
     * Locks the timer when it is still pending and no other transaction holds it; empty otherwise (another hub
     * instance is firing it, or it fired or was cancelled since the candidates were read).
     */
    Optional<DueTimer> claim(long id) {
        return jdbc.query("select id, kind, subject, timer_key, due_at from due_timer where id = ? and state = "
                + "'PENDING' for update skip locked", DueTimers::map, id).stream().findFirst();
    }

    void markFired(long id, Instant at, boolean late) {
        jdbc.update("update due_timer set state = 'FIRED', fired_at = ?, late = ? where id = ?", odt(at), late, id);
    }

    /** Counts a failed attempt; the timer is FAILED after {@code maxAttempts}. */
    void markFailed(long id, String error, int maxAttempts) {
        jdbc.update("update due_timer set attempts = attempts + 1, last_error = ?, state = case when attempts + 1 >= ? "
                + "then 'FAILED' else state end where id = ? and state = 'PENDING'", error, maxAttempts, id);
    }

    private static DueTimer map(ResultSet rs, int row) throws SQLException {
        return new DueTimer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
