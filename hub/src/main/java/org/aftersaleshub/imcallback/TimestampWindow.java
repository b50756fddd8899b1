package org.aftersaleshub.imcallback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses callbacks whose timestamp is too far from the hub's clock (either way): a captured request stays usable
 * only that long. Timestamps come in seconds (WeCom, older DingTalk) or milliseconds (DingTalk push and card clicks,
 * docs/vendor-apis/dingtalk.md §6.2); a value above 10^11 is taken as milliseconds.
 */
@Component
class TimestampWindow {

    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final Duration window;
    private final Clock clock;

    @Autowired
    TimestampWindow(CallbackProperties properties) {
        this(properties.timestampWindow(), Clock.systemUTC());
    }

    TimestampWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * The instant a timestamp stands for, when it is within the window.
     *
     * @param field the parameter or header it came in, for the problem
     * @throws org.aftersaleshub.web.ApiProblem 400 when it is missing or not a number, 401 when it is stale
     */
    Instant check(String field, String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            throw CallbackProblems.missing(field, "request");
        }
        long value;
        try {
            value = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw CallbackProblems.malformed(field, "type:integer", "must be a Unix timestamp in seconds or "
                    + "milliseconds (时间戳格式错误)");
        }
        Instant at = value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        if (Duration.between(at, clock.instant()).abs().compareTo(window) > 0) {
            throw CallbackProblems.stale(field, window);
        }
        return at;
    }

    Duration window() {
        return window;
    }
}
