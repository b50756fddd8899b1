package org.aftersaleshub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady-rate latency benchmark: the packaged hub (as in {@link IntakeBench}) gets tickets at a fixed rate, open
 * loop (a request is sent at its scheduled moment whether or not the earlier ones were answered), and the run
 * measures, per ticket of the measured window, the time from its 201 arriving at the client ("accepted") to its
 * {@code TicketCreated} webhook arriving at the receiver; both moments are {@link System#nanoTime()} of this JVM,
 * one clock. Then a markdown report under bench/results ({@link LatencyReport}). See bench/README.md.
 *
 * <p>Options: {@code --rate 100 --seconds 60 --warmup 10}, and {@link BenchRun}'s.
 */
public final class LatencyBench {

    static final String OPTIONS = "--rate N --seconds S --warmup S";
    /** A send this much after its scheduled moment counts as late: the schedule was not kept for it. */
    static final Duration LATE = Duration.ofMillis(10);
    /** How long the answers and the webhooks may take after the last send before the run stops waiting. */
    static final Duration MAX_WAIT = Duration.ofSeconds(120);

    private LatencyBench() {
    }

    /** What the run measured, for the report. */
    static final class Results {
        double rate;
        Duration warmup;
        Duration measure;
        String hubCommand;
        Duration startTime;
        double rssPeak;
        final List<ScheduledSend> sends = new ArrayList<>();
        /** The sends scheduled in the measured window. */
        List<ScheduledSend> window;
        final List<String> errors = new ArrayList<>();
        Checkpoint windowOpens;
        Checkpoint windowCloses;
        Checkpoint answered;
        Checkpoint drained;
        /** The TicketCreated arrival of each window ticket, by index in {@link #window}; null when none came. */
        Long[] arrivals;
        Timeline timeline;
        String topFrames;
    }

    public static void main(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(LatencyBench.class, argv, OPTIONS, "latency");
        Results r = new Results();
        r.rate = Double.parseDouble(run.opt("rate", "100"));
        r.measure = run.secondsOpt("seconds", 60);
        r.warmup = run.secondsOpt("warmup", 10);
        Path hubData = run.runDir.resolve("hub-data");
        Files.createDirectories(hubData);
        System.out.printf("latency bench: %.0f tickets/s open loop, %d s warm-up + %d s measured, work dir %s%n",
                r.rate, r.warmup.toSeconds(), r.measure.toSeconds(), run.runDir);
        Instant readyAt;
        Instant drainedAt;
        try (HubUnderTest h = new HubUnderTest(run.jar, hubData, run.routes, run.hubJvmArgs(),
                run.hubArgs())) {
            r.hubCommand = String.join(" ", h.command());
            r.startTime = h.start(run.runDir.resolve("hub.log"));
            readyAt = h.readyAt();
            System.out.printf("hub ready in %.1f s (pid %d)%n", r.startTime.toMillis() / 1000.0, h.pid());
            h.receiver().recordArrivals();
            drainedAt = load(h, r);
            r.rssPeak = h.peakRssMib();
        }
        if (run.jfr()) {
            r.topFrames = JfrSummary.markdown(run.jfrFile(), readyAt, drainedAt);
        }
        run.writeReport("latency", LatencyReport.render(run, r, BenchRun.loadAverage()));
        System.exit(0); // the HTTP client's threads are not daemons; exec:java would wait for them
    }

    /** The schedule, the answers, then waiting for the webhooks of the window's tickets; returns when they are in. */
    private static Instant load(HubUnderTest h, Results r) throws Exception {
        HubClient api = new HubClient(h);
        HttpClient http = api.http();
        AtomicLong accepted = new AtomicLong();
        r.timeline = new Timeline(h, accepted::get);
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + r.warmup.toNanos();
        long end = measureFrom + r.measure.toNanos();
        double period = 1e9 / r.rate;
        r.timeline.start("warm-up");
        boolean open = false;
        for (long i = 0; ; i++) {
            long at = start + Math.round(i * period);
            if (at >= end) {
                break;
            }
            if (!open && at >= measureFrom) {
                Load.sleepUntil(measureFrom);
                r.windowOpens = Checkpoint.take(h, accepted.get());
                r.timeline.phase("window");
                open = true;
            }
            Load.sleepUntil(at);
            ScheduledSend s = new ScheduledSend(open, at);
            r.sends.add(s);
            s.sentAt = System.nanoTime();
            answers.add(http.sendAsync(api.ticketRequest((int) (i % 16), false), HttpResponse.BodyHandlers.ofString())
                    .handle((answer, failure) -> {
                        s.answeredAt = System.nanoTime();
                        if (answer != null) {
                            s.status = answer.statusCode();
                            if (s.status == 201) {
                                try {
                                    s.ticketId = HubClient.ticketId(answer.body());
                                    accepted.incrementAndGet();
                                } catch (java.io.IOException e) {
                                    error(r, "unreadable 201 body: " + e);
                                }
                            } else {
                                error(r, "HTTP " + s.status + " " + answer.body());
                            }
                        } else {
                            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                            s.failure = cause.getClass().getSimpleName();
                            error(r, cause.toString());
                        }
                        return null;
                    }));
        }
        Load.sleepUntil(end);
        r.windowCloses = Checkpoint.take(h, accepted.get());
        r.timeline.phase("drain");
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(MAX_WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            error(r, "answers still missing " + MAX_WAIT.toSeconds() + " s after the last send");
        }
        r.answered = Checkpoint.take(h, accepted.get());
        // every accepted window ticket's TicketCreated webhook (and every webhook the run caused) has arrived
        WebhookReceiver receiver = h.receiver();
        List<ScheduledSend> window = r.sends.stream().filter(s -> s.inWindow).toList();
        r.window = window;
        r.arrivals = new Long[window.size()];
        int waiting = window.size();
        while (System.nanoTime() < deadline) {
            waiting = 0;
            for (int k = 0; k < window.size(); k++) {
                ScheduledSend s = window.get(k);
                if (r.arrivals[k] == null && s.accepted()) {
                    r.arrivals[k] = receiver.createdArrival(s.ticketId);
                    waiting += r.arrivals[k] == null ? 1 : 0;
                }
            }
            if (waiting == 0 && h.delivered() >= accepted.get()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the benchmark's own receiver
        }
        r.drained = Checkpoint.take(h, accepted.get());
        Instant drainedAt = Instant.now();
        r.timeline.phase("after drain");
        TimeUnit.MILLISECONDS.sleep(1_500);
        r.timeline.close();
        if (waiting > 0) {
            error(r, waiting + " accepted tickets of the window without a TicketCreated webhook after "
                    + MAX_WAIT.toSeconds() + " s");
        }
        return drainedAt;
    }

    private static void error(Results r, String what) {
        synchronized (r.errors) {
            if (r.errors.size() < 5) {
                r.errors.add(what);
                System.out.println("latency: " + what);
            }
        }
    }
}
