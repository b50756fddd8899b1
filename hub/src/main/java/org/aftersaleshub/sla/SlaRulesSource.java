package org.aftersaleshub.sla;

import org.aftersaleshub.demo.DemoProperties;
import org.aftersaleshub.rules.RulesConfiguration.CheckedRuleFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The SLA rules this hub runs with: those the start-up check ({@link CheckedRuleFiles}) read from
 * {@code hub.rules.dir} (default {@code ./rules}), taken from that reading rather than read again. A problem stops
 * the start, listing every problem with file, line and hint: a change is validate → restart (docs/sla.md). No rules
 * folder means no SLA: tickets keep the deadlines their client sent.
 *
 * <p>In the embedded demo the rules run on the demo clock ({@code hub.demo.time-scale}, docs/sla.md "The demo
 * clock"): every duration divided by the scale. Never in profile prod, nor with the demo off.
 */
@Component
public class SlaRulesSource {

    private static final Logger log = LoggerFactory.getLogger(SlaRulesSource.class);

    private final SlaRules rules;
    private final int timeScale;

    SlaRulesSource(CheckedRuleFiles checked, SlaRuleFileValidator files, DemoProperties demo, Environment env) {
        SlaRuleFiles.Result r = files.read(checked.dir());
        if (!r.ok()) {
            // the start-up check refuses these first; kept for a file changed between the check and this reading
            StringBuilder b = new StringBuilder("The SLA rule files have problems (SLA 规则文件有误):");
            r.problems().forEach(p -> b.append("\n  ").append(p));
            throw new IllegalStateException(b.toString());
        }
        this.timeScale = effectiveScale(demo, env.acceptsProfiles(Profiles.of("prod")));
        this.rules = timeScale == 1 ? r.rules() : r.rules().scaledDown(timeScale);
        log.info("SLA rules from {}: {} policies, {} escalation rules, calendars {}", checked.dir(),
                rules.policies().size(), rules.rules().size(), rules.calendars().keySet());
        if (timeScale > 1) {
            log.warn("Demo clock (演示时钟): every SLA duration of {} divided by {} (hub.demo.time-scale; 30m → {}s):"
                    + " deadlines and escalations come {} times sooner than the files say. Embedded demo only.",
                    checked.dir(), timeScale, 1800 / timeScale, timeScale);
        }
    }

    /** The scale in force: the demo's, only while the demo runs and never in prod; 1 otherwise. */
    static int effectiveScale(DemoProperties demo, boolean prod) {
        int asked = demo.timeScale();
        if (asked == 1) {
            return 1;
        }
        if (asked < 1) {
            log.warn("hub.demo.time-scale={} ignored: the demo clock only runs faster (a whole number > 1); SLA "
                    + "durations are as the rule files say", asked);
            return 1;
        }
        if (prod) {
            log.warn("hub.demo.time-scale={} ignored in profile prod: SLA durations are as the rule files say "
                    + "(演示时钟仅用于内置演示)", asked);
            return 1;
        }
        if (!demo.enabled()) {
            // the embedded default's 60 stays in application.yaml when a deployment turns the demo off: not worth a
            // warning on every start
            log.debug("hub.demo.time-scale={} not used: the demo is off", asked);
            return 1;
        }
        return asked;
    }

    public SlaRules rules() {
        return rules;
    }

    /** The demo clock's scale in force (1: the rule files' own durations). */
    public int timeScale() {
        return timeScale;
    }
}
