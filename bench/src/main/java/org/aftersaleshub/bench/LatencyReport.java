package org.aftersaleshub.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The steady-rate latency benchmark's markdown report. */
final class LatencyReport {

    /** Issue 11: ticket accepted → webhook received, p99 at most 250 ms at a steady 100 tickets/s. */
    static final double P99_TARGET_MS = 250;

    private LatencyReport() {
    }

    static String render(BenchRun run, LatencyBench.Results r, String loadAfter) {
        List<ScheduledSend> window = r.window;
        Histogram endToEnd = histogram();
        Histogram request = histogram();
        Histogram fromSchedule = histogram();
        Histogram sendLag = histogram();
        long accepted = 0;
        long late = 0;
        long webhooks = 0;
        long webhookFirst = 0;
        Map<String, Long> refused = new TreeMap<>();
        for (int k = 0; k < window.size(); k++) {
            ScheduledSend s = window.get(k);
            sendLag.recordValue(micros(s.sentAt - s.scheduledAt));
            late += s.sentAt - s.scheduledAt > LatencyBench.LATE.toNanos() ? 1 : 0;
            if (!s.accepted()) {
                String why = s.failure != null ? s.failure : s.status != 0 ? "HTTP " + s.status : "no answer in time";
                refused.merge(why, 1L, Long::sum);
                continue;
            }
            accepted++;
            request.recordValue(micros(s.answeredAt - s.sentAt));
            fromSchedule.recordValue(micros(s.answeredAt - s.scheduledAt));
            Long arrived = r.arrivals[k];
            if (arrived != null) {
                webhooks++;
                // the webhook can overtake the 201 on its way to the client; that ticket waited 0 ms for it
                webhookFirst += arrived < s.answeredAt ? 1 : 0;
                endToEnd.recordValue(micros(arrived - s.answeredAt));
            }
        }
        double seconds = r.measure.toNanos() / 1e9;
        double sendSpan = window.size() < 2 ? seconds
                : (window.get(window.size() - 1).sentAt - window.get(0).sentAt) / 1e9;

        StringBuilder md = new StringBuilder();
        run.appendHead(md, "Steady-rate latency benchmark", loadAfter);
        md.append("\n## Setup\n\n");
        md.append("- open loop: `POST /api/v1/tickets` (the intake benchmark's ticket, no `Idempotency-Key`) sent at ")
                .append(Md.f("%.0f", r.rate)).append(" per second on a fixed schedule (request i at start + i / rate, ")
                .append("whatever the earlier answers did), java.net.http.HttpClient `sendAsync`, HTTP/1.1 keep-alive ")
                .append("(a new connection when all are busy), in the benchmark JVM on the same machine as the hub\n");
        md.append("- warm-up ").append(r.warmup.toSeconds()).append(" s (not counted), measured ")
                .append(r.measure.toSeconds()).append(" s (the requests scheduled in it), then waiting (at most ")
                .append(LatencyBench.MAX_WAIT.toSeconds()).append(" s) for their answers and webhooks\n");
        md.append("- hub: `").append(r.hubCommand.replaceAll("secret=\\S+", "secret=****")).append("`\n");
        md.append("- every ticket → outbox → embedded Artemis → outbound-webhook route → the receiver in the ")
                .append("benchmark JVM, as in production\n");
        md.append("- **how the clocks are compared**: one clock. *Accepted* is `System.nanoTime()` in the benchmark ")
                .append("JVM when the 201 with the ticket's id has been read by the client; *webhook received* is ")
                .append("`System.nanoTime()` in the same JVM, first thing in the receiver's handler, for the first ")
                .append("request with `X-Hub-Event-Type: TicketCreated` whose body's `ticketId` is that ticket. No ")
                .append("wall clocks, no clocks of the hub. The 201 and the webhook race each other on the loopback: ")
                .append("a webhook that arrives before the client has read the 201 counts as 0 ms.\n");
        if (run.jfr()) {
            md.append("- **JFR on** (`--jfr true`): the recording costs the hub CPU; compare with runs with JFR\n");
        }
        md.append("\n## Results\n\n");
        md.append("| | value | target |\n|---|---:|---|\n");
        double p99 = endToEnd.getValueAtPercentile(99) / 1000.0;
        md.append(Md.row("**accepted → webhook received** p50 / p99 / max", Md.f("%.1f / %.1f / %.1f ms",
                        endToEnd.getValueAtPercentile(50) / 1000.0, p99, endToEnd.getMaxValue() / 1000.0),
                "p99 ≤ 250 ms " + Md.mark(webhooks > 0 && p99 <= P99_TARGET_MS)));
        md.append(Md.row("requests of the window: accepted (201) / not accepted", accepted + " / "
                + (window.size() - accepted) + (refused.isEmpty() ? "" : " " + refused.toString().replace("=", ": ")),
                "all accepted " + Md.mark(accepted == window.size())));
        md.append(Md.row("accepted tickets of the window with their webhook received", webhooks + " of " + accepted
                + (webhookFirst > 0 ? " (" + webhookFirst + " webhooks arrived before their 201)" : ""),
                "all " + Md.mark(webhooks == accepted)));
        md.append(Md.row("request latency p50 / p99 / max (sent → 201 read)", Md.f("%.1f / %.1f / %.1f ms",
                request.getValueAtPercentile(50) / 1000.0, request.getValueAtPercentile(99) / 1000.0,
                request.getMaxValue() / 1000.0), ""));
        md.append(Md.row("request latency from the scheduled moment p50 / p99 (includes a late send's delay)",
                Md.f("%.1f / %.1f ms", fromSchedule.getValueAtPercentile(50) / 1000.0,
                        fromSchedule.getValueAtPercentile(99) / 1000.0), ""));
        md.append(Md.row("schedule: requests sent in the window / rate achieved", window.size()
                + Md.f(" / %.1f per s (sends spread over %.1f s; accepted %.1f per s of the window)",
                sendSpan > 0 ? (window.size() - 1) / sendSpan : 0, sendSpan, accepted / seconds),
                Md.f("%.0f per s", r.rate)));
        md.append(Md.row("late sends (more than " + LatencyBench.LATE.toMillis() + " ms after the scheduled moment) / "
                        + "send delay p99 / max", late + Md.f(" / %.1f / %.1f ms",
                        sendLag.getValueAtPercentile(99) / 1000.0, sendLag.getMaxValue() / 1000.0),
                "0 " + Md.mark(late == 0)));
        md.append(Md.row("first errors of the run (warm-up included)", r.errors.isEmpty() ? "none"
                : String.join("; ", r.errors).replace("|", "/"), ""));
        md.append(Md.row("embedded start (process start → readiness 200) / hub RSS peak", Md.f("%.1f s / %.0f MiB",
                r.startTime.toMillis() / 1000.0, r.rssPeak), ""));
        md.append("\nThe schedule was kept when the rate achieved is the rate asked for and no send is late: a late ")
                .append("send means the benchmark JVM could not keep up (on a busy machine), and the figures above ")
                .append("then understate the latency a steady source would see.\n");

        md.append("\n## Hub CPU per accepted ticket\n\n");
        md.append("Hub process CPU time (").append(ProcessCpu.source()).append(", every thread of the hub JVM) ")
                .append("between two moments ÷ the tickets whose 201 arrived between them; \"% of the machine\" is ")
                .append("that CPU over wall time × ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. At a steady rate below saturation this is the hub's cost per ticket.\n\n");
        md.append(CpuSpan.header());
        md.append(new CpuSpan("**window + drain**: window opens → every webhook received", r.windowOpens, r.drained)
                .row());
        md.append(new CpuSpan("window alone: window opens → last scheduled moment", r.windowOpens, r.windowCloses)
                .row());
        md.append("\n## Queue depth over time\n\n");
        md.append("Every 5 s from the start of the warm-up; the depth is the hub's `hub_route_queue_depth` gauge ")
                .append("(sampled by the hub every second).\n\n");
        md.append(r.timeline.table(5));
        if (r.topFrames != null) {
            md.append("\n## Top frames (JFR)\n\n").append(r.topFrames);
        }
        return md.toString();
    }

    private static Histogram histogram() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    /** Microseconds, at least 1 (a histogram records no negative or zero value usefully). */
    private static long micros(long nanos) {
        return Math.max(1, nanos / 1000);
    }
}
