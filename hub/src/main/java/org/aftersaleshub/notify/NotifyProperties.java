package org.aftersaleshub.notify;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.staff.PreferredChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.notify.*}: staff notifications on DingTalk and WeCom (docs/notifications.md).
 *
 * @param dingtalkInstance the DingTalk connector instance that sends to staff whose channel is DINGTALK; empty: the
 *                         one declared DingTalk instance, if there is exactly one
 * @param wecomInstance    the same for WECOM
 * @param templatesDir     a template file here with a shipped template's name replaces it (default
 *                         {@code ./routes/templates}); read and checked at start
 * @param ticketLink       the link in every ticket message; {@code {ticketId}} and {@code {ticketNumber}} are
 *                         replaced
 * @param timeZone         deadlines and times in messages (default Asia/Shanghai)
 * @param cards            new assignments as interactive cards with 接单 (DingTalk card-deliver, WeCom template_card)
 *                         instead of work notices / app messages; needs the connectors' card operations
 * @param warehouseTargets per hub warehouse code, the group that gets its low-stock alerts
 * @param itTargets        the groups that get IT alerts (运维告警)
 * @param alerts           when the hub raises IT alerts
 */
@ConfigurationProperties("hub.notify")
public record NotifyProperties(String dingtalkInstance, String wecomInstance, String templatesDir, String ticketLink,
                               ZoneId timeZone, Boolean cards, Map<String, GroupTarget> warehouseTargets,
                               List<GroupTarget> itTargets, Alerts alerts) {

    public NotifyProperties {
        dingtalkInstance = blankToEmpty(dingtalkInstance);
        wecomInstance = blankToEmpty(wecomInstance);
        templatesDir = templatesDir == null || templatesDir.isBlank() ? "./routes/templates" : templatesDir.trim();
        ticketLink = ticketLink == null || ticketLink.isBlank() ? "http://127.0.0.1:8080/console/tickets/{ticketId}"
                : ticketLink.trim();
        timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
        cards = cards != null && cards;
        warehouseTargets = warehouseTargets == null ? Map.of() : Map.copyOf(warehouseTargets);
        itTargets = itTargets == null ? List.of() : List.copyOf(itTargets);
        alerts = alerts == null ? new Alerts(null, null, null, null, null, null) : alerts;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    /**
     * A group that gets messages: a group robot ({@code robot}, a name of the instance's robot-tokens / robot-keys),
     * or people by their platform user ids ({@code users}) when the group has no robot.
     *
     * @param channel  DINGTALK or WECOM
     * @param instance the connector instance; empty: the channel's instance above
     * @param robot    the robot's name in the instance's configuration
     * @param users    DingTalk userIds or WeCom userids, when there is no robot
     */
    public record GroupTarget(PreferredChannel channel, String instance, String robot, List<String> users) {
        public GroupTarget {
            instance = blankToEmpty(instance);
            robot = blankToEmpty(robot);
            users = users == null ? List.of() : users.stream().filter(u -> u != null && !u.isBlank())
                    .map(String::trim).toList();
        }
    }

    /**
     * IT alerts: what the hub announces to {@code it-targets} about itself.
     *
     * @param enabled          raise alerts at all (default true)
     * @param queue            the broker queue alerts wait on for their route (default {@code hub.it-alerts})
     * @param checkInterval    how often dead letters, connector credentials and the route queues are looked at
     *                         (default 30s)
     * @param repeatAfter      a condition that lasts (a backlog, refused credentials) is announced again after this
     *                         at the earliest (default 1h)
     * @param deadLetterDigest new dead letters are announced at once, and then at most once per this, each message
     *                         counting all since the last (default 10m); each dead letter is announced once
     * @param connectorRecheck how often every connector instance's connectivity check runs again, so refused
     *                         credentials are noticed while nothing calls the instance (default 30m; 0 = never)
     */
    public record Alerts(Boolean enabled, String queue, Duration checkInterval, Duration repeatAfter,
                         Duration deadLetterDigest, Duration connectorRecheck) {
        public Alerts {
            enabled = enabled == null || enabled;
            queue = queue == null || queue.isBlank() ? "hub.it-alerts" : queue.trim();
            checkInterval = checkInterval == null || checkInterval.toMillis() < 100 ? Duration.ofSeconds(30)
                    : checkInterval;
            repeatAfter = repeatAfter == null ? Duration.ofHours(1) : repeatAfter;
            deadLetterDigest = deadLetterDigest == null ? Duration.ofMinutes(10) : deadLetterDigest;
            connectorRecheck = connectorRecheck == null ? Duration.ofMinutes(30) : connectorRecheck;
        }
    }
}
