package org.aftersaleshub.idempotency;

import org.aftersaleshub.support.Text;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The idempotency_record table. Every write joins the caller's transaction (the one that makes the change). */
@Component
class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;

    IdempotencyStore(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Claims the key. Throws {@code DuplicateKeyException} when it is taken; a concurrent holder makes the database
     * wait here until it commits or rolls back.
     */
    void claim(String principal, String key, String hash, String method, String path) {
        jdbc.update("insert into idempotency_record (principal, idem_key, request_hash, method, path, "
                        + "response_status, created_at) values (?, ?, ?, ?, ?, 0, ?)",
                principal, key, hash, method, Text.truncate(path, 512), Timestamp.from(Instant.now()));
    }

    void complete(String principal, String key, int status, String body, String location) {
        jdbc.update("update idempotency_record set response_status = ?, response_body = ?, response_location = ? "
                + "where principal = ? and idem_key = ?", status, body, location, principal, key);
    }

    IdempotencyRecord find(String principal, String key) {
        List<IdempotencyRecord> rows = jdbc.query("select request_hash, response_status, response_body, "
                        + "response_location from idempotency_record where principal = ? and idem_key = ?",
                (rs, i) -> new IdempotencyRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)),
                principal, key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Forgets answers older than the retention; safe to run on every instance. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    int deleteExpired() {
        return jdbc.update("delete from idempotency_record where created_at < ?",
                Timestamp.from(Instant.now().minus(properties.retention())));
    }

}
