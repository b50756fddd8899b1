package org.aftersaleshub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.QuantityInput;
import org.aftersaleshub.ticket.RecordPartUsageRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The delivery contract is the route configuration's, not a bean's: routes written only in YAML — one POSTing to a
 * plain {@code http:} URL, one calling a connector endpoint — get a journal row per attempt with target and stable
 * key, bounded retries and a dead letter with that attribution, and a replay books exactly one document.
 */
@SpringBootTest
class DeliveryContractRouteTest {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("plain");
    static final StartedMock erp = ErpInstances.fixtures().get(0).start();
    static final String INSTANCE = ErpInstances.instanceOf(erp.erp());
    static final String SKU = StockConnectorFixture.demoSkus().get(7);
    static final Path ROUTES = routes();

    static Path routes() {
        try {
            Path dir = Files.createTempDirectory("contract-routes");
            Files.writeString(dir.resolve("yaml-only.yaml"), """
                    - route:
                        id: plain-http
                        routeConfigurationId: hub-error-handling
                        from:
                          uri: "jms:queue:{{hub.events.address}}::plain-http"
                          steps:
                            - filter:
                                simple: "${header.hubEventType} == 'TicketCreated'"
                                steps:
                                  - removeHeaders:
                                      pattern: "*"
                                  - to: "{{test.hook-url}}"
                    - route:
                        id: plain-connector
                        routeConfigurationId: hub-error-handling
                        from:
                          uri: "jms:queue:{{hub.events.address}}::plain-connector"
                          steps:
                            - filter:
                                simple: "${header.hubEventType} == 'PartConsumed'"
                                steps:
                                  # the usage's part and warehouse, and both ERP codes from the master data
                                  - bean:
                                      ref: partUsageEvents
                                      method: describe
                                  - bean:
                                      ref: erpWarehouses
                                      method: resolve
                                  - to: "%s:%s?operation=deduct"
                    """.formatted(erp.erp().type(), INSTANCE));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.routes-dir", ROUTES::toString);
        r.add("test.hook-url", () -> receiver.url("plain"));
        r.add("hub.delivery.max-attempts", () -> "3");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "100");
        ErpInstances.register(r, ErpInstances.only(erp));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        erp.close();
    }

    @AfterEach
    void clear() {
        receiver.answer(200, 0);
        erp.clearFaults();
    }

    @Autowired
    ApplicationContext hub;

    /** The master-data rows that say which instance books each demo warehouse, and every demo part's codes. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookOnly(hub, erp);
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadLetterService deadLetters;

    String newTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
    }

    List<Map<String, Object>> journal(String route, String ticket) {
        return jdbc.queryForList("select target, idempotency_key, attempt, outcome from delivery_journal"
                + " where route_id = ? and ticket_id = ? order by id", route, ticket);
    }

    Map<String, Object> awaitDeadLetter(String route, String ticket) {
        await("dead letter of " + route).atMost(Duration.ofSeconds(30)).until(() -> !jdbc.queryForList(
                "select id from dead_letter where route_id = ? and ticket_id = ?", route, ticket).isEmpty());
        return jdbc.queryForMap("select id, target, idempotency_key, attempts, error from dead_letter"
                + " where route_id = ? and ticket_id = ?", route, ticket);
    }

    @Test
    void aPlainHttpCallIsJournaledRetriedAndDeadLetteredUnderAStableKey() {
        receiver.answer(503, 0);
        String ticket = newTicket();
        Map<String, Object> dead = awaitDeadLetter("plain-http", ticket);
        String eventId = jdbc.queryForObject("select event_id from outbox where ticket_id = ? and event_type ="
                + " 'TicketCreated'", String.class, ticket);
        String target = receiver.url("plain").replace("http://", "");
        assertThat(dead.get("TARGET")).isEqualTo(target);
        assertThat(dead.get("IDEMPOTENCY_KEY")).isEqualTo(eventId + ":" + target);
        assertThat(dead.get("ATTEMPTS")).isEqualTo(3);
        assertThat((String) dead.get("ERROR")).contains("503");
        List<Map<String, Object>> rows = journal("plain-http", ticket);
        assertThat(rows).extracting(r -> r.get("OUTCOME")).containsExactly("FAILED", "FAILED", "FAILED",
                "DEAD_LETTER");
        assertThat(rows).extracting(r -> r.get("IDEMPOTENCY_KEY")).containsOnly(eventId + ":" + target);
        assertThat(rows.subList(0, 3)).extracting(r -> r.get("ATTEMPT")).containsExactly(1, 2, 3);

        receiver.answer(200, 0);
        deadLetters.replay(((Number) dead.get("ID")).longValue(), "test");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.deliveriesTo("plain", ticket).size() == 1);
        assertThat(receiver.deliveriesTo("plain", ticket).get(0).idempotencyKey()).isEqualTo(eventId + ":" + target);
        await().atMost(Duration.ofSeconds(10)).until(() -> journal("plain-http", ticket).stream()
                .anyMatch(r -> "SUCCESS".equals(r.get("OUTCOME"))));
    }

    @Test
    void aConnectorCallIsJournaledRetriedDeadLetteredAndReplayedIntoOneDocument() {
        erp.setStock(SKU, "WH01", new BigDecimal("10"));
        erp.failEveryCall(503);
        String ticket = newTicket();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        tickets.recordPartUsage(ticket, new RecordPartUsageRequest(usage, SKU, new QuantityInput(BigDecimal.ONE, "个"),
                "WH01", List.of()));
        Map<String, Object> dead = awaitDeadLetter("plain-connector", ticket);
        assertThat(dead.get("TARGET")).isEqualTo(INSTANCE);
        assertThat(dead.get("IDEMPOTENCY_KEY")).isEqualTo(usage);
        assertThat(journal("plain-connector", ticket)).extracting(r -> r.get("OUTCOME"))
                .containsExactly("FAILED", "FAILED", "FAILED", "DEAD_LETTER");
        assertThat(erp.documentsOfUsage(usage)).isEmpty();

        erp.clearFaults();
        deadLetters.replay(((Number) dead.get("ID")).longValue(), "test");
        await().atMost(Duration.ofSeconds(30)).until(() -> journal("plain-connector", ticket).stream()
                .anyMatch(r -> "SUCCESS".equals(r.get("OUTCOME"))));
        assertThat(erp.documentsOfUsage(usage)).hasSize(1);
        assertThat(erp.stock(SKU, "WH01")).isEqualByComparingTo("9");
    }
}
