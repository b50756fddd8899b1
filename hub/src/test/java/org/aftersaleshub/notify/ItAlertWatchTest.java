package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.budget.BudgetsProperties;
import org.aftersaleshub.budget.QuotaUsages;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.ops.OpsProperties;
import org.aftersaleshub.ops.QueueBacklog;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The backlog check: a route queue whose oldest message waits longer than hub.ops.backlog-warn-age is announced. */
class ItAlertWatchTest {

    record Raised(String kind, String key, String title, String detail, Duration window) {
    }

    final List<Raised> raised = new ArrayList<>();
    final NotifyProperties props = new NotifyProperties(null, null, null, null, null, null, null,
            List.of(new NotifyProperties.GroupTarget(org.aftersaleshub.staff.PreferredChannel.WECOM, null, null,
                    List.of("it-1"))), null);
    // a connection factory that is never used: raise() is replaced
    final ItAlerts alerts = new ItAlerts(new ActiveMQConnectionFactory(), null, props, null) {
        @Override
        public boolean raise(String kind, String key, String title, String detail, String link, Duration window) {
            raised.add(new Raised(kind, key, title, detail, window));
            return true;
        }
    };
    final OpsProperties ops = new OpsProperties(Duration.ofSeconds(60), null, null);

    ItAlertWatch watching(QueueBacklog.QueueState... queues) {
        Map<String, QueueBacklog.QueueState> byName = new java.util.LinkedHashMap<>();
        for (QueueBacklog.QueueState q : queues) {
            byName.put(q.queue(), q);
        }
        QueueBacklog backlog = new QueueBacklog(null, new EventsProperties("hub.events", 1), ops,
                new SimpleMeterRegistry()) {
            @Override
            public Snapshot snapshot() {
                return new Snapshot(Instant.now(), byName, null);
            }
        };
        return new ItAlertWatch(alerts, props, null, null, null, backlog, ops, quotaUsages(),
                "https://hub.example.com/");
    }

    final Map<String, QuotaUsages.QuotaState> quotaStates = new java.util.LinkedHashMap<>();

    QuotaUsages quotaUsages() {
        return new QuotaUsages(org.aftersaleshub.connector.SharedState.inMemory(), new BudgetsProperties(null, null,
                null, null, null, null, null), new SimpleMeterRegistry()) {
            @Override
            public Snapshot snapshot() {
                return new Snapshot(Instant.now(), quotaStates, null);
            }
        };
    }

    @Test
    void aQuotaNearlyUsedAndThenUsedUpIsAnnouncedEachTimeAndAnOkOneIsNot() {
        quotaStates.put("dingtalk:ding1:api", new QuotaUsages.QuotaState("dingtalk:ding1:api", "dingtalk-main",
                "2026-12", 4100, 5000, QuotaUsages.Level.NEAR));
        quotaStates.put("dingtalk:ding2:api", new QuotaUsages.QuotaState("dingtalk:ding2:api", "dingtalk-branch",
                "2026-12", 10, 5000, QuotaUsages.Level.OK));
        ItAlertWatch watch = watching();
        watch.quotas();
        assertThat(raised).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ItAlert.QUOTA);
            assertThat(r.title()).isEqualTo("Connector dingtalk-main: dingtalk:ding1:api nearly used (额度将尽)");
            assertThat(r.detail()).startsWith("4100 of 5000 calls used in 2026-12 (82.0 %).");
        });
        quotaStates.put("dingtalk:ding1:api", new QuotaUsages.QuotaState("dingtalk:ding1:api", "dingtalk-main",
                "2026-12", 5000, 5000, QuotaUsages.Level.EXHAUSTED));
        watch.quotas();
        assertThat(raised).hasSize(2);
        assertThat(raised.get(1).title()).endsWith("used up (额度已用完)");
        // the near and the used-up condition are separate keys: the second is not swallowed by the first's window
        assertThat(raised.get(1).key()).isNotEqualTo(raised.get(0).key());
    }

    @Test
    void aQueueWhoseOldestMessageIsOlderThanTheLimitIsAnnouncedAndAYoungOneIsNot() {
        long fiveMinutesAgo = Instant.now().minusSeconds(300).toEpochMilli();
        long justNow = Instant.now().minusSeconds(5).toEpochMilli();
        watching(new QueueBacklog.QueueState("erp-stock", 42, 8, 2, 1000, fiveMinutesAgo, 0.5),
                new QueueBacklog.QueueState("outbound-webhook", 3, 3, 4, 5000, justNow, 12.0),
                new QueueBacklog.QueueState("im-sla", 0, 0, 4, 10, null, 0)).backlog();
        assertThat(raised).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ItAlert.BACKLOG);
            assertThat(r.key()).isEqualTo("backlog:erp-stock");
            assertThat(r.title()).isEqualTo("Route queue erp-stock: backlog over its limit (消息积压)");
            assertThat(r.detail()).startsWith("42 messages unacknowledged, the oldest 30").contains("(limit PT1M)")
                    .contains("2 consumers");
            assertThat(r.window()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void theErrorKindLeavesOutWhatTheRemoteSystemSaid() {
        assertThat(ItAlertWatch.kind("HTTP 500: {\"customer\":\"张三\",\"phone\":\"13800001000\"}"))
                .isEqualTo("HTTP 500");
        assertThat(ItAlertWatch.kind("timeout")).isEqualTo("timeout");
    }
}
