package org.aftersaleshub.bench;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Intake benchmark, in one run: (a) the packaged hub in the embedded default under N concurrent clients creating
 * tickets, (b) the bare-JDBC ceiling on the same file system with the same H2 durability, (c) a markdown report
 * under bench/results. See bench/README.md.
 *
 * <p>Options: {@code --clients 16 --seconds 30 --warmup 10 --hub-jvm-args "" --idempotency-key false
 * --work-dir bench/target/intake}.
 */
public final class IntakeBench {

    /** The route queue every accepted ticket's event waits in before its webhook delivery. */
    static final String ROUTE_QUEUE = "outbound-webhook";
    static final String DEVICE_SERIAL = "SN-AC-2024-000123";
    static final String DEVICE_MODEL = "KFR-35GW/BP3";
    static final String FAULT_TYPE = "制冷异常";
    static final String REGION = "华东";
    static final String DESCRIPTION = "压缩机不启动, 有异响; 客户上午在家, 请先电话联系. Compressor does not start, noise.";

    private IntakeBench() {
    }

    static String customerId(int thread) {
        return "C-BENCH-" + thread;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv, "--clients N --seconds S --warmup S --idempotency-key true|false "
                + "--hub-jvm-args \"...\" --work-dir DIR");
        int clients = Integer.parseInt(args.getOrDefault("clients", "16"));
        Duration measure = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "30")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "10")));
        boolean idempotencyKey = Boolean.parseBoolean(args.getOrDefault("idempotency-key", "false"));
        String jvmArgs = args.getOrDefault("hub-jvm-args", "").trim();
        Path repo = Path.of(System.getProperty("bench.repoDir", ".")).toAbsolutePath().normalize();
        Path module = Path.of(System.getProperty("bench.moduleDir", repo.resolve("bench").toString()));
        Path jar = Path.of(args.getOrDefault("hub-jar", System.getProperty("bench.hubJar",
                repo.resolve("hub/target/hub-0.1.0-SNAPSHOT.jar").toString())));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + "; build it: ./mvnw -q -Pbench -pl hub,bench -am "
                    + "install -DskipTests");
        }
        Path work = Path.of(args.getOrDefault("work-dir", module.resolve("target/intake").toString()))
                .toAbsolutePath().normalize();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now());
        Path runDir = work.resolve(stamp);
        Path hubData = runDir.resolve("hub-data");
        Path jdbcData = runDir.resolve("jdbc-data");
        Files.createDirectories(hubData);
        Files.createDirectories(jdbcData);

        Map<String, String> machine = machineInfo(runDir);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("intake bench: %d clients, %d s warm-up + %d s measured, work dir %s%n", clients,
                warmup.toSeconds(), measure.toSeconds(), runDir);

        // (a) the hub
        List<String> hubJvm = jvmArgs.isEmpty() ? List.of() : Arrays.asList(jvmArgs.split("\\s+"));
        LoadResult hub;
        Duration startTime;
        double rssIdle;
        double rssEnd;
        double rssPeak;
        long accepted;
        long deliveredAtEnd;
        Duration drain;
        long drained;
        String hubCommand;
        Map<String, Double> queueAtEnd;
        Map<String, Double> queueAfterDrain;
        double maxDepth = 0;
        double maxOldest = 0;
        try (HubUnderTest h = new HubUnderTest(jar, hubData, repo.resolve("routes"), hubJvm)) {
            hubCommand = String.join(" ", h.command());
            startTime = h.start(runDir.resolve("hub.log"));
            rssIdle = h.rssMib();
            System.out.printf("hub ready in %.1f s (pid %d, RSS %.0f MiB)%n", startTime.toMillis() / 1000.0, h.pid(),
                    rssIdle);
            String key = h.apiKey();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            java.util.concurrent.atomic.AtomicLong created = new java.util.concurrent.atomic.AtomicLong();
            hub = Load.run("hub", clients, warmup, measure, thread -> {
                byte[] body = ticketJson(thread).getBytes(StandardCharsets.UTF_8);
                return () -> {
                    HttpRequest.Builder b = HttpRequest.newBuilder(h.base().resolve("/api/v1/tickets"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    if (idempotencyKey) {
                        b.header("Idempotency-Key", UUID.randomUUID().toString());
                    }
                    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + " " + r.body());
                    }
                    created.incrementAndGet();
                };
            });
            rssEnd = h.rssMib();
            accepted = created.get();
            deliveredAtEnd = h.delivered();
            queueAtEnd = h.routeQueue(ROUTE_QUEUE);
            // how long the pipeline takes to deliver what was accepted (outbox -> Artemis -> route -> webhook), and
            // the most the route queue held meanwhile, as the hub's own metrics show it
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
            long nextRead = t0;
            while (h.delivered() < accepted && System.nanoTime() < deadline) {
                if (System.nanoTime() >= nextRead) {
                    Map<String, Double> q = h.routeQueue(ROUTE_QUEUE);
                    maxDepth = Math.max(maxDepth, q.getOrDefault("depth", 0.0));
                    maxOldest = Math.max(maxOldest, q.getOrDefault("oldest_age_seconds", 0.0));
                    nextRead = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            drain = Duration.ofNanos(System.nanoTime() - t0);
            drained = h.delivered();
            // one sample interval (1 s) later, the hub's view of the drained queue
            TimeUnit.MILLISECONDS.sleep(1_500);
            queueAfterDrain = h.routeQueue(ROUTE_QUEUE);
            rssPeak = h.peakRssMib();
        }
        System.out.printf("hub: %.0f tickets/s, p50 %.1f ms, p99 %.1f ms, errors %d%n", hub.perSecond(),
                hub.percentileMs(50), hub.percentileMs(99), hub.errors());

        // (b) the ceiling, after the hub stopped, same file system, same URL options
        Path yaml = repo.resolve("hub/src/main/resources/application.yaml");
        String payload = JdbcCeiling.samplePayload(JdbcCeiling.urlFor(yaml, hubData));
        JdbcCeiling ceiling = new JdbcCeiling(yaml, jdbcData, repo.resolve("hub/src/main/resources/db/migration"));
        ceiling.migrate();
        LoadResult jdbc = Load.run("jdbc", clients, JdbcCeiling.warmup(), measure,
                thread -> ceiling.insertOperation(thread, payload));
        System.out.printf("bare JDBC: %.0f inserts/s, p50 %.2f ms, p99 %.2f ms, errors %d%n", jdbc.perSecond(),
                jdbc.percentileMs(50), jdbc.percentileMs(99), jdbc.errors());
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

        // (c) the report
        String command = "./mvnw -q -Pbench -pl hub,bench -am install -DskipTests && ./mvnw -q -Pbench -pl bench "
                + "exec:java -Dexec.args=\"" + String.join(" ", argv) + "\"";
        double ratio = hub.perSecond() / jdbc.perSecond();
        StringBuilder md = new StringBuilder();
        md.append("# Intake benchmark ").append(LocalDate.now()).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- load average before / after: ").append(loadBefore).append(" / ").append(loadAfter).append('\n');
        md.append("\n## Setup\n\n");
        md.append("- ").append(clients).append(" client threads, closed loop (each sends its next request when the ")
                .append("previous one answered), java.net.http.HttpClient HTTP/1.1 keep-alive, in the benchmark JVM ")
                .append("on the same machine as the hub\n");
        md.append("- warm-up ").append(warmup.toSeconds()).append(" s (not counted), measured ")
                .append(measure.toSeconds()).append(" s\n");
        md.append("- request: `POST /api/v1/tickets`, ").append(ticketJson(0).getBytes(StandardCharsets.UTF_8).length)
                .append(" bytes JSON, ").append(idempotencyKey ? "with a fresh `Idempotency-Key` each" :
                        "no `Idempotency-Key`").append("; success = 201\n");
        md.append("- hub: `").append(hubCommand.replaceAll("secret=\\S+", "secret=****")).append("`\n");
        md.append("- hub pipeline as in production: every ticket → outbox → embedded Artemis → outbound-webhook route ")
                .append("→ HTTP receiver in the benchmark JVM\n");
        md.append("- ceiling: bare JDBC, ").append(clients).append(" threads, one connection each, one transaction ")
                .append("per ticket: `next value for ticket_number_seq` + ticket row + outbox row (payload = an event ")
                .append("the hub wrote, ").append(payload.length()).append(" chars); fresh H2 file database with the ")
                .append("hub's Flyway migrations; URL `").append(ceiling.url().replace(jdbcData.toString(), "<dir>"))
                .append("` (the hub's `spring.datasource.url`); warm-up ").append(JdbcCeiling.warmup().toSeconds())
                .append(" s, measured ").append(measure.toSeconds()).append(" s\n");
        md.append("- both databases under `").append(runDir).append("` (file system ")
                .append(Files.getFileStore(runDir).type()).append(")\n");
        md.append("\n## Results\n\n");
        md.append("| | value | target |\n|---|---:|---|\n");
        md.append(row("hub accepted tickets/s", fmt(hub.perSecond()), "≥ 1,500 " + mark(hub.perSecond() >= 1500)));
        md.append(row("bare-JDBC ceiling inserts/s", fmt(jdbc.perSecond()), ""));
        md.append(row("hub / ceiling", String.format(Locale.ROOT, "%.1f %%", ratio * 100), "≥ 50 % "
                + mark(ratio >= 0.5)));
        md.append(row("hub latency p50 / p99 / max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms",
                hub.percentileMs(50), hub.percentileMs(99), hub.latencyUs().getMaxValue() / 1000.0), ""));
        md.append(row("ceiling latency p50 / p99", String.format(Locale.ROOT, "%.2f / %.2f ms",
                jdbc.percentileMs(50), jdbc.percentileMs(99)), ""));
        md.append(row("hub errors (non-201 or exception) in window", Long.toString(hub.errors()), "0 "
                + mark(hub.errors() == 0)));
        md.append(row("ceiling errors", Long.toString(jdbc.errors()), ""));
        md.append(row("embedded start (process start → readiness 200)", String.format(Locale.ROOT, "%.1f s",
                startTime.toMillis() / 1000.0), "≤ 15 s " + mark(startTime.toMillis() <= 15_000)));
        md.append(row("hub RSS after start / at end of load / peak (VmHWM)", String.format(Locale.ROOT,
                "%.0f / %.0f / %.0f MiB", rssIdle, rssEnd, rssPeak), ""));
        md.append(row("tickets accepted in the whole run (incl. warm-up)", Long.toString(accepted), ""));
        md.append(row("webhook deliveries when load stopped / after drain", deliveredAtEnd + " / " + drained
                + String.format(Locale.ROOT, " (drain %.1f s)", drain.toMillis() / 1000.0), ""));
        md.append(row("`" + ROUTE_QUEUE + "` queue when load stopped: depth / in delivery / oldest age / consumers / "
                + "deliveries/s", queueRow(queueAtEnd), ""));
        md.append(row("`" + ROUTE_QUEUE + "` queue during drain: most depth / oldest age seen", String.format(
                Locale.ROOT, "%.0f / %.1f s", Math.max(maxDepth, queueAtEnd.getOrDefault("depth", 0.0)),
                Math.max(maxOldest, queueAtEnd.getOrDefault("oldest_age_seconds", 0.0))), ""));
        md.append(row("`" + ROUTE_QUEUE + "` queue after drain: depth / oldest age", String.format(Locale.ROOT,
                "%.0f / %.1f s", queueAfterDrain.getOrDefault("depth", Double.NaN),
                queueAfterDrain.getOrDefault("oldest_age_seconds", Double.NaN)), ""));
        md.append("\nLatency is measured at the client, per request, successful requests in the window only.\n");
        md.append("The queue rows are the hub's own `hub_route_queue_*` metrics (docs/operations.md), read from ")
                .append("`/actuator/prometheus`; the hub samples the broker every second in this run.\n");
        String report = md.toString();
        Path results = module.resolve("results");
        Files.createDirectories(results);
        Path out = results.resolve("intake-" + LocalDate.now() + ".md");
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + out);
        System.exit(0); // the HTTP client and Flyway leave non-daemon threads; exec:java would wait for them
    }

    static String ticketJson(int thread) {
        return """
                {"channel":"WEB","customerId":"%s","device":{"serial":"%s","model":"%s"},"faultType":"%s",\
                "description":"%s","priority":"NORMAL","region":"%s"}""".formatted(customerId(thread), DEVICE_SERIAL,
                DEVICE_MODEL, FAULT_TYPE, DESCRIPTION, REGION);
    }

    static String queueRow(Map<String, Double> q) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.1f s / %.0f / %.1f", q.getOrDefault("depth", Double.NaN),
                q.getOrDefault("delivering", Double.NaN), q.getOrDefault("oldest_age_seconds", Double.NaN),
                q.getOrDefault("consumers", Double.NaN), q.getOrDefault("deliveries_per_second", Double.NaN));
    }

    static String row(String name, String value, String target) {
        return "| " + name + " | " + value + " | " + target + " |\n";
    }

    static String fmt(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String mark(boolean met) {
        return met ? "met" : "**missed**";
    }

    static Map<String, String> machineInfo(Path dir) throws IOException, InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                m.put("memory", String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                break;
            }
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        m.put("java -version", version.replace("\n", "; "));
        return m;
    }

    /** {@code --name value} or {@code --name=value} pairs; {@code options} is shown when an argument is not one. */
    static Map<String, String> parse(String[] argv, String options) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(Arrays.asList(argv));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options are " + options);
            }
            String name = a.substring(2);
            if (name.contains("=")) {
                m.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else {
                m.put(name, i + 1 < rest.size() ? rest.get(++i) : "");
            }
        }
        return m;
    }
}
