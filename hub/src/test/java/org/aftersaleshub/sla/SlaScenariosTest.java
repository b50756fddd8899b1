package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRequest;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.MovableClock;
import org.aftersaleshub.timers.TimerScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seed scenarios with the shipped rules/sla.yaml, on a movable clock (no sleeping): each notice arrives exactly
 * once at the DingTalk / WeCom mock.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaScenariosTest {

    static final ImMocks im = ImMocks.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml,im-waiting.yaml");
        r.add("hub.rules.dir", () -> "../rules");
        r.add("hub.clock.test-offset", () -> "0s");
        // the tests scan themselves, at the moments they choose
        r.add("hub.timers.scan-interval", () -> "1h");
        // the clock jumps a minute or two past a deadline: not what "late" is about (TimerRestartPostgresTest)
        r.add("hub.timers.late-after", () -> "10m");
        r.add("hub.connectors." + ImMocks.WECOM + ".member-messages-per-minute", () -> "0");
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
    TimerScanner scanner;
    @Autowired
    Clock clock;
    @Autowired
    TicketLabels labels;
    @Autowired
    JdbcTemplate jdbc;

    Staff director;
    Staff supervisor;

    @BeforeAll
    void people() {
        director = person("陈总", "华东", StaffRole.DIRECTOR, PreferredChannel.DINGTALK, "ding_user_012", null);
        supervisor = person("刘主管", "华东", StaffRole.SUPERVISOR, PreferredChannel.WECOM, null, "WeComUser001");
    }

    Staff person(String name, String region, StaffRole role, PreferredChannel channel, String ding, String wecom) {
        return staff.create(new StaffRequest(null, name, null, region, region + "区", List.of(), List.of(role), null,
                ding, wecom, channel, true, null), "test");
    }

    Ticket ticket(Priority priority) {
        return tickets.create(new CreateTicketRequest(Channel.CALL_CENTER, "C0100", new DeviceRef("SN-SLA-1",
                "AC-9"), "制冷异常", "冷库不降温", priority, "华东", null, null, null), "test");
    }

    void advance(Duration d) {
        ((MovableClock) clock).advance(d);
    }

    static List<String> mentioning(List<String> texts, String text) {
        return texts.stream().filter(t -> t.contains(text)).toList();
    }

    @Test
    void highPriorityPendingForTwoHoursNotifiesTheDirectorOnceAndLabelsTheTicket() {
        Ticket t = ticket(Priority.HIGH);
        advance(Duration.ofMinutes(119));
        scanner.scan();
        assertThat(labels.of(t.id())).doesNotContain("紧急预警");

        advance(Duration.ofMinutes(2));
        scanner.scan();
        scanner.scan();

        assertThat(labels.of(t.id())).contains("紧急预警");
        String title = "SLA超时升级：工单 " + t.number() + " 高优先级工单待处理超过2小时";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.dingTalkNotices("ding_user_012"), title).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_012"), title).size() == 1);
        assertThat(mentioning(im.dingTalkNotices("ding_user_012"), title).get(0)).contains("标签：紧急预警")
                .doesNotContain("延迟送达");
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = 'SlaBreached'"
                + " and payload like '%high-pending-2h%'", Long.class, t.id())).isOne();
    }

    @Test
    void unacceptedForThirtyMinutesIsEscalatedOnceAndTheSupervisorIsTold() {
        Ticket t = ticket(Priority.NORMAL);
        advance(Duration.ofMinutes(29));
        scanner.scan();
        assertThat(tickets.get(t.id()).priority()).isEqualTo(Priority.NORMAL);

        advance(Duration.ofMinutes(2));
        scanner.scan();
        scanner.scan();

        Ticket escalated = tickets.get(t.id());
        assertThat(escalated.priority()).isEqualTo(Priority.HIGH);
        // the deadlines follow the new priority (policy high: response 2h around the clock)
        assertThat(escalated.responseDueAt()).isEqualTo(t.createdAt().plus(Duration.ofHours(2)));
        String title = "SLA超时升级：工单 " + t.number() + " 工单创建后30分钟无人接单";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser001"), title).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser001"), title).size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser001"), title).get(0)).contains("已自动升级，优先级调为：高");
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketPriorityChanged'", Long.class, t.id())).isOne();
    }

    @Test
    void anAcceptedTicketIsNotEscalated() {
        Staff engineer = person("钱工", "华东", StaffRole.ENGINEER, PreferredChannel.DINGTALK, "ding_user_011", null);
        Ticket t = ticket(Priority.HIGH);
        tickets.assign(t.id(), engineer.id(), "dispatcher");
        tickets.changeStatus(t.id(), TicketStatus.ACCEPTED, null, "staff:" + engineer.id());
        advance(Duration.ofHours(3));
        scanner.scan();
        assertThat(tickets.get(t.id()).priority()).isEqualTo(Priority.HIGH);
        assertThat(labels.of(t.id())).isEmpty();
        assertThat(jdbc.queryForList("select timer_key from due_timer where subject = ? and state = 'FIRED'",
                String.class, t.id())).isEmpty();
    }

    @Test
    void aClientDeadlineStandsOnlyWhenEarlierAndWaitingForPartsPausesTheResolutionTime() {
        java.time.Instant now = clock.instant();
        Ticket early = tickets.create(new CreateTicketRequest(Channel.WEB, "C0101", null, "制冷异常", null,
                Priority.HIGH, "华东", now.plus(Duration.ofMinutes(45)), now.plus(Duration.ofDays(9)), null), "test");
        assertThat(early.responseDueAt()).isEqualTo(now.plus(Duration.ofMinutes(45)));
        assertThat(early.resolutionDueAt()).isEqualTo(early.createdAt().plus(Duration.ofDays(1)));

        Staff engineer = person("孙工", "华东", StaffRole.ENGINEER, PreferredChannel.DINGTALK, "ding_user_010", null);
        tickets.assign(early.id(), engineer.id(), "dispatcher");
        tickets.changeStatus(early.id(), TicketStatus.ACCEPTED, null, "engineer");
        tickets.changeStatus(early.id(), TicketStatus.IN_PROGRESS, null, "engineer");
        Ticket waiting = tickets.changeStatus(early.id(), TicketStatus.WAITING_PARTS, null, "engineer");
        assertThat(waiting.resolutionDueAt()).isNull();
        advance(Duration.ofHours(3));
        Ticket resumed = tickets.changeStatus(early.id(), TicketStatus.IN_PROGRESS, null, "engineer");
        assertThat(Duration.between(early.resolutionDueAt(), resumed.resolutionDueAt()))
                .isBetween(Duration.ofHours(3).minusSeconds(2), Duration.ofHours(3).plusSeconds(2));
    }

    @Test
    void resolvedTwentyFourHoursAgoTheSurveyGoesOutOnceAndALowScoreLandsOnTheTicketAndReachesTheSupervisor() {
        Staff engineer = staff.create(new StaffRequest(null, "周工", null, "华东", "华东区", List.of(),
                List.of(StaffRole.ENGINEER), UUID.fromString(supervisor.id()), "ding_user_009", null,
                PreferredChannel.DINGTALK, true, null), "test");
        Ticket t = ticket(Priority.NORMAL);
        tickets.assign(t.id(), engineer.id(), "dispatcher");
        tickets.changeStatus(t.id(), TicketStatus.ACCEPTED, null, "engineer");
        tickets.changeStatus(t.id(), TicketStatus.IN_PROGRESS, null, "engineer");
        tickets.changeStatus(t.id(), TicketStatus.RESOLVED, "更换压缩机", "engineer");
        advance(Duration.ofHours(23).plusMinutes(59));
        scanner.scan();
        assertThat(surveyEvents(t.id())).isEmpty();

        advance(Duration.ofMinutes(2));
        scanner.scan();
        scanner.scan();
        List<String> requested = surveyEvents(t.id());
        assertThat(requested).hasSize(1);
        String link = requested.get(0).replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(link).contains("/survey/");

        assertThat(surveys.answer(token, 1, "等了太久")).isTrue();
        assertThat(surveys.answer(token, 5, "改主意了")).isFalse();
        assertThat(tickets.get(t.id()).satisfactionScore()).isEqualTo(1);
        String title = "差评提醒：工单 " + t.number() + " 客户评分 1 分";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser001"), title).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser001"), title).size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser001"), title).get(0)).contains("客户意见：等了太久");
    }

    @Autowired
    org.aftersaleshub.survey.SurveyService surveys;

    List<String> surveyEvents(String ticketId) {
        return jdbc.queryForList("select payload from outbox where ticket_id = ? and event_type = 'SurveyRequested'",
                String.class, ticketId);
    }
}
