package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.connector.kingdee.KingdeeConnector;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.model.Quantity;
import org.yaml.snakeyaml.Yaml;

/**
 * Pipeline benchmark, in one run: part usages recorded on tickets through the packaged hub (outbox → embedded
 * Artemis → {@code erp-stock} route → Kingdee connector → Kingdee mock) against the same number of deductions called
 * directly on a {@link KingdeeConnector} in this JVM against the same mock, each with the mock's latency at every
 * value of {@code --latencies}; then a markdown report under bench/results. See bench/README.md.
 *
 * <p>Options: {@code --usages 400 --clients 8 --latencies 0,150 --rate-limit 1000 --warmup-usages 50
 * --hub-jvm-args "" --hub-args "" --work-dir bench/target/pipeline}.
 */
public final class PipelineBench {

    static final String FORM = "STK_MisDelivery";
    static final String AUDITED = "C";
    static final String WAREHOUSE = "WH01";
    static final BigDecimal INITIAL_STOCK = new BigDecimal("10000000");
    /** The hub setting that sizes the erp-stock route's consumers (deductions in flight at once). */
    static final String CONSUMERS_KEY = "hub.erp.consumers";
    /** The connector instance of the embedded default in application.yaml, whose keys both paths use. */
    static final String DEMO_INSTANCE = "kingdee-demo";
    /** The connector instance the benchmark declares in the hub, on the mock it starts. */
    static final String BENCH_INSTANCE = "kingdee-bench";
    /** The kit's common key of the client-side rate budget. */
    static final String RATE_KEY = "kingdee.requests-per-second";

    private static final String OPTIONS = "--usages N --clients N --latencies 0,150 --rate-limit N "
            + "--warmup-usages N --hub-jvm-args \"...\" --hub-args \"--key=value ...\" --work-dir DIR";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineBench() {
    }

