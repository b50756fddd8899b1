package org.aftersaleshub.staff.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs contacts syncs: reads the platform, plans with {@link SyncRules}, writes each change in its own transaction
 * (a record changed by someone else meanwhile is left for the next sync) and audits every write as the REST API
 * does, with actor {@code sync:<instance>} (or the API key's name and the instance for an on-demand sync).
 */
@Service
public class StaffSyncService {

    private static final Logger log = LoggerFactory.getLogger(StaffSyncService.class);

    /** A sync of this instance is running somewhere. */
    public static final class SyncRunning extends RuntimeException {
        SyncRunning(String instance) {
            super("a sync of " + instance + " is running", null, false, false);
        }
    }

    /** The instance is not declared, or is no DingTalk / WeCom connector. */
    public static final class NotSyncable extends RuntimeException {
        NotSyncable(String instance) {
            super(instance, null, false, false);
        }
    }

    private final ContactsReader reader;
    private final StaffRepository staff;
    private final AuditLog audit;
    private final SyncLocks locks;
    private final StaffSyncProperties props;
    private final TransactionTemplate tx;
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public StaffSyncService(ContactsReader reader, StaffRepository staff, AuditLog audit, SyncLocks locks,
                            StaffSyncProperties props, PlatformTransactionManager transactions) {
        this.reader = reader;
        this.staff = staff;
        this.audit = audit;
        this.locks = locks;
        this.props = props;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Syncs one instance now.
     *
     * @param actor who asked: {@code sync:<instance>} for the schedule, else the API key's name
     * @throws NotSyncable  when the instance is not a declared DingTalk or WeCom instance
     * @throws SyncRunning  when a sync of it runs on this or another hub instance
     */
    public SyncSummary sync(String instance, String actor) {
        ContactsReader.Source source = reader.source(instance).orElseThrow(() -> new NotSyncable(instance));
        return locks.whileSyncing(instance, () -> run(source, actor)).orElseThrow(() -> new SyncRunning(instance));
    }

    /** The instances an on-demand sync accepts. */
    public List<String> syncable() {
        return reader.syncable();
    }

    /** The schedule: every instance of hub.staff.sync.instances whose turn it is here. */
    @Scheduled(fixedDelayString = "${hub.staff.sync.interval:1h}",
            initialDelayString = "${hub.staff.sync.initial-delay:1m}")
    void scheduled() {
        for (String instance : props.instances()) {
            try {
                if (reader.source(instance).isEmpty()) {
                    if (warned.add(instance)) {
                        log.warn("hub.staff.sync.instances names {}, which is not a declared (and enabled) DingTalk "
                                + "or WeCom connector instance; it is not synced", instance);
                    }
                } else if (locks.scheduledTurn(instance)) {
                    Optional<SyncSummary> done = locks.whileSyncing(instance,
                            () -> run(reader.source(instance).orElseThrow(), "sync:" + instance));
                    if (done.isEmpty()) {
                        log.info("Contacts sync of {} skipped: another sync of it is running", instance);
                    }
                }
            } catch (RuntimeException e) {
                // the platform did not answer or refused: nothing was written; the next turn tries again
                log.warn("Contacts sync of {} failed, nothing changed: {}", instance, e.getMessage());
            }
        }
    }

    private SyncSummary run(ContactsReader.Source source, String actor) {
        Instant started = Instant.now();
        ContactsSnapshot snapshot = reader.read(source);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SyncRules rules = new SyncRules(source.platform(), props, props.rootDepartments().get(source.instance()),
                now, () -> UUID.randomUUID().toString());
        SyncRules.Plan plan = rules.plan(snapshot, staff.all());
        List<String> problems = new ArrayList<>(plan.problems());
        int added = 0;
        int updated = 0;
        int deactivated = 0;
        String by = actor.startsWith("sync:") ? actor : actor + " (sync:" + source.instance() + ")";
        for (SyncRules.Change c : plan.changes()) {
            try {
                tx.executeWithoutResult(s -> apply(c, by));
                switch (c.kind()) {
                    case ADD -> added++;
                    case UPDATE -> updated++;
                    case DEACTIVATE -> deactivated++;
                }
            } catch (ChangedMeanwhile e) {
                problems.add("staff " + c.after().id() + " changed while the sync ran; left for the next sync");
            } catch (DataAccessException e) {
                // e.g. a unique id another record took meanwhile
                problems.add("staff " + c.after().id() + ": not written (" + e.getClass().getSimpleName() + ")");
            }
        }
        int members = (int) snapshot.members().stream().filter(ContactsSnapshot.Member::employed).count();
        SyncSummary summary = new SyncSummary(source.instance(), source.platform(), started, Instant.now(), members,
                added, updated, deactivated, plan.unchanged(), problems);
        audit.record(by, "staff.sync", "connector:" + source.instance(), summary.line());
        log.info("Contacts sync of {} ({}): {}", source.instance(), source.platform(), summary.line());
        return summary;
    }

    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private void apply(SyncRules.Change c, String actor) {
        Staff after = c.after();
        if (c.kind() == SyncRules.Kind.ADD) {
            staff.insert(after);
            audit.record(actor, "staff.sync.create", "staff:" + after.id(), summary(after));
            return;
        }
        Staff current = staff.lock(after.id()).orElseThrow(ChangedMeanwhile::new);
        if (current.version() != c.before().version()) {
            throw new ChangedMeanwhile();
        }
        staff.update(after, current.version());
        audit.record(actor, c.kind() == SyncRules.Kind.DEACTIVATE ? "staff.sync.deactivate" : "staff.sync.update",
                "staff:" + after.id(), summary(after));
    }

    /** As the REST API audits: roles, channel, state, which IM links exist, supervisor; no name, no phone. */
    private static String summary(Staff s) {
        return "version=" + s.version() + " active=" + s.active() + " roles="
                + s.roles().stream().map(Enum::name).collect(Collectors.joining(",", "[", "]"))
                + " channel=" + s.preferredChannel() + " dingTalk=" + (s.dingTalkUserId() != null)
                + " weCom=" + (s.weComUserId() != null) + " supervisor=" + s.supervisorId();
    }
}
