package org.aftersaleshub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.aftersaleshub.resilience.KillNineWorkload.Op;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1, "nothing accepted is lost": the packaged hub runs as its own JVM on a temp data dir (H2 file
 * database, embedded Artemis journal) and is killed with SIGKILL at random moments while 8 clients create tickets
 * and record part usages; after each kill it restarts on the same data and the clients carry on.
 *
 * <p>After the last restart and a drain it asserts, through the API and the webhook receiver:
 * <ul>
 *   <li>every change answered 2xx is in the store exactly once;</li>
 *   <li>every committed event reached the receiver at least once, every delivery of one event carried the same
 *       {@code Idempotency-Key} (its event id), and the signature verified;</li>
 *   <li>no event was invented: each delivered event belongs to an acknowledged change or to an abandoned request
 *       that had committed before its answer was lost (counted as unacknowledged-but-committed), and each change has
 *       exactly one event id (a TicketCreated per ticket, a PartConsumed per part-usage id).</li>
 * </ul>
 *
 * <p>{@code -Dkill9.rounds=20} kills more often (default 5); {@code -Dkill9.seed=...} repeats a run's random
 * choices; {@code -Dkill9.clients=8} sets the client threads; {@code -Dkill9.hub-args="--k=v ..."} adds hub
 * settings. Each hub start's output is in
 * {@code target/kill9/hub-<n>.log}.
 */
class KillNineIT {

