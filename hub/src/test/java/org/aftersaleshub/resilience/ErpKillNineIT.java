package org.aftersaleshub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.ErpDocument;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.resilience.PartUsageClients.StockSlot;
import org.aftersaleshub.resilience.PartUsageClients.Usage;
import org.aftersaleshub.testsupport.ErpInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5 / guarantee 2 under SIGKILL: exactly one ERP document per part usage, asserted on the mock's state, for
 * every ERP connector on the class path (its module's fixture, {@link ErpInstances#fixtures()}; this class names no
 * ERP). The packaged hub runs as its own JVM (like {@link KillNineIT}) with only the erp-stock route, booking every
 * warehouse in one connector instance on the ERP's mock, which runs in this JVM so the test reads its documents and
 * stock directly.
 *
 * <p>Per ERP, one mock and one hub data dir:
 * <ol>
 *   <li><b>Killed between the ERP's commit and the journal write</b>, deterministically: the mock commits the write
 *       that takes the stock out (the fixture's booking operation, e.g. Kingdee Audit) and then holds its answer
 *       far beyond the connector's call timeout; once the mock shows the document booked while the hub still shows the
 *       usage PENDING with nothing journaled, the hub is killed, the hold is lifted and the hub restarts on the
 *       same data. The usage must end DEDUCTED with that document's number, the mock must hold that one document
 *       and no second, the stock must have dropped by the quantity once, and the timeline must show the deduction.</li>
 *   <li><b>Killed at random under load</b>: client threads record usages at a steady pace, mixing parts and
 *       warehouses and queueing several usages of the same part and warehouse, while the mock answers that write
 *       20..120 ms after committing it (so kills often land in the same window) and the hub is killed 0.2..3 s into
 *       each round and restarted. After a drain: every acknowledged usage is DEDUCTED, every abandoned one is absent
 *       or DEDUCTED, the mock holds exactly one document per stored usage (with its number, part, warehouse and
 *       quantity) and no other document, and the stock of every part and warehouse is its initial quantity less the
 *       stored usages' quantities.</li>
 * </ol>
 *
 * <p>{@code -Derp.kill9.rounds=N} sets the random kills per ERP (default 3); {@code -Derp.kill9.seed=...} repeats a
 * run's random choices. Hub logs are in {@code target/erp-kill9/<type>/hub-<n>.log}, the summary in
 * {@code target/erp-kill9/summary-<type>.txt}.
 */
class ErpKillNineIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The connector's call timeout: the hub keeps waiting for the held answer at least this long. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long the mock holds the answer of the committed write: past the call timeout, so only the kill ends it. */
    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_SECOND = 60;
    /** Far more than the run can use: a deduction refused for lack of stock would be a FAILED usage, not our case. */
    private static final BigDecimal INITIAL_STOCK = new BigDecimal("100000");
    /** Where the clients take parts from: two parts in one warehouse, one part in two warehouses. */
    private static final List<StockSlot> SLOTS = List.of(new StockSlot("SP-COMP-001", "WH01"),
            new StockSlot("SP-COMP-001", "WH02"), new StockSlot("SP-PSU-002", "WH01"),
            new StockSlot("SP-FAN-004", "WH01"));
    /** The part of the usage whose ERP answer is held, apart from the clients' so its stock is read alone. */
    private static final StockSlot HELD_SLOT = new StockSlot("SP-MCB-003", "WH01");

    private StartedMock erp;
    private HubProcess hub;
    private PartUsageClients clients;
    private final List<Duration> startTimes = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        if (clients != null) {
            clients.close();
        }
        if (hub != null) {
            hub.stop();
        }
        if (erp != null) {
            erp.close();
        }
    }

    static List<StockConnectorFixture> erps() {
        List<StockConnectorFixture> erps = ErpInstances.fixtures();
        assertThat(erps).as("ERP connector fixtures on the test class path").isNotEmpty();
        return erps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void exactlyOneErpDocumentPerPartUsageThroughKillNine(StockConnectorFixture erpUnderTest, @TempDir Path dataDir)
            throws Exception {
        int rounds = Integer.getInteger("erp.kill9.rounds", 3);
        long seed = Long.getLong("erp.kill9.seed", System.nanoTime());
        Random random = new Random(seed);
        Path jar = HubProcess.packagedJar();
        Path logDir = jar.getParent().resolve("erp-kill9");
        log("%s: ERP kill -9 test, 1 held + %d random kills, seed %d (-Derp.kill9.seed=%d repeats it), logs in %s",
                erpUnderTest, rounds, seed, seed, logDir.resolve(erpUnderTest.type()));

        erp = erpUnderTest.start();
        assertThat(erp.allDocuments()).as("documents in a fresh %s", erp).isEmpty();
        Map<StockSlot, BigDecimal> initialStock = new LinkedHashMap<>();
        for (StockSlot slot : Stream.concat(SLOTS.stream(), Stream.of(HELD_SLOT)).toList()) {
            erp.setStock(slot.partSku(), slot.warehouse(), INITIAL_STOCK);
            initialStock.put(slot, stock(slot));
        }

        hub = new HubProcess(jar, logDir.resolve(erpUnderTest.type()), HubProcess.freePort(), hubArgs(dataDir));
        startTimes.add(hub.startAndAwaitReady(START_TIMEOUT));
        String apiKey = Files.readString(dataDir.resolve("demo-api-key.txt"), StandardCharsets.UTF_8).trim();
        // which instance books each demo warehouse and every demo part's code: the master data, through the API
        ErpInstances.bookOnlyOverHttp(hub.baseUri().toString(), apiKey, erp);
        ClientGate gate = new ClientGate();
        gate.open();
        clients = new PartUsageClients(hub.baseUri(), apiKey, gate, seed, SLOTS);

        killBetweenTheErpCommitAndTheJournalWrite(gate);

        // --- 2. killed at random while clients record usages -------------------------------------------------------
        erp.answerEveryBookingLate(Duration.ofMillis(20), Duration.ofMillis(120));
        clients.start(CLIENTS, REQUESTS_PER_SECOND);
        List<Long> killMoments = new ArrayList<>();
        List<Integer> awaitingDocumentAtKill = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            gate.open();
            Duration killAfter = Duration.ofMillis(200 + random.nextInt(2_800));
            int ackedAtStart = clients.acknowledged.size();
            await(erp + " round " + round + ": clients make progress").atMost(killAfter.plusSeconds(60))
                    .pollDelay(killAfter).pollInterval(Duration.ofMillis(50))
                    .until(() -> clients.acknowledged.size() >= ackedAtStart + 3);
            gate.close();
            // how many recorded usages the ERP has not booked yet: the deductions the kill interrupts or orphans
            Set<String> booked = erp.allDocuments().stream().filter(ErpDocument::booked).map(ErpDocument::usageId)
                    .collect(Collectors.toSet());
            awaitingDocumentAtKill.add((int) clients.acknowledged.keySet().stream().filter(u -> !booked.contains(u))
                    .count());
            long pid = hub.pid();
            assertThat(hub.kill9()).as("hub pid %d must die of SIGKILL (137), not shut down", pid).isEqualTo(137);
            killMoments.add(killAfter.toMillis());
            log("%s: round %d: killed pid %d %d ms into the round (usages acknowledged so far: %d)", erp, round,
                    pid, killAfter.toMillis(), clients.acknowledged.size());
            startTimes.add(hub.startAndAwaitReady(START_TIMEOUT));
        }
        gate.open();
        clients.stopAndAwait(Duration.ofMinutes(2));
        assertThat(clients.unexpectedAnswers).as("answers other than 2xx").isEmpty();

        // --- the store: after a drain, every usage booked ---------------------------------------------------------
        await(erp + ": every stored usage leaves PENDING").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> storedUsages().values().stream().noneMatch(u -> "PENDING".equals(u.path("state").asText())));
        Map<String, JsonNode> stored = storedUsages();
        clients.acknowledged.forEach((id, u) -> {
            assertThat(stored).as("usage %s (answered 2xx) stored", id).containsKey(id);
            assertThat(stored.get(id).path("state").asText()).as("state of acknowledged usage %s", id)
                    .isEqualTo("DEDUCTED");
        });
        Set<String> abandoned = clients.inDoubt.stream().map(Usage::id).collect(Collectors.toSet());
        int abandonedButCommitted = 0;
        for (String id : abandoned) {
            if (stored.containsKey(id)) {
                abandonedButCommitted++;
                assertThat(stored.get(id).path("state").asText()).as("state of abandoned usage %s, found stored", id)
                        .isEqualTo("DEDUCTED");
            }
        }
        assertThat(stored.keySet()).as("stored usages no client sent (invented)")
                .allMatch(id -> clients.acknowledged.containsKey(id) || abandoned.contains(id));
        Map<String, Usage> sent = new HashMap<>(clients.acknowledged);
        clients.inDoubt.forEach(u -> sent.putIfAbsent(u.id(), u));

        // --- the ERP: one document per stored usage, nothing else; stock exact ------------------------------------
        List<ErpDocument> documents = erp.allDocuments();
        Map<String, List<ErpDocument>> byUsage = documents.stream().filter(d -> d.usageId() != null)
                .collect(Collectors.groupingBy(ErpDocument::usageId));
        assertThat(documents).as("%s documents not marked with a part usage", erp)
                .allMatch(d -> d.usageId() != null);
        assertThat(byUsage.keySet()).as("%s documents of usages the hub does not hold", erp)
                .isSubsetOf(stored.keySet());
        for (Map.Entry<String, JsonNode> e : stored.entrySet()) {
            Usage u = sent.get(e.getKey());
            List<ErpDocument> docs = byUsage.getOrDefault(e.getKey(), List.of());
            assertThat(docs).as("%s documents of usage %s", erp, e.getKey()).hasSize(1);
            ErpDocument d = docs.get(0);
            assertThat(d.booked()).as("%s booked", d.label()).isTrue();
            assertThat(e.getValue().path("erpDocumentNumber").asText()).as("ERP document number of %s", e.getKey())
                    .isEqualTo(d.number());
            assertThat(d.partCode()).as("part on %s", d.label()).isEqualTo(erpUnderTest.partCode(u.slot().partSku()));
            assertThat(d.warehouseCode()).as("warehouse on %s", d.label())
                    .isEqualTo(erpUnderTest.warehouseCode(u.slot().warehouse()));
            assertThat(d.quantity()).as("quantity on %s", d.label()).isEqualByComparingTo(u.quantity());
        }
        assertThat(documents).as("%s documents in all (one per stored usage)", erp).hasSize(stored.size());
        Map<StockSlot, BigDecimal> used = new HashMap<>();
        stored.keySet().forEach(id -> used.merge(sent.get(id).slot(), sent.get(id).quantity(), BigDecimal::add));
        initialStock.forEach((slot, initial) -> assertThat(stock(slot))
                .as("%s stock of %s (initial %s less the stored usages)", erp, slot, initial)
                .isEqualByComparingTo(initial.subtract(used.getOrDefault(slot, BigDecimal.ZERO))));

        String summary = """
                ERP kill -9 summary (%s): seed=%d, kills=%d (SIGKILL, exit 137): 1 held between the ERP commit and \
                the journal write, %d at random
                  hub starts: %s
                  random kills at %s ms into the round; recorded usages without their ERP document at each kill: %s
                  part usages: %d acknowledged (2xx) on %d tickets; requests without answer: %d, of which retried and \
                answered as replay: %d; abandoned: %d, of which found committed: %d
                  stored usages: %d, all DEDUCTED; %s documents: %d, one per stored usage; stock exact on %d part and \
                warehouse pairs""".formatted(erp, seed, rounds + 1, rounds,
                startTimes.stream().map(t -> t.toMillis() + " ms").toList(), killMoments, awaitingDocumentAtKill,
                clients.acknowledged.size(), clients.tickets.size(), clients.lostAnswers.get(),
                clients.replayedAfterLostAnswer.get(), abandoned.size(), abandonedButCommitted, stored.size(), erp,
                documents.size(), initialStock.size());
        log("%s", summary);
        Files.writeString(logDir.resolve("summary-" + erpUnderTest.type() + ".txt"),
                summary + System.lineSeparator());
    }

    /**
     * Part 1: the mock commits the write and holds its answer; the hub is killed once the document is booked in the
     * ERP and the usage is still PENDING with nothing journaled, then restarts without the hold.
     */
    private void killBetweenTheErpCommitAndTheJournalWrite(ClientGate gate) throws Exception {
        String heldTicket = clients.createTicket("held");
        Usage held = new Usage("PU-HELD-1", heldTicket, HELD_SLOT, new BigDecimal("3"));
        int documentsBefore = erp.allDocuments().size();
        BigDecimal heldStockBefore = stock(HELD_SLOT);
        erp.holdTheAnswerOfTheNextBooking(HOLD);
        clients.record(held);
        await(erp + " committed the document of " + held.id() + " while the hub has not recorded it")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .failFast("the hub left " + held.id() + " PENDING before the kill (the hold did not hold)",
                        () -> !"PENDING".equals(usageState(held)))
                .until(() -> erp.allDocuments().stream().filter(ErpDocument::booked).count() > documentsBefore);
        // the window the guarantee is about: the ERP has booked, the hub knows nothing of it yet
        assertThat(usageState(held)).as("usage state while the ERP answer is held").isEqualTo("PENDING");
        assertThat(erpStockEntries(clients.get("/api/v1/tickets/" + heldTicket + "/timeline"), held.id()))
                .as("erp-stock journal entries of %s before the kill", held.id()).isEmpty();
        assertThat(stock(HELD_SLOT)).as("stock after the ERP committed")
                .isEqualByComparingTo(heldStockBefore.subtract(held.quantity()));
        long heldPid = hub.pid();
        gate.close();
        assertThat(hub.kill9()).as("hub pid %d must die of SIGKILL (137), not shut down", heldPid).isEqualTo(137);
        erp.clearFaults();
        startTimes.add(hub.startAndAwaitReady(START_TIMEOUT));
        gate.open();

        await(held.id() + " deducted and journaled after the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "DEDUCTED".equals(usageState(held)) && erpStockEntries(clients.get("/api/v1/tickets/"
                        + heldTicket + "/timeline"), held.id()).stream()
                        .anyMatch(e -> "SUCCESS".equals(e.path("outcome").asText())));
        assertThat(erp.allDocuments()).as("%s documents in all after kill -9 and restart", erp)
                .hasSize(documentsBefore + 1);
        List<ErpDocument> heldDocuments = erp.documentsOfUsage(held.id());
        assertThat(heldDocuments).as("%s documents of %s", erp, held.id()).hasSize(1);
        String heldNumber = heldDocuments.get(0).number();
        assertThat(usage(held).path("erpDocumentNumber").asText()).as("ERP document number of %s", held.id())
                .isEqualTo(heldNumber);
        assertThat(stock(HELD_SLOT)).as("stock of %s after the restart", HELD_SLOT)
                .isEqualByComparingTo(heldStockBefore.subtract(held.quantity()));
        List<JsonNode> heldJournal = erpStockEntries(clients.get("/api/v1/tickets/" + heldTicket + "/timeline"),
                held.id());
        assertThat(heldJournal).as("erp-stock journal of %s after the restart", held.id()).singleElement()
                .satisfies(e -> {
                    assertThat(e.path("outcome").asText()).isEqualTo("SUCCESS");
                    assertThat(e.path("detail").asText()).contains(heldNumber);
                });
        log("%s: held kill: pid %d killed after the ERP booked %s; after the restart %s is DEDUCTED with %s, "
                + "1 document, stock -%s", erp, heldPid, heldNumber, held.id(), heldNumber, held.quantity());
    }

    private List<String> hubArgs(Path dataDir) {
        String routesDir = System.getProperty("hub.routes-dir", Path.of("..", "routes").toString());
        List<String> args = new ArrayList<>(List.of(
                "--hub.data-dir=" + dataDir,
                "--hub.routes-dir=" + Path.of(routesDir).toAbsolutePath().normalize(),
                "--hub.routes-include=erp-stock.yaml",
                "--hub.demo.enabled=false",
                "--hub.demo.mocks.enabled=false",
                "--hub.security.create-demo-key=true",
                "--hub.delivery.initial-backoff-ms=100",
                "--hub.delivery.max-backoff-ms=1000",
                "--hub.delivery.max-attempts=20",
                "--logging.level.root=WARN",
                "--logging.level.org.aftersaleshub=INFO"));
        args.addAll(ErpInstances.commandLineArgs(ErpInstances.only(erp, CALL_TIMEOUT)));
        return args;
    }

    private BigDecimal stock(StockSlot slot) {
        return erp.stock(slot.partSku(), slot.warehouse());
    }

    private JsonNode usage(Usage u) throws Exception {
        JsonNode found = clients.get("/api/v1/tickets/" + u.ticketId() + "/part-usages/" + u.id());
        assertThat(found).as("usage %s in the store", u.id()).isNotNull();
        return found;
    }

    private String usageState(Usage u) throws Exception {
        return usage(u).path("state").asText();
    }

    /** The timeline's delivery entries of the erp-stock route for one usage (its key is the usage id). */
    private static List<JsonNode> erpStockEntries(JsonNode timeline, String usageId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : timeline) {
            if ("DELIVERY".equals(e.path("kind").asText()) && "erp-stock".equals(e.path("routeId").asText())
                    && usageId.equals(e.path("idempotencyKey").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every part usage on the clients' tickets, by id; a usage listed twice fails. */
    private Map<String, JsonNode> storedUsages() throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String ticket : clients.tickets) {
            for (JsonNode u : clients.get("/api/v1/tickets/" + ticket + "/part-usages")) {
                String id = u.path("id").asText();
                assertThat(seen.add(id)).as("part usage %s listed twice", id).isTrue();
                byId.put(id, u);
            }
        }
        return byId;
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
