package org.aftersaleshub.notify.waiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.connector.ratelimit.QuotaCounter;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRequest;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DingTalk's monthly API quota used up (the shared count at its limit): a notice for someone who also has a WeCom id
 * goes there instead, someone with DingTalk only waits for the month's end — neither is a failed attempt or a dead
 * letter — and IT is told once.
 */
@SpringBootTest
class MonthlyQuotaFallbackTest {

    static final ImMocks im = ImMocks.start();
    static final String QUOTA = "dingtalk:dingaftersalesdemo01:api-calls";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml,im-alerts.yaml,im-waiting.yaml");
        r.add("hub.notify.alerts.check-interval", () -> "1h");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "100");
        r.add("hub.delivery.max-attempts", () -> "3");
    }

    @AfterAll
    static void stop() {
        im.close();
    }

    @Autowired
    TicketService tickets;
    @Autowired
    StaffService staff;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void quotaUsedUp() {
        String month = QuotaCounter.monthOf(Instant.now());
        jdbc.update("delete from quota_count where quota = ?", QUOTA);
        jdbc.update("insert into quota_count (quota, period, used, quota_limit, instance, updated_at) values"
                + " (?, ?, 5000, 5000, ?, ?)", QUOTA, month, ImMocks.DINGTALK, Timestamp.from(Instant.now()));
    }

    Staff person(String name, String dingTalk, String weCom) {
        return staff.create(new StaffRequest(null, name, null, "华东", "华东区", List.of("制冷"),
                List.of(StaffRole.ENGINEER), null, dingTalk, weCom, PreferredChannel.DINGTALK, true, null), "test");
    }

    Ticket assignedTo(Staff s) {
        Ticket t = tickets.create(new CreateTicketRequest(Channel.CALL_CENTER, "C0009", new DeviceRef("SN" + UUID
                .randomUUID().toString().substring(0, 6), "AC-9"), "制冷异常", "空调不制冷", Priority.HIGH, "华东", null,
                null, null), "test");
        return tickets.assign(t.id(), s.id(), "dispatcher");
    }

    List<Map<String, Object>> journal(String ticketId) {
        return jdbc.queryForList("select outcome, target, detail from delivery_journal where ticket_id = ? order by id",
                ticketId);
    }

    @Test
    void aPersonWithAWeComIdGetsTheNoticeThereAndItIsTold() {
        Staff both = person("周琳", "ding_user_011", "WeComUser011");
        Ticket t = assignedTo(both);

        await().atMost(Duration.ofSeconds(30)).until(() -> im.weComMessages("WeComUser011").stream()
                .anyMatch(m -> m.contains(t.number())));
        assertThat(im.dingTalkNotices("ding_user_011")).noneMatch(m -> m.contains(t.number()));
        // the journal row follows the platform's answer
        await().atMost(Duration.ofSeconds(10)).until(() -> journal(t.id()).size() == 2);
        assertThat(journal(t.id())).extracting(r -> r.get("OUTCOME")).containsExactly("WAITING", "SUCCESS");
        assertThat((String) journal(t.id()).get(0).get("DETAIL")).contains("monthly API quota is used up");
        assertThat(journal(t.id()).get(1).get("TARGET")).isEqualTo(ImMocks.WECOM);
        assertThat(jdbc.queryForList("select alert_key from notify_alert", String.class))
                .contains("quota:" + ImMocks.DINGTALK);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Integer.class)).isZero();
    }

    @Test
    void aPersonWithDingTalkOnlyWaitsForTheQuotaAndNothingIsDeadLettered() {
        Staff dingTalkOnly = person("吴强", "ding_user_012", null);
        Ticket t = assignedTo(dingTalkOnly);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from notify_waiting"
                + " where ticket_id = ?", Integer.class, t.id()) == 1);
        Timestamp due = jdbc.queryForObject("select due_at from notify_waiting where ticket_id = ?", Timestamp.class,
                t.id());
        assertThat(due.toInstant()).as("until the month's end").isAfter(Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(journal(t.id())).extracting(r -> r.get("OUTCOME")).containsExactly("WAITING");
        assertThat(im.dingTalkNotices("ding_user_012")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter", Integer.class)).isZero();
        jdbc.update("delete from notify_waiting where ticket_id = ?", t.id());
    }
}
