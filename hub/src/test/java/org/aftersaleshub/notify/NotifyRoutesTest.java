package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.SlaBreached;
import org.aftersaleshub.model.event.StockLow;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRequest;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.staff.StaffService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timeline.TimelineEntry;
import org.aftersaleshub.timeline.TimelineService;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * routes/im-notifications.yaml and routes/im-alerts.yaml against the DingTalk and WeCom mocks: what each person or
 * group received, asserted by content at the mock; who could not be reached, asserted on the ticket's timeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotifyRoutesTest {

    static final ImMocks im = ImMocks.start();
    static final Path TEMPLATES = templates();

    /** A templates folder replacing one shipped template: WeCom assignments read this instead. */
    static Path templates() {
        try {
            Path dir = Files.createTempDirectory("notify-templates");
            Files.writeString(dir.resolve("ticket-assigned.wecom.md.mustache"), "**【华南派单】{{ticketNumber}}**\n"
                    + "{{recipientName}}，客户 {{customer}} 的{{fault}}工单请接单。\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "im-notifications.yaml,im-alerts.yaml,im-waiting.yaml");
        // several messages reach one member within seconds here; waiting for the member's budget (and the digest it
        // makes) has its own tests in notify/waiting
        r.add("hub.connectors." + ImMocks.WECOM + ".member-messages-per-minute", () -> "0");
        r.add("hub.notify.templates-dir", TEMPLATES::toString);
        r.add("hub.notify.warehouse-targets.WH01.channel", () -> "DINGTALK");
        r.add("hub.notify.warehouse-targets.WH01.users[0]", () -> "ding_user_004");
        r.add("hub.notify.it-targets[0].channel", () -> "WECOM");
        r.add("hub.notify.it-targets[0].users[0]", () -> "WeComUser001");
        // the watcher stays out of the way; the tests run its checks themselves
        r.add("hub.notify.alerts.check-interval", () -> "1h");
        // an instance whose secret WeCom refuses: the start records it, the watcher tells IT
        r.add("hub.connectors.wecom-refused.type", () -> "wecom");
        r.add("hub.connectors.wecom-refused.base-url", () -> im.weCom().baseUrl());
        r.add("hub.connectors.wecom-refused.corp-id", () -> "wwa1b2c3d4e5f60718");
        r.add("hub.connectors.wecom-refused.agent-id", () -> "1000002");
        r.add("hub.connectors.wecom-refused.app-secret", () -> "not-the-secret-of-app-1000002");
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
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    TimelineService timeline;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ItAlerts alerts;
    @Autowired
    ItAlertWatch watch;
    @Autowired
    ImRecipients recipients;
    @Autowired
    ImNotices notices;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    org.aftersaleshub.security.ApiKeyService apiKeys;
    @Autowired
    org.aftersaleshub.delivery.DeliveryJournal deliveryJournal;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    Staff person(String name, PreferredChannel channel, String dingTalk, String weCom, Staff supervisor) {
        return staff.create(new StaffRequest(null, name, null, "华东", "华东区", List.of("制冷"),
                List.of(StaffRole.ENGINEER), supervisor == null ? null : UUID.fromString(supervisor.id()), dingTalk,
                weCom, channel, true, null), "test");
    }

    Ticket ticket() {
        return tickets.create(new CreateTicketRequest(Channel.CALL_CENTER, "C0007", new DeviceRef("SN778899",
                "AC-9"), "制冷异常", "空调不制冷", Priority.HIGH, "华东", null, null, null), "test");
    }

    Ticket assigned(Staff to) {
        Ticket t = ticket();
        return tickets.assign(t.id(), to.id(), "dispatcher");
    }

    EventEnvelope publish(org.aftersaleshub.model.event.HubEvent event, long sequence) {
        return tx.execute(s -> outbox.append(event, sequence, Instant.now()));
    }

    List<Map<String, Object>> journal(String routeId, String ticketId) {
        return jdbc.queryForList("select target, idempotency_key, outcome, detail from delivery_journal where "
                + "route_id = ? and ticket_id = ? order by id", routeId, ticketId);
    }

    static List<String> mentioning(List<String> texts, String text) {
        return texts.stream().filter(t -> t.contains(text)).toList();
    }

    @Test
    void anAssignedTicketReachesTheAssigneeOnDingTalkOnceWithTheChineseTemplate() {
        Staff engineer = person("黄敏", PreferredChannel.DINGTALK, "ding_user_007", null, null);
        Ticket t = assigned(engineer);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.dingTalkNotices("ding_user_007"), t.number()).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_007"), t.number()).size() == 1);
        String text = mentioning(im.dingTalkNotices("ding_user_007"), t.number()).get(0);
        assertThat(text).startsWith("### 新工单 " + t.number() + "【高】").contains("您有一张新的维修工单，请尽快接单。")
                .contains("- 客户：C0007").contains("- 设备：AC-9（SN778899）").contains("- 故障：制冷异常")
                .contains("- 描述：空调不制冷").contains("/console/tickets/" + t.id());
        assertThat(journal("im-ticket-assigned", t.id())).singleElement().satisfies(row -> {
            assertThat(row.get("TARGET")).isEqualTo(ImMocks.DINGTALK);
            assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS");
            assertThat((String) row.get("IDEMPOTENCY_KEY")).startsWith("im:").endsWith(":" + engineer.id());
        });
        assertThat(im.weComMessages("WeComUser007")).noneMatch(m -> m.contains(t.number()));
    }

    @Test
    void aWeComAssigneeGetsAnAppMessageFromTheTemplateFileThatReplacesTheShippedOne() {
        Staff engineer = person("赵军", PreferredChannel.WECOM, null, "WeComUser008", null);
        Ticket t = assigned(engineer);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser008"), t.number()).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser008"), t.number()).size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser008"), t.number()).get(0))
                .isEqualTo("**【华南派单】" + t.number() + "**\n赵军，客户 C0007 的制冷异常工单请接单。\n");
    }

    @Test
    void someoneWithoutAnImIdIsOnTheTimelineAndNothingIsSent() {
        Staff engineer = person("周涛", PreferredChannel.NONE, null, null, null);
        Ticket t = assigned(engineer);

        await().atMost(Duration.ofSeconds(20)).until(() -> !journal("im-ticket-assigned", t.id()).isEmpty());
        assertThat(journal("im-ticket-assigned", t.id())).singleElement().satisfies(row -> {
            assertThat(row.get("TARGET")).isEqualTo("staff:" + engineer.id());
            assertThat(row.get("OUTCOME")).isEqualTo("REFUSED");
            assertThat((String) row.get("DETAIL")).contains(engineer.id()).contains("无钉钉/企业微信账号");
        });
        List<TimelineEntry> entries = timeline.timeline(t.id()).orElseThrow();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("DELIVERY");
            assertThat(e.routeId()).isEqualTo("im-ticket-assigned");
            assertThat(e.outcome()).isEqualTo("REFUSED");
            assertThat(e.detail()).contains("no DingTalk userId and no WeCom userid");
        });
        assertThat(im.anyMessageMentions(t.number())).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where ticket_id = ?", Long.class, t.id()))
                .isZero();
    }

    @Test
    void anInvalidSupervisorDoesNotStopTheAssigneesEscalationAndIsOnTheTimeline() {
        Staff supervisor = person("王强", PreferredChannel.WECOM, null, "WeComUserWhoLeft", null);
        Staff engineer = person("吴芳", PreferredChannel.DINGTALK, "ding_user_009", null, supervisor);
        Ticket t = assigned(engineer);
        publish(new SlaBreached(t.id(), "RESPONSE", Instant.now()), t.version() + 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> journal("im-sla", t.id()).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_009"), "SLA超时升级：工单 " + t.number()).size() == 1);
        assertThat(mentioning(im.dingTalkNotices("ding_user_009"), "SLA超时升级：工单 " + t.number()).get(0))
                .contains("已超过响应时限").contains("您负责的工单已超时，已通知主管。");
        assertThat(journal("im-sla", t.id())).satisfiesExactlyInAnyOrder(
                row -> {
                    assertThat(row.get("TARGET")).isEqualTo(ImMocks.DINGTALK);
                    assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS");
                    assertThat((String) row.get("IDEMPOTENCY_KEY")).endsWith(":" + engineer.id());
                },
                row -> {
                    assertThat(row.get("TARGET")).isEqualTo(ImMocks.WECOM);
                    assertThat(row.get("OUTCOME")).isEqualTo("REFUSED");
                    assertThat((String) row.get("IDEMPOTENCY_KEY")).endsWith(":" + supervisor.id());
                    // WeCom refuses a message whose only recipient is unknown as a whole (81013)
                    assertThat((String) row.get("DETAIL")).contains("81013");
                });
        assertThat(im.weComMessages("WeComUserWhoLeft")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where ticket_id = ?", Long.class, t.id()))
                .isZero();
    }

    @Test
    void anUnknownDingTalkUserIsReportedPerPersonWhileTheOtherIsReached() {
        Staff supervisor = person("李娜", PreferredChannel.DINGTALK, "ding_user_gone", null, null);
        Staff engineer = person("徐丽", PreferredChannel.WECOM, null, "WeComUser011", supervisor);
        Ticket t = assigned(engineer);
        publish(new SlaBreached(t.id(), "RESOLUTION", Instant.now()), t.version() + 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> journal("im-sla", t.id()).size() == 2);
        assertThat(mentioning(im.weComMessages("WeComUser011"), "SLA超时升级：工单 " + t.number())).singleElement()
                .satisfies(m -> assertThat(m).contains("已超过解决时限").contains("> 当前状态：已派工"));
        assertThat(journal("im-sla", t.id())).anySatisfy(row -> {
            assertThat(row.get("TARGET")).isEqualTo(ImMocks.DINGTALK);
            assertThat(row.get("OUTCOME")).isEqualTo("REFUSED");
            assertThat((String) row.get("DETAIL")).contains("ding_user_gone INVALID_USER");
        });
        // what the console and the API show: the invalid recipient on the ticket's timeline, the other delivered
        var reader = new org.aftersaleshub.web.ApiTestClient(port, apiKeys.create("timeline-reader",
                java.util.Set.of(org.aftersaleshub.security.ApiScope.TICKETS_READ), "test").key());
        var answer = reader.get("/api/v1/tickets/" + t.id() + "/timeline");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> deliveries = new java.util.ArrayList<>();
        answer.json().forEach(e -> {
            if ("DELIVERY".equals(e.path("kind").asText()) && "im-sla".equals(e.path("routeId").asText())) {
                deliveries.add(e);
            }
        });
        assertThat(deliveries).satisfiesExactlyInAnyOrder(
                e -> {
                    assertThat(e.path("target").asText()).isEqualTo(ImMocks.DINGTALK);
                    assertThat(e.path("outcome").asText()).isEqualTo("REFUSED");
                    assertThat(e.path("idempotencyKey").asText()).endsWith(":" + supervisor.id());
                    assertThat(e.path("detail").asText()).contains("ding_user_gone INVALID_USER");
                },
                e -> {
                    assertThat(e.path("target").asText()).isEqualTo(ImMocks.WECOM);
                    assertThat(e.path("outcome").asText()).isEqualTo("SUCCESS");
                    assertThat(e.path("idempotencyKey").asText()).endsWith(":" + engineer.id());
                });
    }

    @Test
    void anSlaWarningReachesTheAssigneeAndTheSupervisorOnceEachInChinese() {
        Staff supervisor = person("郑伟", PreferredChannel.WECOM, null, "WeComUser006", null);
        Staff engineer = person("陈静", PreferredChannel.DINGTALK, "ding_user_005", null, supervisor);
        Ticket t = assigned(engineer);
        publish(new org.aftersaleshub.model.event.SlaWarning(t.id(), "RESPONSE", Instant.now().plusSeconds(600)),
                t.version() + 1);

        String headline = "SLA预警：工单 " + t.number() + " 响应时限将到";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.dingTalkNotices("ding_user_005"), headline).isEmpty()
                        && !mentioning(im.weComMessages("WeComUser006"), headline).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_005"), headline).size() == 1
                        && mentioning(im.weComMessages("WeComUser006"), headline).size() == 1);
        assertThat(mentioning(im.dingTalkNotices("ding_user_005"), headline).get(0))
                .startsWith("### " + headline + "\n您负责的工单即将超过响应时限，请尽快处理。\n")
                .contains("- 客户：C0007\n").contains("- 设备：AC-9（SN778899）\n").contains("- 故障：制冷异常\n")
                .contains("- 优先级：高\n").contains("- 当前状态：已派工\n").contains("/console/tickets/" + t.id());
        assertThat(mentioning(im.weComMessages("WeComUser006"), headline).get(0))
                .startsWith("**" + headline + "**\n您的组员 陈静 负责的工单即将超时，请关注。\n")
                .contains("> 客户：C0007\n").contains("> 故障：制冷异常\n");
        assertThat(journal("im-sla", t.id())).hasSize(2).allSatisfy(row ->
                assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS"));
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where ticket_id = ?", Long.class, t.id()))
                .isZero();
    }

    @Test
    void aPartDeductionFailureReachesTheSupervisorOnlyOnceInChinese() {
        Staff supervisor = person("钱明", PreferredChannel.DINGTALK, "ding_user_002", null, null);
        Staff engineer = person("孔亮", PreferredChannel.WECOM, null, "WeComUser010", supervisor);
        Ticket t = assigned(engineer);
        publish(new org.aftersaleshub.model.event.PartDeductionFailed(t.id(), "PU-" + t.number(), "SP-COMP-001",
                "WH01", "库存不足（可用 0）"), t.version() + 1);

        String headline = "### 备件扣减失败：工单 " + t.number();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.dingTalkNotices("ding_user_002"), headline).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.dingTalkNotices("ding_user_002"), headline).size() == 1);
        assertThat(mentioning(im.dingTalkNotices("ding_user_002"), headline).get(0))
                .startsWith(headline + "\nERP 拒绝了一次备件领用，请核实库存或更换备件。\n")
                .contains("- 备件：SP-COMP-001\n- 仓库：WH01\n- 领用单号：PU-" + t.number() + "\n"
                        + "- ERP 原因：库存不足（可用 0）\n- 负责工程师：孔亮\n- 客户：C0007\n");
        assertThat(journal("im-part-deduction-failed", t.id())).singleElement().satisfies(row -> {
            assertThat(row.get("OUTCOME")).isEqualTo("SUCCESS");
            assertThat((String) row.get("IDEMPOTENCY_KEY")).endsWith(":" + supervisor.id());
        });
        assertThat(im.weComMessages("WeComUser010")).as("the engineer is not told").noneMatch(m ->
                m.contains("备件扣减失败"));
    }

    @Test
    void lowStockGoesToTheWarehousesGroup() {
        publish(new StockLow("SP-COMP-001", "WH01", new BigDecimal("3"), new BigDecimal("5")), 1);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.dingTalkNotices("ding_user_004"), "库存告警：SP-COMP-001").isEmpty());
        assertThat(mentioning(im.dingTalkNotices("ding_user_004"), "库存告警：SP-COMP-001").get(0))
                .contains("仓库 WH01 的备件 SP-COMP-001 可用库存 3，安全库存 5");
    }

    @Test
    void anItAlertReachesItsGroup() {
        String marker = "route-" + UUID.randomUUID();
        assertThat(alerts.raise(ItAlert.BACKLOG, "backlog:" + marker, "Route queue " + marker + ": backlog over its "
                + "limit (消息积压)", "3 messages unacknowledged", "http://hub/actuator/health/spine",
                Duration.ofHours(1))).isTrue();
        // the same condition again within the window is not announced twice
        assertThat(alerts.raise(ItAlert.BACKLOG, "backlog:" + marker, "again", "again", null, Duration.ofHours(1)))
                .isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser001"), marker).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser001"), marker).size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser001"), marker).get(0))
                .startsWith("**IT alert (运维告警)：Backlog (消息积压)**").contains("3 messages unacknowledged");
    }

    @Test
    void newDeadLettersAreAnnouncedToItOnceAndABurstBecomesOneMessage() {
        watch.deadLetters(); // the mark: dead letters from before are old news
        String route = "route-" + UUID.randomUUID().toString().substring(0, 8);
        deadLetter(route, "HTTP 500: upstream failed");
        watch.deadLetters();
        deadLetter(route, "HTTP 502: bad gateway");
        watch.deadLetters(); // within the digest window: counted into the next message, not sent now

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser001"), route).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser001"), route).size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser001"), route).get(0))
                .contains("Dead letter (死信)").contains("1 new dead letter (新增死信) on " + route + " ×1")
                .contains("HTTP 500").doesNotContain("upstream failed");
    }

    void deadLetter(String route, String error) {
        jdbc.update("insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target, "
                + "idempotency_key, payload, error, attempts, status, created_at) values (?, null, 'TicketCreated', ?, "
                + "?, 'crm', 'k', '{}', ?, 3, 'OPEN', ?)", UUID.randomUUID().toString(), route, "hub.events::" + route,
                error, java.sql.Timestamp.from(Instant.now()));
    }

    @Test
    void refusedCredentialsAreAnnouncedToItOncePerWindow() {
        watch.credentials();
        watch.credentials();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mentioning(im.weComMessages("WeComUser001"), "Connector wecom-refused").isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                mentioning(im.weComMessages("WeComUser001"), "Connector wecom-refused").size() == 1);
        assertThat(mentioning(im.weComMessages("WeComUser001"), "Connector wecom-refused").get(0))
                .contains("Credentials refused (凭证被拒)").contains("hub.connectors.wecom-refused.app-secret")
                .doesNotContain("not-the-secret-of-app-1000002");
    }

    /** The card connector operations' bodies (docs/notifications.md, "Cards"), built from a CardActionHandled event. */
    Exchange clicked(Ticket t, String platform, String instance, String actor, String outcome, String extra) {
        Exchange ex = new DefaultExchange(camel);
        String eventId = UUID.randomUUID().toString();
        ex.setProperty("hubEventId", eventId);
        ex.setProperty("hubEventType", "CardActionHandled");
        ex.setProperty("hubEventJson", """
                {"eventId":"%s","type":"CardActionHandled","occurredAt":"2026-12-07T06:30:00Z","ticketId":"%s",
                 "data":{"platform":"%s","connectorInstance":"%s","ticketId":"%s","action":"accept",
                         "actorUserId":"%s","outcome":"%s","message":"只有负责工程师可以接单","status":"%s",%s}}"""
                .formatted(eventId, t.id(), platform, instance, t.id(), actor, outcome, t.status(), extra));
        return ex;
    }

    JsonNode cardUpdate(Exchange ex) throws Exception {
        List<Recipient> owner = recipients.cardOwner(ex);
        assertThat(owner).hasSize(1);
        ex.getMessage().setBody(owner.get(0));
        notices.prepare(ex, "card-update");
        assertThat(ex.getMessage().getHeader(ImNotices.FORM)).isEqualTo("CARD_UPDATE");
        return new ObjectMapper().readTree(ex.getMessage().getBody(String.class));
    }

    @Test
    void anAppliedAcceptBecomesTheAcceptedCardOfEachPlatform() throws Exception {
        Staff engineer = person("孙浩", PreferredChannel.WECOM, "ding_user_012", "WeComUser012", null);
        Ticket t = tickets.changeStatus(assigned(engineer).id(), org.aftersaleshub.model.TicketStatus.ACCEPTED,
                null, "card");

        Exchange wecom = clicked(t, "WECOM", ImMocks.WECOM, "weComuser012", "APPLIED",
                "\"taskId\":\"tk-1\",\"responseCode\":\"rc-1\"");
        JsonNode body = cardUpdate(wecom);
        assertThat(wecom.getMessage().getHeader(ImNotices.CHANNEL)).isEqualTo("WECOM");
        assertThat(wecom.getMessage().getHeader(ImNotices.INSTANCE)).isEqualTo(ImMocks.WECOM);
        assertThat(body.path("responseCode").asText()).isEqualTo("rc-1");
        assertThat(body.path("users").get(0).asText()).isEqualTo("weComuser012");
        assertThat(body.path("card").path("taskId").asText()).isEqualTo("tk-1");
        // the clicking person's name from the directory (WeCom ids compared without case)
        assertThat(body.path("card").path("description").asText()).startsWith("已由 孙浩 接单");
        assertThat(body.path("card").path("buttons").findValuesAsText("key"))
                .containsExactly("arrive:" + t.id(), "complete:" + t.id(), "parts:" + t.id());
        // 申请备件 opens the assignee's own signed field page; 完成 still calls back (no note required here)
        JsonNode parts = body.path("card").path("buttons").get(2);
        assertThat(parts.path("text").asText()).isEqualTo("申请备件");
        assertThat(parts.path("url").asText()).contains("/field/").endsWith("#parts");
        assertThat(body.path("card").path("buttons").get(1).has("url")).isFalse();

        JsonNode ding = cardUpdate(clicked(t, "DINGTALK", ImMocks.DINGTALK, "ding_user_012", "APPLIED",
                "\"outTrackId\":\"tk-abc\""));
        assertThat(ding.path("outTrackId").asText()).isEqualTo("tk-abc");
        assertThat(ding.path("cardData").path("status").asText()).isEqualTo("已由 孙浩 接单");
        assertThat(ding.path("cardData").path("actions").asText()).isEqualTo("arrive,complete,parts");
        assertThat(ding.path("cardData").path("pageUrl").asText()).contains("/field/");
    }

    @Test
    void aWeComCardUpdateRefusedForWantOfACodeStaysPendingUntilItsNewCardIsFinal() {
        Ticket t = ticket();
        Exchange wecom = clicked(t, "WECOM", ImMocks.WECOM, "WeComUser003", "APPLIED", "\"taskId\":\"tk-2\"");
        String event = wecom.getProperty("hubEventId", String.class);
        journalRow(event, t, "im:" + event + ":card", org.aftersaleshub.delivery.DeliveryOutcome.REFUSED);
        assertThat(recipients.cardOwner(wecom)).as("the update refused: the card is still to be sent anew")
                .hasSize(1);
        journalRow(event, t, "im:" + event + ":card:new-card", org.aftersaleshub.delivery.DeliveryOutcome.SUCCESS);
        assertThat(recipients.cardOwner(wecom)).as("the new card delivered").isEmpty();

        Exchange ding = clicked(t, "DINGTALK", ImMocks.DINGTALK, "ding_user_003", "APPLIED",
                "\"outTrackId\":\"tk-3\"");
        String dingEvent = ding.getProperty("hubEventId", String.class);
        journalRow(dingEvent, t, "im:" + dingEvent + ":card", org.aftersaleshub.delivery.DeliveryOutcome.REFUSED);
        assertThat(recipients.cardOwner(ding)).as("a DingTalk update refused for good is final").isEmpty();
    }

    void journalRow(String event, Ticket t, String key, org.aftersaleshub.delivery.DeliveryOutcome outcome) {
        deliveryJournal.record(event, t.id(), "CardActionHandled", "im-card-updates", ImMocks.WECOM, key, 1, outcome,
                null, 0, "test");
    }

    @Test
    void aRefusedClickBecomesACardThatSaysWhy() throws Exception {
        Staff engineer = person("马丽", PreferredChannel.DINGTALK, "ding_user_011", null, null);
        Ticket t = assigned(engineer);
        JsonNode ding = cardUpdate(clicked(t, "DINGTALK", ImMocks.DINGTALK, "ding_user_003", "REFUSED",
                "\"outTrackId\":\"tk-def\""));
        assertThat(ding.path("cardData").path("note").asText()).isEqualTo("未执行「接单」：只有负责工程师可以接单");
        assertThat(ding.path("cardData").has("actions")).isFalse();
        // someone who is not the assignee gets no link to the assignee's page
        assertThat(ding.path("cardData").has("pageUrl")).isFalse();
    }
}
