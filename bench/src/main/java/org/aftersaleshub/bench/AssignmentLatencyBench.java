package org.aftersaleshub.bench;

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
 * IM latency benchmark (issue 12, "Benchmark"), in one run of the packaged hub with the DingTalk and WeCom mocks in
 * this JVM ({@link ImMocks}):
 * <ol>
 *   <li><b>assignment → card</b>: N engineers (every other one on DingTalk, the others on WeCom, one ticket each),
 *   then {@code POST /api/v1/tickets/{id}/assignment} open loop at {@code --rate} per second, each to a different
 *   engineer; per assignment the moment its 200 was read and the moment the mock received the engineer's card, both
 *   {@link System#nanoTime()} of this JVM;</li>
 *   <li><b>card clicks</b> ({@link CardClickLoad}): {@code --click-rate} clicks per second for {@code --click-seconds}
 *   on each platform through the mocks (接单, then 到场, then 完成 on each card by its engineer), the hub's answer time
 *   as the mock saw it, and afterwards whether every ticket went ACCEPTED → IN_PROGRESS → RESOLVED exactly once.</li>
 * </ol>
 * Then a markdown report ({@link ImLatencyReport}). See bench/README.md.
 */
public final class AssignmentLatencyBench {

    static final String OPTIONS = "--rate N --seconds S --warmup S --click-rate N --click-seconds S";
    static final Duration MAX_WAIT = Duration.ofSeconds(120);

    private AssignmentLatencyBench() {
    }

    /** One assignment of the schedule; times are {@link System#nanoTime()} of this JVM, 0 until they happen. */
    static final class Assignment {
        final Engineer engineer;
        final boolean inWindow;
        final long scheduledAt;
        volatile long sentAt;
        volatile long answeredAt;
        volatile int status;
        volatile String failure;
        /** The card request's arrival at the mock (the last one to this engineer), 0 when none came. */
        long cardAt;
        int cardRequests;
        boolean cardExists;

        Assignment(Engineer engineer, boolean inWindow, long scheduledAt) {
            this.engineer = engineer;
            this.inWindow = inWindow;
            this.scheduledAt = scheduledAt;
        }

        boolean answered() {
            return status == 200;
        }
    }

    /** What the run measured, for the report. */
    static final class Results {
        double rate;
        Duration warmup;
        Duration measure;
        String hubCommand;
        Duration startTime;
        double rssPeak;
        final List<Assignment> assignments = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        Checkpoint windowOpens;
        Checkpoint cardsIn;
        long otherSends;
        String loadAtWindow;
        CardClickLoad.Results clicks;
        String topFrames;
    }

    public static void main(String[] argv) throws Exception {
        try {
            run(argv);
        } catch (Exception | Error e) {
            // exec:java would keep waiting for the mocks' server threads and never show the failure
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the HTTP client's threads are not daemons; exec:java would wait for them
    }

    private static void run(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(AssignmentLatencyBench.class, argv, OPTIONS, "im-latency");
        Results r = new Results();
        r.rate = Double.parseDouble(run.opt("rate", "10"));
        r.measure = run.secondsOpt("seconds", 60);
        r.warmup = run.secondsOpt("warmup", 10);
        double clickRate = Double.parseDouble(run.opt("click-rate", "50"));
        Duration clickSeconds = run.secondsOpt("click-seconds", 30);
        int scheduled = (int) Math.round(r.rate * (r.warmup.toSeconds() + r.measure.toSeconds()));
        // each card takes three clicks (接单, 到场, 完成); the cards of the latency run, more when the clicks need them
        int cardsPerPlatform = (int) Math.ceil(clickRate * clickSeconds.toSeconds() / 3.0);
        int engineers = Math.max(scheduled, 2 * cardsPerPlatform);
        Path hubData = run.runDir.resolve("hub-data");
        Files.createDirectories(hubData);
        System.out.printf("IM latency bench: %.0f assignments/s, %d s warm-up + %d s measured; %.0f clicks/s for %d s "
                        + "per platform; %d engineers; work dir %s%n", r.rate, r.warmup.toSeconds(),
                r.measure.toSeconds(), clickRate, clickSeconds.toSeconds(), engineers, run.runDir);
        Instant readyAt;
        Instant doneAt;
        try (ImMocks im = ImMocks.start()) {
            List<String> hubArgs = new ArrayList<>(im.hubArgs());
            hubArgs.addAll(run.hubArgs());
            try (HubUnderTest h = new HubUnderTest(run.jar, hubData, run.routes, run.hubJvmArgs(), hubArgs)) {
                r.hubCommand = String.join(" ", h.command());
                r.startTime = h.start(run.runDir.resolve("hub.log"));
                readyAt = h.readyAt();
                System.out.printf("hub ready in %.1f s (pid %d)%n", r.startTime.toMillis() / 1000.0, h.pid());
                im.callbacksTo(h.base());
                HubClient api = new HubClient(h);
                List<Engineer> team = setUp(api, im, engineers);
                assignmentLoad(h, api, im, team, r);
                List<Engineer> rest = team.subList(r.assignments.size(), team.size());
                if (!rest.isEmpty()) {
                    // not measured: enough cards for the clicks
                    System.out.printf("assigning %d more tickets for the clicks (not measured)%n", rest.size());
                    for (Engineer e : rest) {
                        api.postJson("/api/v1/tickets/" + e.ticketId() + "/assignment",
                                "{\"assigneeId\":\"" + e.staffId() + "\"}", 200);
                        TimeUnit.MILLISECONDS.sleep(60); // inside DingTalk's per-app QPS, like the measured load
                    }
                }
                if (clickSeconds.toSeconds() > 0) {
                    r.clicks = new CardClickLoad(h, api, im, team, clickRate, clickSeconds, cardsPerPlatform).run();
                }
                doneAt = Instant.now();
                r.rssPeak = h.peakRssMib();
            }
        }
        if (run.jfr()) {
            r.topFrames = JfrSummary.markdown(run.jfrFile(), readyAt, doneAt);
        }
        run.writeReport("im-latency", ImLatencyReport.render(run, r, BenchRun.loadAverage()));
    }

    /** The engineers in the hub's staff directory and in their platform's directory, and one NEW ticket each. */
    private static List<Engineer> setUp(HubClient api, ImMocks im, int n) throws Exception {
        long t0 = System.nanoTime();
        List<Engineer> team = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String staffId = HubClient.ticketId(api.postJson("/api/v1/staff", Engineer.staffJson(i), 201));
            String ticketId = api.createTicket(i);
            Engineer e = new Engineer(i, staffId, ticketId);
            im.addUser(e);
            team.add(e);
        }
        System.out.printf("%d engineers, staff records and tickets set up in %.1f s%n", n,
                (System.nanoTime() - t0) / 1e9);
        return team;
    }

    private static void assignmentLoad(HubUnderTest h, HubClient api, ImMocks im, List<Engineer> team, Results r)
            throws Exception {
        AtomicLong answered = new AtomicLong();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + r.warmup.toNanos();
        long end = measureFrom + r.measure.toNanos();
        double period = 1e9 / r.rate;
        boolean open = false;
        for (int i = 0; ; i++) {
            long at = start + Math.round(i * period);
            if (at >= end || i >= team.size()) {
                break;
            }
            if (!open && at >= measureFrom) {
                Load.sleepUntil(measureFrom);
                r.windowOpens = Checkpoint.take(h, answered.get());
                r.loadAtWindow = BenchRun.loadAverage();
                open = true;
            }
            Load.sleepUntil(at);
            Engineer e = team.get(i);
            Assignment a = new Assignment(e, open, at);
            r.assignments.add(a);
            a.sentAt = System.nanoTime();
            answers.add(api.http().sendAsync(api.postRequest("/api/v1/tickets/" + e.ticketId() + "/assignment",
                    "{\"assigneeId\":\"" + e.staffId() + "\"}"), HttpResponse.BodyHandlers.ofString())
                    .handle((answer, failure) -> {
                        a.answeredAt = System.nanoTime();
                        if (answer != null) {
                            a.status = answer.statusCode();
                            if (a.status == 200) {
                                answered.incrementAndGet();
                            } else {
                                error(r, "HTTP " + a.status + " " + answer.body());
                            }
                        } else {
                            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                            a.failure = cause.getClass().getSimpleName();
                            error(r, cause.toString());
                        }
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(MAX_WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            error(r, "answers still missing " + MAX_WAIT.toSeconds() + " s after the last send");
        }
        // every answered assignment's card at its mock (or the wait is over)
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        int waiting;
        do {
            waiting = 0;
            for (Assignment a : r.assignments) {
                if (a.answered() && a.cardAt == 0) {
                    List<ImMocks.Arrival> got = im.arrivals(a.engineer.imUserId());
                    if (!got.isEmpty()) {
                        a.cardAt = got.get(got.size() - 1).nanoTime();
                    } else {
                        waiting++;
                    }
                }
            }
            if (waiting > 0) {
                TimeUnit.MILLISECONDS.sleep(20); // polling the benchmark's own record of the mocks
            }
        } while (waiting > 0 && System.nanoTime() < deadline);
        r.cardsIn = Checkpoint.take(h, answered.get());
        TimeUnit.MILLISECONDS.sleep(500); // a card re-sent after its first one would show by now
        for (Assignment a : r.assignments) {
            List<ImMocks.Arrival> got = im.arrivals(a.engineer.imUserId());
            a.cardRequests = got.size();
            if (!got.isEmpty()) {
                // the last request: a refused first attempt (QPS, token) made no card; its retry did
                a.cardAt = got.get(got.size() - 1).nanoTime();
                a.cardExists = im.cardExists(got.get(got.size() - 1));
            }
        }
        r.otherSends = im.otherSends();
        if (waiting > 0) {
            error(r, waiting + " answered assignments without a card at the mock after " + MAX_WAIT.toSeconds()
                    + " s");
        }
    }

    static void error(Results r, String what) {
        synchronized (r.errors) {
            if (r.errors.size() < 5) {
                r.errors.add(what);
                System.out.println("im latency: " + what);
            }
        }
    }
}
