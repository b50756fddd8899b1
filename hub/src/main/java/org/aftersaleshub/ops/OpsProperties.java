package org.aftersaleshub.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Monitoring of the route queues ({@code hub.ops.*}).
 *
 * @param backlogWarnAge      the spine health shows a backlog warning when a route queue's oldest unacknowledged
 *                            message is older than this (status stays UP: a backlog is no reason to leave the load
 *                            balancer). Default 60s.
 * @param queueSampleInterval how often the broker is asked for the route queues' state; metrics scrapes and health
 *                            calls read the last sample, so they cost nothing. Default 10s.
 * @param managementAddress   the broker's management address (Artemis' {@code management-address}). Default
 *                            {@code activemq.management}.
 */
@ConfigurationProperties("hub.ops")
public record OpsProperties(Duration backlogWarnAge, Duration queueSampleInterval, String managementAddress) {

    public OpsProperties {
        backlogWarnAge = backlogWarnAge == null ? Duration.ofSeconds(60) : backlogWarnAge;
        queueSampleInterval = queueSampleInterval == null || queueSampleInterval.toMillis() < 50
                ? Duration.ofSeconds(10) : queueSampleInterval;
        managementAddress = managementAddress == null || managementAddress.isBlank() ? "activemq.management"
                : managementAddress;
    }
}
