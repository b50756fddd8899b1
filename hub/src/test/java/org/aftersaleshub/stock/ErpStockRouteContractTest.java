package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.ErpDocument;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.QuantityInput;
import org.aftersaleshub.ticket.RecordPartUsageRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 5 through the hub, the same for every ERP connector on the class path: part usages recorded on tickets
 * become exactly one outbound document each in the ERP's mock (asserted on the mock's state, by the ERP's own key and
 * in total), the usage ends DEDUCTED with the ERP's number or FAILED with its message, stock in the mock ends exact —
 * under a timeout after the ERP committed, a 5xx or a reset connection after it committed, a session or token that
 * expires between calls, a dead-letter replay, the broker delivering the same event twice, and 50 concurrent usages
 * of one part — different parts are deducted in parallel, and stock is answered from the ERP that books the
 * warehouse.
 *
 * <p>The ERPs are the connector modules' fixtures ({@link ErpInstances#fixtures()}); this class names none. One hub
 * (one Spring context) runs all of them side by side: every fixture's mock is started, declared as the instance
 * {@code <type>-test} which books the demo warehouses under its own hub codes ({@code <type>-WH01}, ...), so each
 * case below, run once per ERP, also shows the erp-stock route sending each usage to the instance that books its
 * warehouse and to no other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErpStockRouteContractTest {

    /** The part and (demo) warehouse most cases book: every demo part and warehouse is mapped for every ERP. */
    static final String SKU = "SP-FAN-004";
    static final String WAREHOUSE = "WH01";
    private static final Set<String> FINAL_OUTCOMES = Set.of("SUCCESS", "REFUSED");

    /** Every ERP fixture's mock, started once for the one hub of this class. */
    static final List<StartedMock> ERPS = ErpInstances.fixtures().stream().map(StockConnectorFixture::start).toList();

    /** The ERPs the cases run for, named by connector type. */
    static Stream<Named<StartedMock>> erps() {
        assertThat(ERPS).as("ERP connector fixtures on the test class path").isNotEmpty();
        return ERPS.stream().map(erp -> Named.of(erp.erp().type(), erp));
    }

    /**
     * A hub on H2 that loads only the erp-stock route and books in the given ERPs' mocks, each instance its own
     * warehouses: retries are the hub's (3 attempts, 100-200 ms apart; the connectors make one attempt per call),
     * stock is never cached.
     */
    static void hubBookingIn(DynamicPropertyRegistry r, List<StartedMock> erps) {
        ErpInstances.erpStockRouteOnly(r);
        ErpInstances.register(r, ErpInstances.sideBySide(erps));
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        hubBookingIn(r, ERPS);
    }

    @AfterAll
    static void stopMocks() {
        ERPS.forEach(StartedMock::close);
    }

    @Autowired
    ApplicationContext hub;

    /** The master-data rows that say which instance books each demo warehouse, and every demo part's codes. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookSideBySide(hub, ERPS);
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiKeyService keys;
    @Autowired
    DeadLetterService deadLetters;
    @Autowired
    JmsTemplate jms;
    @LocalServerPort
    int port;

    @AfterEach
    void noFaultOutlivesItsTest() {
        ERPS.forEach(StartedMock::clearFaults);
    }

    // ------------------------------------------------------------------ helpers

    /** The hub's code of the demo warehouse {@link #WAREHOUSE} as this ERP's instance books it. */
    static String hubWarehouse(StartedMock erp) {
        return ErpInstances.warehouseOf(erp.erp(), WAREHOUSE);
    }

    String newTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
    }

    static String newUsageId(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Records a usage of {@code sku} from {@link #WAREHOUSE} in the hub warehouse {@code erp} books. */
    void use(StartedMock erp, String ticket, String usageId, String sku, String qty) {
        tickets.recordPartUsage(ticket, new RecordPartUsageRequest(usageId, sku,
                new QuantityInput(new BigDecimal(qty), "个"), hubWarehouse(erp), List.of()));
    }

    String state(String usageId) {
        return jdbc.queryForObject("select state from part_usage where id = ?", String.class, usageId);
    }

    void awaitState(String usageId, PartUsageState expected, Duration atMost) {
        await("usage " + usageId + " " + expected).atMost(atMost).until(() -> expected.name().equals(state(usageId)));
    }

    /**
     * The outcomes the erp-stock route journaled for a usage, oldest first, once the last one is final (the journal
     * row follows the usage's state by a moment).
     */
    List<String> awaitJournal(String usageId) {
        await("final journal row of " + usageId).atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> rows = journal(usageId);
            return !rows.isEmpty() && FINAL_OUTCOMES.contains(rows.get(rows.size() - 1));
        });
        return journal(usageId);
    }

    List<String> journal(String usageId) {
        return jdbc.queryForList("select outcome from delivery_journal where route_id = 'erp-stock'"
                + " and idempotency_key = ? order by id", String.class, usageId);
    }

    /**
     * Exactly one document under the usage's key in {@code erp}, it moved the stock, the usage records its number,
     * and no other ERP holds a document of the usage.
     */
    void assertOneBookedDocument(StartedMock erp, String usageId) {
        List<ErpDocument> docs = erp.documentsOfUsage(usageId);
        assertThat(docs).as("%s documents of usage %s", erp.erp(), usageId).hasSize(1);
        assertThat(docs.get(0).booked()).as("document of %s booked: %s", usageId, docs.get(0)).isTrue();
        assertThat(jdbc.queryForObject("select erp_document_number from part_usage where id = ?", String.class,
                usageId)).isEqualTo(docs.get(0).number());
        for (StartedMock other : ERPS) {
            if (other != erp) {
                assertThat(other.documentsOfUsage(usageId)).as("%s documents of %s, booked in %s", other.erp(),
                        usageId, erp.erp()).isEmpty();
            }
        }
    }

    /** The broker hands a ticket's stored event of the given type to the erp-stock route once more. */
    void redeliver(String ticket, String eventType) {
        Map<String, Object> row = jdbc.queryForMap("select event_id, payload from outbox where ticket_id = ?"
                + " and event_type = ?", ticket, eventType);
        jms.setPubSubDomain(true);
        jms.send("hub.events::erp-stock", session -> {
            var m = session.createTextMessage((String) row.get("payload"));
            m.setStringProperty("hubEventId", (String) row.get("event_id"));
            m.setStringProperty("hubTicketId", ticket);
            m.setStringProperty("hubEventType", eventType);
            m.setStringProperty("JMSXGroupID", ticket);
            return m;
        });
    }

    // ------------------------------------------------------------------ the contract

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartUsageBecomesExactlyOneBookedDocumentAndTheUsageIsDeducted(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long documentsBefore = erp.outboundDocumentCount();
        String usage = newUsageId("PU-");
        use(erp, newTicket(), usage, SKU, "3");

        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(30));
        assertOneBookedDocument(erp, usage);
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(1);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("17");
        assertThat(awaitJournal(usage)).containsExactly("SUCCESS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void notEnoughStockFailsTheUsageWithTheErpMessageAndAnEventWithoutRetrying(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("1"));
        String ticket = newTicket();
        String usage = newUsageId("PU-");
        use(erp, ticket, usage, SKU, "5");

        awaitState(usage, PartUsageState.FAILED, Duration.ofSeconds(30));
        assertThat(jdbc.queryForObject("select failure_reason from part_usage where id = ?", String.class, usage))
                .contains(erp.erp().shortageMessage());
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("1");
        assertThat(jdbc.queryForList("select event_type from outbox where ticket_id = ? order by id", String.class,
                ticket)).containsExactly("TicketCreated", "PartConsumed", "PartDeductionFailed");
        assertThat(awaitJournal(usage)).containsExactly("REFUSED");
        // an ERP may keep the refused document, unbooked, for the warehouse to see (Kingdee, YonBIP) or add none (U8)
        assertThat(erp.documentsOfUsage(usage)).hasSizeLessThanOrEqualTo(1).noneMatch(ErpDocument::booked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void fiftyConcurrentUsagesOfOnePartLeaveTheStockExact(StartedMock erp) throws Exception {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("100"));
        long documentsBefore = erp.outboundDocumentCount();
        List<String> usages = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> recorded = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String usage = newUsageId("PU-C" + i + "-");
            usages.add(usage);
            recorded.add(pool.submit(() -> use(erp, newTicket(), usage, SKU, "1")));
        }
        for (Future<?> f : recorded) {
            f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(90)).until(() -> usages.stream()
                .allMatch(u -> PartUsageState.DEDUCTED.name().equals(state(u))));
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("50");
        for (String u : usages) {
            assertOneBookedDocument(erp, u);
        }
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anErpTimeoutAfterItCommittedStillMakesExactlyOneDocument(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long documentsBefore = erp.outboundDocumentCount();
        erp.commitNextWriteThenAnswerAfter(StockConnectorFixture.CONNECTOR_TIMEOUT_MS + 1500L);
        String usage = newUsageId("PU-");
        use(erp, newTicket(), usage, SKU, "2");

        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(60));
        assertThat(awaitJournal(usage)).as("the write timed out, the redelivery found the document")
                .containsExactly("FAILED", "SUCCESS");
        assertOneBookedDocument(erp, usage);
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(1);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("18");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aFiveHundredAfterTheWriteCommittedIsRetriedIntoExactlyOneDocument(StartedMock erp) {
        assertRetriedIntoOneDocumentAfter(erp, () -> erp.commitNextWriteThenAnswer(500), "the 500");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aConnectionResetAfterTheWriteCommittedIsRetriedIntoExactlyOneDocument(StartedMock erp) {
        assertRetriedIntoOneDocumentAfter(erp, erp::commitNextWriteThenResetTheConnection, "the reset");
    }

    /** The ERP commits the next write and then answers with {@code fault}: one retry, one document, exact stock. */
    private void assertRetriedIntoOneDocumentAfter(StartedMock erp, Runnable fault, String what) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long documentsBefore = erp.outboundDocumentCount();
        fault.run();
        String usage = newUsageId("PU-");
        use(erp, newTicket(), usage, SKU, "2");

        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(30));
        assertThat(awaitJournal(usage)).as(what + " was retried").containsExactly("FAILED", "SUCCESS");
        assertOneBookedDocument(erp, usage);
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(1);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("18");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aSessionThatExpiresBetweenDeductionsIsRenewedAndEachUsageIsOneDocument(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long documentsBefore = erp.outboundDocumentCount();
        String first = newUsageId("PU-S1-");
        use(erp, newTicket(), first, SKU, "2");
        awaitState(first, PartUsageState.DEDUCTED, Duration.ofSeconds(30));

        erp.expireSessions();
        if (erp.erp().credentialsExpire()) {
            assertThat(erp.liveSessions()).as("sessions or tokens %s accepts after the expiry", erp.erp()).isZero();
        }
        String second = newUsageId("PU-S2-");
        use(erp, newTicket(), second, SKU, "3");

        awaitState(second, PartUsageState.DEDUCTED, Duration.ofSeconds(30));
        if (erp.erp().credentialsExpire()) {
            assertThat(erp.liveSessions()).as("a new session or token was obtained").isPositive();
        } else {
            assertThat(erp.credentialsIssued()).as("%s has no expiring credential: nothing is fetched", erp.erp())
                    .isZero();
        }
        assertThat(awaitJournal(second)).as("renewed within the call").containsExactly("SUCCESS");
        assertOneBookedDocument(erp, first);
        assertOneBookedDocument(erp, second);
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(2);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("15");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aDeadLetteredDeductionReplayedAndTheSameEventDeliveredAgainMakeOneDocument(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long documentsBefore = erp.outboundDocumentCount();
        erp.failEveryCall(503);
        String ticket = newTicket();
        String usage = newUsageId("PU-");
        use(erp, ticket, usage, SKU, "4");
        DeadLetterFilter ofTicket = new DeadLetterFilter(null, "erp-stock", null, null, ticket, null, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.list(ofTicket, 0, 10).total() == 1);
        assertThat(state(usage)).isEqualTo(PartUsageState.PENDING.name());
        erp.clearFaults();

        DeadLetter dead = deadLetters.list(ofTicket, 0, 10).items().get(0);
        assertThat(dead.idempotencyKey()).isEqualTo(usage);
        deadLetters.replay(dead.id(), "ops-erin");
        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(30));

        // the broker hands the same event over once more (e.g. after a crash before the acknowledgement)
        redeliver(ticket, "PartConsumed");
        await().atMost(Duration.ofSeconds(30)).until(() -> journal(usage).stream()
                .filter("SUCCESS"::equals).count() == 2);
        assertThat(journal(usage)).as("three failed attempts, the dead letter, the replay, the second delivery")
                .containsExactly("FAILED", "FAILED", "FAILED", "DEAD_LETTER", "SUCCESS", "SUCCESS");
        assertOneBookedDocument(erp, usage);
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(1);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("16");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void deductionsOfDifferentPartsRunInParallel(StartedMock erp) {
        // every ERP call takes 200 ms more, so a deduction takes 0.2-0.8 s and overlaps are easy to see
        erp.delayEveryCall(200);
        List<String> skus = StockConnectorFixture.demoSkus();
        long documentsBefore = erp.outboundDocumentCount();
        List<String> usages = new ArrayList<>();
        for (String sku : skus) {
            erp.setStock(sku, WAREHOUSE, new BigDecimal("10"));
            String usage = newUsageId("PU-P-");
            usages.add(usage);
            use(erp, newTicket(), usage, sku, "1");
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> usages.stream()
                .allMatch(u -> PartUsageState.DEDUCTED.name().equals(state(u))));
        String usageKeys = String.join(",", usages.stream().map(u -> "'" + u + "'").toList());
        String successRows = "from delivery_journal where route_id = 'erp-stock' and outcome = 'SUCCESS'"
                + " and idempotency_key in (" + usageKeys + ")";
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) " + successRows,
                Integer.class) == skus.size());

        // each SUCCESS row ends at occurred_at and began latency_ms before: count how many overlapped at most
        List<long[]> spans = jdbc.query("select occurred_at, latency_ms " + successRows, (rs, i) -> {
            long end = rs.getTimestamp(1).getTime();
            return new long[] {end - rs.getLong(2), end};
        });
        int maxOverlap = 0;
        for (long[] s : spans) {
            long at = s[0] + 1;
            maxOverlap = Math.max(maxOverlap, (int) spans.stream().filter(o -> o[0] <= at && at < o[1]).count());
        }
        assertThat(maxOverlap).as("deductions of different parts in flight at once").isGreaterThanOrEqualTo(3);
        for (String sku : skus) {
            assertThat(erp.stock(sku, WAREHOUSE)).as(sku).isEqualByComparingTo("9");
        }
        for (String u : usages) {
            assertOneBookedDocument(erp, u);
        }
        assertThat(erp.outboundDocumentCount() - documentsBefore).isEqualTo(skus.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void stockIsAnsweredFromTheErpThatBooksTheWarehouseWithItsSourceAndAge(StartedMock erp) throws Exception {
        for (StartedMock each : ERPS) {
            each.setStock(SKU, WAREHOUSE, new BigDecimal(each == erp ? "42" : "7"));
        }
        String key = keys.create("stock-reader", List.of(ApiScope.TICKETS_READ), "test").key();
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/parts/" + SKU + "/stock?warehouse=" + hubWarehouse(erp)))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(res.body());
        assertThat(body.get("quantity").decimalValue()).isEqualByComparingTo("42");
        assertThat(body.get("sourceSystem").asText()).isEqualTo(erp.erp().type());
        assertThat(body.get("connectorInstance").asText()).isEqualTo(ErpInstances.instanceOf(erp.erp()));
        assertThat(body.get("cached").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aReturnedPartIsCompensatedOnceWhereTheErpBooksReturnsAndRefusedClearlyWhereItDoesNot(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long otherBefore = erp.otherDocumentCount();
        String ticket = newTicket();
        String usage = newUsageId("PU-R-");
        use(erp, ticket, usage, SKU, "3");
        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(30));
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("17");

        tickets.returnPart(ticket, usage, "客户取消维修");
        String returnKey = usage + ":return";
        if (erp.erp().booksReturns()) {
            awaitState(usage, PartUsageState.REVERSED, Duration.ofSeconds(30));
            assertThat(awaitJournal(returnKey)).containsExactly("SUCCESS");
            // the same return delivered again (a crash before the acknowledgement) books nothing more
            redeliver(ticket, "PartReturned");
            await().atMost(Duration.ofSeconds(30)).until(() -> journal(returnKey).size() == 2);
            assertThat(journal(returnKey)).containsExactly("SUCCESS", "SUCCESS");
            assertThat(erp.otherDocumentCount() - otherBefore).as("compensating inbound documents").isEqualTo(1);
            assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("20");
        } else {
            assertThat(awaitJournal(returnKey)).containsExactly("REFUSED");
            assertThat(state(usage)).isEqualTo(PartUsageState.DEDUCTED.name());
            assertThat(erp.otherDocumentCount()).isEqualTo(otherBefore);
            assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("17");
        }
        // the outbound document stays as it was: a return never deletes or edits an audited document
        assertOneBookedDocument(erp, usage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aUsageWhoseDeductionFailedCannotBeReturned(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("1"));
        String ticket = newTicket();
        String usage = newUsageId("PU-F-");
        use(erp, ticket, usage, SKU, "5");
        awaitState(usage, PartUsageState.FAILED, Duration.ofSeconds(30));
        // (an ERP that keeps the saved draft whose booking it refused: counted from here on)
        long allBefore = erp.allDocuments().size();

        assertThatThrownBy(() -> tickets.returnPart(ticket, usage, "客户取消维修"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(p.getMessage()).contains(usage);
                });
        assertThat(jdbc.queryForList("select event_type from outbox where ticket_id = ? order by id", String.class,
                ticket)).doesNotContain("PartReturned");
        assertThat(erp.allDocuments()).hasSize((int) allBefore);
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aReturnWaitsForItsDeadLetteredDeductionAndIsBookedAfterIt(StartedMock erp) {
        erp.setStock(SKU, WAREHOUSE, new BigDecimal("20"));
        long otherBefore = erp.otherDocumentCount();
        erp.failEveryCall(503);
        String ticket = newTicket();
        String usage = newUsageId("PU-W-");
        use(erp, ticket, usage, SKU, "2");
        tickets.returnPart(ticket, usage, "用错备件");
        String returnKey = usage + ":return";
        DeadLetterFilter ofTicket = new DeadLetterFilter(null, "erp-stock", null, null, ticket, null, null);
        // the deduction exhausts its attempts against the failing ERP, then the return exhausts its own waiting
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.list(ofTicket, 0, 10).total() == 2);
        assertThat(state(usage)).isEqualTo(PartUsageState.PENDING.name());
        assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("20");
        erp.clearFaults();

        // replayed in the wrong order: the return still waits, and books nothing
        DeadLetter deadReturn = deadLetters.list(ofTicket, 0, 10).items().stream()
                .filter(d -> returnKey.equals(d.idempotencyKey())).findFirst().orElseThrow();
        DeadLetter deadDeduction = deadLetters.list(ofTicket, 0, 10).items().stream()
                .filter(d -> usage.equals(d.idempotencyKey())).findFirst().orElseThrow();
        deadLetters.replay(deadReturn.id(), "ops-erin");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(new DeadLetterFilter("OPEN", "erp-stock",
                null, null, ticket, null, null), 0, 10).total() == 2);
        assertThat(erp.otherDocumentCount()).isEqualTo(otherBefore);
        assertThat(state(usage)).isEqualTo(PartUsageState.PENDING.name());

        // the deduction first, then the return
        deadLetters.replay(deadDeduction.id(), "ops-erin");
        awaitState(usage, PartUsageState.DEDUCTED, Duration.ofSeconds(30));
        DeadLetter waitingReturn = deadLetters.list(new DeadLetterFilter("OPEN", "erp-stock", null, null, ticket,
                null, null), 0, 10).items().get(0);
        assertThat(waitingReturn.idempotencyKey()).isEqualTo(returnKey);
        deadLetters.replay(waitingReturn.id(), "ops-erin");
        assertOneBookedDocument(erp, usage);
        if (erp.erp().booksReturns()) {
            awaitState(usage, PartUsageState.REVERSED, Duration.ofSeconds(30));
            assertThat(erp.otherDocumentCount() - otherBefore).isEqualTo(1);
            assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("20");
        } else {
            await().atMost(Duration.ofSeconds(30)).until(() -> journal(returnKey).contains("REFUSED"));
            assertThat(erp.stock(SKU, WAREHOUSE)).isEqualByComparingTo("18");
        }
    }
}
