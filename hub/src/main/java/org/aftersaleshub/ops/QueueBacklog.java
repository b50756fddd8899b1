package org.aftersaleshub.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.messaging.RouteQueueReader;
import org.aftersaleshub.messaging.RouteQueueReader.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.aftersaleshub.support.PeriodicSampler;
import org.springframework.stereotype.Component;

/**
 * What waits in the broker: per route queue, the messages not yet acknowledged, how old the oldest is, how many
 * consumers read it and how fast they acknowledge. The outbox lag shows only what has not reached the broker; an
 * event that reached it and waits there for a slow receiver shows here.
 *
 * <p>A sampler thread of its own reads the broker every {@code hub.ops.queue-sample-interval} (through
 * {@link RouteQueueReader}, so also an external broker); metrics scrapes and the spine health read the last sample
 * and never reach the broker themselves. Exported as {@code hub_route_queue_depth}, {@code _delivering},
 * {@code _oldest_age_seconds}, {@code _consumers}, {@code _deliveries_per_second} and
 * {@code hub_route_queue_acknowledged_total}, each with the tag {@code queue}; NaN while the broker cannot be read.
 */
@Component
public class QueueBacklog extends PeriodicSampler<QueueBacklog.Snapshot> {

    private static final Logger log = LoggerFactory.getLogger(QueueBacklog.class);

    /**
     * One route queue at the last sample.
     *
     * @param oldestTimestamp     when the oldest unacknowledged message reached the broker (epoch ms), null when none
     * @param deliveriesPerSecond messages acknowledged per second between the last two samples
     */
    public record QueueState(String queue, long depth, long delivering, int consumers, long acknowledged,
                             Long oldestTimestamp, double deliveriesPerSecond) {

        /** Age of the oldest unacknowledged message now, in seconds; 0 when the queue is empty. */
        public double oldestAgeSeconds(Instant now) {
            return oldestTimestamp == null ? 0 : Math.max(0, (now.toEpochMilli() - oldestTimestamp) / 1000.0);
        }
    }

    /**
     * The last sample.
     *
     * @param sampledAt when it was taken (null before the first)
     * @param queues    by queue name; empty when the broker could not be read
     * @param error     why the last sample failed, or null
     */
    public record Snapshot(Instant sampledAt, Map<String, QueueState> queues, String error) {
    }

    private final RouteQueueReader reader;
    private final OpsProperties props;
    private final MeterRegistry meters;
    private final Set<String> metered = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Snapshot last = new Snapshot(null, Map.of(), "not sampled yet");

    public QueueBacklog(ConnectionFactory connectionFactory, EventsProperties events, OpsProperties props,
                        MeterRegistry meters) {
        super("route-queue-sampler", props.queueSampleInterval());
        this.reader = new RouteQueueReader(connectionFactory, events.address(), props.managementAddress());
        this.props = props;
        this.meters = meters;
    }

    /** The last sample; never reaches the broker. */
    public Snapshot snapshot() {
        return last;
    }

    /** The queues whose oldest unacknowledged message is older than {@code hub.ops.backlog-warn-age}, as sentences. */
    public List<String> warnings(Instant now) {
        List<String> out = new ArrayList<>();
        double limit = props.backlogWarnAge().toMillis() / 1000.0;
        for (QueueState q : last.queues().values()) {
            double age = q.oldestAgeSeconds(now);
            if (age > limit) {
                out.add(String.format(Locale.ROOT, "%s: the oldest of %d unacknowledged messages is %.0f s old "
                                + "(warning above %s); %d consumers, %.1f deliveries/s", q.queue(), q.depth(), age,
                        props.backlogWarnAge(), q.consumers(), q.deliveriesPerSecond()));
            }
        }
        return out;
    }

