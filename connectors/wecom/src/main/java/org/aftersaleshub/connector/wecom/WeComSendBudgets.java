package org.aftersaleshub.connector.wecom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.aftersaleshub.connector.ratelimit.RateBudgets;

/**
 * The one place the WeCom connector takes send permits (docs/vendor-apis/wecom.md §2.5, §5, §10.3): each group robot
 * gets one message per {@code 60 s / wecom.robot-messages-per-minute} (WeCom: 20 a minute, then 45009), each member one
 * app message per {@code 60 s / wecom.member-messages-per-minute} (WeCom: 30 a minute, the rest silently dropped).
 *
 * <p>Permits come from the kit's {@link RateBudgets}, keyed by the robot key's fingerprint and by corp + member, so a
 * store shared by hub instances counts each once. One permit per window rather than a burst: windows are fixed, and
 * bursts either side of a window edge would double a minute. With N at most the platform's limit minus two, the first
 * and the (limit+1)th of any run are more than a minute apart.
 */
final class WeComSendBudgets {

    private final String corpId;
    private final RateBudgets robots;
    private final Duration robotSpacing;
    private final RateBudgets members;
    private final Duration memberSpacing;
    private final Duration wait;

    /**
     * @param robotsPerMinute  robot messages a minute (at most 18)
     * @param membersPerMinute app messages a minute to one member (at most 28); 0 = no member budget
     * @param wait             how long a send waits for a permit before it is refused
     */
    WeComSendBudgets(String corpId, int robotsPerMinute, int membersPerMinute, Duration wait) {
        this.corpId = corpId;
        this.wait = wait;
        this.robotSpacing = spacing(robotsPerMinute);
        this.robots = new RateBudgets(1, robotSpacing, wait);
        this.memberSpacing = membersPerMinute == 0 ? null : spacing(membersPerMinute);
        this.members = membersPerMinute == 0 ? null : new RateBudgets(1, memberSpacing, wait);
    }

    /** 60 s / perMinute, rounded up to the millisecond. */
    static Duration spacing(int perMinute) {
        return Duration.ofMillis((60_000L + perMinute - 1) / perMinute);
    }

    /** @throws WeComLimitException ROBOT_BUDGET when no permit came within the wait (nothing sent) */
    void acquireRobot(String name, String key) {
        String budget = RateBudgets.key("wecom-robot", fingerprint(key), "send");
        if (!robots.acquire(budget)) {
            throw new WeComLimitException(WeComLimitException.Limit.ROBOT_BUDGET, budget, robotSpacing, "robot " + name
                    + ": no send budget within " + wait.toMillis() + " ms; nothing sent");
        }
    }

    /**
     * One permit for each member an app message goes to (user ids, case-insensitive as WeCom treats them).
     *
     * @throws WeComLimitException MEMBER_BUDGET when a member had no permit within the wait; nothing is sent (the
     *         permits already taken for other members of this message are spent)
     */
    void acquireMembers(List<String> users) {
        if (members == null) {
            return;
        }
        for (String u : users) {
            String lower = u.toLowerCase(Locale.ROOT);
            String budget = RateBudgets.key("wecom-member", corpId, lower);
            if (!members.acquire(budget)) {
                throw new WeComLimitException(WeComLimitException.Limit.MEMBER_BUDGET, budget, memberSpacing, "member "
                        + u
                        + ": no send budget within " + wait.toMillis() + " ms (WeCom drops more than 30 a minute "
                        + "silently); nothing sent");
            }
        }
    }

    /** A robot's identity for budget keys: never the webhook key itself, which is a secret. */
    static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
