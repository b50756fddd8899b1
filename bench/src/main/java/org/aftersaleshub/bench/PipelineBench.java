package org.aftersaleshub.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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

/**
 * Pipeline benchmark, in one run: part usages recorded on tickets through the packaged hub (outbox → embedded
 * Artemis → {@code erp-stock} route → Kingdee connector → Kingdee mock) against the same number of deductions called
 * directly on a {@link KingdeeConnector} in this JVM against the same mock, each with the mock's latency at every
 * value of {@code --latencies}; then a markdown report under bench/results ({@link PipelineReport}). See
 * bench/README.md.
 *
 * <p>Options: {@code --usages 400 --clients 8 --latencies 0,150 --rate-limit 1000 --warmup-usages 50}, and
 * {@link BenchRun}'s ({@code --hub-jvm-args "" --hub-args "" --jfr false --work-dir bench/target/pipeline}).
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

    static final String OPTIONS = "--usages N --clients N --latencies 0,150 --rate-limit N --warmup-usages N";

    private PipelineBench() {
    }

    /**
     * One path at one mock latency.
     *
     * @param hubCpuMs       hub process CPU per deduction over the span (NaN for the direct path)
     * @param hubMachinePct  the hub's CPU over the span as a share of the machine (NaN for the direct path)
     * @param benchCpuMs     the benchmark JVM's CPU per deduction (clients, mock; the connector on the direct path)
     */
    record Measurement(String path, long latencyMs, int usages, double perSecond, Duration window, long done,
                       long exactlyOneDocument, double p50Ms, double p99Ms, double hubCpuMs, double hubMachinePct,
                       double benchCpuMs, String extra) {
    }

    /** What the whole run measured, for the report. */
    record Results(int usages, int clients, int warmup, String rateLimit, String consumers, String hubCommand,
                   List<Measurement> measurements, long stockExact, int parts, String erpWarehouse, String topFrames) {
    }

    public static void main(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(PipelineBench.class, argv, OPTIONS, "pipeline");
        int usages = run.intOpt("usages", 400);
        int clients = run.intOpt("clients", 8);
        int warmupUsages = run.intOpt("warmup-usages", 50);
        String rateLimit = run.opt("rate-limit", "1000");
        List<Long> latencies = Arrays.stream(run.opt("latencies", "0,150").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        Path hubData = run.runDir.resolve("hub-data");
        Files.createDirectories(hubData);
        Path yaml = run.repo.resolve("hub/src/main/resources/application.yaml");
        System.out.printf("pipeline bench: %d usages per measurement, %d client threads, mock latencies %s ms, "
                + "work dir %s%n", usages, clients, latencies, run.runDir);

        List<Measurement> results = new ArrayList<>();
        Map<String, Long> usedPerSku = new ConcurrentHashMap<>();
        Map<String, String> settings = HubSettings.read(yaml);
        Map<String, String> kingdee = HubSettings.kingdeeKeys(settings, yaml);
        // the demo parts' material codes and WH01's ERP code: master data now, no longer connector properties
        DemoMasterData demo = DemoMasterData.read(run.repo, DEMO_INSTANCE);
        Map<String, String> skuToMaterial = demo.materials();
        List<String> skus = new ArrayList<>(skuToMaterial.keySet());
        String erpWarehouse = demo.erpWarehouse(WAREHOUSE);
        String hubConsumers = settings.getOrDefault(CONSUMERS_KEY, "?");
        String hubCommand;
        long stockExact = 0;
        Instant readyAt;
        Instant doneAt;

        try (MockSystems mocks = MockSystems.start(Set.of("kingdee"), true)) {
            KingdeeMock mock = mocks.get(KingdeeMock.class);
            for (String material : skuToMaterial.values()) {
                mock.setStock(material, erpWarehouse, INITIAL_STOCK);
            }
            // the hub's demo Kingdee keys, passed explicitly and identically to both paths; only the base URL (the
            // mock's free port) and the client-side rate budget differ from application.yaml. The hub gets them as
            // the one connector instance kingdee-bench; which instance books WH01 and the parts' material codes are
            // master data, created through the API below before anything is measured.
            Map<String, String> connectorConfig = new LinkedHashMap<>(kingdee);
            connectorConfig.put("kingdee.base-url", "http://127.0.0.1:" + mock.port() + "/k3cloud/");
            connectorConfig.put(RATE_KEY, rateLimit);
            String instance = "--hub.connectors." + BENCH_INSTANCE + ".";
            List<String> hubArgs = new ArrayList<>(List.of("--hub.demo.mocks.enabled=false",
                    instance + "type=kingdee", "--hub.routes-include=erp-stock.yaml"));
            connectorConfig.forEach((k, v) -> hubArgs.add(instance + k.substring("kingdee.".length()) + "=" + v));
            for (String a : run.hubArgs()) {
                hubArgs.add(a);
                if (a.startsWith("--" + CONSUMERS_KEY + "=")) {
                    hubConsumers = a.substring(a.indexOf('=') + 1);
                }
            }
            KingdeeConnector connector = new KingdeeConnector();
            try (HubUnderTest hub = new HubUnderTest(run.jar, hubData, run.routes,
                    run.hubJvmArgs(), hubArgs)) {
                hubCommand = String.join(" ", hub.command());
                Duration start = hub.start(run.runDir.resolve("hub.log"));
                readyAt = hub.readyAt();
                System.out.printf("hub ready in %.1f s (pid %d)%n", start.toMillis() / 1000.0, hub.pid());
                connector.start(connectorConfig);
                StockDeductions direct = connector.as(StockDeductions.class).orElseThrow();
                HubClient api = new HubClient(hub);
                createMasterData(api, demo, skus);

                // warm-up of both paths (JIT, connection pools, sessions), not reported
                if (warmupUsages > 0) {
                    measureHub("warm-up", 0, warmupUsages, clients, skus, api, mock, direct, hub, usedPerSku);
                    measureDirect("warm-up", 0, warmupUsages, clients, skus, skuToMaterial, erpWarehouse, mock,
                            direct, usedPerSku);
                }
                for (long latency : latencies) {
                    mock.faults().clear();
                    if (latency > 0) {
                        mock.faults().add(FaultPlan.Rule.fromMap(Map.of("operation", "*", "kind", "DELAY",
                                "phase", "BEFORE", "minDelayMs", latency, "maxDelayMs", latency)));
                    }
                    String tag = "L" + latency;
                    results.add(measureHub(tag, latency, usages, clients, skus, api, mock, direct, hub, usedPerSku));
                    results.add(measureDirect(tag, latency, usages, clients, skus, skuToMaterial, erpWarehouse,
                            mock, direct, usedPerSku));
                }
                mock.faults().clear();
                doneAt = Instant.now();
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
        String topFrames = run.jfr() ? JfrSummary.markdown(run.jfrFile(), readyAt, doneAt) : null;
        Results r = new Results(usages, clients, warmupUsages, rateLimit, hubConsumers, hubCommand, results,
                stockExact, skus.size(), erpWarehouse, topFrames);
        run.writeReport("pipeline", PipelineReport.render(run, r, BenchRun.loadAverage()));
        System.exit(0); // HTTP clients and WireMock leave non-daemon threads; exec:java would wait for them
    }

    /**
     * WH01 booked by {@link #BENCH_INSTANCE} and every demo part with its material code there, through the hub's
     * master-data API ({@code masterdata:write}, the demo admin key has it); not timed. Without them every part usage
     * is refused with 404 (unknown SKU or warehouse) before any ERP call.
     */
    static void createMasterData(HubClient api, DemoMasterData demo, List<String> skus) throws Exception {
        api.postJson("/api/v1/warehouses", demo.warehouseJson(WAREHOUSE, BENCH_INSTANCE), 201);
        for (String sku : skus) {
            api.postJson("/api/v1/parts", demo.partJson(sku, BENCH_INSTANCE), 201);
        }
        System.out.printf("master data: warehouse %s and %d parts booked by %s%n", WAREHOUSE, skus.size(),
                BENCH_INSTANCE);
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
        Checkpoint cpu0 = Checkpoint.take(hub, 0);
        long ownCpu0 = ProcessCpu.ownNanos();
        Poller poller = new Poller(mock, pending, baseline + n);
        poller.start();
        LoadResult posted = Load.runAll("usages-" + tag, clients, index, i -> {
            String sku = skus.get(i % skus.size());
            api.recordUsage(ticketIds[i], usageIds.get(i), sku, WAREHOUSE);
            firstAccepted.accumulateAndGet(System.nanoTime(), Math::min);
            usedPerSku.merge(sku, 1L, Long::sum);
        });
        poller.join(Math.min(600_000, 120_000 + n * 4 * latency)); // worst case: one deduction at a time
        poller.interrupt();
        // CPU from just before the first usage POST to the last document audited (or giving up), per usage
        CpuSpan cpu = new CpuSpan("first usage POST → last document audited", cpu0, Checkpoint.take(hub, n));
        double ownCpuMs = (ProcessCpu.ownNanos() - ownCpu0) / 1e6 / n;
        long end = poller.allAuditedAt;
        boolean complete = end != 0;
        if (!complete) {
            end = System.nanoTime();
        }
        Duration window = Duration.ofNanos(end - firstAccepted.get());
        long audited = n - pending.size();
        double rate = audited / (window.toNanos() / 1e9);
        // the usages' own state in the hub (recorded just after the audit): wait for it, not timed
        long deducted = api.awaitDeducted(ticketIds, Duration.ofSeconds(60));
        long exact = exactlyOne(mock, billOf.values());
        String extra = String.format(Locale.ROOT, "usage POST %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors%s",
                posted.perSecond(), posted.percentileMs(50), posted.percentileMs(99), posted.errors(),
                complete ? "" : "; NOT all audited in time (" + audited + "/" + n + ")");
        System.out.printf("hub    %-8s %6.1f deductions/s over %.1f s; %d/%d DEDUCTED; %d/%d exactly one document; "
                + "hub CPU %.1f ms/deduction (%.0f %% of the machine); %s%n", tag, rate, window.toMillis() / 1000.0,
                deducted, n, exact, n, cpu.msPerAccepted(), cpu.machinePercent(), extra);
        return new Measurement("hub", latency, n, rate, window, deducted, exact, Double.NaN, Double.NaN,
                cpu.msPerAccepted(), cpu.machinePercent(), ownCpuMs, extra);
    }

    /**
     * Directly: the same number of deductions on the connector in this JVM, from the same number of threads, each with
     * both ERP codes as the hub's erp-stock route sends them (from its part and warehouse tables).
     */
    static Measurement measureDirect(String tag, long latency, int n, int clients, List<String> skus,
                                     Map<String, String> skuToMaterial, String erpWarehouse, KingdeeMock mock,
                                     StockDeductions direct, Map<String, Long> usedPerSku) throws Exception {
        List<DeductionRequest> requests = new ArrayList<>();
        String ticket = UUID.randomUUID().toString();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "DIR-%s-%05d", tag.toUpperCase(Locale.ROOT).replace("WARM-UP", "W"),
                    i);
            String sku = skus.get(i % skus.size());
            requests.add(new DeductionRequest(id, ticket, sku, skuToMaterial.get(sku), WAREHOUSE,
                    Quantity.of("1", "个"), erpWarehouse));
        }
        long cpu0 = ProcessCpu.ownNanos();
        LoadResult r = Load.runAll("direct-" + tag, clients, requests, req -> {
            DeductionResult result = direct.deduct(req);
            if (!result.isDone()) {
                throw new IllegalStateException(req.usageId() + " " + result.status() + ": " + result.reason());
            }
            usedPerSku.merge(req.partSku(), 1L, Long::sum);
        });
        long cpu1 = ProcessCpu.ownNanos();
        List<String> bills = requests.stream().map(q -> direct.documentNumberFor(q.usageId())).toList();
        long exact = exactlyOne(mock, bills);
        System.out.printf("direct %-8s %6.1f deductions/s over %.1f s; %d/%d DONE; %d/%d exactly one document; "
                        + "p50 %.1f ms, p99 %.1f ms%n", tag, r.perSecond(), r.window().toMillis() / 1000.0, r.ok(), n,
                exact, n, r.percentileMs(50), r.percentileMs(99));
        return new Measurement("direct", latency, n, r.perSecond(), r.window(), r.ok(), exact, r.percentileMs(50),
                r.percentileMs(99), Double.NaN, Double.NaN, (cpu1 - cpu0) / 1e6 / n, r.errors() + " errors");
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

    static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return Collections.unmodifiableList(l);
    }
}
