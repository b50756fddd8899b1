package org.aftersaleshub.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the embedded broker (the embedded default). An external broker in production needs the same
 * address settings in its broker.xml; docs/operations.md shows them.
 *
 * <ul>
 *   <li><b>Journal</b>: NIO (works everywhere, no libaio), synced on every commit, so a message the relay
 *       committed survives kill -9.</li>
 *   <li><b>Duplicate detection</b>: the relay sets {@code _AMQ_DUPL_ID} = event id; the id cache is persisted
 *       and large enough to cover every event the relay could re-send after a crash (it re-sends at most one
 *       batch).</li>
 *   <li><b>Redelivery</b>: a consumer that dies mid-message gets it again after 1 s, doubling to 60 s; after 10
 *       broker-level deliveries it moves to {@code hub.dlq}. (Failures of external calls never get here: routes
 *       retry them in-process and then write a dead letter to the database, see routing.)</li>
 *   <li><b>Address full</b>: PAGE. Events are never dropped or blocked at the producer when consumers lag;
 *       they page to disk beyond the in-memory budget of {@link BrokerMemory} (64 MiB on a large heap, less on a
 *       small one) and the route queue metrics show the backlog.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ArtemisBrokerSettings {

    public static final String DEAD_LETTER_ADDRESS = "hub.dlq";
    private static final Logger log = LoggerFactory.getLogger(ArtemisBrokerSettings.class);

    @Bean
    ArtemisConfigurationCustomizer hubBrokerSettings(EventsProperties events, BrokerMemory memory) {
        BrokerMemory.Budgets budgets = memory.resolve();
        log.info("Embedded broker: events held in memory up to {} KiB on {} and {} KiB read back per route queue "
                + "before paging to disk (hub.events.broker-memory)", budgets.addressBytes() / 1024, events.address(),
                budgets.pageReadBytes() / 1024);
        return config -> {
            config.setJournalType(JournalType.NIO);
            config.setJournalSyncTransactional(true);
            config.setJournalSyncNonTransactional(true);
            config.setIDCacheSize(200_000);
            config.setPersistIDCache(true);
            config.setMaxDiskUsage(95);

            AddressSettings settings = new AddressSettings()
                    .setRedeliveryDelay(1_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000)
                    .setMaxDeliveryAttempts(10)
                    .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(DEAD_LETTER_ADDRESS))
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    .setMaxSizeBytes(budgets.addressBytes())
                    // page files no larger than what a queue may read back (the 8 MiB of old when the heap allows)
                    .setPageSizeBytes(Math.min(8 * 1024 * 1024, budgets.pageReadBytes()))
                    .setMaxReadPageBytes(budgets.pageReadBytes())
                    .setPrefetchPageBytes(budgets.pageReadBytes())
                    .setAutoCreateQueues(false)
                    .setAutoCreateAddresses(false);
            config.addAddressSetting(events.address(), settings);
            config.addAddressSetting(DEAD_LETTER_ADDRESS, new AddressSettings()
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));

            config.addAddressConfiguration(new CoreAddressConfiguration().setName(events.address())
                    .addRoutingType(RoutingType.MULTICAST));
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(DEAD_LETTER_ADDRESS)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfig(QueueConfiguration.of(DEAD_LETTER_ADDRESS).setRoutingType(RoutingType.ANYCAST)));
        };
    }
}
