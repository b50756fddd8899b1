package org.aftersaleshub.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.aftersaleshub.budget.QuotaUsages;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connectors.ConnectorStates;
import org.aftersaleshub.ops.OpsProperties;
import org.aftersaleshub.ops.QueueBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the hub learns what IT must hear, looked at every {@code hub.notify.alerts.check-interval}:
 * <ul>
 *   <li><b>new dead letters</b> — rows added to {@code dead_letter} since the last announcement (a mark in
 *       {@code notify_alert}, moved by compare-and-set, so one hub instance announces each); several in a short
 *       time become one message per {@code hub.notify.alerts.dead-letter-digest}. Dead letters of the alerts' own
 *       route are left out (an alert about an alert that cannot be sent would never end);</li>
 *   <li><b>credentials refused</b> — a connector instance whose last connectivity check ({@link ConnectorStates}, at
 *       start, on {@code GET /api/v1/connectors?check=true}, and every {@code connector-recheck} here) failed with
 *       rule {@code authentication};</li>
 *   <li><b>backlog over its limit</b> — a route queue whose oldest message is older than
 *       {@code hub.ops.backlog-warn-age} ({@link QueueBacklog}'s last sample);</li>
 *   <li><b>a quota nearly used</b> — a platform quota (DingTalk's monthly API calls) at or above
 *       {@code hub.budgets.quota-near}, or used up ({@link QuotaUsages}' last sample; the counts are shared by all hub
 *       instances).</li>
 * </ul>
 * A lasting condition is announced again after {@code hub.notify.alerts.repeat-after}. Off while
 * {@code hub.notify.it-targets} is empty.
 */
@Component
public class ItAlertWatch {

    private static final Logger log = LoggerFactory.getLogger(ItAlertWatch.class);
    static final String DEAD_LETTER_MARK = "dead-letters";
    private static final int MAX_LISTED = 5;

    private final ItAlerts alerts;
    private final NotifyProperties props;
    private final JdbcTemplate jdbc;
    private final ConnectorInstances instances;
    private final ConnectorStates states;
    private final QueueBacklog backlog;
    private final OpsProperties ops;
    private final QuotaUsages quotas;
    private final String publicBaseUrl;
    private volatile Instant lastRecheck = Instant.now();
    private volatile boolean toldOff;

    public ItAlertWatch(ItAlerts alerts, NotifyProperties props, JdbcTemplate jdbc, ConnectorInstances instances,
                        ConnectorStates states, QueueBacklog backlog, OpsProperties ops, QuotaUsages quotas,
                        @Value("${hub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.alerts = alerts;
        this.props = props;
        this.jdbc = jdbc;
        this.instances = instances;
        this.states = states;
        this.backlog = backlog;
        this.ops = ops;
        this.quotas = quotas;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    @Scheduled(fixedDelayString = "${hub.notify.alerts.check-interval:30s}",
            initialDelayString = "${hub.notify.alerts.check-interval:30s}")
    void check() {
        if (!props.alerts().enabled() || props.itTargets().isEmpty()) {
            if (!toldOff) {
                toldOff = true;
                log.info("IT alerts are off: {}", props.alerts().enabled() ? "hub.notify.it-targets is empty"
                        : "hub.notify.alerts.enabled=false");
            }
            return;
        }
        try {
            deadLetters();
            credentials();
            backlog();
            quotas();
        } catch (RuntimeException e) {
            // the database or the broker is away: the next check looks again
            log.warn("IT alert check failed: {}", e.getMessage());
        }
    }

    /** Announces the dead letters stored since the mark, as one message. */
    void deadLetters() {
        Long mark = jdbc.queryForList("select last_value from notify_alert where alert_key = ?", Long.class,
                DEAD_LETTER_MARK).stream().findFirst().orElse(null);
        if (mark == null) {
            // first run against this database: what is already there was there before; only new ones are news
            Long max = jdbc.queryForObject("select coalesce(max(id), 0) from dead_letter", Long.class);
            try {
                jdbc.update("insert into notify_alert (alert_key, raised_at, last_value) values (?, ?, ?)",
                        DEAD_LETTER_MARK, Timestamp.from(Instant.EPOCH), max);
            } catch (DuplicateKeyException e) {
                // another hub instance set the mark first
            }
            return;
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select id, route_id, target, event_type, error from "
                + "dead_letter where id > ? and source_queue <> ? order by id", mark, props.alerts().queue());
        Long newest = jdbc.queryForObject("select coalesce(max(id), 0) from dead_letter", Long.class);
        if (newest == null || newest <= mark) {
            return;
        }
        if (rows.isEmpty()) {
            moveMark(mark, newest); // only the alerts' own dead letters: nothing to say
            return;
        }
        Duration digest = props.alerts().deadLetterDigest();
        if (!alerts.claim("dead-letters:digest", Instant.now(), digest)) {
            return; // announced a moment ago: these are counted into the next message
        }
        if (!moveMark(mark, newest)) {
            return; // another hub instance announced them
        }
        Map<String, Integer> perRoute = new LinkedHashMap<>();
        rows.forEach(r -> perRoute.merge(String.valueOf(r.get("route_id")), 1, Integer::sum));
        List<String> latest = new ArrayList<>();
        for (Map<String, Object> r : rows.subList(Math.max(0, rows.size() - MAX_LISTED), rows.size())) {
            latest.add("#" + r.get("id") + " route " + r.get("route_id") + " → " + r.get("target") + " ("
                    + r.get("event_type") + "): " + kind(String.valueOf(r.get("error"))));
        }
        String title = rows.size() + " new dead letter" + (rows.size() == 1 ? "" : "s") + " (新增死信) on "
                + perRoute.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        long last = ((Number) rows.get(rows.size() - 1).get("id")).longValue();
        alerts.publish(new ItAlert(java.util.UUID.randomUUID().toString(), ItAlert.DEAD_LETTER, DEAD_LETTER_MARK,
                title, String.join("\n", latest) + "\nReplay after fixing the cause: POST /api/v1/dead-letters/{id}"
                + "/replay", publicBaseUrl + "/api/v1/dead-letters/" + last, Instant.now()));
    }

    private boolean moveMark(long from, long to) {
        return jdbc.update("update notify_alert set last_value = ? where alert_key = ? and last_value = ?", to,
                DEAD_LETTER_MARK, from) == 1;
    }

    /** What failed, without the text a remote system or the event supplied ("HTTP 500", "timeout"). */
    static String kind(String error) {
        int colon = error.indexOf(':');
        String k = colon < 0 ? error : error.substring(0, colon);
        return k.length() > 120 ? k.substring(0, 120) : k;
    }

    /** Instances whose credentials were refused at the last check; re-checks them every connector-recheck. */
    void credentials() {
        Duration every = props.alerts().connectorRecheck();
        boolean recheck = !every.isZero() && Duration.between(lastRecheck, Instant.now()).compareTo(every) >= 0;
        if (recheck) {
            lastRecheck = Instant.now();
        }
        for (String name : instances.names()) {
            ConnectorStates.State s = recheck ? states.recheck(name) : states.of(name);
            if (s == null || s.connectivity() == null) {
                continue;
            }
            List<ConfigProblem> refused = s.connectivity().stream().filter(p -> "authentication".equals(p.rule()))
                    .toList();
            if (!refused.isEmpty()) {
                alerts.raise(ItAlert.CREDENTIALS, "credentials:" + name, "Connector " + name + ": credentials "
                        + "refused (凭证被拒)", refused.stream().map(p -> p.key() + ": " + p.hint())
                        .collect(Collectors.joining("\n")) + "\nFix the secret, then GET /api/v1/connectors?check=true",
                        publicBaseUrl + "/api/v1/connectors", props.alerts().repeatAfter());
            }
        }
    }

    /** Route queues whose oldest message waits longer than hub.ops.backlog-warn-age. */
    void backlog() {
        QueueBacklog.Snapshot snap = backlog.snapshot();
        Instant now = Instant.now();
        double limit = ops.backlogWarnAge().toMillis() / 1000.0;
        for (QueueBacklog.QueueState q : snap.queues().values()) {
            double age = q.oldestAgeSeconds(now);
            if (age > limit) {
                alerts.raise(ItAlert.BACKLOG, "backlog:" + q.queue(), "Route queue " + q.queue() + ": backlog over "
                        + "its limit (消息积压)", String.format(Locale.ROOT, "%d messages unacknowledged, the oldest "
                        + "%.0f s old (limit %s), %d consumers, %.1f deliveries/s", q.depth(), age,
                        ops.backlogWarnAge(), q.consumers(), q.deliveriesPerSecond()),
                        publicBaseUrl + "/actuator/health/spine", props.alerts().repeatAfter());
            }
        }
    }

    /** Quotas nearly or wholly used; a used-up quota is a new condition, so it is announced even right after "near". */
    void quotas() {
        for (QuotaUsages.QuotaState q : quotas.snapshot().quotas().values()) {
            if (q.level() == QuotaUsages.Level.OK) {
                continue;
            }
            boolean gone = q.level() == QuotaUsages.Level.EXHAUSTED;
            // used up: the same key as the alert a notice that met the exhausted quota raises (NoticeParking), so IT
            // hears it once whichever notices it first
            String key = gone ? "quota:" + q.instance() : "quota:" + q.quota() + ":" + q.period() + ":near";
            alerts.raise(ItAlert.QUOTA, key, "Connector "
                    + q.instance() + ": " + q.quota() + (gone ? " used up (额度已用完)" : " nearly used (额度将尽)"),
                    String.format(Locale.ROOT, "%d of %d calls used in %s (%.1f %%).%s", q.used(), q.limit(),
                            q.period(), q.percent(), gone ? " The platform refuses further calls until the period "
                                    + "ends; notices wait or go to the person's other channel."
                                    : " Raise the quota with the platform or lower the traffic before it runs out."),
                    publicBaseUrl + "/actuator/health/quotas", props.alerts().repeatAfter());
        }
    }
}
