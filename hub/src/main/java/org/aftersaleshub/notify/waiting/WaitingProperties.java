package org.aftersaleshub.notify.waiting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.notify.waiting.*}: staff notices that wait for a send budget (docs/notifications.md, "Budgets and
 * digests"). The drain's own pace ({@code drain-interval}) is read by routes/im-waiting.yaml.
 *
 * @param lease             how long a drain holds the rows it claimed; a hub instance killed while sending leaves
 *                          them to the others after this (default 60s)
 * @param minWait           the shortest a parked notice waits, even when the budget says sooner (default 200ms)
 * @param digestMaxNotices  notices merged into one digest at most (default 20)
 * @param digestMaxBytes    UTF-8 bytes of a robot digest's text at most: below the 4,096 of a WeCom group robot's
 *                          Markdown and DingTalk's 5,000 characters (default 3800)
 * @param digestMaxBytesMessage the same for a digest sent as a DingTalk work notice or a WeCom app message: below
 *                          the 2,048 bytes of WeCom's app-message Markdown and of DingTalk's whole work-notice
 *                          {@code msg} (default 1800)
 * @param claimTargets      targets one drain run serves at most (default 50)
 */
@ConfigurationProperties("hub.notify.waiting")
public record WaitingProperties(Duration lease, Duration minWait, Integer digestMaxNotices, Integer digestMaxBytes,
                                Integer digestMaxBytesMessage, Integer claimTargets) {

    public WaitingProperties {
        lease = lease == null || lease.toMillis() < 1000 ? Duration.ofSeconds(60) : lease;
        minWait = minWait == null || minWait.isNegative() ? Duration.ofMillis(200) : minWait;
        digestMaxNotices = digestMaxNotices == null ? 20 : Math.max(1, Math.min(200, digestMaxNotices));
        digestMaxBytes = digestMaxBytes == null ? 3800 : Math.max(500, digestMaxBytes);
        digestMaxBytesMessage = digestMaxBytesMessage == null ? 1800 : Math.max(500, digestMaxBytesMessage);
        claimTargets = claimTargets == null ? 50 : Math.max(1, claimTargets);
    }

    /** The byte limit of a digest sent through {@code endpoint}. */
    public int digestMaxBytes(String endpoint) {
        return endpoint.contains("operation=robot-send") ? digestMaxBytes : digestMaxBytesMessage;
    }
}
