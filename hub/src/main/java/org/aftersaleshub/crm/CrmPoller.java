package org.aftersaleshub.crm;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.aftersaleshub.connector.crm.ChangeCursor;
import org.aftersaleshub.connector.crm.ChangePage;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The polling reconciliation: every {@code hub.crm.poll.interval}, the customer records changed after the persisted
 * cursor ({@code crm_sync_cursor}, keyed by (last_modified_time, _id)) are read page by page and applied like a
 * callback's record, so a missed callback is still picked up. Each page and the cursor after it commit together: a
 * crash repeats at most the page in hand (applying a record twice changes nothing the second time), a restart goes on
 * from the cursor, and no change is skipped or read again. One hub instance polls at a time (ShedLock row
 * {@code crm-poll:<instance>} in {@code crm_sync_lock}, as the staff sync does).
 */
@Component
public class CrmPoller {

    private static final Logger log = LoggerFactory.getLogger(CrmPoller.class);

    private final CrmProperties props;
    private final CrmInstance instance;
    private final CrmChangeEvents changes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final LockProvider locks;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();

    public CrmPoller(CrmProperties props, CrmInstance instance, CrmChangeEvents changes, JdbcTemplate jdbc,
                     TransactionTemplate tx) {
        this.props = props;
        this.instance = instance;
        this.changes = changes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("crm_sync_lock").usingDbTime().build());
    }

    @Scheduled(initialDelayString = "${hub.crm.poll.initial-delay:20s}", fixedDelayString = "${hub.crm.poll.interval:1m}")
    void scheduled() {
        if (!props.poll().enabled()) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("CRM poll failed; the cursor stays where the last applied page left it, the next poll goes on "
                    + "from there: {}", e.toString());
        }
    }

    /**
     * One poll: every page changed since the cursor, each applied and the cursor moved in one transaction.
     *
     * @return records read, or -1 when no CRM is declared or another hub instance is polling
     */
    public int poll() {
        Optional<CrmInstance.Resolved> crm = instance.get();
        if (crm.isEmpty()) {
            return -1;
        }
        String name = crm.get().name();
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), "crm-poll:" + name,
                props.poll().maxDuration(), Duration.ZERO));
        if (lock.isEmpty()) {
            return -1;
        }
        try {
            int read = 0;
            ChangeCursor cursor = cursor(name);
            while (true) {
                ChangePage page = crm.get().crm().changedSince(props.accountObject(), cursor, props.poll().pageSize());
                ChangeCursor next = page.next();
                for (CrmRecord r : page.records()) {
                    // each record with its contacts and the cursor behind it in one transaction
                    ChangeCursor after = new ChangeCursor(r.lastModified(), r.id());
                    tx.executeWithoutResult(s -> {
                        changes.apply(crm.get().crm(), r);
                        save(name, after);
                    });
                }
                read += page.records().size();
                if (!next.equals(cursor)) {
                    ChangeCursor n = next;
                    tx.executeWithoutResult(s -> save(name, n));
                }
                cursor = next;
                if (!page.more() || page.records().isEmpty()) {
                    break;
                }
            }
            polls.incrementAndGet();
            recordsRead.addAndGet(read);
            if (read > 0) {
                log.info("CRM poll of {}: {} changed {} records applied; cursor now {}", name, read,
                        props.accountObject(), cursor);
            }
            return read;
        } finally {
            lock.get().unlock();
        }
    }

    /** Records read by this hub instance's polls since start. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Polls completed since start (tests wait on it). */
    public long completedPolls() {
        return polls.get();
    }

    /** The persisted cursor, or the beginning (every record once, the first time). */
    ChangeCursor cursor(String name) {
        List<ChangeCursor> c = jdbc.query("select modified_at, last_id from crm_sync_cursor where instance_name = ? "
                + "and object_name = ?", (rs, i) -> new ChangeCursor(rs.getLong(1), rs.getString(2)), name,
                props.accountObject());
        return c.isEmpty() ? ChangeCursor.start(0) : c.get(0);
    }

    private void save(String name, ChangeCursor c) {
        Timestamp now = Timestamp.from(Instant.now());
        int n = jdbc.update("update crm_sync_cursor set modified_at = ?, last_id = ?, polled_at = ? where "
                + "instance_name = ? and object_name = ?", c.modifiedAt(), c.lastId(), now, name,
                props.accountObject());
        if (n == 0) {
            jdbc.update("insert into crm_sync_cursor (instance_name, object_name, modified_at, last_id, polled_at) "
                    + "values (?, ?, ?, ?, ?)", name, props.accountObject(), c.modifiedAt(), c.lastId(), now);
        }
    }
}
