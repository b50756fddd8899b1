package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged hub in the embedded default (H2 file database, embedded Artemis, demo off) as a separate JVM, with a
 * webhook receiver in this JVM so every accepted ticket also travels outbox → broker → route → HTTP as in
 * production ({@link WebhookReceiver}). Samples the hub's resident set size from /proc; reads its route-queue
 * metrics.
 */
final class HubUnderTest implements AutoCloseable {

    static final String HOOK = "bench";
    /** In an app argument: replaced by the hub's base URL, which is known only once the port is chosen. */
    static final String HUB_PLACEHOLDER = "{hub}";
    /** In an app argument: replaced by the receiver's URL of a hook name, for a second webhook endpoint. */
    static final String HOOKS_PLACEHOLDER = "{hooks}";
    private static final String SECRET = "bench-webhook-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private final Path dataDir;
    private final List<String> command;
    private Process process;
    private volatile long peakRssKb;
    private volatile long lastRssKb;
    private volatile Instant readyAt;
    private String apiKey;

    HubUnderTest(Path jar, Path dataDir, Path routesDir, List<String> jvmArgs) throws IOException {
        this(jar, dataDir, routesDir, jvmArgs, List.of());
    }

    /**
     * @param appArgs further {@code --key=value} arguments for the hub, after the defaults above; they
     *                must not repeat a key set above (Spring Boot joins repeated command-line keys with commas), e.g.
     *                the ERP connector and its keys for the pipeline benchmark; {@value #HUB_PLACEHOLDER} in one
     *                becomes the hub's base URL, {@value #HOOKS_PLACEHOLDER}{@code name} the receiver's URL for
     *                {@code name}
     */
    HubUnderTest(Path jar, Path dataDir, Path routesDir, List<String> jvmArgs, List<String> appArgs)
            throws IOException {
        this.dataDir = dataDir;
        receiver = new WebhookReceiver();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--hub.data-dir=" + dataDir,
                "--hub.routes-dir=" + routesDir,
                "--hub.demo.enabled=false",
                // route-queue metrics sampled every second, so the report's backlog numbers are at most 1 s old
                "--hub.ops.queue-sample-interval=1s",
                "--hub.webhooks.endpoints[0].name=" + HOOK,
                "--hub.webhooks.endpoints[0].url=" + receiver.url(HOOK),
                "--hub.webhooks.endpoints[0].secret=" + SECRET));
        // "{hub}" in an argument is this hub's own base URL (a callback URL it registers with a platform at start)
        appArgs.forEach(a -> command.add(a.replace(HUB_PLACEHOLDER, "http://127.0.0.1:" + port)
                .replace(HOOKS_PLACEHOLDER, receiver.url(""))));
    }

    List<String> command() {
        return command;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the hub; returns the time from process start to readiness answering 200. */
    Duration start(Path log) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        sampler.scheduleAtFixedRate(this::sampleRss, 0, 200, TimeUnit.MILLISECONDS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(base().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited during start (status " + process.exitValue() + "), see "
                        + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readyAt = Instant.now();
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(50); // a benchmark harness polling a child process, not a test
        }
        throw new IllegalStateException("hub not ready within 180 s, see " + log);
    }

    /** When readiness first answered 200 (wall clock, comparable with the hub's JFR timestamps). */
    Instant readyAt() {
        return readyAt;
    }

    /** The demo admin key the hub wrote at its first start. */
    synchronized String apiKey() throws IOException {
        if (apiKey == null) {
            apiKey = Files.readString(dataDir.resolve("demo-api-key.txt"), StandardCharsets.UTF_8).trim();
        }
        return apiKey;
    }

    long pid() {
        return process.pid();
    }

    private void sampleRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    lastRssKb = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    peakRssKb = Math.max(peakRssKb, kb(line));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** Current RSS in MiB (sampled now). */
    double rssMib() {
        sampleRss();
        return lastRssKb / 1024.0;
    }

    /** Peak RSS (VmHWM) in MiB. */
    double peakRssMib() {
        sampleRss();
        return peakRssKb / 1024.0;
    }

    /**
     * The route queue's backlog as the hub exports it on {@code /actuator/prometheus} ({@code hub_route_queue_*},
     * read with the demo admin key): metric name without the prefix → value, e.g. {@code depth}, {@code
     * oldest_age_seconds}; empty when the hub has not sampled the queue yet.
     */
    Map<String, Double> routeQueue(String queue) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base().resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey()).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^hub_route_queue_(\\w+)\\{[^}]*queue=\"" + Pattern.quote(queue)
                + "\"[^}]*} (\\S+)$").matcher(r.body());
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return values;
    }

    /**
     * The one gauge {@code hub.route.queue.depth} (exported as {@code hub_route_queue_depth}) of a route queue, read
     * from {@code /actuator/metrics} (one meter, cheaper for the hub than a whole Prometheus scrape), without
     * blocking the caller: completes with null when the hub has no such queue (404), NaN when it could not be read.
     */
    CompletableFuture<Double> routeQueueDepth(String queue) throws IOException {
        return http.sendAsync(HttpRequest.newBuilder(base().resolve("/actuator/metrics/hub.route.queue.depth?tag=queue:"
                        + queue)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + apiKey()).build(),
                HttpResponse.BodyHandlers.ofString()).handle((r, failure) -> {
                    if (r == null || r.statusCode() == 404) {
                        return r == null ? Double.NaN : null;
                    }
                    try {
                        for (JsonNode m : JSON.readTree(r.body()).path("measurements")) {
                            if ("VALUE".equals(m.path("statistic").asText())) {
                                return m.path("value").asDouble(Double.NaN);
                            }
                        }
                    } catch (IOException unreadable) {
                        // NaN below
                    }
                    return Double.NaN;
                });
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    long delivered() {
        return receiver.delivered();
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        if (process != null && process.isAlive()) {
            process.destroy();
            // a graceful exit: JFR dumps its recording in the JVM's shutdown, which takes a while on a busy machine
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        receiver.close();
    }
}
