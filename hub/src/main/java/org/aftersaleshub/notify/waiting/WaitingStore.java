package org.aftersaleshub.notify.waiting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notices waiting for a send budget, in {@code notify_waiting} (V9), shared by every hub instance on the
 * database. Parking is idempotent by the notice's key (a redelivered event parks once). A drain claims one send per
 * target — the target's most urgent notice, or a digest of its routine ones — with a lease: the rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} while claimed, so two hub instances never take the same rows, and a killed
 * instance's claims come back when the lease ends.
 */
@Component
public class WaitingStore {

    private static final String COLUMNS = "id, idempotency_key, target, priority, digestable, endpoint, body, text,"
            + " event_id, event_type, ticket_id, route_id, source_queue, event_json, due_at, digest_key";
    /** Bytes of a digest beyond its notices' texts: title, intro, separators. */
    static final int DIGEST_OVERHEAD = 300;
    static final int ITEM_OVERHEAD = 16;

    /** One send a drain claimed: one notice, or the notices of a digest ({@code digestKey} set). */
    public record Claim(String target, List<WaitingNotice> notices, String digestKey) {
        public boolean digest() {
            return digestKey != null;
        }

        public List<Long> ids() {
            return notices.stream().map(WaitingNotice::id).toList();
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final WaitingProperties props;

    public WaitingStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, WaitingProperties props) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.props = props;
    }

