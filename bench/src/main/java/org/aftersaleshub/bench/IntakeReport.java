package org.aftersaleshub.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The intake benchmark's markdown report. */
final class IntakeReport {

    /** Issue 11: at most 2 ms of hub CPU per accepted ticket, its webhook delivery included. */
    static final double CPU_MS_TARGET = 2.0;
    /** Issue 11: at least 80 % of the accepted tickets' webhooks delivered when the load stops. */
    static final double DELIVERED_AT_STOP_TARGET = 0.8;

    private IntakeReport() {
    }

    static String render(BenchRun run, IntakeBench.Results r, String loadAfter) {
        StringBuilder md = new StringBuilder();
        run.appendHead(md, "Intake benchmark", loadAfter);
        md.append("\n## Setup\n\n");
        md.append("- ").append(r.clients).append(" client threads, closed loop (each sends its next request when the ")
                .append("previous one answered), java.net.http.HttpClient HTTP/1.1 keep-alive, in the benchmark JVM ")
                .append("on the same machine as the hub\n");
        md.append("- warm-up ").append(r.warmup.toSeconds()).append(" s (not counted), measured ")
                .append(r.measure.toSeconds()).append(" s, then the drain: until the receiver has a webhook for ")
                .append("every accepted ticket (at most ").append(IntakeBench.MAX_DRAIN.toSeconds()).append(" s)\n");
        md.append("- request: `POST /api/v1/tickets`, ")
                .append(HubClient.ticketJson(0).getBytes(StandardCharsets.UTF_8).length).append(" bytes JSON, ")
                .append(r.idempotencyKey ? "with a fresh `Idempotency-Key` each" : "no `Idempotency-Key`")
                .append("; success = 201\n");
        md.append("- hub: `").append(r.hubCommand.replaceAll("secret=\\S+", "secret=****")).append("`\n");
        md.append("- hub pipeline as in production: every ticket → outbox → embedded Artemis → outbound-webhook route ")
                .append("→ HTTP receiver in the benchmark JVM\n");
        md.append("- ceiling: bare JDBC, ").append(r.clients).append(" threads, one connection each, one transaction ")
                .append("per ticket: `next value for ticket_number_seq` + ticket row + outbox row (payload = an event ")
                .append("the hub wrote, ").append(r.payloadChars).append(" chars); fresh H2 file database with the ")
                .append("hub's Flyway migrations; URL `").append(r.ceilingUrl)
                .append("` (the hub's `spring.datasource.url`); warm-up ").append(JdbcCeiling.warmup().toSeconds())
                .append(" s, measured ").append(r.measure.toSeconds()).append(" s\n");
        md.append("- both databases under `").append(run.runDir).append("` (file system ").append(r.fileSystem)
                .append(")\n");
        md.append("- every second the benchmark reads the hub's route-queue depth (`/actuator/metrics`, 1–2 ")
                .append("requests), the hub's CPU time and its own counters; those requests are in the hub's CPU ")
                .append("below\n");
        if (run.jfr()) {
            md.append("- **JFR on** (`--jfr true`): the recording costs the hub CPU and start time; compare runs ")
                    .append("with JFR only with runs with JFR\n");
        }
        results(md, r);
        cpu(md, r);
        md.append("\n## Queue depth over time\n\n");
        md.append("Every 5 s from the start of the warm-up (t = 0) to the end of the drain. *accepted*: 201 answers ")
                .append("the clients had; *webhooks received*: requests the receiver had answered; the depth is the ")
                .append("hub's `hub_route_queue_depth` gauge, which the hub samples from the broker every second ")
                .append("(`--hub.ops.queue-sample-interval=1s`), so it lags up to 1 s.\n\n");
        md.append(r.timeline.table(5));
        if (r.topFrames != null) {
            md.append("\n## Top frames (JFR)\n\n").append(r.topFrames);
        }
        return md.toString();
    }

