package org.aftersaleshub.resilience;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub ({@code java -jar hub.jar}) running as a separate JVM, so it can be killed for real. Its output
 * goes to a log file (never the test's own stdio); {@link #kill9()} sends SIGKILL and checks that the JVM died of
 * it (exit status 137), not of a shutdown hook.
 */
final class HubProcess {

    private final Path jar;
    private final Path logDir;
    private final int port;
    private final List<String> hubArgs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /**
     * @param jar     the repackaged hub jar
     * @param logDir  where each start's output goes ({@code hub-<n>.log})
     * @param port    the HTTP port, the same on every start so clients keep their base URL
     * @param hubArgs application arguments ({@code --key=value})
     */
    HubProcess(Path jar, Path logDir, int port, List<String> hubArgs) {
        this.jar = jar;
        this.logDir = logDir;
        this.port = port;
        this.hubArgs = List.copyOf(hubArgs);
    }

    /** The jar named by the system property {@code hub.jar} (set by failsafe); fails clearly when it is missing. */
    static Path packagedJar() {
        String prop = System.getProperty("hub.jar");
        if (prop == null || !Files.isRegularFile(Path.of(prop))) {
            throw new IllegalStateException("system property hub.jar must name the packaged hub jar (was " + prop
                    + "); run this test with ./mvnw verify, which packages the jar first");
        }
        return Path.of(prop);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the JVM and returns once {@code /actuator/health/readiness} answers 200; returns the start time. */
    Duration startAndAwaitReady(Duration timeout) throws IOException {
        starts++;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
        cmd.addAll(hubArgs);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("hub-" + starts + ".log");
        long t0 = System.nanoTime();
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process p = process;
        await("hub start #" + starts + " ready (log: " + log + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast("hub exited during start, see " + log, () -> !p.isAlive())
                .until(this::ready);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * SIGKILL: {@link Process#destroyForcibly()} sends it on Linux; the exit status 128 + 9 proves no shutdown hook
     * or graceful stop ran.
     */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub pid " + process.pid() + " survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    /** Ends the hub at the end of the test (also SIGKILL: nothing to preserve any more). */
    void stop() throws InterruptedException {
        if (isAlive()) {
            kill9();
        }
    }

    int starts() {
        return starts;
    }
}
