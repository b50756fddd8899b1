package org.aftersaleshub.audit;

import org.aftersaleshub.support.Text;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes and reads the audit log. Joins the caller's transaction when there is one. */
@Component
public class AuditLog {

    /** One audit entry. {@code actor} is the API key name (or {@code system}). */
    public record Entry(long id, Instant at, String actor, String action, String target, String detail) {
    }

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String detail) {
        jdbc.update("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), actor, action, target, Text.truncate(detail, 4000));
    }

    public List<Entry> recent(String action, int limit) {
        return jdbc.query("select id, at, actor, action, target, detail from audit_log "
                        + (action == null ? "" : "where action = ? ") + "order by id desc limit " + Math.min(limit, 1000),
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)),
                action == null ? new Object[0] : new Object[] {action});
    }

}
