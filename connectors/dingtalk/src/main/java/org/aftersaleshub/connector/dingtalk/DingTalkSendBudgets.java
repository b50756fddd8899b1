package org.aftersaleshub.connector.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aftersaleshub.connector.ratelimit.RateBudgets;

/**
 * The one place the DingTalk connector takes send permits (docs/vendor-apis/dingtalk.md §5.4, §13.6): each custom
 * robot gets one message per {@code 60 s / dingtalk.robot-messages-per-minute}, so no minute ever holds more than
 * DingTalk's 20 and the robot never reaches its 10-minute block; a robot DingTalk throttled anyway is not tried again
 * until the block ends.
 *
 * <p>Permits come from the kit's {@link RateBudgets}, keyed by the robot's token fingerprint (not its name or
 * instance), so a store shared by hub instances counts each robot once. One permit per window, not a burst: windows
 * are fixed, and two bursts either side of a window edge would put twice the budget into one minute. With at most
 * 18 a minute, 21 consecutive permits span more than 63 s.
 */
final class DingTalkSendBudgets {

    private final RateBudgets robots;
    private final int perMinute;
    private final Duration spacing;
    private final Duration block;
    private final Clock clock;
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    /**
     * @param perMinute robot messages a minute (at most 18, see the class comment)
     * @param wait      how long a send waits for a permit before it is refused (RETRYABLE, nothing sent)
     * @param block     how long DingTalk blocks a throttled robot
     */
    DingTalkSendBudgets(int perMinute, Duration wait, Duration block, Clock clock) {
        this.perMinute = perMinute;
        this.spacing = spacing(perMinute);
        this.robots = new RateBudgets(1, spacing, wait);
        this.block = block;
        this.clock = clock;
    }

    /** The time between two permits of one robot: 60 s / perMinute, rounded up to the millisecond. */
    static Duration spacing(int perMinute) {
        return Duration.ofMillis((60_000L + perMinute - 1) / perMinute);
    }

    /**
     * Takes the permit for one message to robot {@code name}.
     *
     * @throws DingTalkLimitException ROBOT_BLOCKED while DingTalk's block lasts, ROBOT_BUDGET when no permit came
     *         within the wait
     */
    void acquireRobot(String name, String token) {
        String key = RateBudgets.key("dingtalk-robot", fingerprint(token), "send");
        Instant until = blockedUntil.get(key);
        Instant now = clock.instant();
        if (until != null && now.isBefore(until)) {
            throw new DingTalkLimitException(DingTalkLimitException.Limit.ROBOT_BLOCKED, key,
                    Duration.between(now, until),
                    "robot " + name + " is throttled by DingTalk until " + until + " (410100); nothing sent");
        }
        if (!robots.acquire(key)) {
            throw new DingTalkLimitException(DingTalkLimitException.Limit.ROBOT_BUDGET, key, spacing, "robot " + name
                    + ": no send budget within " + robots.maxWait().toMillis() + " ms (" + perMinute
                    + " a minute, below DingTalk's 20); nothing sent");
        }
    }

    /**
     * DingTalk throttled robot {@code name} (410100 / 130101): it is blocked for the configured minutes.
     *
     * @return the exception to throw
     */
    DingTalkLimitException blocked(String name, String token, String answer) {
        Instant until = clock.instant().plus(block);
        String key = RateBudgets.key("dingtalk-robot", fingerprint(token), "send");
        blockedUntil.put(key, until);
        return new DingTalkLimitException(DingTalkLimitException.Limit.ROBOT_BLOCKED, key, block, "robot " + name
                + " throttled by DingTalk (" + answer + "); blocked until " + until);
    }

    /** A robot's identity for budget keys and metrics: never the token itself, which is a secret. */
    static String fingerprint(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
