package org.aftersaleshub.timers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.timers.*}: the scan of due timers.
 *
 * @param scanInterval pause between scans (default 5s): a timer fires at most about this long after it is due
 * @param batchSize    most due timers one scan takes before it looks again (default 500)
 * @param lateAfter    a timer fired more than this after it was due is flagged late (default 1m)
 * @param maxAttempts  a timer whose handling failed this often is set FAILED and left for a person (default 5)
 */
@ConfigurationProperties("hub.timers")
public record TimersProperties(Duration scanInterval, Integer batchSize, Duration lateAfter, Integer maxAttempts) {

    public TimersProperties {
        scanInterval = scanInterval == null ? Duration.ofSeconds(5) : scanInterval;
        batchSize = batchSize == null ? 500 : batchSize;
        lateAfter = lateAfter == null ? Duration.ofMinutes(1) : lateAfter;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    }
}
