package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.aftersaleshub.HubApplication;
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
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.MovableClock;
import org.aftersaleshub.timers.TimerScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four seed scenarios of the acceptance list (issue 14), each on two hub instances — two Spring contexts in this
 * JVM, each with its own embedded broker and data dir — sharing one PostgreSQL schema, with the shipped rules
 * (rules/sla.yaml, rules/dispatch.yaml) and routes. Tickets are created and moved through A and B in turn, both
 * clocks are moved by the test (hub.clock.test-offset), and the crossing timer scan runs on both at once: each
 * notice is asserted exactly once where it arrives (the DingTalk / WeCom mocks, the outbound webhook receiver).
 * The single-instance versions with more detail are {@link SlaScenariosTest} and dispatch/DispatchTest.
 */
class AcceptanceScenariosTwoInstancesPostgresTest {

    static final ImMocks im = ImMocks.start();
    static final WebhookReceiver receiver = WebhookReceiver.withHooks("sms");
    static final Map<String, Object> schema = new LinkedHashMap<>();
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static Staff director;
    static Staff supervisor;
    static Staff engineer;

    static ConfigurableApplicationContext hub() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(schema);
        p.put("hub.data-dir", Files.createTempDirectory("hub-acceptance-").toString());
        // as command-line arguments: they outrank application.yaml, as @DynamicPropertySource does
        return new SpringApplicationBuilder(HubApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @BeforeAll
    static void startBoth() throws Exception {
        // one schema, one link key (the survey link made by one instance opens on the other), the mocks, the hooks
        HubTestDatabases.postgres((name, value) -> schema.put(name, value.get()));
        im.register((name, value) -> schema.put(name, value.get()));
        receiver.register((name, value) -> schema.put(name, value.get()));
        schema.put("server.port", "0");
        schema.put("hub.routes-dir", "../routes");
        schema.put("hub.routes-include", "dispatch.yaml,im-notifications.yaml,im-waiting.yaml,outbound-webhook.yaml");
        schema.put("hub.rules.dir", "../rules");
        schema.put("hub.clock.test-offset", "0s");
        // the test scans, on the instance it chooses, at the moments it chooses
        schema.put("hub.timers.scan-interval", "1h");
        // the clock jumps a minute or two past a deadline: not what "late" is about (TimerRestartPostgresTest)
        schema.put("hub.timers.late-after", "10m");
        schema.put("hub.connectors." + ImMocks.WECOM + ".member-messages-per-minute", "0");
        schema.put("hub.security.create-demo-key", "false");
        schema.put("hub.console.create-demo-admin", "false");
        schema.put("spring.datasource.hikari.maximum-pool-size", "5");
        a = hub();
        b = hub();
        director = person(a, "陈总", "华东", StaffRole.DIRECTOR, List.of(), PreferredChannel.DINGTALK, "ding_user_012",
                null);
        supervisor = person(b, "刘主管", "华东", StaffRole.SUPERVISOR, List.of(), PreferredChannel.WECOM, null,
                "WeComUser001");
        engineer = person(a, "周工", "华东", StaffRole.ENGINEER, List.of(), PreferredChannel.DINGTALK, "ding_user_009",
                null);
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        im.close();
        receiver.close();
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL, HubTestDatabases.POSTGRES_USER,
                ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema.get("spring.flyway.schemas") + " cascade");
        }
    }

    static Staff person(ConfigurableApplicationContext hub, String name, String region, StaffRole role,
                        List<String> skills, PreferredChannel channel, String ding, String wecom) {
        return hub.getBean(StaffService.class).create(new StaffRequest(null, name, null, region, region + "区",
                skills, List.of(role), null, ding, wecom, channel, true, null), "test");
    }

    static Ticket ticket(ConfigurableApplicationContext hub, Priority priority, String fault, String region) {
        return hub.getBean(TicketService.class).create(new CreateTicketRequest(Channel.CALL_CENTER, "C0100",
                new DeviceRef("SN-ACC-1", "AC-9"), fault, "验收场景", priority, region, null, null, null), "test");
    }

    static TicketService tickets(ConfigurableApplicationContext hub) {
        return hub.getBean(TicketService.class);
    }

    /** Both hubs' clocks, by the same amount: the test-only setting makes each a {@link MovableClock}. */
    static void advance(Duration d) {
        ((MovableClock) a.getBean(Clock.class)).advance(d);
        ((MovableClock) b.getBean(Clock.class)).advance(d);
    }

    /** The scan that crosses a deadline runs on both instances at once, then once more on each. */
    static void scanOnBoth() {
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.getBean(TimerScanner.class).scan()),
                CompletableFuture.runAsync(() -> b.getBean(TimerScanner.class).scan())).join();
        a.getBean(TimerScanner.class).scan();
        b.getBean(TimerScanner.class).scan();
    }

    static JdbcTemplate jdbc() {
        return a.getBean(JdbcTemplate.class);
    }

    static List<String> mentioning(List<String> texts, String text) {
        return texts.stream().filter(t -> t.contains(text)).toList();
    }

    /**
     * Waits for the first, and until every event of the ticket so far has gone through the brokers (the webhook
     * receiver, which takes all events, has each), then holds for three seconds: a second copy (say, from an event
     * the other instance raised too) fails it.
     */
    static void exactlyOnce(java.util.function.Supplier<List<String>> at, String ticketId, String title) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !mentioning(at.get(), title).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveriesTo("sms", ticketId).stream()
                .map(WebhookReceiver.Delivery::eventId).toList().containsAll(jdbc().queryForList(
                        "select event_id from outbox where ticket_id = ?", String.class, ticketId)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() ->
                mentioning(at.get(), title).size() == 1);
    }

    @Test
    void highPriorityPendingForTwoHoursTellsTheDirectorOnceAndLabelsTheTicket() {
        Ticket t = ticket(b, Priority.HIGH, "制冷异常", "华东");
        advance(Duration.ofMinutes(119));
        a.getBean(TimerScanner.class).scan();
        assertThat(b.getBean(TicketLabels.class).of(t.id())).doesNotContain("紧急预警");

        advance(Duration.ofMinutes(2));
        scanOnBoth();

        assertThat(a.getBean(TicketLabels.class).of(t.id())).containsOnlyOnce("紧急预警");
        String title = "SLA超时升级：工单 " + t.number() + " 高优先级工单待处理超过2小时";
        exactlyOnce(() -> im.dingTalkNotices("ding_user_012"), t.id(), title);
        assertThat(mentioning(im.dingTalkNotices("ding_user_012"), title).get(0)).contains("标签：紧急预警");
        assertThat(jdbc().queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'SlaBreached' and payload like '%high-pending-2h%'", Long.class, t.id())).isOne();
    }

    @Test
    void unacceptedForThirtyMinutesIsEscalatedOnceAndTheSupervisorToldOnce() {
        Ticket t = ticket(a, Priority.NORMAL, "制冷异常", "华东");
        advance(Duration.ofMinutes(29));
        b.getBean(TimerScanner.class).scan();
        assertThat(tickets(a).get(t.id()).priority()).isEqualTo(Priority.NORMAL);

        advance(Duration.ofMinutes(2));
        scanOnBoth();

        // one level up, not two: each instance raising it would make it URGENT
        assertThat(tickets(b).get(t.id()).priority()).isEqualTo(Priority.HIGH);
        String title = "SLA超时升级：工单 " + t.number() + " 工单创建后30分钟无人接单";
        exactlyOnce(() -> im.weComMessages("WeComUser001"), t.id(), title);
        assertThat(mentioning(im.weComMessages("WeComUser001"), title).get(0)).contains("已自动升级，优先级调为：高");
        assertThat(jdbc().queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketPriorityChanged'", Long.class, t.id())).isOne();
    }

    @Test
    void resolvedTwentyFourHoursAgoOneSurveyGoesOutAndTheScoreFromItsLinkLandsOnTheTicket() throws Exception {
        Ticket t = ticket(a, Priority.NORMAL, "制冷异常", "华东");
        tickets(b).assign(t.id(), engineer.id(), "dispatcher");
        tickets(a).changeStatus(t.id(), TicketStatus.ACCEPTED, null, "engineer");
        tickets(b).changeStatus(t.id(), TicketStatus.IN_PROGRESS, null, "engineer");
        tickets(a).changeStatus(t.id(), TicketStatus.RESOLVED, "更换压缩机", "engineer");
        // the RESOLVED event reached the receiver: what follows is about the survey only
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveriesTo("sms", t.id()).stream()
                .anyMatch(d -> d.type().equals("TicketResolved")));
        advance(Duration.ofHours(23).plusMinutes(59));
        b.getBean(TimerScanner.class).scan();
        assertThat(surveys(t.id())).isEmpty();

        advance(Duration.ofMinutes(2));
        scanOnBoth();

        await().atMost(Duration.ofSeconds(30)).until(() -> !surveys(t.id()).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> surveys(t.id()).size() == 1);
        WebhookReceiver.Delivery survey = surveys(t.id()).get(0);
        assertThat(survey.signatureValid()).isTrue();
        String link = new ObjectMapper().readTree(survey.body()).findValue("link").asText();
        assertThat(link).contains("/survey/");
        String path = link.substring(link.indexOf("/survey/"));

        // the customer's browser may reach either instance: the score goes in on B, whoever made the link
        assertThat(postForm(b, path, "score=4&comment=%E5%BE%88%E5%BF%AB").statusCode()).isEqualTo(303);
        assertThat(tickets(a).get(t.id()).satisfactionScore()).isEqualTo(4);
        HttpResponse<String> replay = postForm(a, path, "score=1");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(tickets(b).get(t.id()).satisfactionScore()).isEqualTo(4);
        assertThat(jdbc().queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'SurveyRequested'", Long.class, t.id())).isOne();
    }

    @Test
    void hardwareGoesToTheHardwareGroupSoftwareToTheSoftwareGroupByRegionAndEachAssigneeIsToldOnce() {
        Staff hwEast = person(a, "吴工", "华东", StaffRole.ENGINEER, List.of("硬件"), PreferredChannel.DINGTALK,
                "ding_user_011", null);
        Staff hwSouth = person(b, "郑工", "华南", StaffRole.ENGINEER, List.of("硬件"), PreferredChannel.DINGTALK,
                "ding_user_010", null);
        Staff swEast = person(a, "王工", "华东", StaffRole.ENGINEER, List.of("软件"), PreferredChannel.WECOM, null,
                "WeComUser002");
        Ticket hardEast = ticket(a, Priority.NORMAL, "硬件维修", "华东");
        Ticket soft = ticket(b, Priority.NORMAL, "软件咨询", "华东");
        Ticket hardSouth = ticket(a, Priority.NORMAL, "硬件维修", "华南");

        for (Ticket t : List.of(hardEast, soft, hardSouth)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tickets(b).get(t.id()).assigneeId() != null);
        }
        assertThat(tickets(b).get(hardEast.id()).assigneeId()).isEqualTo(hwEast.id());
        assertThat(tickets(a).get(soft.id()).assigneeId()).isEqualTo(swEast.id());
        assertThat(tickets(b).get(hardSouth.id()).assigneeId()).isEqualTo(hwSouth.id());

        exactlyOnce(() -> im.dingTalkNotices("ding_user_011"), hardEast.id(), "新工单 " + hardEast.number());
        exactlyOnce(() -> im.weComMessages("WeComUser002"), soft.id(), "新工单 " + soft.number());
        exactlyOnce(() -> im.dingTalkNotices("ding_user_010"), hardSouth.id(), "新工单 " + hardSouth.number());
        // nobody else heard of them
        assertThat(mentioning(im.dingTalkNotices("ding_user_011"), "新工单 " + hardSouth.number())).isEmpty();
        assertThat(mentioning(im.dingTalkNotices("ding_user_010"), "新工单 " + hardEast.number())).isEmpty();
        for (Ticket t : List.of(hardEast, soft, hardSouth)) {
            assertThat(jdbc().queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                    + "'TicketAssigned'", Long.class, t.id())).isOne();
        }
    }

    static List<WebhookReceiver.Delivery> surveys(String ticketId) {
        return receiver.deliveriesTo("sms", ticketId).stream().filter(d -> d.type().equals("SurveyRequested"))
                .toList();
    }

    static HttpResponse<String> postForm(ConfigurableApplicationContext hub, String path, String form)
            throws Exception {
        String port = hub.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
