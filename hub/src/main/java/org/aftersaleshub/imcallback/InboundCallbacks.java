package org.aftersaleshub.imcallback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.aftersaleshub.support.Database;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC over {@code im_callback_event} and {@code im_callback_signature} (V6); the same SQL on H2 and PostgreSQL.
 * Inserts run on their own (auto-commit), so a duplicate key leaves nothing behind and the worker may see the row at
 * once; claiming and finishing a row run in the worker's transaction.
 */
@Repository
class InboundCallbacks {

    /** What a stored callback is: a card button click, or any other event (stored, acknowledged, not acted on). */
    enum Kind {
        CARD_ACTION, EVENT
    }

    /** The outcome of processing a stored callback. */
    enum Outcome {
        APPLIED, REFUSED, IGNORED, FAILED
    }

    /** The answer to storing a callback: its row, and whether that row was there already (a re-send). */
    record Stored(long id, boolean duplicate) {
    }

    /** A stored callback, as the worker reads it. */
    record Row(long id, CallbackPlatform platform, String instance, Kind kind, String eventType, String identity,
               String payload, Instant receivedAt, int attempts) {
    }

    static final int IDENTITY_LENGTH = 255;
    /** Largest callback body or decrypted payload stored (the payload column). */
    static final int MAX_PAYLOAD = 65_536;
    private static final String COLUMNS = "id, platform, instance_name, kind, event_type, identity, payload, "
            + "received_at, attempts";

    private final JdbcTemplate jdbc;
    private final Database database;

    InboundCallbacks(JdbcTemplate jdbc, Database database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** Stores a verified callback once per (platform, instance, identity). */
    Stored insert(CallbackPlatform platform, String instance, Kind kind, String eventType, String identity,
                  String payload, Instant receivedAt) {
        String id = storedIdentity(identity);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(c -> {
                PreparedStatement ps = c.prepareStatement("insert into im_callback_event (platform, instance_name, "
                        + "kind, event_type, identity, payload, received_at, attempts, next_attempt_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, 0, ?)", new String[] {"id"});
                ps.setString(1, platform.type());
                ps.setString(2, instance);
                ps.setString(3, kind.name());
                ps.setString(4, truncate(eventType, 64));
                ps.setString(5, id);
                ps.setString(6, payload);
                ps.setObject(7, odt(receivedAt));
                ps.setObject(8, odt(receivedAt));
                return ps;
            }, key);
        } catch (DuplicateKeyException e) {
            Long existing = jdbc.queryForObject("select id from im_callback_event where platform = ? and "
                    + "instance_name = ? and identity = ?", Long.class, platform.type(), instance, id);
            return new Stored(existing == null ? -1 : existing, true);
        }
        Number created = key.getKey();
        return new Stored(created == null ? -1 : created.longValue(), false);
    }

    /**
     * Records a signed (timestamp, signature) pair; false when any hub instance recorded it before (a replay).
     */
    boolean useSignatureOnce(CallbackPlatform platform, String instance, long signedAt, String signature,
                             Instant now) {
        try {
            jdbc.update("insert into im_callback_signature (platform, instance_name, signed_at, signature, "
                    + "received_at) values (?, ?, ?, ?, ?)", platform.type(), instance, signedAt,
                    truncate(signature, 128), odt(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Locks the oldest unprocessed callback that is due, skipping rows another worker (or hub instance) holds.
     * Call inside a transaction; the row stays locked until it ends.
     */
    Optional<Row> claimNext(Instant now) {
        return jdbc.query("select " + COLUMNS + " from im_callback_event where processed_at is null and "
                        + "next_attempt_at <= ? order by id limit 1" + database.forUpdateSkipLocked(),
                this::row, odt(now)).stream().findFirst()
                // H2 waits for a row another session locked and then hands it over as it was read: look again
                .filter(r -> database.isPostgres() || isUnprocessed(r.id()));
    }

    private boolean isUnprocessed(long id) {
        Integer n = jdbc.queryForObject("select count(*) from im_callback_event where id = ? and processed_at is null",
                Integer.class, id);
        return n != null && n == 1;
    }

    void markProcessed(long id, Outcome outcome, String detail, String ticketId, Instant at) {
        jdbc.update("update im_callback_event set processed_at = ?, outcome = ?, outcome_detail = ?, ticket_id = ?, "
                + "attempts = attempts + 1 where id = ?", odt(at), outcome.name(), truncate(detail, 1000),
                truncate(ticketId, 36), id);
    }

    /** A failed attempt: due again at {@code next}, or FAILED for good when {@code next} is null. */
    void recordFailure(long id, Instant next, String detail, Instant now) {
        if (next == null) {
            jdbc.update("update im_callback_event set attempts = attempts + 1, processed_at = ?, outcome = ?, "
                    + "outcome_detail = ? where id = ?", odt(now), Outcome.FAILED.name(), truncate(detail, 1000), id);
        } else {
            jdbc.update("update im_callback_event set attempts = attempts + 1, next_attempt_at = ?, outcome_detail = ? "
                    + "where id = ?", odt(next), truncate(detail, 1000), id);
        }
    }

    /**
     * Frees a processed callback's identity, so that the same click later is a new event: for a DingTalk click
     * refused because the ticket was not there yet (its identity has no time in it, docs/vendor-apis/callbacks.md).
     */
    void releaseIdentity(long id, String identity) {
        jdbc.update("update im_callback_event set identity = ? where id = ?",
                storedIdentity(identity + "#released-" + id), id);
    }

    /** Deletes used signature pairs and processed callbacks received before the given instants. */
    int purge(Instant signaturesBefore, Instant eventsBefore) {
        int n = jdbc.update("delete from im_callback_signature where received_at < ?", odt(signaturesBefore));
        n += jdbc.update("delete from im_callback_event where processed_at is not null and received_at < ?",
                odt(eventsBefore));
        return n;
    }

    /** The identity as stored: as given when it fits the column, else {@code sha256:<hex>} of it. */
    static String storedIdentity(String identity) {
        if (identity.length() <= IDENTITY_LENGTH) {
            return identity;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong(1), CallbackPlatform.ofType(rs.getString(2)), rs.getString(3),
                Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getInt(9));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime odt(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
