package org.aftersaleshub.timers;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's clock (UTC), which tickets' times, SLA deadlines and the timer scan read. In production the system
 * clock. The test-only setting {@code hub.clock.test-offset} (a duration, e.g. {@code 0s} or {@code 3h}) makes it a
 * {@link MovableClock} starting that far ahead, which a test moves in every hub context it runs.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    Clock hubClock(@Value("${hub.clock.test-offset:#{null}}") Duration testOffset) {
        return testOffset == null ? Clock.systemUTC() : new MovableClock(testOffset);
    }
}
