package org.aftersaleshub.timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.aftersaleshub.support.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due timers. Every {@code hub.timers.scan-interval} one hub instance (ShedLock row {@code timer-scan} in
 * {@code timer_lock}, database time) reads the pending timers due by the hub's clock and fires each in a transaction
 * of its own: the handler locks its subject, the timer row is taken {@code for update skip locked} and set FIRED
 * with the handler's writes. The ShedLock row only saves work; exactness comes from the row lock and the state
 * change, so two instances scanning at once (a lock that ran out) still fire each timer once.
 */
@Component
public class TimerScanner {

    private static final Logger log = LoggerFactory.getLogger(TimerScanner.class);

    private final DueTimers timers;
    private final Map<String, TimerHandler> handlers;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final TimersProperties props;
    private final LockProvider locks;

    public TimerScanner(DueTimers timers, List<TimerHandler> handlers, TransactionTemplate tx, Clock clock,
                        TimersProperties props, JdbcTemplate jdbc) {
        this.timers = timers;
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.tx = tx;
        this.clock = clock;
        this.props = props;
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("timer_lock").usingDbTime().build());
    }

    @Scheduled(fixedDelayString = "${hub.timers.scan-interval:5s}", initialDelayString = "${hub.timers.scan-interval:5s}")
    void scheduledScan() {
        // held at least half an interval, so the instances take turns instead of all scanning each tick; at most
        // ten intervals (min. 1 min), after which another instance stands in for one that died mid-scan
        Duration atLeast = props.scanInterval().dividedBy(2);
        Duration atMost = props.scanInterval().multipliedBy(10).compareTo(Duration.ofMinutes(1)) < 0
                ? Duration.ofMinutes(1) : props.scanInterval().multipliedBy(10);
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), "timer-scan", atMost, atLeast));
        if (lock.isEmpty()) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Timer scan failed (到期提醒扫描失败); the next scan tries again: {}", e.toString());
        } finally {
            lock.get().unlock();
        }
    }

    /**
     * Fires every timer due now, batch after batch, and answers how many this call fired. Safe to call from several
     * instances at once (tests do, to show it).
     */
    public int scan() {
        int fired = 0;
        while (true) {
            Instant now = clock.instant();
            List<DueTimer> due = timers.dueCandidates(now, props.batchSize());
            int firedNow = 0;
            for (DueTimer candidate : due) {
                if (fireOne(candidate)) {
                    firedNow++;
                }
            }
            fired += firedNow;
            if (due.size() < props.batchSize() || firedNow == 0) {
                return fired;
            }
        }
    }

    private boolean fireOne(DueTimer candidate) {
        TimerHandler handler = handlers.get(candidate.kind());
        if (handler == null) {
            return false; // a kind this hub version does not know: left for one that does
        }
        try {
            Boolean done = tx.execute(s -> {
                handler.lockSubject(candidate.subject());
                Optional<DueTimer> claimed = timers.claim(candidate.id());
                if (claimed.isEmpty()) {
                    return false;
                }
                Instant now = clock.instant();
                boolean late = now.isAfter(claimed.get().dueAt().plus(props.lateAfter()));
                handler.fire(claimed.get(), now, late);
                timers.markFired(candidate.id(), now, late);
                return true;
            });
            return Boolean.TRUE.equals(done);
        } catch (RuntimeException e) {
            log.warn("Timer {} {} of {} failed (到期提醒处理失败), tried again on the next scan: {}", candidate.kind(),
                    candidate.key(), candidate.subject(), e.toString());
            tx.executeWithoutResult(s -> timers.markFailed(candidate.id(), Text.truncate(e.toString(), 1000),
                    props.maxAttempts()));
            return false;
        }
    }
}
