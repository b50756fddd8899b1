package org.aftersaleshub.mock.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that follows real time plus an offset a test (or the admin API) can move forward,
 * so token expiry windows, "blocked for 10 minutes" and rate-limit windows can be crossed without waiting.
 */
public final class MockClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();
    private final Clock base;

    public MockClock() {
        this(Clock.systemUTC());
    }

    public MockClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Sets the clock to an absolute instant; real time keeps flowing from there. */
    public void set(Instant instant) {
        offsetMillis.set(instant.toEpochMilli() - base.millis());
    }

    /** Back to real time. */
    public void reset() {
        offsetMillis.set(0);
    }

    public long offsetMillis() {
        return offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MockClock is zone-less; use toInstant() and convert");
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
