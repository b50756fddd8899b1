package org.aftersaleshub.idempotency;

import org.aftersaleshub.support.Text;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The idempotency_record table. Every write joins the caller's transaction (the one that makes the change). Expired
 * records are deleted by the shared retention purger ({@code ops.RetentionPurger}).
 */
@Component
class IdempotencyStore {

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
}
