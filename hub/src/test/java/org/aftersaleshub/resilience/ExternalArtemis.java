package org.aftersaleshub.resilience;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An external Artemis broker in a JVM of its own, as several hub instances share one in production: started from
 * the Artemis server artifact on the test class path with {@code external-artemis/broker.xml} (the settings
 * docs/operations.md gives), its journal in a directory of the test's. Not the hub's embedded broker: the hubs
 * connect to it over TCP with {@code spring.artemis.mode=native}.
 */
final class ExternalArtemis implements AutoCloseable {

    private final Process process;
    private final int port;

    private ExternalArtemis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker and returns once its acceptor takes connections. */
    static ExternalArtemis start(Path dataDir, Path log) throws IOException {
        int port = HubProcess.freePort();
        Files.createDirectories(log.getParent());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dbroker.data=" + dataDir, "-Dbroker.port=" + port, "-cp", System.getProperty("java.class.path"),
                ExternalArtemis.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExternalArtemis broker = new ExternalArtemis(p, port);
        await("external broker accepting on " + port + " (log: " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).failFast("broker exited during start, see " + log,
                        () -> !p.isAlive())
                .until(broker::accepting);
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The broker JVM: runs until it is stopped (SIGTERM runs Artemis' own shutdown). */
    public static void main(String[] args) throws Exception {
        URL config = ExternalArtemis.class.getResource("/external-artemis/broker.xml");
        if (config == null) {
            throw new IllegalStateException("external-artemis/broker.xml is not on the class path");
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        try {
            broker.setConfigResourcePath(config.toURI().toString());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        broker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception ignored) {
                // the JVM ends anyway
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }
}
