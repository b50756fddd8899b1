package org.aftersaleshub.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scanner with a handler of its own: a timer fires once, at or after its due time by the hub's clock, late
 * when the clock is past due + late-after; a handler that fails leaves the timer pending for the next scan, and after
 * max-attempts failures it is FAILED with the reason — never fired twice, never dropped silently.
 */
@SpringBootTest
@Import(TimerScannerTest.Handlers.class)
class TimerScannerTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        java.nio.file.Path dir = HubTestDatabases.h2(r);
        // no routes: the timers are all this test is about (an empty folder of its own)
        r.add("hub.routes-dir", () -> {
            try {
                return java.nio.file.Files.createDirectories(dir.resolve("routes")).toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        r.add("hub.clock.test-offset", () -> "0s");
        r.add("hub.timers.scan-interval", () -> "1h");
        r.add("hub.timers.late-after", () -> "1m");
        r.add("hub.timers.max-attempts", () -> "3");
    }

    /** Counts fires; fails while {@code failures} is above zero. */
    static class CountingHandler implements TimerHandler {
        final String kind;
        final AtomicInteger fires = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile Boolean lastLate;

        CountingHandler(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public void lockSubject(String subject) {
        }

        @Override
        public void fire(DueTimer timer, Instant now, boolean late) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("the test's handler fails on purpose");
            }
            fires.incrementAndGet();
            lastLate = late;
        }
    }

    @TestConfiguration
    static class Handlers {
        @Bean
        CountingHandler testTimers() {
            return new CountingHandler("test");
        }
    }

    @Autowired
    TimerScanner scanner;
    @Autowired
    CountingHandler handler;
    @Autowired
    DueTimers timers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    void schedule(String subject, Duration in) {
        tx.executeWithoutResult(s -> timers.sync("test", subject, Map.of("k", clock.instant().plus(in))));
    }

    Map<String, Object> row(String subject) {
        return jdbc.queryForMap("select state, late, attempts, last_error from due_timer where kind = 'test' and "
                + "subject = ?", subject);
    }

    @Test
    void aTimerFiresOnceWhenDueAndLateWhenFarPastDue() {
        handler.fires.set(0);
        handler.failures.set(0);
        schedule("on-time", Duration.ofMinutes(10));
        scanner.scan();
        assertThat(handler.fires).hasValue(0);
        ((MovableClock) clock).advance(Duration.ofMinutes(10));
        scanner.scan();
        scanner.scan();
        assertThat(handler.fires).hasValue(1);
        assertThat(handler.lastLate).isFalse();
        assertThat(row("on-time").get("STATE")).isEqualTo("FIRED");

        schedule("late", Duration.ofMinutes(1));
        ((MovableClock) clock).advance(Duration.ofMinutes(5));
        scanner.scan();
        assertThat(handler.fires).hasValue(2);
        assertThat(handler.lastLate).isTrue();
        assertThat(row("late").get("LATE")).isEqualTo(true);
        // a key that fired is not armed again
        schedule("late", Duration.ofMinutes(1));
        ((MovableClock) clock).advance(Duration.ofMinutes(2));
        scanner.scan();
        assertThat(handler.fires).hasValue(2);
    }

    @Test
    void aFailingTimerIsTriedAgainAndThenSetFailedWithItsReason() {
        handler.fires.set(0);
        handler.failures.set(1);
        schedule("flaky", Duration.ZERO);
        scanner.scan();
        assertThat(row("flaky").get("STATE")).isEqualTo("PENDING");
        assertThat(row("flaky").get("ATTEMPTS")).isEqualTo(1);
        scanner.scan();
        assertThat(row("flaky").get("STATE")).isEqualTo("FIRED");
        assertThat(handler.fires).hasValue(1);

        handler.failures.set(100);
        schedule("broken", Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            scanner.scan();
        }
        assertThat(row("broken").get("STATE")).isEqualTo("FAILED");
        assertThat(row("broken").get("ATTEMPTS")).isEqualTo(3);
        assertThat((String) row("broken").get("LAST_ERROR")).contains("fails on purpose");
        assertThat(handler.fires).hasValue(1);
    }
}
