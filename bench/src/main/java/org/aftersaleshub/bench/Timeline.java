package org.aftersaleshub.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The run second by second: every second (warm-up, measured window, drain) the tickets accepted so far, the webhooks
 * received so far, the depth of the hub's {@code outbound-webhook} route queue (and {@code erp-stock}, when the hub
 * has that route) and the hub's CPU time. The report shows every fifth second.
 *
 * <p>The counters are read on time; the depths are asked for without waiting (a saturated hub answers late), so a
 * sample holds the latest depth the hub had answered by then.
 */
final class Timeline implements AutoCloseable {

    static final String WEBHOOK_QUEUE = "outbound-webhook";
    static final String ERP_QUEUE = "erp-stock";

    /**
     * @param erpDepth null when the hub has no {@code erp-stock} queue
     */
    record Sample(long nanoTime, String phase, long accepted, long delivered, Double webhookDepth, Double erpDepth,
                  long hubCpuNanos) {
    }

    private final HubUnderTest hub;
    private final LongSupplier accepted;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timeline");
        t.setDaemon(true);
        return t;
    });
    private volatile String phase = "";
    /** The latest depth the hub answered, by queue. */
    private final Map<String, Double> depths = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    /** 404s for the erp-stock queue before it was ever seen; the hub registers a queue's gauges when it first
     * samples it, so a few seconds pass before a hub without that route is taken to have none */
    private volatile int erpMisses;
    private volatile boolean erpSeen;
    private long start;

    /** @param accepted the tickets accepted (201) so far */
    Timeline(HubUnderTest hub, LongSupplier accepted) {
        this.hub = hub;
        this.accepted = accepted;
    }

    /** Starts sampling now, at second 0, in the given phase. */
    void start(String firstPhase) {
        phase = firstPhase;
        start = System.nanoTime();
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** The phase the next samples are in (e.g. "window", "drain"). */
    void phase(String name) {
        phase = name;
    }

    private void sample() {
        long now = System.nanoTime();
        String phaseNow = phase;
        Sample s = new Sample(now, phaseNow, accepted.getAsLong(), hub.delivered(), depths.get(WEBHOOK_QUEUE),
                erpSeen ? depths.get(ERP_QUEUE) : null, ProcessCpu.nanos(hub.pid()));
        synchronized (samples) {
            samples.add(s);
        }
        if (reading.compareAndSet(false, true)) {
            boolean erp = erpSeen || erpMisses < 5;
            CompletableFuture<Void> erpRead = erp ? read(ERP_QUEUE) : CompletableFuture.completedFuture(null);
            CompletableFuture.allOf(read(WEBHOOK_QUEUE), erpRead).whenComplete((done, failure) -> reading.set(false));
        }
    }

    private CompletableFuture<Void> read(String queue) {
        try {
            return hub.routeQueueDepth(queue).thenAccept(depth -> {
                if (depth != null) {
                    depths.put(queue, depth);
                    erpSeen |= queue.equals(ERP_QUEUE);
                } else if (queue.equals(ERP_QUEUE)) {
                    erpMisses++;
                }
            });
        } catch (IOException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The largest depth of the {@code outbound-webhook} queue seen in a phase, or NaN when none was read. */
    double maxWebhookDepth(String inPhase) {
        return samples().stream().filter(s -> s.phase().equals(inPhase) && s.webhookDepth() != null)
                .mapToDouble(Sample::webhookDepth).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }

    /** A markdown table of the first sample at or after every {@code step} seconds, and the last one. */
    String table(int step) {
        List<Sample> all = samples();
        boolean erp = all.stream().anyMatch(s -> s.erpDepth() != null);
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder("| t | phase | accepted | webhooks received | accepted − received | `"
                + WEBHOOK_QUEUE + "` depth |" + (erp ? " `" + ERP_QUEUE + "` depth |" : "")
                + " hub CPU since the previous row, % of the machine |\n|---:|---|---:|---:|---:|---:|"
                + (erp ? "---:|" : "") + "---:|\n");
        Sample previous = null;
        long next = start;
        for (int i = 0; i < all.size(); i++) {
            Sample s = all.get(i);
            if (s.nanoTime() < next && i != all.size() - 1) {
                continue;
            }
            while (next <= s.nanoTime()) {
                next += TimeUnit.SECONDS.toNanos(step);
            }
            String cpu = previous == null || s.hubCpuNanos() < 0 ? "" : Md.f("%.0f %%", 100.0
                    * (s.hubCpuNanos() - previous.hubCpuNanos()) / ((s.nanoTime() - previous.nanoTime()) * cores));
            md.append("| ").append(Md.f("%.0f s", (s.nanoTime() - start) / 1e9)).append(" | ").append(s.phase())
                    .append(" | ").append(s.accepted()).append(" | ").append(s.delivered()).append(" | ")
                    .append(s.accepted() - s.delivered()).append(" | ").append(depth(s.webhookDepth())).append(" | ");
            if (erp) {
                md.append(depth(s.erpDepth())).append(" | ");
            }
            md.append(cpu).append(" |\n");
            previous = s;
        }
        return md.toString();
    }

    private static String depth(Double d) {
        return d == null || d.isNaN() ? "–" : Md.f("%.0f", d);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
