package org.aftersaleshub.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.rules.*}: the rule files.
 *
 * @param dir            folder of the rule files the IT team edits (dispatch.yaml, sla.yaml, calendars/), next to
 *                       the routes folder and never read as routes (default {@code ./rules})
 * @param reloadInterval how often the rule files are read again while the hub runs (dev profile only; a change in
 *                       production is validate → restart, docs/rules.md); unset or zero: never
 */
@ConfigurationProperties("hub.rules")
public record RulesProperties(String dir, Duration reloadInterval) {

    public RulesProperties {
        dir = dir == null || dir.isBlank() ? "./rules" : dir;
        reloadInterval = reloadInterval == null ? Duration.ZERO : reloadInterval;
    }
}
