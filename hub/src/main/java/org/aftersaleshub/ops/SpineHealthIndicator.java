package org.aftersaleshub.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.aftersaleshub.deadletter.DeadLetterStore;
import org.aftersaleshub.outbox.OutboxRelay;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the event spine ({@code /actuator/health/spine}): the relay reaches the broker, how many events wait
 * in the outbox and for how long, what waits in each route queue on the broker (from {@link QueueBacklog}'s last
 * sample, with a {@code backlog: WARN} detail when a queue's oldest message is older than
 * {@code hub.ops.backlog-warn-age}), open dead letters, and for the embedded broker its journal size and the free
 * disk under it. DOWN when the relay cannot publish or the journal disk is above the broker's max-disk-usage
 * (Artemis then blocks producers); a backlog alone leaves it UP, since taking the instance out of the load balancer
 * would not deliver anything sooner.
 */
@Component("spine")
public class SpineHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final DeadLetterStore deadLetters;
    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final QueueBacklog backlog;

    public SpineHealthIndicator(OutboxRelay relay, DeadLetterStore deadLetters,
                                ObjectProvider<EmbeddedActiveMQ> embedded, QueueBacklog backlog) {
        this.relay = relay;
        this.deadLetters = deadLetters;
        this.embedded = embedded;
        this.backlog = backlog;
    }

    @Override
    public Health health() {
        Health.Builder h = relay.brokerHealthy() ? Health.up() : Health.down().withDetail("relay",
                "cannot publish to the broker; events wait in the outbox");
        h.withDetail("outboxUnpublished", relay.unpublishedCount())
                .withDetail("outboxOldestSeconds", relay.oldestUnpublishedAgeSeconds())
                .withDetail("deadLettersOpen", deadLetters.openCount());
        routeQueues(h);
        Optional.ofNullable(embedded.getIfAvailable()).map(EmbeddedActiveMQ::getActiveMQServer).ifPresent(server -> {
            var config = server.getConfiguration();
            Path journal = config.getJournalLocation().toPath();
            h.withDetail("brokerStarted", server.isStarted());
            try {
                FileStore store = Files.getFileStore(journal);
                double usedPct = 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / store.getTotalSpace();
                h.withDetail("journalBytes", size(journal))
                        .withDetail("journalDiskFreeBytes", store.getUsableSpace())
                        .withDetail("journalDiskUsedPercent", Math.round(usedPct * 10) / 10.0)
                        .withDetail("brokerMaxDiskUsagePercent", config.getMaxDiskUsage());
                if (usedPct >= config.getMaxDiskUsage() || !server.isStarted()) {
                    h.down();
                }
            } catch (IOException e) {
                h.withDetail("journal", "cannot read " + journal + ": " + e.getMessage());
            }
        });
        return h.build();
    }

    private void routeQueues(Health.Builder h) {
        Instant now = Instant.now();
        QueueBacklog.Snapshot snapshot = backlog.snapshot();
        Map<String, Object> queues = new LinkedHashMap<>();
        snapshot.queues().values().forEach(q -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("depth", q.depth());
            d.put("delivering", q.delivering());
            // rounded up to 0.1 s: an age that warns (over hub.ops.backlog-warn-age) never shows as the limit itself
            d.put("oldestSeconds", Math.ceil(q.oldestAgeSeconds(now) * 10) / 10.0);
            d.put("consumers", q.consumers());
            d.put("deliveriesPerSecond", Math.round(q.deliveriesPerSecond() * 10) / 10.0);
            queues.put(q.queue(), d);
        });
        h.withDetail("routeQueues", queues);
        if (snapshot.sampledAt() != null) {
            h.withDetail("routeQueuesSampledAt", snapshot.sampledAt().toString());
        }
        if (snapshot.error() != null) {
            h.withDetail("routeQueuesError", snapshot.error());
        }
        List<String> warnings = backlog.warnings(now);
        h.withDetail("backlog", warnings.isEmpty() ? "OK" : "WARN");
        if (!warnings.isEmpty()) {
            h.withDetail("backlogWarnings", warnings);
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
