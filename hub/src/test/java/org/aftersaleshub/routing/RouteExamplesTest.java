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
import java.util.UUID;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.masterdata.warehouse.WarehouseRequest;
import org.aftersaleshub.masterdata.warehouse.WarehouseService;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every file in routes/examples/ is loaded by the hub as an IT team would deploy it (copied into the routes folder,
 * the skip-warehouse example in place of erp-stock.yaml) and does what its comment says, against a real ERP mock
 * and a webhook receiver.
 */
@SpringBootTest
class RouteExamplesTest {

    static final Path EXAMPLES = Path.of("../routes/examples");
    static final Path ROUTES = copyExamples();
    static final WebhookReceiver receiver = WebhookReceiver.withHooks("crm", "supervisors");
    static final StartedMock erp = startWithTestWarehouse();
    static final String SKU = StockConnectorFixture.demoSkus().get(5);

    /**
     * The ERP's mock, whose master data also holds the test warehouse WH-TEST: the hub only records usages of
     * warehouses the ERP knows, and the example route is what keeps this one from being booked.
     */
    static StartedMock startWithTestWarehouse() {
        StartedMock started = ErpInstances.fixtures().get(0).start();
        started.addWarehouseToMasterData("WH-TEST", "测试仓");
        return started;
    }

    static Path copyExamples() {
        try {
            Path dir = Files.createTempDirectory("route-examples");
            try (var files = Files.list(EXAMPLES)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.routes-dir", ROUTES::toString);
        r.add("crm.ticket-hook-url", () -> receiver.url("crm"));
        r.add("supervisors.hook-url", () -> receiver.url("supervisors"));
        r.add("hub.delivery.initial-backoff-ms", () -> "100");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        ErpInstances.register(r, ErpInstances.only(erp));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        erp.close();
    }

    @Autowired
    ApplicationContext hub;

    /** The master-data rows that say which instance books each demo warehouse, and every demo part's codes. The test warehouse WH-TEST is one too. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookOnly(hub, erp);
        hub.getBean(WarehouseService.class).upsert(new WarehouseRequest("WH-TEST", "测试仓", null,
                ErpInstances.instanceOf(erp.erp()), "WH-TEST", null, null, null, true, null), "test");
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;

    String newTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
    }

    String use(String ticket, String warehouse, String qty) {
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        tickets.recordPartUsage(ticket, new RecordPartUsageRequest(usage, SKU, new QuantityInput(new BigDecimal(qty),
                "个"), warehouse, List.of()));
        return usage;
    }

    String state(String usage) {
        return jdbc.queryForObject("select state from part_usage where id = ?", String.class, usage);
    }

    @Test
    void everyExampleIsLoaded() throws IOException {
        try (var files = Files.list(EXAMPLES)) {
            assertThat(files.filter(p -> p.toString().endsWith(".yaml")).count()).isEqualTo(3);
        }
        assertThat(jdbc.queryForList("select 1", Integer.class)).hasSize(1); // the context started: all three loaded
    }

    @Test
    void aSecondWebhookGetsTicketCreatedOnlyOnceUnderItsOwnKey() {
        String ticket = newTicket();
        tickets.assign(ticket, "E1001", "test"); // TicketAssigned: not for this receiver
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveriesTo("crm", ticket).isEmpty());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.deliveriesTo("crm", ticket).size() == 1);
        WebhookReceiver.Delivery d = receiver.deliveriesTo("crm", ticket).get(0);
        assertThat(d.type()).isEqualTo("TicketCreated");
        assertThat(d.idempotencyKey()).isEqualTo(d.eventId() + ":127.0.0.1:" + receiverPort() + "/hooks/crm");
        assertThat(jdbc.queryForList("select outcome from delivery_journal where route_id = 'ticket-created-to-crm'"
                + " and ticket_id = ?", String.class, ticket)).containsExactly("SUCCESS");
    }

    private int receiverPort() {
        String url = receiver.url("crm");
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.indexOf('/', url.lastIndexOf(':'))));
    }

    @Test
    void aTestWarehouseIsNeverBookedWhileOthersAre() {
        erp.setStock(SKU, "WH01", new BigDecimal("50"));
        long documentsBefore = erp.outboundDocumentCount();
        String ticket = newTicket();
        String test = use(ticket, "WH-TEST", "1");
        String real = use(ticket, "WH01", "1");
        // one ticket's events run in order: once the later usage is booked, the test-warehouse one was handled
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEDUCTED".equals(state(real)));
        assertThat(state(test)).isEqualTo("PENDING");
        assertThat(erp.documentsOfUsage(test)).isEmpty();
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(1);
        assertThat(jdbc.queryForList("select target from delivery_journal where idempotency_key = ?", String.class,
                test)).isEmpty();
    }

    @Test
    void everyFailedDeductionIsCopiedToTheSupervisors() {
        erp.setStock(SKU, "WH02", new BigDecimal("1"));
        String ticket = newTicket();
        String usage = use(ticket, "WH02", "5");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(state(usage)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.deliveriesTo("supervisors", ticket).isEmpty());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.deliveriesTo("supervisors", ticket).size() == 1);
        WebhookReceiver.Delivery d = receiver.deliveriesTo("supervisors", ticket).get(0);
        assertThat(d.type()).isEqualTo("PartDeductionFailed");
        assertThat(d.body()).contains(usage).contains(erp.erp().shortageMessage());
    }
}
