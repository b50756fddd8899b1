package org.aftersaleshub.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.aftersaleshub.HubApplication;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.StaffRequest;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hubs (two Spring contexts, each with its own embedded broker and data dir) on one PostgreSQL schema, their
 * clocks moved by the test: each timer fires once, and a timer due while every hub was down fires on the restart,
 * flagged late, once. What arrives is asserted at the DingTalk mock.
 */
class TimerClusterPostgresTest {

    static final ImMocks im = ImMocks.start();

    @AfterAll
    static void stop() {
        im.close();
    }

    /** The properties of one schema; each hub started from them gets its own data dir. */
    static Map<String, Object> schema() {
        Map<String, Object> p = new HashMap<>();
        HubTestDatabases.postgres((name, value) -> p.put(name, value.get()));
        im.register((name, value) -> p.put(name, value.get()));
        p.put("server.port", "0");
        p.put("hub.routes-dir", "../routes");
        p.put("hub.routes-include", "im-notifications.yaml,im-waiting.yaml");
        p.put("hub.rules.dir", "../rules");
        p.put("hub.timers.scan-interval", "300ms");
        p.put("hub.connectors." + ImMocks.WECOM + ".member-messages-per-minute", "0");
        p.put("hub.security.create-demo-key", "false");
        p.put("hub.console.create-demo-admin", "false");
        return p;
    }

    static ConfigurableApplicationContext hub(Map<String, Object> schema, String clockOffset) {
        Map<String, Object> p = new HashMap<>(schema);
        try {
            p.put("hub.data-dir", java.nio.file.Files.createTempDirectory("hub-timers-").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("hub.clock.test-offset", clockOffset);
        // as command-line arguments: they outrank application.yaml, as @DynamicPropertySource does
        return new SpringApplicationBuilder(HubApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static Ticket highTicket(ConfigurableApplicationContext hub, String customer) {
        return hub.getBean(TicketService.class).create(new CreateTicketRequest(Channel.CALL_CENTER, customer, null,
                "制冷异常", "冷库不降温", Priority.HIGH, "华东", null, null, null), "test");
    }

    static void director(ConfigurableApplicationContext hub, String dingTalkUserId) {
        hub.getBean(StaffService.class).create(new StaffRequest(null, "总监" + dingTalkUserId, null, "华东", "华东区",
                List.of(), List.of(StaffRole.DIRECTOR), null, dingTalkUserId, null, PreferredChannel.DINGTALK, true,
                null), "test");
    }

    static List<String> mentioning(String user, String text) {
        return im.dingTalkNotices(user).stream().filter(t -> t.contains(text)).toList();
    }

    static Map<String, Object> timer(JdbcTemplate jdbc, String ticketId, String key) {
        return jdbc.queryForMap("select state, late from due_timer where subject = ? and timer_key = ?", ticketId,
                key);
    }

    @Test
    void twoHubsOnOneDatabaseFireEachTimerOnce() {
        Map<String, Object> schema = schema();
        try (ConfigurableApplicationContext a = hub(schema, "0s"); ConfigurableApplicationContext b = hub(schema,
                "0s")) {
            director(a, "ding_user_005");
            Ticket t = highTicket(a, "C0201");
            ((MovableClock) a.getBean(Clock.class)).advance(Duration.ofMinutes(121));
            ((MovableClock) b.getBean(Clock.class)).advance(Duration.ofMinutes(121));
            // both scan at once, besides their schedules
            Supplier<Integer> scanA = () -> a.getBean(TimerScanner.class).scan();
            Supplier<Integer> scanB = () -> b.getBean(TimerScanner.class).scan();
            CompletableFuture.allOf(CompletableFuture.supplyAsync(scanA), CompletableFuture.supplyAsync(scanB)).join();

            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "FIRED".equals(timer(jdbc, t.id(), "rule:high-pending-2h").get("state")));
            String title = "工单 " + t.number() + " 高优先级工单待处理超过2小时";
            await().atMost(Duration.ofSeconds(30)).until(() -> !mentioning("ding_user_005", title).isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    mentioning("ding_user_005", title).size() == 1);
            assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                    + "'SlaBreached' and payload like '%high-pending-2h%'", Long.class, t.id())).isOne();
            assertThat(jdbc.queryForObject("select count(*) from ticket_label where ticket_id = ?", Long.class,
                    t.id())).isOne();
        }
    }

    @Test
    void aTimerDueWhileTheHubWasDownFiresOnRestartFlaggedLateOnce() {
        Map<String, Object> schema = schema();
        Ticket t;
        try (ConfigurableApplicationContext before = hub(schema, "0s")) {
            director(before, "ding_user_006");
            t = highTicket(before, "C0202");
        }
        // every hub down at the deadline (created + 2h); one comes back three hours later
        try (ConfigurableApplicationContext after = hub(schema, "3h")) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "FIRED".equals(timer(jdbc, t.id(), "rule:high-pending-2h").get("state")));
            assertThat(timer(jdbc, t.id(), "rule:high-pending-2h").get("late")).isEqualTo(true);
            String title = "工单 " + t.number() + " 高优先级工单待处理超过2小时";
            await().atMost(Duration.ofSeconds(30)).until(() -> !mentioning("ding_user_006", title).isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    mentioning("ding_user_006", title).size() == 1);
            assertThat(mentioning("ding_user_006", title).get(0)).contains("延迟送达");
            assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                    + "'SlaBreached' and payload like '%high-pending-2h%' and payload like '%\"late\":true%'",
                    Long.class, t.id())).isOne();
        }
    }
}
