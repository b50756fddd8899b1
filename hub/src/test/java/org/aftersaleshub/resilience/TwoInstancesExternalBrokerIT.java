package org.aftersaleshub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology for real (issue 14, "two instances"): two packaged hub JVMs on one PostgreSQL schema and
 * one <b>external</b> Artemis broker in a JVM of its own ({@link ExternalArtemis}, from {@code broker.xml} as
 * docs/operations.md gives it). Tickets are driven through both instances, each ticket's steps alternating between
 * them. At the webhook receiver:
 * <ul>
 *   <li>every event of every ticket arrives, and each ticket's events arrive in the order they were made (first
 *       arrivals; a redelivery after a kill may repeat one, never overtake);</li>
 *   <li>both instances deliver (competing consumers on the broker's shared route queue), read from each JVM's own
 *       {@code hub_deliveries_total};</li>
 *   <li>when one instance is killed with SIGKILL, the other takes over the outbox relay lease and the deliveries at
 *       once, and the killed one joins again after its restart;</li>
 *   <li>nothing is dead-lettered and no attempt failed.</li>
 * </ul>
 * A short form for CI: {@code -Dtwo-instances.tickets=40} (default) tickets per phase.
 */
class TwoInstancesExternalBrokerIT {

    static final String HOOK = "two";
    static final String SECRET = "two-instances-webhook-secret-0123";
    static final int STEPS = 5;
    /** Successful attempts in this JVM's metrics (only the outbound-webhook route runs here). */
    static final Pattern DELIVERED = Pattern.compile(
            "^hub_deliveries_total\\{[^}]*outcome=\"SUCCESS\"[^}]*}\\s+([0-9.E+-]+)", Pattern.MULTILINE);

    final String schema = "two_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final WebhookReceiver receiver = new WebhookReceiver(Map.of(HOOK, SECRET));
    final List<HubProcess> hubs = new ArrayList<>();
    ExternalArtemis broker;
    ExecutorService clients;

    @AfterEach
    void stop() throws Exception {
        if (clients != null) {
            clients.shutdownNow();
        }
        for (HubProcess h : hubs) {
            h.stop();
        }
        if (broker != null) {
            broker.close();
        }
        receiver.close();
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL, HubTestDatabases.POSTGRES_USER,
                ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    HubProcess hub(Path dataDir, boolean makesTheKey, String name, Path rules, String clockOffset) {
        Map<String, String> p = new LinkedHashMap<>();
        // the shipped SLA rules (no dispatch: this test assigns itself) on a clock the test sets at each start
        p.put("hub.rules.dir", rules.toString());
        p.put("hub.clock.test-offset", clockOffset);
        p.put("hub.timers.scan-interval", "1s");
        p.put("hub.data-dir", dataDir.toString());
        p.put("spring.datasource.url", HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema);
        p.put("spring.datasource.username", HubTestDatabases.POSTGRES_USER);
        p.put("spring.datasource.password", "");
        p.put("spring.datasource.hikari.maximum-pool-size", "10");
        p.put("spring.flyway.schemas", schema);
        p.put("spring.flyway.create-schemas", "true");
        // the external broker, as in the prod profile: no embedded one in this JVM
        p.put("spring.artemis.mode", "native");
        p.put("spring.artemis.broker-url", broker.url());
        p.put("spring.artemis.embedded.enabled", "false");
        p.put("hub.demo.enabled", "false");
        p.put("hub.demo.mocks.enabled", "false");
        p.put("hub.erp.connector", "");
        p.put("hub.security.create-demo-key", String.valueOf(makesTheKey));
        p.put("hub.routes-dir", Path.of(System.getProperty("hub.routes-dir", "../routes")).toAbsolutePath()
                .normalize().toString());
        p.put("hub.routes-include", "outbound-webhook.yaml");
        p.put("hub.notify.alerts.enabled", "false");
        p.put("hub.webhooks.endpoints[0].name", HOOK);
        p.put("hub.webhooks.endpoints[0].url", receiver.url(HOOK));
        p.put("hub.webhooks.endpoints[0].secret", SECRET);
        p.put("hub.delivery.initial-backoff-ms", "100");
        p.put("hub.delivery.max-backoff-ms", "1000");
        p.put("logging.level.root", "WARN");
        List<String> args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        HubProcess h = new HubProcess(HubProcess.packagedJar(), HubProcess.packagedJar().getParent()
                .resolve("two-instances").resolve(name), HubProcess.freePort(), args);
        hubs.add(h);
        return h;
    }

    @Test
    void twoHubsOnOneExternalBrokerKeepEachTicketsOrderShareTheWorkAndTakeOverFromAKilledOne(
            @TempDir Path brokerDir, @TempDir Path dirA, @TempDir Path dirB, @TempDir Path rulesDir) throws Exception {
        int perPhase = Integer.getInteger("two-instances.tickets", 40);
        broker = ExternalArtemis.start(brokerDir, HubProcess.packagedJar().getParent().resolve("two-instances")
                .resolve("broker.log"));
        Path rules = slaRulesOnly(rulesDir);
        HubProcess a = hub(dirA, true, "a", rules, "0s");
        a.startAndAwaitReady(Duration.ofMinutes(3));
        HubProcess b = hub(dirB, false, "b", rules, "0s");
        b.startAndAwaitReady(Duration.ofMinutes(3));
        String key = Files.readString(dirA.resolve("demo-api-key.txt")).trim();
        HubApiClient apiA = new HubApiClient(a.baseUri(), key);
        HubApiClient apiB = new HubApiClient(b.baseUri(), key);

        HttpResponse<String> person = apiA.post("/api/v1/staff", "staff-1", "{\"name\":\"钱工\",\"roles\":"
                + "[\"ENGINEER\"],\"dingTalkUserId\":\"ding_two_1\",\"preferredChannel\":\"DINGTALK\"}");
        assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        String engineer = apiA.read(person.body()).get("id").asText();
        clients = Executors.newFixedThreadPool(8);

        // phase 1: both up, each ticket's steps alternate between them
        List<String> phase1 = drive(List.of(apiA, apiB), engineer, perPhase, "p1");
        awaitAllDelivered(phase1);
        double deliveredByA = delivered(apiA);
        double deliveredByB = delivered(apiB);
        System.out.printf("two instances, phase 1: %d tickets, %d events; deliveries by A %.0f, by B %.0f%n",
                phase1.size(), phase1.size() * STEPS, deliveredByA, deliveredByB);
        assertThat(deliveredByA).as("deliveries made by instance A (competing consumers)").isPositive();
        assertThat(deliveredByB).as("deliveries made by instance B (competing consumers)").isPositive();

        // phase 2: A is killed; B alone takes every new change, relays it (the lease is B's now) and delivers it
        assertThat(a.kill9()).as("hub A must die of SIGKILL").isEqualTo(137);
        double bBefore = delivered(apiB);
        List<String> phase2 = drive(List.of(apiB), engineer, perPhase / 2, "p2");
        awaitAllDelivered(phase2);
        assertThat(delivered(apiB) - bBefore).as("deliveries B made while A was down")
                .isGreaterThanOrEqualTo(phase2.size() * STEPS);

        // phase 3: A is back and takes its share again
        a.startAndAwaitReady(Duration.ofMinutes(3));
        List<String> phase3 = drive(List.of(apiA, apiB), engineer, perPhase, "p3");
        awaitAllDelivered(phase3);
        assertThat(delivered(apiA)).as("deliveries by A after its restart").isPositive();

        // phase 4, the timers: HIGH tickets left 待处理 through both instances; then both instances die (SIGKILL) and
        // come back 3 hours later on the test clock, past every deadline of those tickets. Each timer fires once,
        // from whichever instance takes it, flagged late.
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HubApiClient api = i % 2 == 0 ? apiA : apiB;
            HttpResponse<String> t = api.post("/api/v1/tickets", "p4-" + i, "{\"channel\":\"CALL_CENTER\","
                    + "\"customerId\":\"C0003\",\"faultType\":\"制冷异常\",\"priority\":\"HIGH\",\"region\":\"华东\","
                    + "\"device\":{\"serial\":\"SN-p4-" + i + "\",\"model\":\"AC-9\"}}");
            assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
            pending.add(api.read(t.body()).get("id").asText());
        }
        awaitFirstEvents(pending);
        assertThat(a.kill9()).as("hub A must die of SIGKILL").isEqualTo(137);
        assertThat(b.kill9()).as("hub B must die of SIGKILL").isEqualTo(137);
        HubProcess a2 = hub(dirA, false, "a-later", rules, "3h");
        HubProcess b2 = hub(dirB, false, "b-later", rules, "3h");
        a2.startAndAwaitReady(Duration.ofMinutes(3));
        b2.startAndAwaitReady(Duration.ofMinutes(3));
        HubApiClient laterA = new HubApiClient(a2.baseUri(), key);
        await("both seed escalations of every pending ticket at the receiver").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(pending).allSatisfy(t ->
                        assertThat(breachRules(t)).contains("high-pending-2h", "unaccepted-30m")));
        // let a second firing show if there were one: both instances scan every second
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        for (String t : pending) {
            Map<String, Long> firings = breachFirings(t);
            assertThat(firings).as("ticket %s: distinct events per SLA timer (kind/policy/rule/step)", t)
                    .isNotEmpty().allSatisfy((timer, n) -> assertThat(n).as(timer).isEqualTo(1L));
            assertThat(breaches(t)).as("ticket %s: the seed rules fired after their deadlines, while both hubs were "
                    + "down, and say so", t).filteredOn(d -> List.of("high-pending-2h", "unaccepted-30m")
                    .contains(d.path("policy").asText())).hasSize(2).allMatch(d -> d.path("late").asBoolean());
            assertThat(laterA.get("/api/v1/tickets/" + t + "/labels").toString()).contains("紧急预警");
        }
        hubs.add(a2);
        hubs.add(b2);

        List<String> all = new ArrayList<>(phase1);
        all.addAll(phase2);
        all.addAll(phase3);
        for (String ticket : all) {
            List<Long> firstArrivals = new ArrayList<>(new LinkedHashSet<>(receiver.sequencesOf(ticket)));
            assertThat(firstArrivals).as("ticket %s: its events in the order they were made", ticket)
                    .hasSize(STEPS).isSorted();
        }
        assertThat(receiver.deliveriesTo(HOOK)).allMatch(WebhookReceiver.Delivery::signatureValid);
        assertThat(count("select count(*) from dead_letter")).as("dead letters").isZero();
        assertThat(count("select count(*) from delivery_journal where outcome = 'FAILED'")).as("failed attempts")
                .isZero();
    }

    /**
     * Creates {@code n} tickets and walks each through assignment, 接单, work and resolution, each step through the
     * next of {@code apis} in turn, several tickets at once; returns the ticket ids.
     */
    List<String> drive(List<HubApiClient> apis, String engineer, int n, String run) throws Exception {
        List<Future<String>> work = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = i;
            work.add(clients.submit(() -> {
                HubApiClient first = apis.get(t % apis.size());
                HttpResponse<String> created = first.post("/api/v1/tickets", run + "-c-" + t, "{\"channel\":"
                        + "\"CALL_CENTER\",\"customerId\":\"C0002\",\"faultType\":\"制冷异常\",\"priority\":\"NORMAL\","
                        + "\"region\":\"华东\",\"device\":{\"serial\":\"SN-" + run + "-" + t + "\",\"model\":\"AC-9\"}}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String id = first.read(created.body()).get("id").asText();
                step(apis, t + 1, "/api/v1/tickets/" + id + "/assignment", run + "-a-" + t,
                        "{\"assigneeId\":\"" + engineer + "\"}");
                int turn = t + 2;
                for (String status : List.of("ACCEPTED", "IN_PROGRESS", "RESOLVED")) {
                    step(apis, turn++, "/api/v1/tickets/" + id + "/status", run + "-" + status + "-" + t,
                            "{\"status\":\"" + status + "\",\"reason\":\"两个实例\"}");
                }
                return id;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : work) {
            ids.add(f.get(3, TimeUnit.MINUTES));
        }
        return ids;
    }

    static void step(List<HubApiClient> apis, int turn, String path, String key, String body) throws Exception {
        HubApiClient api = apis.get(turn % apis.size());
        HttpResponse<String> r = api.post(path, key, body);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    }

    void awaitAllDelivered(List<String> tickets) {
        await("every event of " + tickets.size() + " tickets at the receiver").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(tickets)
                        .allMatch(t -> new LinkedHashSet<>(receiver.sequencesOf(t)).size() == STEPS));
    }

    /** The webhook deliveries this JVM made, from its own metrics. */
    static double delivered(HubApiClient api) throws Exception {
        Matcher m = DELIVERED.matcher(api.text("/actuator/prometheus"));
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** A rules folder with the shipped SLA policies and calendars only (dispatch would assign the tickets itself). */
    static Path slaRulesOnly(Path target) throws Exception {
        Path shipped = Path.of(System.getProperty("hub.routes-dir", "../routes")).toAbsolutePath().normalize()
                .getParent().resolve("rules");
        Files.copy(shipped.resolve("sla.yaml"), target.resolve("sla.yaml"));
        Path calendars = Files.createDirectories(target.resolve("calendars"));
        try (var files = Files.list(shipped.resolve("calendars"))) {
            for (Path f : files.toList()) {
                Files.copy(f, calendars.resolve(f.getFileName()));
            }
        }
        return target;
    }

    void awaitFirstEvents(List<String> tickets) {
        await("TicketCreated of " + tickets.size() + " tickets at the receiver").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(tickets)
                        .allMatch(t -> !receiver.sequencesOf(t).isEmpty()));
    }

    /** The distinct SlaBreached events of a ticket at the receiver, by event id (redeliveries counted once). */
    List<JsonNode> breaches(String ticket) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (WebhookReceiver.Delivery d : receiver.deliveriesTo(HOOK, ticket)) {
            if ("SlaBreached".equals(d.type())) {
                byId.putIfAbsent(d.eventId(), json(d.body()).path("data"));
            }
        }
        return List.copyOf(byId.values());
    }

    List<String> breachRules(String ticket) {
        // an escalation rule's breach carries the rule's id as its policy
        return breaches(ticket).stream().map(b -> b.path("policy").asText("")).toList();
    }

    /** How many distinct events each SLA timer of the ticket produced. */
    Map<String, Long> breachFirings(String ticket) {
        Map<String, Long> n = new LinkedHashMap<>();
        for (JsonNode b : breaches(ticket)) {
            n.merge(b.path("slaKind").asText() + "/" + b.path("policy").asText() + "/" + b.path("ruleName").asText()
                    + "/" + b.path("step").asText(), 1L, Long::sum);
        }
        return n;
    }

    static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema,
                HubTestDatabases.POSTGRES_USER, ""); Statement s = c.createStatement(); ResultSet rs =
                     s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