    private static void results(StringBuilder md, IntakeBench.Results r) {
        LoadResult hub = r.hub;
        LoadResult jdbc = r.jdbc;
        double ratio = hub.perSecond() / jdbc.perSecond();
        long acceptedAtStop = r.loadStopped.accepted();
        long deliveredAtStop = r.loadStopped.delivered();
        md.append("\n## Results\n\n");
        md.append("Targets from issues 3 and 11.\n\n");
        md.append("| | value | target |\n|---|---:|---|\n");
        md.append(Md.row("hub accepted tickets/s", Md.fmt(hub.perSecond()), "≥ 1,500 "
                + Md.mark(hub.perSecond() >= 1500)));
        md.append(Md.row("bare-JDBC ceiling inserts/s", Md.fmt(jdbc.perSecond()), ""));
        md.append(Md.row("hub / ceiling", Md.f("%.1f %%", ratio * 100), "≥ 50 % " + Md.mark(ratio >= 0.5)));
        md.append(Md.row("hub latency p50 / p99 / max", Md.f("%.1f / %.1f / %.1f ms", hub.percentileMs(50),
                hub.percentileMs(99), hub.latencyUs().getMaxValue() / 1000.0), ""));
        md.append(Md.row("ceiling latency p50 / p99", Md.f("%.2f / %.2f ms", jdbc.percentileMs(50),
                jdbc.percentileMs(99)), ""));
        md.append(Md.row("hub errors (non-201 or exception) in window", Long.toString(hub.errors()), "0 "
                + Md.mark(hub.errors() == 0)));
        md.append(Md.row("ceiling errors", Long.toString(jdbc.errors()), ""));
        double cpuMs = new CpuSpan("", r.windowOpens, r.drained).msPerAccepted();
        md.append(Md.row("hub CPU per accepted ticket, webhook included (window + drain, see below)",
                Md.f("%.2f ms", cpuMs), "≤ 2 ms " + Md.mark(cpuMs <= CPU_MS_TARGET)));
        md.append(Md.row("embedded start (process start → readiness 200)", Md.f("%.1f s",
                r.startTime.toMillis() / 1000.0), "≤ 10 s " + Md.mark(r.startTime.toMillis() <= 10_000)));
        md.append(Md.row("hub RSS after start / at end of load / peak (VmHWM)", Md.f("%.0f / %.0f / %.0f MiB",
                r.rssIdle, r.rssEnd, r.rssPeak), "peak ≤ 600 MiB " + Md.mark(r.rssPeak <= 600)));
        md.append(Md.row("tickets accepted in the whole run (warm-up, window, requests in flight at its close)",
                Long.toString(acceptedAtStop), ""));
        md.append(Md.row("webhook deliveries done when the load stopped (all clients finished)",
                deliveredAtStop + " of " + acceptedAtStop + " (" + Md.pct(deliveredAtStop, acceptedAtStop) + ")",
                "≥ 80 % " + Md.mark(deliveredAtStop >= DELIVERED_AT_STOP_TARGET * acceptedAtStop)));
        md.append(Md.row("drain: load stopped → webhook for every accepted ticket received",
                Md.f("%.1f s", (r.drained.nanoTime() - r.loadStopped.nanoTime()) / 1e9)
                        + (r.drainComplete ? "" : Md.f(" — **not complete**: %d of %d", r.drained.delivered(),
                        r.drained.accepted())), ""));
        md.append(Md.row("`" + Timeline.WEBHOOK_QUEUE + "` queue when load stopped: depth / in delivery / oldest age "
                + "/ consumers / deliveries/s", queueRow(r.queueAtEnd), ""));
        md.append(Md.row("`" + Timeline.WEBHOOK_QUEUE + "` queue: most depth seen in the window / in the drain",
                depth(r.timeline.maxWebhookDepth("window")) + " / " + depth(r.timeline.maxWebhookDepth("drain")),
                ""));
        md.append(Md.row("`" + Timeline.WEBHOOK_QUEUE + "` queue after drain: depth / oldest age", Md.f(
                "%.0f / %.1f s", r.queueAfterDrain.getOrDefault("depth", Double.NaN),
                r.queueAfterDrain.getOrDefault("oldest_age_seconds", Double.NaN)), ""));
        md.append("\nLatency is measured at the client, per request, successful requests in the window only. ")
                .append("The queue rows are the hub's own `hub_route_queue_*` metrics (docs/operations.md), read from ")
                .append("`/actuator/prometheus`.\n");
    }

    private static void cpu(StringBuilder md, IntakeBench.Results r) {
        md.append("\n## Hub CPU per accepted ticket\n\n");
        md.append("Hub process CPU time (").append(ProcessCpu.source()).append(", every thread of the hub JVM: ")
                .append("requests, relay, broker, consumers, GC, JIT) between two moments, divided by the tickets ")
                .append("whose 201 the clients received between the same two moments. \"% of the machine\" is that ")
                .append("CPU time over wall time × ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores.\n\n");
        md.append(CpuSpan.header());
        md.append(new CpuSpan("**window + drain**: window opens → webhook for every accepted ticket received",
                r.windowOpens, r.drained).row());
        md.append(new CpuSpan("window alone: window opens → window closes", r.windowOpens, r.windowCloses).row());
        md.append(new CpuSpan("whole load: warm-up starts → webhook for every accepted ticket received",
                r.loadStarts, r.drained).row());
        long backlog = r.windowOpens.accepted() - r.windowOpens.delivered();
        md.append("\n- *window + drain* is the headline figure (the issue's \"hub CPU per accepted ticket, its ")
                .append("webhook delivery included\"): its tickets are those accepted in the window plus the ")
                .append("requests in flight when it closed; no request is sent after that. Its CPU also delivers the ")
                .append(backlog).append(" webhooks the warm-up left undelivered when the window opened, so it ")
                .append("counts ").append(Md.pct(backlog, Math.max(1, r.drained.accepted()
                        - r.windowOpens.accepted()))).append(" more deliveries than tickets.\n");
        md.append("- *window alone* is CPU per ticket while the clients keep the hub saturated; the deliveries it ")
                .append("leaves behind are not in it.\n");
        md.append("- *whole load* covers every accepted ticket and every one of its webhooks, nothing else, but ")
                .append("also the JIT compilation of the warm-up.\n");
    }

    static String queueRow(Map<String, Double> q) {
        return Md.f("%.0f / %.0f / %.1f s / %.0f / %.1f", q.getOrDefault("depth", Double.NaN),
                q.getOrDefault("delivering", Double.NaN), q.getOrDefault("oldest_age_seconds", Double.NaN),
                q.getOrDefault("consumers", Double.NaN), q.getOrDefault("deliveries_per_second", Double.NaN));
    }

    private static String depth(double d) {
        return Double.isNaN(d) ? "–" : Md.f("%.0f", d);
    }
}
