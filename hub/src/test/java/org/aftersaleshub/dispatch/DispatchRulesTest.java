package org.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aftersaleshub.rules.RulesConfiguration.CheckedRuleFiles;
import org.aftersaleshub.rules.RulesProperties;
import org.aftersaleshub.staff.StaffRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The dev reload: a changed file that validates replaces the rules; one that does not leaves them in force. */
class DispatchRulesTest {

    @TempDir
    Path dir;

    static String rule(String name) {
        return "rules:\n  - name: " + name + "\n    choose:\n      team: 硬件组\n";
    }

    @Test
    void aValidChangeReplacesTheRulesAnInvalidOneIsIgnored() throws Exception {
        Files.writeString(dir.resolve("dispatch.yaml"), rule("first"));
        DispatchRules rules = new DispatchRules(new DispatchRulesFile(new StaticListableBeanFactory()
                .getBeanProvider(StaffRepository.class)), new CheckedRuleFiles(dir),
                new RulesProperties(dir.toString(), Duration.ZERO));
        try {
            assertThat(rules.current().orElseThrow().rules()).extracting(DispatchRuleSet.Rule::name)
                    .containsExactly("first");
            Files.writeString(dir.resolve("dispatch.yaml"), rule("second"));
            rules.reload();
            assertThat(rules.current().orElseThrow().rules()).extracting(DispatchRuleSet.Rule::name)
                    .containsExactly("second");
            Files.writeString(dir.resolve("dispatch.yaml"), "rules:\n  - name: third\n    chose: {}\n");
            rules.reload();
            assertThat(rules.current().orElseThrow().rules()).extracting(DispatchRuleSet.Rule::name)
                    .containsExactly("second");
        } finally {
            rules.destroy();
        }
    }

    @Test
    void withoutAFileDispatchIsOff() {
        DispatchRules rules = new DispatchRules(new DispatchRulesFile(new StaticListableBeanFactory()
                .getBeanProvider(StaffRepository.class)), new CheckedRuleFiles(dir),
                new RulesProperties(dir.toString(), Duration.ZERO));
        assertThat(rules.current()).isEmpty();
    }
}