    private static final String HOOK = "kill9";
    private static final String SECRET = "kill9-webhook-secret-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private WebhookReceiver receiver;
    private HubProcess hub;
    private ExecutorService clients;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (hub != null) {
            hub.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void acceptedChangesAndTheirEventsSurviveKillNine(@TempDir Path dataDir) throws Exception {
        int rounds = Integer.getInteger("kill9.rounds", 5);
        int clientCount = Integer.getInteger("kill9.clients", 8);
        long seed = Long.getLong("kill9.seed", System.nanoTime());
        Random random = new Random(seed);
        Path jar = HubProcess.packagedJar();
        Path logDir = jar.getParent().resolve("kill9");
        String routesDir = System.getProperty("hub.routes-dir", Path.of("..", "routes").toString());
        log("kill -9 test: %d rounds, %d clients, seed %d (-Dkill9.seed=%d repeats it), logs in %s", rounds,
                clientCount, seed, seed, logDir);

        receiver = new WebhookReceiver(Map.of(HOOK, SECRET));
        List<String> hubArgs = new ArrayList<>(List.of(
                "--hub.data-dir=" + dataDir,
                "--hub.routes-dir=" + Path.of(routesDir).toAbsolutePath().normalize(),
                "--hub.demo.enabled=false",
                // the spine alone: no in-process mocks, no ERP, only the outbound-webhook route
                "--hub.demo.mocks.enabled=false",
                "--hub.erp.connector=",
                "--hub.routes-include=outbound-webhook.yaml",
                "--hub.security.create-demo-key=true",
                "--hub.webhooks.endpoints[0].name=" + HOOK,
                "--hub.webhooks.endpoints[0].url=" + receiver.url(HOOK),
                "--hub.webhooks.endpoints[0].secret=" + SECRET,
                "--hub.delivery.initial-backoff-ms=100",
                "--hub.delivery.max-backoff-ms=1000",
                "--hub.delivery.max-attempts=20",
                "--logging.level.root=WARN",
                "--logging.level.org.aftersaleshub.outbox=INFO"));
        // -Dkill9.hub-args="--a=b --c=d" adds or overrides hub settings (e.g. to check the test fails without
        // WRITE_DELAY=0 in spring.datasource.url)
        String extra = System.getProperty("kill9.hub-args", "").trim();
        if (!extra.isEmpty()) {
            hubArgs.addAll(List.of(extra.split("\\s+")));
        }
        hub = new HubProcess(jar, logDir, HubProcess.freePort(), hubArgs);

        List<Duration> startTimes = new ArrayList<>();
        startTimes.add(hub.startAndAwaitReady(START_TIMEOUT));
        String apiKey = Files.readString(dataDir.resolve("demo-api-key.txt"), StandardCharsets.UTF_8).trim();
        String customer = "k9-" + Long.toHexString(seed & 0xffffffffL);

        ClientGate gate = new ClientGate();
        KillNineWorkload work = new KillNineWorkload(hub.baseUri(), apiKey, customer, gate, seed);
        clients = Executors.newFixedThreadPool(clientCount);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            running.add(clients.submit(work.client(i)));
        }

        for (int round = 1; round <= rounds; round++) {
            gate.open();
            // the kill moment is drawn up front: 0.2..4 s after the hub is up, once clients got some answers
            Duration killAfter = Duration.ofMillis(200 + random.nextInt(3_800));
            long ackedAtStart = work.acknowledged.get();
            await("round " + round + ": clients make progress").atMost(killAfter.plusSeconds(60))
                    .pollDelay(killAfter).pollInterval(Duration.ofMillis(50))
                    .until(() -> work.acknowledged.get() >= ackedAtStart + 5);
            gate.close();
            long pid = hub.pid();
            int exit = hub.kill9();
            assertThat(exit).as("hub pid %d must die of SIGKILL (137), not shut down", pid).isEqualTo(137);
            log("round %d: killed pid %d %d ms into the round (acknowledged so far: %d)", round, pid,
                    killAfter.toMillis(), work.acknowledged.get());
            startTimes.add(hub.startAndAwaitReady(START_TIMEOUT));
        }
        gate.open();
        work.stop();
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES); // clients finish their current change against the final hub
        }

        assertThat(work.unexpectedAnswers).as("answers other than 2xx").isEmpty();

        // --- the store: every acknowledged change exactly once, in-doubt changes at most once -------------------
        Map<String, List<JsonNode>> ticketsByOp = listTicketsOfRun(work, customer);
        Set<String> doubtOps = work.inDoubt.stream().filter(o -> o.kind().equals(Op.CREATE)).map(Op::id)
                .collect(Collectors.toSet());
        assertThat(ticketsByOp.keySet()).as("tickets whose request the clients never sent (invented)")
                .allMatch(op -> work.acknowledgedTickets.containsKey(op) || doubtOps.contains(op));
        work.acknowledgedTickets.forEach((op, id) -> {
            assertThat(ticketsByOp.get(op)).as("tickets stored for acknowledged create %s", op).hasSize(1);
            assertThat(ticketsByOp.get(op).get(0).path("id").asText()).as("ticket id of %s", op).isEqualTo(id);
        });
        Map<String, String> committedTickets = new HashMap<>(); // ticket id -> op, acknowledged or not
        int unacknowledgedTickets = 0;
        for (String op : doubtOps) {
            List<JsonNode> found = ticketsByOp.getOrDefault(op, List.of());
            assertThat(found).as("tickets stored for abandoned create %s", op).hasSizeLessThanOrEqualTo(1);
            if (!found.isEmpty()) {
                unacknowledgedTickets++;
                committedTickets.put(found.get(0).path("id").asText(), op);
            }
        }
        work.acknowledgedTickets.forEach((op, id) -> committedTickets.put(id, op));

        Map<String, String> committedUsages = new HashMap<>(work.acknowledgedUsages); // usage id -> ticket id
        Map<String, Set<String>> storedUsagesByTicket = storedUsages(work, committedTickets.keySet());
        work.acknowledgedUsages.forEach((usage, ticket) -> assertThat(storedUsagesByTicket.get(ticket))
                .as("part usage %s (answered 2xx) stored on ticket %s", usage, ticket).contains(usage));
        Set<String> doubtUsages = new HashSet<>();
        int unacknowledgedUsages = 0;
        for (Op op : work.inDoubt) {
            if (op.kind().equals(Op.USAGE)) {
                doubtUsages.add(op.id());
                if (storedUsagesByTicket.getOrDefault(op.ticketId(), Set.of()).contains(op.id())) {
                    unacknowledgedUsages++;
                    committedUsages.put(op.id(), op.ticketId());
                }
            }
        }
        storedUsagesByTicket.forEach((ticket, usages) -> assertThat(usages)
                .as("part usages of ticket %s that no client sent (invented)", ticket)
                .allMatch(u -> work.acknowledgedUsages.containsKey(u) || doubtUsages.contains(u)));

        // --- the receiver: every committed event at least once, same key, nothing invented ----------------------
        await("every committed event delivered").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Deliveries d = deliveries();
                    Set<String> missingCreated = new HashSet<>(committedTickets.keySet());
                    missingCreated.removeAll(d.createdByTicket.keySet());
                    Set<String> missingConsumed = new HashSet<>(committedUsages.keySet());
                    missingConsumed.removeAll(d.consumedByUsage.keySet());
                    assertThat(missingCreated.size() + missingConsumed.size())
                            .as("committed events not delivered: %d TicketCreated (e.g. tickets %s), %d PartConsumed "
                                    + "(e.g. usages %s); hub outbox lag: %s events", missingCreated.size(),
                                    missingCreated.stream().limit(3).toList(), missingConsumed.size(),
                                    missingConsumed.stream().limit(3).toList(), outboxLag(work))
                            .isZero();
                });
        Deliveries d = deliveries();
        // An abandoned request may still commit after its client gave up on it (it waited past the client's 30 s
        // timeout for a write permit or a lock on a loaded machine), so after the first store reading. The store
        // decides, read again now: an event of an abandoned usage counts as committed only if its row is there.
        Set<String> lateDoubt = new HashSet<>(d.consumedByUsage.keySet());
        lateDoubt.removeAll(committedUsages.keySet());
        lateDoubt.retainAll(doubtUsages);
        if (!lateDoubt.isEmpty()) {
            Map<String, Set<String>> storedNow = storedUsages(work, committedTickets.keySet());
            for (Op op : work.inDoubt) {
                if (lateDoubt.contains(op.id()) && storedNow.getOrDefault(op.ticketId(), Set.of()).contains(op.id())) {
                    committedUsages.put(op.id(), op.ticketId());
                    unacknowledgedUsages++;
                    log("abandoned part usage %s committed after the first store reading", op.id());
                }
            }
        }
        assertThat(receiver.deliveries()).as("deliveries with a bad signature").allMatch(
                WebhookReceiver.Delivery::signatureValid);
        Map<String, Set<String>> keysByEvent = new HashMap<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            keysByEvent.computeIfAbsent(delivery.eventId(), e -> new HashSet<>()).add(delivery.idempotencyKey());
        }
        keysByEvent.forEach((event, keys) -> assertThat(keys).as("Idempotency-Key of every delivery of event %s",
                event).containsExactly(event));
        assertThat(d.types).as("event types delivered").isSubsetOf(Set.of("TicketCreated", "PartConsumed"));
        assertThat(d.createdByTicket.keySet()).as("TicketCreated of tickets no client created (invented)")
                .isSubsetOf(committedTickets.keySet());
        assertThat(d.consumedByUsage.keySet()).as("PartConsumed of usages no client recorded (invented)")
                .isSubsetOf(committedUsages.keySet());
        d.createdByTicket.forEach((ticket, events) -> assertThat(events)
                .as("distinct TicketCreated event ids of ticket %s", ticket).hasSize(1));
        d.consumedByUsage.forEach((usage, events) -> assertThat(events)
                .as("distinct PartConsumed event ids of part usage %s", usage).hasSize(1));
        d.consumedTicket.forEach((usage, ticket) -> assertThat(ticket).as("ticket of PartConsumed %s", usage)
                .isEqualTo(committedUsages.get(usage)));
        assertCreatedEventsAreTheStoredOnes(work, d);

        int delivered = receiver.deliveries().size();
        int distinct = keysByEvent.size();
        String summary = """
                kill -9 summary: rounds=%d (SIGKILL, exit 137), clients=%d, seed=%d
                  hub starts: %s
                  accepted (2xx): %d tickets, %d part usages; requests without answer: %d, of which retried and \
                answered as replay: %d, abandoned: %d
                  unacknowledged but committed: %d (retried, replayed) + %d tickets + %d part usages (abandoned, \
                found in store)
                  events delivered: %d distinct, %d deliveries, %d redelivered duplicates""".formatted(rounds,
                clientCount, seed, startTimes.stream().map(t -> t.toMillis() + " ms").toList(),
                work.acknowledgedTickets.size(), work.acknowledgedUsages.size(), work.lostAnswers.get(),
                work.replayedAfterLostAnswer.get(), work.inDoubt.size(), work.replayedAfterLostAnswer.get(),
                unacknowledgedTickets, unacknowledgedUsages, distinct, delivered, delivered - distinct);
        log("%s", summary);
        Files.writeString(logDir.resolve("summary.txt"), summary + System.lineSeparator());
        assertThat(distinct).isEqualTo(committedTickets.size() + committedUsages.size());
    }

    /** The hub's own count of events accepted but not yet on the broker (a stuck relay shows here). */
    private static String outboxLag(KillNineWorkload work) {
        try {
            JsonNode m = work.get("/actuator/metrics/hub.outbox.lag");
            return m == null ? "?" : m.path("measurements").path(0).path("value").asText();
        } catch (Exception e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    /** Every ticket of this run, grouped by the operation id the client put in its description. */
    private Map<String, List<JsonNode>> listTicketsOfRun(KillNineWorkload work, String customer) throws Exception {
        Map<String, List<JsonNode>> byOp = new HashMap<>();
        int seen = 0;
        for (int page = 0; ; page++) {
            JsonNode p = work.get("/api/v1/tickets?customer=" + customer + "&size=200&page=" + page);
            JsonNode items = p.path("items");
            for (JsonNode t : items) {
                byOp.computeIfAbsent(t.path("description").asText(), k -> new ArrayList<>()).add(t);
                seen++;
            }
            if (items.isEmpty() || seen >= p.path("total").asLong()) {
                assertThat(seen).as("tickets listed vs total").isEqualTo(p.path("total").asInt());
                return byOp;
            }
        }
    }

    private Map<String, Set<String>> storedUsages(KillNineWorkload work, Set<String> tickets) throws Exception {
        Map<String, Set<String>> byTicket = new ConcurrentHashMap<>();
        forEachParallel(tickets, ticket -> {
            JsonNode list = work.get("/api/v1/tickets/" + ticket + "/part-usages");
            Set<String> ids = new HashSet<>();
            for (JsonNode u : list) {
                assertThat(ids.add(u.path("id").asText())).as("part usage %s listed twice", u.path("id")).isTrue();
            }
            byTicket.put(ticket, ids);
        });
        return byTicket;
    }

    /** The delivered TicketCreated event id is the one the store recorded with the ticket's creation. */
    private void assertCreatedEventsAreTheStoredOnes(KillNineWorkload work, Deliveries d) throws Exception {
        forEachParallel(d.createdByTicket.keySet(), ticket -> {
            JsonNode timeline = work.get("/api/v1/tickets/" + ticket + "/timeline");
            String stored = null;
            for (JsonNode e : timeline) {
                if ("STATUS".equals(e.path("kind").asText()) && "NEW".equals(e.path("toStatus").asText())) {
                    stored = e.path("eventId").asText();
                }
            }
            assertThat(d.createdByTicket.get(ticket)).as("TicketCreated of %s vs its stored event id", ticket)
                    .containsExactly(stored);
        });
    }

    private interface Check {
        void run(String item) throws Exception;
    }

    private void forEachParallel(Set<String> items, Check check) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (String item : items) {
            futures.add(clients.submit(() -> {
                check.run(item);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
    }

    /** What the receiver saw, by change. */
    private record Deliveries(Map<String, Set<String>> createdByTicket, Map<String, Set<String>> consumedByUsage,
                              Map<String, String> consumedTicket, Set<String> types) {
    }

    private Deliveries deliveries() throws IOException {
        Map<String, Set<String>> created = new HashMap<>();
        Map<String, Set<String>> consumed = new HashMap<>();
        Map<String, String> consumedTicket = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveriesTo(HOOK)) {
            types.add(delivery.type());
            if ("TicketCreated".equals(delivery.type())) {
                created.computeIfAbsent(delivery.ticketId(), t -> new HashSet<>()).add(delivery.eventId());
            } else if ("PartConsumed".equals(delivery.type())) {
                String usage = json.readTree(delivery.body()).path("data").path("usage").path("id").asText();
                consumed.computeIfAbsent(usage, u -> new HashSet<>()).add(delivery.eventId());
                consumedTicket.put(usage, delivery.ticketId());
            }
        }
        return new Deliveries(created, consumed, consumedTicket, types);
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
