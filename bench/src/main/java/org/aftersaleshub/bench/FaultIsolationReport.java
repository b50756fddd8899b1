package org.aftersaleshub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The fault-isolation benchmark's markdown report. */
final class FaultIsolationReport {

    /** The issue: with one target failing, the healthy target's delivery rate stays at least 80 % of the no-fault one. */
    static final double RATIO_TARGET = 0.80;

    private FaultIsolationReport() {
    }

    /** One receiver in one run, the figures of a table row. */
    private record Figures(HookLog.Snapshot s, long inWindow, double perSecond, long atStop, Double drainSeconds,
                           Histogram created, long createdMissing) {
    }

    static String render(BenchRun run, FaultIsolationBench.Results r, String loadAfter) {
        double seconds = r.measure.toNanos() / 1e9;
        Figures na = figures(r.noFault, r.noFault.a, seconds);
        Figures nb = figures(r.noFault, r.noFault.b, seconds);
        Figures fa = figures(r.fault, r.fault.a, seconds);
        Figures fb = figures(r.fault, r.fault.b, seconds);
        double ratioA = na.perSecond() == 0 ? Double.NaN : fa.perSecond() / na.perSecond();
        double ratioB = nb.perSecond() == 0 ? Double.NaN : fb.perSecond() / nb.perSecond();
        long violations = na.s().orderViolations() + nb.s().orderViolations() + fa.s().orderViolations()
                + fb.s().orderViolations();
        long duplicates = na.s().duplicates() + nb.s().duplicates() + fa.s().duplicates() + fb.s().duplicates();
        boolean allDelivered = r.noFault.drained && r.fault.drained;

        StringBuilder md = new StringBuilder();
        run.appendHead(md, "Fault isolation benchmark", loadAfter);
        md.append("\n## Setup\n\n");
        md.append("- two runs, one after the other, each on a fresh hub (fresh data directory) with the same load: ")
                .append("**no-fault** (both receivers answer 200) and **fault** (receiver B answers 503 to the first ")
                .append("attempt of ").append(Md.f("%.0f %%", 100 * r.failRatio)).append(" of its events: the n-th ")
                .append("distinct `Idempotency-Key` when floor(n × ").append(r.failRatio).append(") steps up, e.g. ")
                .append("every 10th at 0.10; the retry with the same key gets 200, so every event is delivered)\n");
        md.append("- receivers: two webhook endpoints of the hub, `").append(FaultIsolationBench.A).append("` (A, ")
                .append("healthy) and `").append(FaultIsolationBench.B).append("` (B), two paths of one HTTP server ")
                .append("in the benchmark JVM; every event goes to both, A first (the order of ")
                .append("`hub.webhooks.endpoints`)\n");
        md.append("- load: open loop, `POST /api/v1/tickets` at ").append(Md.f("%.0f", r.rate)).append(" per second ")
                .append(r.priorityChange ? "and, after each 201, `POST /api/v1/tickets/{id}/priority` (HIGH), so "
                        + "every ticket has its own events to keep in order (TicketCreated, the dispatch route's "
                        + "event, TicketPriorityChanged)" : "(no second request per ticket)")
                .append("; warm-up ").append(r.warmup.toSeconds()).append(" s, measured window ")
                .append(r.measure.toSeconds()).append(" s, then waiting (at most ")
                .append(FaultIsolationBench.MAX_WAIT.toSeconds()).append(" s) until both receivers hold every event ")
                .append("the hub wrote (its `hub.intake` counter)\n");
        md.append("- the hub's delivery settings (defaults from its application.yaml; `--hub-args` may change them): ")
                .append("`hub.events.consumers` ").append(r.settings.get("hub.events.consumers"))
                .append(", `hub.delivery.initial-backoff-ms` ").append(r.settings.get("hub.delivery.initial-backoff-ms"))
                .append(", `backoff-multiplier` ").append(r.settings.get("hub.delivery.backoff-multiplier"))
                .append(", `max-attempts` ").append(r.settings.get("hub.delivery.max-attempts"))
                .append(": the `outbound-webhook` route retries a failing receiver in place, the consumer thread ")
                .append("waiting out the backoff\n");
        md.append("- hub (fault run): `").append(r.fault.hubCommand.replaceAll("secret=\\S+", "secret=****"))
                .append("`\n");
        md.append("- one clock: every arrival is `System.nanoTime()` of the benchmark JVM, first thing in the ")
                .append("receiver's handler; *delivered* means the first 2xx answer to an event id\n");

        md.append("\n## Results\n\n");
        md.append("| | value | target |\n|---|---:|---|\n");
        md.append(Md.row("**A's delivery rate during the load, fault ÷ no-fault**", ratio(ratioA, fa, na),
                "≥ 80 % " + Md.mark(ratioA >= RATIO_TARGET)));
        md.append(Md.row("B's delivery rate during the load, fault ÷ no-fault", ratio(ratioB, fb, nb), ""));
        md.append(Md.row("**order violations** (an event delivered after a later one of its ticket; both runs, both "
                + "receivers)", Long.toString(violations), "0 " + Md.mark(violations == 0)));
        md.append(Md.row("duplicates (an event delivered 2xx again, same Idempotency-Key)", Long.toString(duplicates),
                "allowed"));
        md.append(Md.row("every event delivered to both receivers in the end", allDelivered ? "yes" : "**no**",
                "yes " + Md.mark(allDelivered)));

        md.append("\n## Per run and receiver\n\n");
        md.append("*In the window* counts the events first delivered during the measured window; *at load stop* ")
                .append("those first delivered before the last scheduled request, of all the receiver got; *drain* ")
                .append("is load stop → that receiver's last first delivery. The TicketCreated latency is the ")
                .append("window's tickets' 201 read by the client → their TicketCreated delivered (0 when the ")
                .append("webhook overtook the 201).\n\n");
        md.append("| run | receiver | requests (all attempts) | refused (503) | events delivered | in the window | ")
                .append("per s in the window | at load stop | drain | TicketCreated 201 → delivered p50 / p99 / max ")
                .append("| order violations | duplicates |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        row(md, "no-fault", "A", na);
        row(md, "no-fault", "B", nb);
        row(md, "fault", "A", fa);
        row(md, "fault", "B", fb);

        md.append("\n| run | tickets sent in the window / accepted | priority changes answered 200 | events the hub ")
                .append("wrote | all delivered | start / RSS peak | first errors |\n|---|---:|---:|---:|---|---:|---|\n");
        for (FaultIsolationBench.Run m : List.of(r.noFault, r.fault)) {
            List<ScheduledSend> window = m.window();
            md.append("| ").append(m.label).append(" | ").append(window.size()).append(" / ")
                    .append(window.stream().filter(ScheduledSend::accepted).count()).append(" | ")
                    .append(r.priorityChange ? Long.toString(m.sends.stream().filter(s -> s.followUpStatus == 200)
                            .count()) + " of " + m.sends.stream().filter(ScheduledSend::accepted).count()
                            : "–").append(" | ").append(m.events).append(" | ").append(m.drained ? "yes" : "**no**")
                    .append(" | ").append(Md.f("%.1f s / %.0f MiB", m.startTime.toMillis() / 1000.0, m.rssPeak))
                    .append(" | ").append(m.errors.isEmpty() ? "none" : String.join("; ", m.errors).replace("|", "/"))
                    .append(" |\n");
        }
        List<String> firstViolations = new ArrayList<>();
        for (Figures f : List.of(na, nb, fa, fb)) {
            firstViolations.addAll(f.s().firstViolations());
        }
        if (!firstViolations.isEmpty()) {
            md.append("\nFirst order violations: ").append(String.join("; ", firstViolations)).append('\n');
        }

        for (FaultIsolationBench.Run m : List.of(r.noFault, r.fault)) {
            md.append("\n## Over time: ").append(m.label).append("\n\n");
            md.append(ticks(m));
        }
        md.append("\n## How to read it\n\n");
        md.append("- Both receivers get every event, A first. In the fault run each refused attempt at B makes the ")
                .append("consumer that delivers it wait the backoff before the retry; meanwhile the events queued ")
                .append("behind it on that consumer (other tickets' too) reach neither A nor B. When the refusals cost ")
                .append("more consumer time than the load leaves, the queue grows during the load and A's rate in ")
                .append("the window falls below the no-fault run's; the drain then shows how long the backlog took.\n");
        md.append("- The rate the load asks for is the no-fault run's rate when that run keeps up (its at-load-stop ")
                .append("share near 100 %); a no-fault run that already fell behind measures the machine, not the ")
                .append("isolation.\n");
        md.append("- The order check holds each ticket's events to its `sequence` (the ticket's version after the ")
                .append("change) in the order of their first 2xx at each receiver; refused attempts do not count.\n");
        for (FaultIsolationBench.Run m : List.of(r.noFault, r.fault)) {
            if (m.topFrames != null) {
                md.append("\n## Top frames (JFR): ").append(m.label).append("\n\n").append(m.topFrames);
            }
        }
        md.append("\nHub logs: `").append(r.noFault.dir.resolve("hub.log")).append("`, `")
                .append(r.fault.dir.resolve("hub.log")).append("`.\n");
        return md.toString();
    }

    private static Figures figures(FaultIsolationBench.Run m, HookLog log, double seconds) {
        long inWindow = log.deliveredBetween(m.windowOpens, m.windowCloses);
        long last = log.lastArrival();
        Histogram created = new Histogram(3);
        created.setAutoResize(true);
        long missing = 0;
        for (ScheduledSend s : m.window()) {
            if (!s.accepted()) {
                continue;
            }
            Long arrived = log.createdArrival(s.ticketId);
            if (arrived == null) {
                missing++;
            } else {
                created.recordValue(Math.max(1, (arrived - s.answeredAt) / 1000));
            }
        }
        return new Figures(log.snapshot(), inWindow, inWindow / seconds, log.deliveredBetween(0, m.windowCloses),
                last == 0 ? null : Math.max(0, last - m.windowCloses) / 1e9, created, missing);
    }

    private static void row(StringBuilder md, String run, String receiver, Figures f) {
        Histogram h = f.created();
        md.append("| ").append(run).append(" | ").append(receiver).append(" | ").append(f.s().requests())
                .append(" | ").append(f.s().refused()).append(" | ").append(f.s().delivered()).append(" | ")
                .append(f.inWindow()).append(" | ").append(Md.f("%.1f", f.perSecond())).append(" | ")
                .append(f.atStop()).append(" (").append(Md.pct(f.atStop(), f.s().delivered())).append(") | ")
                .append(f.drainSeconds() == null ? "–" : Md.f("%.1f s", f.drainSeconds())).append(" | ")
                .append(h.getTotalCount() == 0 ? "–" : Md.f("%.1f / %.1f / %.1f ms", h.getValueAtPercentile(50)
                        / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0))
                .append(f.createdMissing() > 0 ? " (" + f.createdMissing() + " missing)" : "").append(" | ")
                .append(f.s().orderViolations()).append(" | ").append(f.s().duplicates()).append(" |\n");
    }

    private static String ratio(double ratio, Figures fault, Figures noFault) {
        return Double.isNaN(ratio) ? "n/a" : Md.f("**%.1f %%** (%.1f ÷ %.1f events/s)", 100 * ratio,
                fault.perSecond(), noFault.perSecond());
    }

    /** Every fifth second of a run, and its last: what each receiver had, B's refusals, the route queue. */
    private static String ticks(FaultIsolationBench.Run m) {
        List<FaultIsolationBench.Tick> all;
        synchronized (m.ticks) {
            all = List.copyOf(m.ticks);
        }
        StringBuilder md = new StringBuilder("| t | phase | tickets accepted | A events delivered | B events delivered "
                + "| B refused | `" + Timeline.WEBHOOK_QUEUE + "` depth |\n|---:|---|---:|---:|---:|---:|---:|\n");
        long start = all.isEmpty() ? 0 : all.get(0).nanoTime();
        long next = start;
        for (int i = 0; i < all.size(); i++) {
            FaultIsolationBench.Tick t = all.get(i);
            if (t.nanoTime() < next && i != all.size() - 1) {
                continue;
            }
            while (next <= t.nanoTime()) {
                next += TimeUnit.SECONDS.toNanos(5);
            }
            md.append("| ").append(Md.f("%.0f s", (t.nanoTime() - start) / 1e9)).append(" | ").append(t.phase())
                    .append(" | ").append(t.accepted()).append(" | ").append(t.aDelivered()).append(" | ")
                    .append(t.bDelivered()).append(" | ").append(t.bRefused()).append(" | ")
                    .append(t.depth() == null || t.depth().isNaN() ? "–" : Md.f("%.0f", t.depth())).append(" |\n");
        }
        return md.toString();
    }
}
