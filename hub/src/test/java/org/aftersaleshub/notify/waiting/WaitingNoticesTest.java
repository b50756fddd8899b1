package org.aftersaleshub.notify.waiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.model.event.StockLow;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices a send budget refused wait in the database and are sent later by routes/im-waiting.yaml, against the WeCom
 * mock: merged into a digest when routine, SLA escalations first, cards never merged — asserted by content at the
 * mock and by the journal.
 */
@SpringBootTest
class WaitingNoticesTest {

    static final ImMocks im = ImMocks.start();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml,im-alerts.yaml,im-waiting.yaml");
        r.add("hub.notify.warehouse-targets.WHM.channel", () -> "WECOM");
        r.add("hub.notify.warehouse-targets.WHM.users[0]", () -> "WeComUser005");
        r.add("hub.notify.alerts.check-interval", () -> "1h");
        // a budget with no permit refuses at once: the notice waits in the database, not on a consumer thread
        r.add("hub.connectors." + ImMocks.WECOM + ".send-budget-wait-ms", () -> "0");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "100");
        r.add("hub.delivery.max-attempts", () -> "3");
    }

    @AfterAll
    static void stop() {
        im.close();
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WaitingStore store;

    void publish(StockLow event, long sequence) {
        tx.execute(s -> outbox.append(event, sequence, Instant.now()));
    }

    List<String> weCom(String user) {
        return im.weComMessages(user);
    }

    static long mentioning(List<String> texts, String text) {
        return texts.stream().filter(t -> t.contains(text)).count();
    }

    @Test
    void aBurstToOneMemberWaitsForItsBudgetAndArrivesAsOneDigestNeverAsAFailedAttempt() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> skus = List.of("A", "B", "C", "D", "E", "F").stream().map(s -> "SP-" + run + "-" + s).toList();
        for (int i = 0; i < skus.size(); i++) {
            publish(new StockLow(skus.get(i), "WHM", new BigDecimal("1"), new BigDecimal("5")), i + 1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> skus.stream()
                .allMatch(s -> mentioning(weCom("WeComUser005"), s) > 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.count() == 0);
        List<String> got = weCom("WeComUser005").stream().filter(t -> t.contains(run)).toList();
        // every notice once, alone or inside a digest
        skus.forEach(s -> assertThat(mentioning(got, s)).as(s).isEqualTo(1));
        assertThat(got).as("the member's budget (28 a minute) let one through; the rest waited and were merged")
                .hasSizeLessThan(skus.size()).anyMatch(t -> t.startsWith("### 汇总通知："));
        List<Map<String, Object>> rows = jdbc.queryForList("select outcome, detail from delivery_journal where"
                + " event_type = 'StockLow' and route_id = 'im-stock-low'");
        assertThat(rows).extracting(r -> r.get("OUTCOME")).doesNotContain("FAILED", "DEAD_LETTER")
                .contains("WAITING");
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Integer.class)).isZero();
        assertThat(im.weCom().rateLimitRejections()).isEmpty();
        assertThat(im.weCom().droppedFor("WeComUser005")).isEmpty();
    }

    @Test
    void anSlaEscalationParkedAfterARoutineBacklogIsSentFirst() throws Exception {
        String user = "WeComUser006";
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<WaitingNotice> backlog = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            backlog.add(notice(user, "routine", "例行通知 " + run + "-" + i, false));
        }
        backlog.add(notice(user, "SlaBreached", "超时升级 " + run, false));
        // parked together (one transaction), the escalation last: the drain sees the whole backlog at once
        tx.executeWithoutResult(s -> backlog.forEach(n -> park(n, Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> mentioning(weCom(user), run) == 2);
        List<String> got = weCom(user).stream().filter(t -> t.contains(run)).toList();
        assertThat(got.get(0)).as("the escalation goes before the older routine notices").contains("超时升级 " + run)
                .doesNotContain("例行通知");
        assertThat(got.get(1)).startsWith("### 汇总通知：3 条消息").contains("例行通知 " + run + "-1")
                .contains("例行通知 " + run + "-2").contains("例行通知 " + run + "-3");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.count() == 0);
    }

    @Test
    void cardsAreNeverMergedAndTheDigestsJournalRowNamesWhatItCarries() throws Exception {
        String user = "WeComUser007";
        String run = UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        WaitingNotice r1 = notice(user, "routine", "例行 " + run + "-1", false);
        WaitingNotice c1 = notice(user, "routine", "卡片 " + run + "-1", true);
        WaitingNotice r2 = notice(user, "routine", "例行 " + run + "-2", false);
        WaitingNotice c2 = notice(user, "routine", "卡片 " + run + "-2", true);
        tx.executeWithoutResult(s -> List.of(r1, c1, r2, c2).forEach(n -> park(n, now)));

        await().atMost(Duration.ofSeconds(30)).until(() -> im.weCom().messagesTo(user).stream()
                .filter(m -> JSON.valueToTree(m).toString().contains(run)).count() == 3);
        List<String> got = im.weCom().messagesTo(user).stream().map(m -> JSON.valueToTree(m).toString())
                .filter(m -> m.contains(run)).toList();
        assertThat(got.stream().filter(m -> m.contains("template_card")).toList()).as("each card alone").hasSize(2)
                .allSatisfy(m -> assertThat(m).doesNotContain("例行 " + run));
        String digest = got.stream().filter(m -> m.contains("汇总通知")).findFirst().orElseThrow();
        assertThat(digest).contains("例行 " + run + "-1").contains("例行 " + run + "-2").doesNotContain("卡片 " + run);

        await().atMost(Duration.ofSeconds(5)).until(() -> store.count() == 0);
        String digestKey = WaitingStore.digestKey(List.of(r1, r2));
        assertThat(jdbc.queryForList("select outcome, detail from delivery_journal where idempotency_key = ?",
                digestKey)).singleElement().satisfies(row -> {
                    assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS");
                    assertThat((String) row.get("DETAIL")).contains("digest of 2 notices: " + r1.key() + ", "
                            + r2.key());
                });
        for (WaitingNotice n : List.of(r1, r2)) {
            assertThat(jdbc.queryForList("select outcome, detail from delivery_journal where idempotency_key = ?",
                    n.key())).singleElement().satisfies(row -> {
                        assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS");
                        assertThat((String) row.get("DETAIL")).startsWith("delivered in digest " + digestKey);
                    });
        }
        for (WaitingNotice n : List.of(c1, c2)) {
            assertThat(jdbc.queryForList("select outcome from delivery_journal where idempotency_key = ?",
                    String.class, n.key())).containsExactly("SUCCESS");
        }
    }

    @Test
    void aDigestClaimedByAnInstanceThatDiedIsSentOnceUnderItsKeyWhenTheLeaseEnds() throws Exception {
        String user = "WeComUser009";
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<WaitingNotice> notices = List.of(notice(user, "routine", "租约 " + run + "-1", false),
                notice(user, "routine", "租约 " + run + "-2", false), notice(user, "routine", "租约 " + run + "-3", false));
        // parked and claimed in one transaction by an instance that then dies: the running drain never sees them free
        List<WaitingStore.Claim> claimed = tx.execute(s -> {
            notices.forEach(n -> park(n, Instant.now()));
            return store.claim("a-hub-that-died");
        });
        String key = WaitingStore.digestKey(notices);
        assertThat(claimed).filteredOn(c -> c.target().endsWith(user.toLowerCase())).singleElement()
                .satisfies(c -> assertThat(c.digestKey()).isEqualTo(key));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mentioning(weCom(user), run) == 0);

        jdbc.update("update notify_waiting set claimed_until = ? where claimed_by = 'a-hub-that-died'",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> mentioning(weCom(user), run) > 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.count() == 0);
        assertThat(weCom(user).stream().filter(t -> t.contains(run)).toList()).singleElement()
                .satisfies(t -> assertThat(t).contains("租约 " + run + "-1", "租约 " + run + "-2", "租约 " + run + "-3"));
        assertThat(jdbc.queryForList("select outcome from delivery_journal where idempotency_key = ?", String.class,
                key)).containsExactly("SUCCESS");
    }

    @Test
    void parkingIsIdempotentByTheNoticesKey() throws Exception {
        WaitingNotice n = notice("WeComUser008", "routine", "一次 " + UUID.randomUUID(), false);
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertThat(store.park(n, later, "test")).isTrue();
        assertThat(store.park(n, later, "test again")).isFalse();
        assertThat(store.all()).filteredOn(w -> w.key().equals(n.key())).hasSize(1);
        jdbc.update("delete from notify_waiting where idempotency_key = ?", n.key());
    }

    void park(WaitingNotice n, Instant due) {
        assertThat(store.park(n, due, "test")).isTrue();
    }

    /** A notice as NoticeParking would park it: an app message (or a card) to one WeCom member. */
    static WaitingNotice notice(String user, String eventType, String text, boolean card) throws Exception {
        String key = "im:" + UUID.randomUUID() + ":staff:" + user;
        var body = JSON.createObjectNode().put("key", key);
        body.putArray("users").add(user);
        if (card) {
            body.put("msgtype", "template_card");
            var c = body.putObject("card").put("taskId", "tk-" + UUID.randomUUID()).put("title", text)
                    .put("description", text);
            c.putArray("buttons").addObject().put("text", "接单").put("key", "accept:t1");
        } else {
            body.put("msgtype", "markdown").put("content", "**" + text + "**");
        }
        return new WaitingNotice(0, key, "WECOM:" + ImMocks.WECOM + ":user:" + user.toLowerCase(),
                WaitingNotice.Priority.of(eventType).rank(), !card,
                "wecom:" + ImMocks.WECOM + "?operation=app-message", JSON.writeValueAsString(body),
                card ? null : "**" + text + "**", UUID.randomUUID().toString(), eventType, null, "test", "test-queue",
                "{}", null, null);
    }
}
