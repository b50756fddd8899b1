package org.aftersaleshub.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * in the outbox and for how long, open dead letters, and for the embedded broker its journal size and the free
 * disk under it. DOWN when the relay cannot publish or the journal disk is above the broker's max-disk-usage
 * (Artemis then blocks producers).
 */
@Component("spine")
public class SpineHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final DeadLetterStore deadLetters;
    private final ObjectProvider<EmbeddedActiveMQ> embedded;

    public SpineHealthIndicator(OutboxRelay relay, DeadLetterStore deadLetters,
                                ObjectProvider<EmbeddedActiveMQ> embedded) {
        this.relay = relay;
        this.deadLetters = deadLetters;
        this.embedded = embedded;
    }

    @Override
    public Health health() {
        Health.Builder h = relay.brokerHealthy() ? Health.up() : Health.down().withDetail("relay",
                "cannot publish to the broker; events wait in the outbox");
        h.withDetail("outboxUnpublished", relay.unpublishedCount())
                .withDetail("outboxOldestSeconds", relay.oldestUnpublishedAgeSeconds())
                .withDetail("deadLettersOpen", deadLetters.openCount());
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

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