    /**
     * Parks a notice until {@code due}.
     *
     * @return false when a notice with the same key waits already (nothing changed)
     */
    public boolean park(WaitingNotice n, Instant due, String reason) {
        try {
            jdbc.update("insert into notify_waiting (idempotency_key, target, priority, digestable, endpoint, body, text,"
                            + " event_id, event_type, ticket_id, route_id, source_queue, event_json, reason, created_at,"
                            + " due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n.key(), n.target(),
                    n.priority(), n.digestable(), n.endpoint(), n.body(), n.text(), n.eventId(), n.eventType(),
                    n.ticketId(), n.routeId(), n.sourceQueue(), n.eventJson(), truncate(reason),
                    ts(Instant.now()), ts(due));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Gives claimed rows back, to be tried at {@code due} (nothing was sent); the target's other rows wait as long,
     * since the same budget refuses them too.
     */
    public void release(List<Long> ids, String target, Instant due, String reason) {
        tx.executeWithoutResult(s -> {
            for (Long id : ids) {
                // nothing was sent: a digest's notices are free to be merged anew
                jdbc.update("update notify_waiting set claimed_until = null, claimed_by = null, digest_key = null,"
                        + " due_at = ?, reason = ? where id = ?", ts(due), truncate(reason), id);
            }
            jdbc.update("update notify_waiting set due_at = ? where target = ? and due_at < ? and claimed_until is null",
                    ts(due), target, ts(due));
        });
    }

    /** A digest that failed for good: its notices go out one by one, each with its own outcome. */
    public void undigest(List<Long> ids) {
        for (Long id : ids) {
            jdbc.update("update notify_waiting set claimed_until = null, claimed_by = null, digest_key = null,"
                    + " digestable = false where id = ?", id);
        }
    }

    public void delete(List<Long> ids) {
        for (Long id : ids) {
            jdbc.update("delete from notify_waiting where id = ?", id);
        }
    }

    /**
     * Claims at most one send per target whose notices are due, most urgent targets first: the target's first notice
     * by priority and age, or — when that is a routine notice that may be merged — its routine notices up to the
     * digest's limits (cards among them are left for their own sends). A digest claimed before (by an instance that then died) keeps its notices and its key.
     */
    public List<Claim> claim(String owner) {
        List<Claim> out = tx.execute(s -> {
            Instant now = Instant.now();
            List<String> targets = jdbc.queryForList("select target from notify_waiting where due_at <= ? and"
                    + " (claimed_until is null or claimed_until < ?) group by target order by min(priority), min(id)"
                    + " fetch first " + props.claimTargets() + " rows only", String.class, ts(now), ts(now));
            List<Claim> claims = new ArrayList<>();
            for (String target : targets) {
                List<WaitingNotice> rows = jdbc.query("select " + COLUMNS + " from notify_waiting where target = ?"
                        + " and due_at <= ? and (claimed_until is null or claimed_until < ?) order by priority, id"
                        + " fetch first " + (props.digestMaxNotices() * 2) + " rows only for update skip locked",
                        WaitingStore::row, target, ts(now), ts(now));
                if (rows.isEmpty()) {
                    continue; // another hub instance holds them
                }
                Claim c = choose(target, rows);
                if (c == null) {
                    continue;
                }
                Timestamp until = ts(now.plus(props.lease()));
                for (WaitingNotice n : c.notices()) {
                    jdbc.update("update notify_waiting set claimed_until = ?, claimed_by = ?, digest_key = ? where id = ?",
                            until, owner, c.digestKey(), n.id());
                }
                claims.add(c);
            }
            return claims;
        });
        return out == null ? List.of() : out;
    }

    private Claim choose(String target, List<WaitingNotice> rows) {
        WaitingNotice head = rows.get(0);
        if (head.digestKey() != null) {
            // a digest whose sender died: only all of its notices, under its key, or the key would name a message
            // that carried others (another instance may hold some of them locked right now: then not this time)
            List<WaitingNotice> digest = rows.stream().filter(r -> head.digestKey().equals(r.digestKey())).toList();
            Integer all = jdbc.queryForObject("select count(*) from notify_waiting where digest_key = ?",
                    Integer.class, head.digestKey());
            return all != null && all == digest.size() ? new Claim(target, digest, head.digestKey()) : null;
        }
        if (head.priority() != WaitingNotice.Priority.ROUTINE.rank() || !head.digestable()) {
            return new Claim(target, List.of(head), null);
        }
        List<WaitingNotice> group = new ArrayList<>();
        int bytes = DIGEST_OVERHEAD;
        for (WaitingNotice r : rows) {
            if (group.size() >= props.digestMaxNotices()) {
                break;
            }
            if (r.priority() != head.priority() || !r.digestable() || r.digestKey() != null
                    || !r.endpoint().equals(head.endpoint())) {
                continue; // a card waits for its own turn; the digest takes the routine notices around it
            }
            bytes += utf8(r.text()) + ITEM_OVERHEAD;
            if (!group.isEmpty() && bytes > props.digestMaxBytes(head.endpoint())) {
                break;
            }
            group.add(r);
        }
        return group.size() < 2 ? new Claim(target, List.of(head), null)
                : new Claim(target, List.copyOf(group), digestKey(group));
    }

    /** A digest's key, from the keys it carries: the same notices always make the same key. */
    static String digestKey(List<WaitingNotice> notices) {
        List<String> keys = new ArrayList<>(notices.stream().map(WaitingNotice::key).toList());
        Collections.sort(keys);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\n", keys)
                    .getBytes(StandardCharsets.UTF_8));
            return "digest:" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when routine notices to {@code target} wait already (a new routine one should join them). */
    public boolean routineWaiting(String target) {
        return !jdbc.queryForList("select id from notify_waiting where target = ? and priority = ? fetch first 1"
                + " rows only", Long.class, target, WaitingNotice.Priority.ROUTINE.rank()).isEmpty();
    }

    /** Every waiting notice, oldest first (operators, tests). */
    public List<WaitingNotice> all() {
        return jdbc.query("select " + COLUMNS + " from notify_waiting order by id", WaitingStore::row);
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from notify_waiting", Integer.class);
        return n == null ? 0 : n;
    }

    private static WaitingNotice row(ResultSet rs, int i) throws SQLException {
        return new WaitingNotice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getTimestamp(15).toInstant(), rs.getString(16));
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
