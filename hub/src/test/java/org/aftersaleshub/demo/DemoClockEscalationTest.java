package org.aftersaleshub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.StaffRequest;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.timers.MovableClock;
import org.aftersaleshub.timers.TimerScanner;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "the embedded default escalates one demo ticket on the demo clock": the demo feeder, running as in
 * the embedded default with {@code hub.demo.time-scale: 60}, leaves one HIGH ticket unaccepted, and the shipped
 * rules/sla.yaml escalate it — 30 s (the rule's 30m) 自动升级 to URGENT with the supervisor told on WeCom, 2 min (2h)
 * 紧急预警 with the 服务总监 told on DingTalk — seen through the API a demo user would curl. The hub's clock is moved
 * by the test (no waiting out the demo minutes); the IM mocks are the test's own, not the demo's fixed ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoClockEscalationTest extends ApiTestSupport {

    static final ImMocks im = ImMocks.start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        // the embedded default's demo, minus its mock systems on fixed ports
        r.add("hub.demo.enabled", () -> "true");
        r.add("hub.demo.mocks.enabled", () -> "false");
        r.add("hub.demo.interval-ms", () -> "300");
        r.add("hub.demo.max-tickets", () -> "3");
        r.add("hub.demo.time-scale", () -> "60");
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml");
        r.add("hub.rules.dir", () -> "../rules");
        r.add("hub.clock.test-offset", () -> "0s");
        // the test scans at the moments it chooses
        r.add("hub.timers.scan-interval", () -> "1h");
        r.add("hub.timers.late-after", () -> "10m");
        r.add("hub.connectors." + ImMocks.WECOM + ".member-messages-per-minute", () -> "0");
    }

    @AfterAll
    static void stop() {
        im.close();
    }

    @Test
    void theFeedersUnacceptedTicketIsEscalatedByTheShippedRulesOnTheDemoClock() {
        StaffService staff = bean(StaffService.class);
        staff.create(new StaffRequest(null, "陈总", null, "华东", "华东区", List.of(), List.of(StaffRole.DIRECTOR), null,
                "ding_user_012", null, PreferredChannel.DINGTALK, true, null), "test");
        staff.create(new StaffRequest(null, "刘主管", null, "华东", "华东区", List.of(), List.of(StaffRole.SUPERVISOR),
                null, null, "WeComUser001", PreferredChannel.WECOM, true, null), "test");

        // the feeder sees the 华东 supervisor and leaves its HIGH ticket unaccepted
        await().atMost(Duration.ofSeconds(60)).until(() -> !jdbc.queryForList("select id from ticket where "
                + "description like '演示工单：无人接单%'", String.class).isEmpty());
        String id = jdbc.queryForObject("select id from ticket where description like '演示工单：无人接单%'", String.class);
        ApiTestClient api = writer();
        JsonNode ticket = api.get("/api/v1/tickets/" + id).json();
        String number = ticket.get("number").asText();
        assertThat(ticket.get("priority").asText()).isEqualTo("HIGH");
        assertThat(ticket.get("labels")).isEmpty();
        // the demo clock's deadlines: the high policy's 2h response in 2 min
        assertThat(Duration.between(java.time.Instant.parse(ticket.get("createdAt").asText()),
                java.time.Instant.parse(ticket.get("responseDueAt").asText()))).isEqualTo(Duration.ofMinutes(2));

        MovableClock clock = (MovableClock) bean(Clock.class);
        TimerScanner scanner = bean(TimerScanner.class);
        clock.advance(Duration.ofSeconds(31));
        scanner.scan();
        scanner.scan();
        JsonNode escalated = api.get("/api/v1/tickets/" + id).json();
        assertThat(escalated.get("priority").asText()).as("自动升级").isEqualTo("URGENT");
        assertThat(escalated.get("status").asText()).isIn("NEW", "ASSIGNED");
        assertThat(escalated.get("labels")).isEmpty();
        String raised = "SLA超时升级：工单 " + number + " 工单创建后30分钟无人接单";
        await().atMost(Duration.ofSeconds(30)).until(() -> mentioning(im.weComMessages("WeComUser001"), raised)
                .size() == 1);

        clock.advance(Duration.ofSeconds(90));
        scanner.scan();
        scanner.scan();
        JsonNode labelled = api.get("/api/v1/tickets/" + id).json();
        assertThat(labelled.get("labels").toString()).contains("紧急预警");
        JsonNode sla = api.get("/api/v1/tickets/" + id + "/sla").json();
        assertThat(sla.get("labels").toString()).contains("紧急预警");
        assertThat(fired(sla)).contains("rule:unaccepted-30m", "rule:high-pending-2h");
        String urgent = "SLA超时升级：工单 " + number + " 高优先级工单待处理超过2小时";
        await().atMost(Duration.ofSeconds(30)).until(() -> mentioning(im.dingTalkNotices("ding_user_012"), urgent)
                .size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_012"), urgent).size() == 1
                        && mentioning(im.weComMessages("WeComUser001"), raised).size() == 1);
        assertThat(mentioning(im.dingTalkNotices("ding_user_012"), urgent).get(0)).contains("标签：紧急预警");
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'SlaBreached' and payload like '%high-pending-2h%'", Long.class, id)).isOne();
    }

    static List<String> fired(JsonNode sla) {
        List<String> keys = new ArrayList<>();
        sla.get("timers").forEach(t -> {
            if (t.get("state").asText().equals("FIRED")) {
                keys.add(t.get("key").asText());
            }
        });
        return keys;
    }

    static List<String> mentioning(List<String> texts, String text) {
        return texts.stream().filter(t -> t.contains(text)).toList();
    }
}