    /** Reads the broker now and replaces the snapshot; the sampler calls it on its schedule. */
    @Override
    public synchronized Snapshot sample() {
        Instant now = Instant.now();
        Snapshot before = last;
        try {
            Map<String, QueueState> queues = new LinkedHashMap<>();
            for (Reading r : reader.read()) {
                QueueState previous = before.queues().get(r.queue());
                double rate = 0;
                if (previous != null && before.sampledAt() != null) {
                    double seconds = Duration.between(before.sampledAt(), now).toMillis() / 1000.0;
                    // the broker's counter restarts with the broker: no negative rate after a restart
                    rate = seconds <= 0 ? 0 : Math.max(0, r.acknowledged() - previous.acknowledged()) / seconds;
                }
                queues.put(r.queue(), new QueueState(r.queue(), r.messageCount(), r.deliveringCount(),
                        r.consumerCount(), r.acknowledged(), r.oldestTimestamp(), rate));
                meter(r.queue());
            }
            last = new Snapshot(now, Map.copyOf(queues), null);
            if (before.error() != null && before.sampledAt() != null) {
                log.info("Route queue statistics readable again");
            }
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (before.error() == null || before.sampledAt() == null) {
                log.warn("Cannot read the route queues' statistics from the broker (metrics show NaN until it "
                        + "answers): {}", why);
            }
            last = new Snapshot(now, Map.of(), why);
        }
        logWarningChanges(now);
        return last;
    }

    /** Logs once when a queue's backlog warning starts and once when it clears. */
    private void logWarningChanges(Instant now) {
        double limit = props.backlogWarnAge().toMillis() / 1000.0;
        for (QueueState q : last.queues().values()) {
            boolean over = q.oldestAgeSeconds(now) > limit;
            if (over && warned.add(q.queue())) {
                log.warn("Backlog on route queue {}: {} messages unacknowledged, the oldest {} s old (warning above "
                                + "{}), {} consumers, {} deliveries/s", q.queue(), q.depth(),
                        Math.round(q.oldestAgeSeconds(now)), props.backlogWarnAge(), q.consumers(),
                        String.format(Locale.ROOT, "%.1f", q.deliveriesPerSecond()));
            } else if (!over && warned.remove(q.queue())) {
                log.info("Backlog on route queue {} cleared: {} messages unacknowledged", q.queue(), q.depth());
            }
        }
    }

    private void meter(String queue) {
        if (!metered.add(queue)) {
            return;
        }
        gauge("hub.route.queue.depth", queue, null, "Messages on the route queue not yet acknowledged (waiting, "
                + "in a consumer's hands or being retried)", q -> q.depth());
        gauge("hub.route.queue.delivering", queue, null, "Of those, the messages handed to a consumer",
                q -> q.delivering());
        gauge("hub.route.queue.oldest.age", queue, "seconds", "Age of the oldest unacknowledged message",
                q -> q.oldestAgeSeconds(Instant.now()));
        gauge("hub.route.queue.consumers", queue, null, "Consumers on the route queue (all hub instances)",
                q -> q.consumers());
        gauge("hub.route.queue.deliveries.per.second", queue, null,
                "Messages acknowledged per second between the last two samples", QueueState::deliveriesPerSecond);
        FunctionCounter.builder("hub.route.queue.acknowledged", this, b -> value(b, queue, q -> q.acknowledged()))
                .tag("queue", queue).description("Messages acknowledged on the route queue since the broker started")
                .register(meters);
    }

    private void gauge(String name, String queue, String unit, String description, ToDoubleFunction<QueueState> f) {
        Gauge.builder(name, this, b -> value(b, queue, f)).tag("queue", queue).baseUnit(unit).description(description)
                .register(meters);
    }

    private static double value(QueueBacklog backlog, String queue, ToDoubleFunction<QueueState> f) {
        QueueState q = backlog.last.queues().get(queue);
        return q == null ? Double.NaN : f.applyAsDouble(q);
    }

    @Override
    protected void afterStop() {
        synchronized (this) {
            reader.close();
        }
    }
}