    /** One path at one mock latency. */
    record Measurement(String path, long latencyMs, int usages, double perSecond, Duration window, long done,
                       long exactlyOneDocument, double p50Ms, double p99Ms, double cpuMsPerDeduction,
                       String extra) {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = IntakeBench.parse(argv, OPTIONS);
        int usages = Integer.parseInt(args.getOrDefault("usages", "400"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "8"));
        int warmupUsages = Integer.parseInt(args.getOrDefault("warmup-usages", "50"));
        String rateLimit = args.getOrDefault("rate-limit", "1000");
        List<Long> latencies = Arrays.stream(args.getOrDefault("latencies", "0,150").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        String jvmArgs = args.getOrDefault("hub-jvm-args", "").trim();
        String extraHubArgs = args.getOrDefault("hub-args", "").trim();
        Path repo = Path.of(System.getProperty("bench.repoDir", ".")).toAbsolutePath().normalize();
        Path module = Path.of(System.getProperty("bench.moduleDir", repo.resolve("bench").toString()));
        Path jar = Path.of(args.getOrDefault("hub-jar", System.getProperty("bench.hubJar",
                repo.resolve("hub/target/hub-0.1.0-SNAPSHOT.jar").toString())));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + "; build it: ./mvnw -q -Pbench -pl hub,bench -am "
                    + "install -DskipTests");
        }
        Path work = Path.of(args.getOrDefault("work-dir", module.resolve("target/pipeline").toString()))
                .toAbsolutePath().normalize();
        Path runDir = work.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now()));
        Path hubData = runDir.resolve("hub-data");
        Files.createDirectories(hubData);
        Path yaml = repo.resolve("hub/src/main/resources/application.yaml");

        Map<String, String> machine = IntakeBench.machineInfo(runDir);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("pipeline bench: %d usages per measurement, %d client threads, mock latencies %s ms, "
                + "work dir %s%n", usages, clients, latencies, runDir);

        List<Measurement> results = new ArrayList<>();
        Map<String, Long> usedPerSku = new ConcurrentHashMap<>();
        Map<String, String> settings = hubSettings(yaml);
        Map<String, String> kingdee = kingdeeKeys(settings, yaml);
        Map<String, String> skuToMaterial = pairs(kingdee.get("kingdee.material-codes"));
        List<String> skus = new ArrayList<>(skuToMaterial.keySet());
        String erpWarehouse = pairs(kingdee.get("kingdee.warehouse-codes")).getOrDefault(WAREHOUSE, WAREHOUSE);
        String hubConsumers = settings.getOrDefault(CONSUMERS_KEY, "?");
        String hubCommand;
        long stockExact = 0;
        Map<String, String> connectorConfig;

        try (MockSystems mocks = MockSystems.start(Set.of("kingdee"), true)) {
            KingdeeMock mock = mocks.get(KingdeeMock.class);
            for (String material : skuToMaterial.values()) {
                mock.setStock(material, erpWarehouse, INITIAL_STOCK);
            }
            // the hub's demo Kingdee keys, passed explicitly and identically to both paths; only the base URL (the
            // mock's free port) and the client-side rate budget differ from application.yaml. The hub gets them as
            // the one connector instance kingdee-bench, which books every warehouse.
            connectorConfig = new LinkedHashMap<>(kingdee);
            connectorConfig.put("kingdee.base-url", "http://127.0.0.1:" + mock.port() + "/k3cloud/");
            connectorConfig.put(RATE_KEY, rateLimit);
            String instance = "--hub.connectors." + BENCH_INSTANCE + ".";
            List<String> hubArgs = new ArrayList<>(List.of("--hub.demo.mocks.enabled=false",
                    instance + "type=kingdee", "--hub.erp.default-instance=" + BENCH_INSTANCE,
                    "--hub.routes-include=erp-stock.yaml"));
            connectorConfig.forEach((k, v) -> hubArgs.add(instance + k.substring("kingdee.".length()) + "=" + v));
            if (!extraHubArgs.isEmpty()) {
                hubArgs.addAll(Arrays.asList(extraHubArgs.split("\\s+")));
                for (String a : hubArgs) {
                    if (a.startsWith("--" + CONSUMERS_KEY + "=")) {
                        hubConsumers = a.substring(a.indexOf('=') + 1);
                    }
                }
            }
            List<String> hubJvm = jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+"));
            KingdeeConnector connector = new KingdeeConnector();
            try (HubUnderTest hub = new HubUnderTest(jar, hubData, repo.resolve("routes"), hubJvm, hubArgs)) {
                hubCommand = String.join(" ", hub.command());
                Duration start = hub.start(runDir.resolve("hub.log"));
                System.out.printf("hub ready in %.1f s (pid %d)%n", start.toMillis() / 1000.0, hub.pid());
                connector.start(connectorConfig);
                StockDeductions direct = connector.as(StockDeductions.class).orElseThrow();
                HubClient api = new HubClient(hub, hub.apiKey());

                // warm-up of both paths (JIT, connection pools, sessions), not reported
                if (warmupUsages > 0) {
                    measureHub("warm-up", 0, warmupUsages, clients, skus, api, mock, direct, hub, usedPerSku);
                    measureDirect("warm-up", 0, warmupUsages, clients, skus, mock, direct, usedPerSku);
                }
                for (long latency : latencies) {
                    mock.faults().clear();
                    if (latency > 0) {
                        mock.faults().add(FaultPlan.Rule.fromMap(Map.of("operation", "*", "kind", "DELAY",
                                "phase", "BEFORE", "minDelayMs", latency, "maxDelayMs", latency)));
                    }
                    String tag = "L" + latency;
                    results.add(measureHub(tag, latency, usages, clients, skus, api, mock, direct, hub, usedPerSku));
                    results.add(measureDirect(tag, latency, usages, clients, skus, mock, direct, usedPerSku));
                }
                mock.faults().clear();
            } finally {
                connector.stop();
            }
            for (String sku : skus) {
                BigDecimal expected = INITIAL_STOCK.subtract(BigDecimal.valueOf(usedPerSku.getOrDefault(sku, 0L)));
                if (mock.stock(skuToMaterial.get(sku), erpWarehouse).compareTo(expected) == 0) {
                    stockExact++;
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

        String command = "./mvnw -q -Pbench -pl hub,bench -am install -DskipTests && ./mvnw -q -Pbench -pl bench "
                + "exec:java -Dexec.mainClass=org.aftersaleshub.bench.PipelineBench -Dexec.args=\""
                + String.join(" ", argv) + "\"";
        String report = report(command, machine, loadBefore, loadAfter, usages, clients, warmupUsages, rateLimit,
                hubConsumers, hubCommand, results, stockExact, skus.size(), erpWarehouse);
        Path resultsDir = module.resolve("results");
        Files.createDirectories(resultsDir);
        Path out = resultsDir.resolve("pipeline-" + LocalDate.now() + ".md");
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + out + "; hub log " + runDir.resolve("hub.log"));
        System.exit(0); // HTTP clients and WireMock leave non-daemon threads; exec:java would wait for them
    }

    // ------------------------------------------------------------------ the two paths

    /**
     * Through the hub: N tickets created first (not timed), then one part usage recorded on each from the client
     * threads; the rate is usages / (first usage answered 201 → last outbound document audited in the mock).
     */
    static Measurement measureHub(String tag, long latency, int n, int clients, List<String> skus, HubClient api,
                                  KingdeeMock mock, StockDeductions naming, HubUnderTest hub,
                                  Map<String, Long> usedPerSku) throws Exception {
        List<Integer> index = range(n);
        String[] ticketIds = new String[n];
        LoadResult created = Load.runAll("tickets-" + tag, clients, index, i -> ticketIds[i] = api.createTicket(i));
        if (created.errors() > 0) {
            throw new IllegalStateException("hub: " + created.errors() + " tickets not created, see the hub log");
        }
        List<String> usageIds = new ArrayList<>();
        Set<String> pending = ConcurrentHashMap.newKeySet();
        Map<String, String> billOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "HUB-%s-%05d", tag.toUpperCase(Locale.ROOT).replace("WARM-UP", "W"),
                    i);
            usageIds.add(id);
            String bill = naming.documentNumberFor(id);
            billOf.put(id, bill);
            pending.add(bill);
        }
        long baseline = mock.documentCount(FORM);
        AtomicLong firstAccepted = new AtomicLong(Long.MAX_VALUE);
        long hubCpu0 = hubCpuNanos(hub);
        long ownCpu0 = ownCpuNanos();
        Poller poller = new Poller(mock, pending, baseline + n);
        poller.start();
        LoadResult posted = Load.runAll("usages-" + tag, clients, index, i -> {
            String sku = skus.get(i % skus.size());
            api.recordUsage(ticketIds[i], usageIds.get(i), sku);
            firstAccepted.accumulateAndGet(System.nanoTime(), Math::min);
            usedPerSku.merge(sku, 1L, Long::sum);
        });
        poller.join(Math.min(600_000, 120_000 + n * 4 * latency)); // worst case: one deduction at a time
        poller.interrupt();
        double hubCpuMs = (hubCpuNanos(hub) - hubCpu0) / 1e6 / n;
        double ownCpuMs = (ownCpuNanos() - ownCpu0) / 1e6 / n;
        long end = poller.allAuditedAt;
        boolean complete = end != 0;
        if (!complete) {
            end = System.nanoTime();
        }
        Duration window = Duration.ofNanos(end - firstAccepted.get());
        long audited = n - pending.size();
        double rate = audited / (window.toNanos() / 1e9);
        // the usages' own state in the hub (recorded just after the audit): wait for it, not timed
        long deducted = api.awaitDeducted(ticketIds, n, Duration.ofSeconds(60));
        long exact = exactlyOne(mock, billOf.values());
        String extra = String.format(Locale.ROOT, "usage POST %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors; CPU: hub JVM "
                + "%.1f + benchmark JVM %.1f ms%s", posted.perSecond(), posted.percentileMs(50),
                posted.percentileMs(99), posted.errors(), hubCpuMs, ownCpuMs,
                complete ? "" : "; NOT all audited in time (" + audited + "/" + n + ")");
        System.out.printf("hub    %-8s %6.1f deductions/s over %.1f s; %d/%d DEDUCTED; %d/%d exactly one document; %s%n",
                tag, rate, window.toMillis() / 1000.0, deducted, n, exact, n, extra);
        return new Measurement("hub", latency, n, rate, window, deducted, exact, Double.NaN, Double.NaN,
                hubCpuMs + ownCpuMs, extra);
    }

    /** Directly: the same number of deductions on the connector in this JVM, from the same number of threads. */
    static Measurement measureDirect(String tag, long latency, int n, int clients, List<String> skus, KingdeeMock mock,
                                     StockDeductions direct, Map<String, Long> usedPerSku) throws Exception {
        List<DeductionRequest> requests = new ArrayList<>();
        String ticket = UUID.randomUUID().toString();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "DIR-%s-%05d", tag.toUpperCase(Locale.ROOT).replace("WARM-UP", "W"),
                    i);
            requests.add(new DeductionRequest(id, ticket, skus.get(i % skus.size()), null, WAREHOUSE,
                    Quantity.of("1", "个")));
        }
        long cpu0 = ownCpuNanos();
        LoadResult r = Load.runAll("direct-" + tag, clients, requests, req -> {
            DeductionResult result = direct.deduct(req);
            if (!result.isDone()) {
                throw new IllegalStateException(req.usageId() + " " + result.status() + ": " + result.reason());
            }
            usedPerSku.merge(req.partSku(), 1L, Long::sum);
        });
        long cpu1 = ownCpuNanos();
        List<String> bills = requests.stream().map(q -> direct.documentNumberFor(q.usageId())).toList();
        long exact = exactlyOne(mock, bills);
        System.out.printf("direct %-8s %6.1f deductions/s over %.1f s; %d/%d DONE; %d/%d exactly one document; "
                        + "p50 %.1f ms, p99 %.1f ms%n", tag, r.perSecond(), r.window().toMillis() / 1000.0, r.ok(), n,
                exact, n, r.percentileMs(50), r.percentileMs(99));
        return new Measurement("direct", latency, n, r.perSecond(), r.window(), r.ok(), exact, r.percentileMs(50),
                r.percentileMs(99), (cpu1 - cpu0) / 1e6 / n, r.errors() + " errors");
    }

    /** Bill numbers with exactly one document in the mock, and that one audited. */
    static long exactlyOne(KingdeeMock mock, java.util.Collection<String> bills) {
        long exact = 0;
        for (String bill : bills) {
            List<Map<String, Object>> docs = mock.documentsByBillNo(bill);
            if (docs.size() == 1 && mock.documentStatus(FORM, bill).filter(AUDITED::equals).isPresent()) {
                exact++;
            }
        }
        return exact;
    }

    /**
     * Watches the mock until every expected bill number is audited; records when. Cheap while documents are still
     * being saved (one count), then checks only the bill numbers not yet audited.
     */
    static final class Poller extends Thread {
        private final KingdeeMock mock;
        private final Set<String> pending;
        private final long target;
        volatile long allAuditedAt;

        Poller(KingdeeMock mock, Set<String> pending, long target) {
            super("audit-poller");
            setDaemon(true);
            this.mock = mock;
            this.pending = pending;
            this.target = target;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    if (mock.documentCount(FORM) >= target) {
                        pending.removeIf(bill -> mock.documentStatus(FORM, bill).filter(AUDITED::equals).isPresent());
                        if (pending.isEmpty()) {
                            allAuditedAt = System.nanoTime();
                            return;
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(10); // polling the mock's state, not a test wait
                }
            } catch (InterruptedException e) {
                // gave up
            }
        }
    }

    // ------------------------------------------------------------------ the hub's API

    /** The few API calls the benchmark makes, HTTP/1.1 keep-alive like the intake benchmark. */
    static final class HubClient {
        private final HubUnderTest hub;
        private final String key;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HubClient(HubUnderTest hub, String key) {
            this.hub = hub;
            this.key = key;
        }

        String createTicket(int i) throws Exception {
            JsonNode t = JSON.readTree(send("/api/v1/tickets", IntakeBench.ticketJson(i % 16), 201));
            return t.path("id").asText();
        }

        void recordUsage(String ticketId, String usageId, String sku) throws Exception {
            send("/api/v1/tickets/" + ticketId + "/part-usages", "{\"id\":\"" + usageId + "\",\"partSku\":\"" + sku
                    + "\",\"quantity\":{\"value\":1,\"unit\":\"个\"},\"warehouse\":\"" + WAREHOUSE + "\"}", 201);
        }

        /** Polls the tickets' part usages until all n are DEDUCTED or the time is up; returns how many are. */
        long awaitDeducted(String[] ticketIds, int n, Duration max) throws Exception {
            long deadline = System.nanoTime() + max.toNanos();
            Set<String> open = new HashSet<>(Arrays.asList(ticketIds));
            long deducted = 0;
            while (true) {
                for (var it = open.iterator(); it.hasNext(); ) {
                    JsonNode list = JSON.readTree(get("/api/v1/tickets/" + it.next() + "/part-usages"));
                    boolean all = list.size() > 0;
                    for (JsonNode u : list) {
                        all &= "DEDUCTED".equals(u.path("state").asText());
                    }
                    if (all) {
                        deducted += list.size();
                        it.remove();
                    }
                }
                if (open.isEmpty() || System.nanoTime() > deadline) {
                    return deducted;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }

        private String send(String path, String json, int expected) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.base().resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }

        private String get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.base().resolve(path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
    }

    // ------------------------------------------------------------------ configuration and CPU

    /**
     * The hub's application.yaml flattened to Spring-style keys ({@code hub.connectors.kingdee-demo.app-id},
     * {@code hub.erp.consumers}); lists are skipped (the benchmark reads only scalars).
     */
    static Map<String, String> hubSettings(Path yaml) throws IOException {
        Map<String, String> flat = new LinkedHashMap<>();
        try (var reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, flat);
                }
            }
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (v != null && !(v instanceof List<?>)) {
                into.putIfAbsent(key, String.valueOf(v));
            }
        });
    }

    /**
     * The keys of the embedded default's Kingdee instance ({@code hub.connectors.kingdee-demo.*} in the hub's
     * application.yaml, the demo account), as the connector's own keys ({@code kingdee.app-id}); a value that is a
     * {@code ${hub...}} placeholder is resolved from the same file.
     */
    static Map<String, String> kingdeeKeys(Map<String, String> settings, Path yaml) {
        String prefix = "hub.connectors." + DEMO_INSTANCE + ".";
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            String key = k.startsWith(prefix) ? k.substring(prefix.length()) : "";
            if (!key.isEmpty() && !key.equals("type") && !key.equals("enabled")) {
                String value = v.startsWith("${") && v.endsWith("}") ? settings.get(v.substring(2, v.length() - 1))
                        : v;
                if (value == null) {
                    throw new IllegalStateException(k + ": " + v + " not found in " + yaml);
                }
                keys.put("kingdee." + key, value);
            }
        });
        for (String required : List.of("base-url", "acct-id", "user-name", "app-id", "app-secret", "org-number",
                "warehouse-codes", "material-codes")) {
            if (!keys.containsKey("kingdee." + required)) {
                throw new IllegalStateException(prefix + required + " not found in " + yaml);
            }
        }
        return keys;
    }

    static Map<String, String> pairs(String csv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : csv.split(",")) {
            if (p.contains("=")) {
                m.put(p.substring(0, p.indexOf('=')).trim(), p.substring(p.indexOf('=') + 1).trim());
            }
        }
        return m;
    }

    static long hubCpuNanos(HubUnderTest hub) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(hub.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime, 100 ticks/s
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return Collections.unmodifiableList(l);
    }

    // ------------------------------------------------------------------ report

    static String report(String command, Map<String, String> machine, String loadBefore, String loadAfter, int usages,
                         int clients, int warmup, String rateLimit, String consumers, String hubCommand,
                         List<Measurement> results, long stockExact, int parts, String erpWarehouse) {
        StringBuilder md = new StringBuilder();
        md.append("# Pipeline benchmark ").append(LocalDate.now()).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- load average before / after: ").append(loadBefore).append(" / ").append(loadAfter).append('\n');
        md.append("\n## Setup\n\n");
        md.append("- Kingdee mock (`MockSystems.start(Set.of(\"kingdee\"), true)`, demo data) in the benchmark JVM; ")
                .append("the ").append(parts).append(" demo materials get ").append(INITIAL_STOCK.toPlainString())
                .append(" in ").append(erpWarehouse).append(" (`setStock`); latency = a fault rule `DELAY` ")
                .append("`BEFORE` on every operation (`*`), min = max\n");
        md.append("- **hub**: `").append(hubCommand.replaceAll("(secret=)\\S+", "$1****")).append("`\n");
        md.append("  - per measurement: ").append(usages).append(" tickets created first (not timed), then one ")
                .append("part usage on each (`POST /api/v1/tickets/{id}/part-usages`, distinct ids, part i mod ")
                .append(parts).append(", WH01, quantity 1) from ").append(clients).append(" client threads; ")
                .append("rate = usages / (first usage answered 201 → last `STK_MisDelivery` document audited in ")
                .append("the mock, polled every 10 ms); afterwards (not timed) the usages' state via ")
                .append("`GET /api/v1/tickets/{id}/part-usages`\n");
        md.append("  - `" + CONSUMERS_KEY + "` (concurrent consumers of the erp-stock route): ").append(consumers)
                .append("\n");
        md.append("- **direct**: a `KingdeeConnector` started in the benchmark JVM with the same keys, ")
                .append("`StockDeductions#deduct` for ").append(usages).append(" fresh usage ids from ")
                .append(clients).append(" threads; rate = deductions / (first call → last return)\n");
        md.append("- both paths: `" + RATE_KEY + "=").append(rateLimit).append("` (default 20/s, ")
                .append("i.e. ≈ 6 deductions/s with Save + Submit + Audit as 3 writes, would cap both paths alike and ")
                .append("measure only the budget), every other key as the embedded default's demo account ")
                .append("(`STEPWISE` write mode: query FBillNo, Save, Submit, Audit = 4 calls per deduction)\n");
        md.append("- warm-up: ").append(warmup).append(" usages through each path at 0 ms before the measurements ")
                .append("(not reported); the hub JVM stays up (idle) during the direct measurements\n");
        md.append("- CPU/deduction: hub = hub JVM + benchmark JVM (clients, mock), direct = benchmark JVM (connector, ")
                .append("mock), process CPU time over the measurement / usages\n");
        md.append("\n## Results\n\n");
        md.append("| mock latency | path | deductions/s | window | DEDUCTED / DONE | exactly one audited document | ")
                .append("per-deduction p50 / p99 | CPU ms/deduction | notes |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : results) {
            md.append("| ").append(m.latencyMs()).append(" ms | ").append(m.path()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", m.perSecond())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f s", m.window().toMillis() / 1000.0)).append(" | ")
                    .append(m.done()).append(" / ").append(m.usages()).append(" | ")
                    .append(m.exactlyOneDocument()).append(" / ").append(m.usages()).append(" | ")
                    .append(Double.isNaN(m.p50Ms()) ? "" : String.format(Locale.ROOT, "%.1f / %.1f ms", m.p50Ms(),
                            m.p99Ms())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", m.cpuMsPerDeduction())).append(" | ")
                    .append(m.extra()).append(" |\n");
        }
        md.append("\n| mock latency | hub / direct | target ≥ 80 % | hub concurrency (Little: hub rate × direct ")
                .append("mean latency) |\n|---:|---:|---|---:|\n");
        for (int i = 0; i + 1 < results.size(); i += 2) {
            Measurement hub = results.get(i);
            Measurement direct = results.get(i + 1);
            double ratio = hub.perSecond() / direct.perSecond();
            double meanDirectS = clients / direct.perSecond(); // closed loop: each thread's mean time per deduction
            md.append("| ").append(hub.latencyMs()).append(" ms | ")
                    .append(String.format(Locale.ROOT, "%.1f %%", ratio * 100)).append(" | ")
                    .append(IntakeBench.mark(ratio >= 0.8)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", hub.perSecond() * meanDirectS)).append(" |\n");
        }
        md.append("\nStock in the mock exact (initial − usages of all measurements and warm-ups) for ")
                .append(stockExact).append(" / ").append(parts).append(" parts.\n");
        md.append("\nThe last column: a direct deduction takes ").append(clients).append(" / direct rate on average ")
                .append("(closed loop); the hub's rate times that time is how many deductions the hub had in ")
                .append("flight on average, if its connector calls take as long as the direct ones.\n");
        return md.toString();
    }
}
