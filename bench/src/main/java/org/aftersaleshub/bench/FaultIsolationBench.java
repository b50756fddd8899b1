package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault-isolation benchmark: does one failing webhook receiver slow the deliveries to a healthy one? Two runs side
 * by side, each on a fresh packaged hub (as in {@link LatencyBench}) with two webhook endpoints on the receiver in
 * this JVM, A ({@value #A}) and B ({@value #B}), under the same open-loop ticket rate: "no-fault", where both answer
 * 200, and "fault", where B answers 503 to the first attempt of a deterministic share of its events
 * ({@link HookLog}; the hub's retry then gets 200, so every event is delivered). The {@code outbound-webhook} route
 * retries a failing receiver in place with backoff on its consumer thread, so B's retries may hold consumers that
 * A's deliveries wait for; the report ({@link FaultIsolationReport}) compares A's delivery rate during the load in
 * the two runs, and checks that every ticket's events reached each receiver in sequence order.
 *
 * <p>Options: {@code --rate 50 --seconds 60 --warmup 10 --fail-ratio 0.10 --priority-change true}, and
 * {@link BenchRun}'s. See bench/README.md.
 */
public final class FaultIsolationBench {

    static final String OPTIONS = "--rate N --seconds S --warmup S --fail-ratio R --priority-change true|false";
    /** The healthy receiver: the endpoint every benchmark hub has. */
    static final String A = HubUnderTest.HOOK;
    /** The receiver that fails in the fault run: a second endpoint on the same receiver. */
    static final String B = "bench-b";
    private static final String B_SECRET = "bench-b-webhook-secret-0123456789";
    /** How long the answers and deliveries may take after the load before the run stops waiting. */
    static final Duration MAX_WAIT = Duration.ofSeconds(300);
    /** The deliveries have caught up when both receivers hold every event the hub wrote for this long. */
    private static final Duration SETTLED = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultIsolationBench() {
    }

    /** Every second of a run: the tickets accepted, the events each receiver has, the route queue's depth. */
    record Tick(long nanoTime, String phase, long accepted, long aDelivered, long bDelivered, long bRefused,
                Double depth) {
    }

    /** One hub, one load: what it measured. */
    static final class Run {
        final String label;
        final double failRatio;
        String hubCommand;
        Duration startTime;
        Instant readyAt;
        Instant drainedAt;
        double rssPeak;
        HookLog a;
        HookLog b;
        final List<ScheduledSend> sends = new ArrayList<>();
        long loadStarts;
        long windowOpens;
        long windowCloses;
        /** Events the hub wrote (its {@code hub.intake} counter) when the deliveries had caught up, or last read. */
        long events;
        boolean drained;
        final List<Tick> ticks = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        String topFrames;
        Path dir;

        Run(String label, double failRatio) {
            this.label = label;
            this.failRatio = failRatio;
        }

        List<ScheduledSend> window() {
            return sends.stream().filter(s -> s.inWindow).toList();
        }
    }

    /** What the benchmark measured, for the report. */
    static final class Results {
        double rate;
        Duration warmup;
        Duration measure;
        double failRatio;
        boolean priorityChange;
        /** The hub's delivery and consumer settings from its application.yaml, for the report's setup. */
        Map<String, String> settings;
        Run noFault;
        Run fault;
    }

    public static void main(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(FaultIsolationBench.class, argv, OPTIONS, "fault-isolation");
        Results r = new Results();
        r.rate = Double.parseDouble(run.opt("rate", "10"));
        r.measure = run.secondsOpt("seconds", 60);
        r.warmup = run.secondsOpt("warmup", 30);
        r.failRatio = Double.parseDouble(run.opt("fail-ratio", "0.10"));
        r.priorityChange = Boolean.parseBoolean(run.opt("priority-change", "true"));
        r.settings = HubSettings.read(run.repo.resolve("hub/src/main/resources/application.yaml"));
        System.out.printf("fault-isolation bench: %.0f tickets/s open loop, %d s warm-up + %d s measured, B refuses "
                        + "%.0f %% of first attempts in the fault run, work dir %s%n", r.rate, r.warmup.toSeconds(),
                r.measure.toSeconds(), 100 * r.failRatio, run.runDir);
        // the same load on two fresh hubs, one after the other: the no-fault run is the fault run's reference
        r.noFault = measure(run, r, new Run("no-fault", 0));
        r.fault = measure(run, r, new Run("fault", r.failRatio));
        run.writeReport("fault-isolation", FaultIsolationReport.render(run, r, BenchRun.loadAverage()));
        System.exit(0); // the HTTP client's threads are not daemons; exec:java would wait for them
    }

    private static Run measure(BenchRun run, Results r, Run m) throws Exception {
        m.dir = run.runDir.resolve(m.label);
        Path data = m.dir.resolve("hub-data");
        Files.createDirectories(data);
        // each run's JFR recording in its own directory (BenchRun names one file for the whole benchmark)
        List<String> jvm = run.hubJvmArgs().stream().map(a -> a.replace(run.jfrFile().toString(),
                m.dir.resolve("hub.jfr").toString())).toList();
        List<String> args = new ArrayList<>(List.of(
                // the demo mocks bind fixed ports (18081-18086), which another hub on the machine may hold; the
                // webhook route needs none of them
                "--hub.demo.mocks.enabled=false",
                "--hub.webhooks.endpoints[1].name=" + B,
                "--hub.webhooks.endpoints[1].url=" + HubUnderTest.HOOKS_PLACEHOLDER + B,
                "--hub.webhooks.endpoints[1].secret=" + B_SECRET));
        args.addAll(run.hubArgs());
        try (HubUnderTest h = new HubUnderTest(run.jar, data, run.routes, jvm, args)) {
            m.a = h.receiver().track(A, 0);
            m.b = h.receiver().track(B, m.failRatio);
            m.hubCommand = String.join(" ", h.command());
            m.startTime = h.start(m.dir.resolve("hub.log"));
            m.readyAt = h.readyAt();
            System.out.printf("%s: hub ready in %.1f s (pid %d)%n", m.label, m.startTime.toMillis() / 1000.0,
                    h.pid());
            load(h, r, m);
            m.rssPeak = h.peakRssMib();
        }
        if (run.jfr()) {
            m.topFrames = JfrSummary.markdown(m.dir.resolve("hub.jfr"), m.readyAt, m.drainedAt);
        }
        HookLog.Snapshot a = m.a.snapshot();
        HookLog.Snapshot b = m.b.snapshot();
        System.out.printf("%s: A %d events (%d in the window), B %d events (%d in the window, %d refused), %s%n",
                m.label, a.delivered(), m.a.deliveredBetween(m.windowOpens, m.windowCloses), b.delivered(),
                m.b.deliveredBetween(m.windowOpens, m.windowCloses), b.refused(),
                m.drained ? "all delivered" : "NOT all delivered");
        return m;
    }

    /** The schedule, the answers, then waiting until both receivers hold every event the hub wrote. */
    private static void load(HubUnderTest h, Results r, Run m) throws Exception {
        HubClient api = new HubClient(h);
        HttpClient http = api.http();
        AtomicLong accepted = new AtomicLong();
        String[] phase = {"warm-up"};
        Double[] depth = {null};
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread th = new Thread(t, "fault-ticks");
            th.setDaemon(true);
            return th;
        });
        ticker.scheduleAtFixedRate(() -> {
            synchronized (m.ticks) {
                m.ticks.add(new Tick(System.nanoTime(), phase[0], accepted.get(), m.a.delivered(), m.b.delivered(),
                        m.b.snapshot().refused(), depth[0]));
            }
            try {
                // asked without waiting: a busy hub answers late, and a tick holds the latest depth it answered
                h.routeQueueDepth(Timeline.WEBHOOK_QUEUE).thenAccept(d -> depth[0] = d);
            } catch (IOException unreadable) {
                // the next tick asks again
            }
        }, 0, 1, TimeUnit.SECONDS);

        List<CompletableFuture<Void>> answers = new ArrayList<>();
        m.loadStarts = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        m.windowOpens = m.loadStarts + r.warmup.toNanos();
        long end = m.windowOpens + r.measure.toNanos();
        double period = 1e9 / r.rate;
        boolean open = false;
        for (long i = 0; ; i++) {
            long at = m.loadStarts + Math.round(i * period);
            if (at >= end) {
                break;
            }
            if (!open && at >= m.windowOpens) {
                Load.sleepUntil(m.windowOpens);
                phase[0] = "window";
                open = true;
            }
            Load.sleepUntil(at);
            ScheduledSend s = new ScheduledSend(open, at);
            m.sends.add(s);
            s.sentAt = System.nanoTime();
            answers.add(http.sendAsync(api.ticketRequest((int) (i % 16), false), HttpResponse.BodyHandlers.ofString())
                    .handle((answer, failure) -> created(m, s, answer, failure, accepted))
                    .thenCompose(id -> id == null || !r.priorityChange ? CompletableFuture.completedFuture(null)
                            // a second event on the ticket, so each ticket has an order to keep at the receivers
                            : http.sendAsync(api.postRequest("/api/v1/tickets/" + id + "/priority",
                                    "{\"priority\":\"HIGH\"}"), HttpResponse.BodyHandlers.ofString())
                            .handle((answer, failure) -> {
                                s.followUpStatus = answer == null ? 0 : answer.statusCode();
                                if (s.followUpStatus != 200) {
                                    error(m, "priority change: " + (answer == null ? failure
                                            : "HTTP " + answer.statusCode() + " " + answer.body()));
                                }
                                return null;
                            })));
        }
        Load.sleepUntil(end);
        m.windowCloses = System.nanoTime();
        phase[0] = "drain";
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(MAX_WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            error(m, "answers still missing " + MAX_WAIT.toSeconds() + " s after the last send");
        }
        awaitDeliveries(api, m);
        m.drainedAt = Instant.now();
        phase[0] = "after drain";
        TimeUnit.MILLISECONDS.sleep(1_100); // one more tick, after the drain
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The ticket's 201 (its id, for the priority change) or the reason there is none. */
    private static String created(Run m, ScheduledSend s, HttpResponse<String> answer, Throwable failure, AtomicLong accepted) {
        s.answeredAt = System.nanoTime();
        if (answer == null) {
            error(m, String.valueOf(failure.getCause() == null ? failure : failure.getCause()));
            return null;
        }
        s.status = answer.statusCode();
        if (s.status != 201) {
            error(m, "HTTP " + s.status + " " + answer.body());
            return null;
        }
        try {
            s.ticketId = HubClient.ticketId(answer.body());
            accepted.incrementAndGet();
            return s.ticketId;
        } catch (IOException e) {
            error(m, "unreadable 201 body: " + e);
            return null;
        }
    }

    /**
     * Waits until both receivers hold as many distinct events as the hub wrote (its {@code hub.intake} counter, one
     * per event written to the outbox) and that has not changed for {@link #SETTLED}: the dispatch route writes
     * its event for a ticket a little after the ticket's own, so one equal reading could come too early.
     */
    private static void awaitDeliveries(HubClient api, Run m) throws Exception {
        long deadline = m.windowCloses + MAX_WAIT.toNanos();
        long settledSince = 0;
        while (System.nanoTime() < deadline) {
            long written = eventsWritten(api);
            boolean caughtUp = written > 0 && m.a.delivered() >= written && m.b.delivered() >= written;
            if (caughtUp && written == m.events) {
                if (System.nanoTime() - settledSince >= SETTLED.toNanos()) {
                    m.drained = true;
                    return;
                }
            } else {
                settledSince = System.nanoTime();
            }
            m.events = written;
            TimeUnit.MILLISECONDS.sleep(250); // polling the hub's counter and the benchmark's own receiver
        }
        error(m, "deliveries not caught up " + MAX_WAIT.toSeconds() + " s after the load: A " + m.a.delivered()
                + ", B " + m.b.delivered() + " of " + m.events + " events");
    }

    /** The hub's count of events written (all types), 0 before the first. */
    private static long eventsWritten(HubClient api) throws Exception {
        try {
            for (JsonNode s : JSON.readTree(api.get("/actuator/metrics/hub.intake")).path("measurements")) {
                if ("COUNT".equals(s.path("statistic").asText())) {
                    return Math.round(s.path("value").asDouble());
                }
            }
        } catch (IllegalStateException notYet) {
            // 404 until the first event registers the counter
        }
        return 0;
    }

    private static void error(Run m, String what) {
        synchronized (m.errors) {
            if (m.errors.size() < 5) {
                m.errors.add(what);
                System.out.println(m.label + ": " + what);
            }
        }
    }
}
