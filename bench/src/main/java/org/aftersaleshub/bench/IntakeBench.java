package org.aftersaleshub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Intake benchmark, in one run: (a) the packaged hub in the embedded default under N concurrent clients creating
 * tickets, followed second by second ({@link Timeline}) until every accepted ticket's webhook has arrived, (b) the
 * bare-JDBC ceiling on the same file system with the same H2 durability, (c) a markdown report under bench/results
 * ({@link IntakeReport}). See bench/README.md.
 *
 * <p>Options: {@code --clients 16 --seconds 30 --warmup 10 --idempotency-key false}, and {@link BenchRun}'s
 * ({@code --hub-jvm-args "" --hub-args "" --jfr false --work-dir bench/target/intake}).
 */
public final class IntakeBench {

    static final String OPTIONS = "--clients N --seconds S --warmup S --idempotency-key true|false";
    /** How long the webhook deliveries may take to catch up after the load before the run gives up waiting. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(120);

    private IntakeBench() {
    }

    /** What the run measured, for the report. */
    static final class Results {
        int clients;
        Duration warmup;
        Duration measure;
        boolean idempotencyKey;
        String hubCommand;
        Duration startTime;
        double rssIdle;
        double rssEnd;
        double rssPeak;
        LoadResult hub;
        LoadResult jdbc;
        /** When the warm-up started, the window opened and closed, every client stopped, the drain ended. */
        Checkpoint loadStarts;
        Checkpoint windowOpens;
        Checkpoint windowCloses;
        Checkpoint loadStopped;
        Checkpoint drained;
        boolean drainComplete;
        Map<String, Double> queueAtEnd;
        Map<String, Double> queueAfterDrain;
        Timeline timeline;
        String topFrames;
        String ceilingUrl;
        int payloadChars;
        String fileSystem;
    }

    public static void main(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(IntakeBench.class, argv, OPTIONS, "intake");
        Results r = new Results();
        r.clients = run.intOpt("clients", 16);
        r.measure = run.secondsOpt("seconds", 30);
        r.warmup = run.secondsOpt("warmup", 10);
        r.idempotencyKey = run.flag("idempotency-key");
        Path hubData = run.runDir.resolve("hub-data");
        Path jdbcData = run.runDir.resolve("jdbc-data");
        Files.createDirectories(hubData);
        Files.createDirectories(jdbcData);
        System.out.printf("intake bench: %d clients, %d s warm-up + %d s measured, work dir %s%n", r.clients,
                r.warmup.toSeconds(), r.measure.toSeconds(), run.runDir);

        // (a) the hub
        Instant readyAt;
        Instant drainedAt;
        try (HubUnderTest h = new HubUnderTest(run.jar, hubData, run.routes, run.hubJvmArgs(),
                run.hubArgs())) {
            r.hubCommand = String.join(" ", h.command());
            r.startTime = h.start(run.runDir.resolve("hub.log"));
            readyAt = h.readyAt();
            r.rssIdle = h.rssMib();
            System.out.printf("hub ready in %.1f s (pid %d, RSS %.0f MiB)%n", r.startTime.toMillis() / 1000.0,
                    h.pid(), r.rssIdle);
            drainedAt = load(h, r);
            r.rssPeak = h.peakRssMib();
        }
        System.out.printf("hub: %.0f tickets/s, p50 %.1f ms, p99 %.1f ms, errors %d%n", r.hub.perSecond(),
                r.hub.percentileMs(50), r.hub.percentileMs(99), r.hub.errors());
        if (run.jfr()) {
            r.topFrames = JfrSummary.markdown(run.jfrFile(), readyAt, drainedAt);
        }

        // (b) the ceiling, after the hub stopped, same file system, same URL options
        Path yaml = run.repo.resolve("hub/src/main/resources/application.yaml");
        String payload = JdbcCeiling.samplePayload(JdbcCeiling.urlFor(yaml, hubData));
        JdbcCeiling ceiling = new JdbcCeiling(yaml, jdbcData, run.repo.resolve("hub/src/main/resources/db/migration"));
        ceiling.migrate();
        r.jdbc = Load.run("jdbc", r.clients, JdbcCeiling.warmup(), r.measure,
                thread -> ceiling.insertOperation(thread, payload));
        System.out.printf("bare JDBC: %.0f inserts/s, p50 %.2f ms, p99 %.2f ms, errors %d%n", r.jdbc.perSecond(),
                r.jdbc.percentileMs(50), r.jdbc.percentileMs(99), r.jdbc.errors());
        r.ceilingUrl = ceiling.url().replace(jdbcData.toString(), "<dir>");
        r.payloadChars = payload.length();
        r.fileSystem = Files.getFileStore(run.runDir).type();

        // (c) the report
        run.writeReport("intake", IntakeReport.render(run, r, BenchRun.loadAverage()));
        System.exit(0); // the HTTP client and Flyway leave non-daemon threads; exec:java would wait for them
    }

    /**
     * Warm-up and window of closed-loop ticket creation, then the drain: until the receiver has as many webhooks as
     * tickets were accepted. Fills the load's fields of {@code r}; returns when the drain ended.
     */
    private static Instant load(HubUnderTest h, Results r) throws Exception {
        HubClient api = new HubClient(h);
        HttpClient http = api.http();
        AtomicLong created = new AtomicLong();
        r.timeline = new Timeline(h, created::get);
        r.timeline.start("warm-up");
        r.loadStarts = Checkpoint.take(h, created.get());
        r.hub = Load.run("hub", r.clients, r.warmup, r.measure, thread -> () -> {
            HttpRequest request = api.ticketRequest(thread, r.idempotencyKey);
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("HTTP " + answer.statusCode() + " " + answer.body());
            }
            created.incrementAndGet();
        }, new Load.Window() {
            @Override
            public void opens() {
                r.windowOpens = Checkpoint.take(h, created.get());
                r.timeline.phase("window");
            }

            @Override
            public void closes() {
                r.windowCloses = Checkpoint.take(h, created.get());
                r.timeline.phase("drain");
            }
        });
        r.loadStopped = Checkpoint.take(h, created.get());
        r.rssEnd = h.rssMib();
        r.queueAtEnd = h.routeQueue(Timeline.WEBHOOK_QUEUE);
        // how long the pipeline takes to deliver what was accepted (outbox -> Artemis -> route -> webhook)
        long deadline = System.nanoTime() + MAX_DRAIN.toNanos();
        while (h.delivered() < created.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20); // polling a counter of the benchmark's own receiver
        }
        r.drained = Checkpoint.take(h, created.get());
        r.drainComplete = r.drained.delivered() >= r.drained.accepted();
        Instant drainedAt = Instant.now();
        r.timeline.phase("after drain");
        // one sample interval (1 s) later, the hub's view of the drained queue
        TimeUnit.MILLISECONDS.sleep(1_500);
        r.timeline.close();
        r.queueAfterDrain = h.routeQueue(Timeline.WEBHOOK_QUEUE);
        return drainedAt;
    }
}
