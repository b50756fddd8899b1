package org.aftersaleshub.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.demo.*}.
 *
 * @param enabled    feed sample tickets and receive webhooks in-process (default true; false in profile prod)
 * @param intervalMs pause between demo steps (default 5000)
 * @param maxTickets stop creating demo tickets after this many (default 200), so a forgotten demo stays small
 */
@ConfigurationProperties("hub.demo")
public record DemoProperties(Boolean enabled, Long intervalMs, Integer maxTickets) {

    public DemoProperties {
        enabled = enabled == null || enabled;
        intervalMs = intervalMs == null || intervalMs < 100 ? 5_000 : intervalMs;
        maxTickets = maxTickets == null ? 200 : maxTickets;
    }
}
