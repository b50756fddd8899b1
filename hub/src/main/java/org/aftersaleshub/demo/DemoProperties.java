package org.aftersaleshub.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.demo.*}.
 *
 * @param enabled    feed sample tickets and receive webhooks in-process (default true; false in profile prod)
 * @param intervalMs pause between demo steps (default 5000)
 * @param maxTickets stop creating demo tickets after this many (default 200), so a forgotten demo stays small
 * @param timeScale  the demo clock (演示时钟) of the SLA rules: every duration of rules/sla.yaml is divided by this
 *                   (60: the seed rules' 30m and 2h pass in 30 s and 2 min), so a demo shows escalations while one
 *                   watches. Default 1 (off); 60 in the embedded default. Used only while {@code enabled} and never
 *                   in profile prod, where a value other than 1 is ignored with a warning (docs/sla.md, "The demo
 *                   clock")
 */
@ConfigurationProperties("hub.demo")
public record DemoProperties(Boolean enabled, Long intervalMs, Integer maxTickets, Integer timeScale) {

    public DemoProperties {
        enabled = enabled == null || enabled;
        intervalMs = intervalMs == null || intervalMs < 100 ? 5_000 : intervalMs;
        maxTickets = maxTickets == null ? 200 : maxTickets;
        timeScale = timeScale == null ? 1 : timeScale;
    }
}
