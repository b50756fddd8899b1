package org.aftersaleshub.staff.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One sync of an instance at a time across every hub instance, through ShedLock rows in {@code staff_sync_lock}
 * (database time, so the hosts' clocks do not matter). A hub that dies mid-sync holds its lock until
 * {@code hub.staff.sync.max-duration} runs out.
 */
@Component
public class SyncLocks {

    private final LockProvider locks;
    private final StaffSyncProperties props;

    public SyncLocks(JdbcTemplate jdbc, StaffSyncProperties props) {
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("staff_sync_lock").usingDbTime().build());
        this.props = props;
    }

    /** Runs {@code task} holding the instance's sync lock; empty when another sync of it is running. */
    public <T> Optional<T> whileSyncing(String instance, Supplier<T> task) {
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), "staff-sync:" + instance,
                props.maxDuration(), Duration.ZERO));
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(task.get());
        } finally {
            lock.get().unlock();
        }
    }

    /**
     * True once per half interval for the instance across all hub instances: the scheduled sync runs only where this
     * answers true, so two hubs on the same schedule make one sync, and a hub that stopped is stood in for.
     */
    public boolean scheduledTurn(String instance) {
        Duration window = props.interval().dividedBy(2);
        // never unlocked: the row stays locked until the window ends
        return locks.lock(new LockConfiguration(Instant.now(), "staff-sync-schedule:" + instance, window, window))
                .isPresent();
    }
}
