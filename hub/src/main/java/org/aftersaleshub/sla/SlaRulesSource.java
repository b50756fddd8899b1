package org.aftersaleshub.sla;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SLA rules this hub runs with, read and checked once at start from {@code hub.rules.dir} (default
 * {@code ./rules}). A problem stops the start, listing every problem with file, line and hint: a change is
 * validate → restart (docs/sla.md). No rules folder means no SLA: tickets keep the deadlines their client sent.
 */
@Component
public class SlaRulesSource {

    private static final Logger log = LoggerFactory.getLogger(SlaRulesSource.class);

    private final SlaRules rules;

    public SlaRulesSource(@Value("${hub.rules.dir:./rules}") String rulesDir) {
        SlaRuleFiles.Result r = SlaRuleFiles.read(Path.of(rulesDir));
        if (!r.ok()) {
            StringBuilder b = new StringBuilder("The SLA rule files have problems (SLA 规则文件有误):");
            r.problems().forEach(p -> b.append("\n  ").append(p));
            throw new IllegalStateException(b.toString());
        }
        this.rules = r.rules();
        log.info("SLA rules from {}: {} policies, {} escalation rules, calendars {}", rulesDir,
                rules.policies().size(), rules.rules().size(), rules.calendars().keySet());
    }

    public SlaRules rules() {
        return rules;
    }
}
