package org.aftersaleshub.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Retry state per route and target (connector instance or webhook endpoint) from the delivery journal of the last
 * {@link #WINDOW}: deliveries whose latest attempt FAILED (another attempt follows), and the last error with its
 * time. The journal holds the error detail masked and capped; nothing here calls a connector.
 */
@Component
class ConsoleRetries {

    /** How far back the page looks; a delivery retried longer than this has reached its dead letter. */
    static final Duration WINDOW = Duration.ofHours(24);

    /**
     * @param retrying      deliveries (event × target) whose latest attempt failed, so a retry is due
     * @param failedAttempts FAILED and DEAD_LETTER attempts in the window
     * @param lastOutcome   FAILED or DEAD_LETTER; null when nothing failed
     */
    record State(String routeId, String target, long retrying, long failedAttempts, String lastOutcome,
                 Integer lastHttpStatus, String lastError, Instant lastErrorAt) {
    }

    private final JdbcTemplate jdbc;

    ConsoleRetries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<State> states(Instant now) {
        Timestamp since = Timestamp.from(now.minus(WINDOW));
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.query("select j.route_id, j.target, sum(case when j.outcome = 'FAILED' and not exists (select 1"
                        + " from delivery_journal n where n.event_id = j.event_id and n.target = j.target and n.id > j.id)"
                        + " then 1 else 0 end), count(*) from delivery_journal j where j.occurred_at >= ?"
                        + " and j.outcome in ('FAILED', 'DEAD_LETTER') group by j.route_id, j.target order by 1, 2",
                rs -> {
                    counts.put(rs.getString(1) + "\n" + rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4)});
                }, since);
        List<State> states = new ArrayList<>();
        jdbc.query("select j.route_id, j.target, j.outcome, j.http_status, j.detail, j.occurred_at"
                        + " from delivery_journal j where j.id in (select max(k.id) from delivery_journal k"
                        + " where k.occurred_at >= ? and k.outcome in ('FAILED', 'DEAD_LETTER')"
                        + " group by k.route_id, k.target) order by j.route_id, j.target",
                rs -> {
                    long[] c = counts.getOrDefault(rs.getString(1) + "\n" + rs.getString(2), new long[2]);
                    int status = rs.getInt(4);
                    Integer httpStatus = rs.wasNull() ? null : status;
                    String detail = rs.getString(5);
                    states.add(new State(rs.getString(1), rs.getString(2), c[0], c[1], rs.getString(3), httpStatus,
                            detail == null || detail.length() <= 300 ? detail : detail.substring(0, 300) + "…",
                            rs.getTimestamp(6).toInstant()));
                }, since);
        return states;
    }
}
