package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.aftersaleshub.demo.DemoProperties;
import org.aftersaleshub.rules.RuleFileValidator;
import org.aftersaleshub.rules.RulesConfiguration.CheckedRuleFiles;
import org.aftersaleshub.rules.RulesValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up: bad rule files stop it naming every problem; no rules folder means no SLA; the rules come from the
 * start-up check's reading, not a second one; the demo clock runs only in the demo and never in prod.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlaRulesSourceTest {

    static final Path SHIPPED = Path.of("../rules");

    @TempDir
    Path dir;

    static SlaRulesSource source(Path dir, SlaRuleFileValidator files, DemoProperties demo, String... profiles) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        return new SlaRulesSource(new CheckedRuleFiles(dir), files, demo, env);
    }

    static DemoProperties demo(boolean enabled, int scale) {
        return new DemoProperties(enabled, null, null, scale);
    }

    @Test
    void badFilesStopTheStartListingEveryProblemWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("sla.yaml"), "policies:\n  - id: p\n    response: soon\n    resolution: 8h\n"
                + "rules:\n  - id: r\n    status: 待处理\n    after: 1h\n");
        assertThatThrownBy(() -> source(dir, new SlaRuleFileValidator(), demo(false, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sla.yaml:3:5").hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("the step does nothing").hasMessageContaining("请写成时长");
    }

    @Test
    void noRulesFolderMeansNoPolicies() {
        SlaRulesSource none = source(dir.resolve("absent"), new SlaRuleFileValidator(), demo(false, 1));
        assertThat(none.rules().policies()).isEmpty();
        assertThat(none.rules().rules()).isEmpty();
    }

    @Test
    void theRulesAreTheStartUpChecksReadingNotASecondOne() throws IOException {
        Files.createDirectories(dir.resolve("calendars"));
        Files.copy(SHIPPED.resolve("sla.yaml"), dir.resolve("sla.yaml"));
        Files.copy(SHIPPED.resolve("calendars/cn-2027.yaml"), dir.resolve("calendars/cn-2027.yaml"));
        SlaRuleFileValidator files = new SlaRuleFileValidator();
        // the start-up check: sla.yaml and the calendar file, each checked against one reading of the folder
        assertThat(new RulesValidation(List.<RuleFileValidator>of(files)).validate(dir)).isEmpty();
        SlaRuleFiles.Result checked = files.read(dir);

        SlaRulesSource source = source(dir, files, demo(false, 1));
        assertThat(source.rules()).isSameAs(checked.rules());

        // a change is a new reading (same size, rewritten at once: the bytes tell, not the modification time)
        String text = Files.readString(dir.resolve("sla.yaml"));
        Files.writeString(dir.resolve("sla.yaml"), text.replace("after: 30m", "after: 31m"));
        SlaRuleFiles.Result again = files.read(dir);
        assertThat(again).isNotSameAs(checked);
        assertThat(again.rules().rule("unaccepted-30m").orElseThrow().after()).isEqualTo(Duration.ofMinutes(31));
    }

    @Test
    void theEmbeddedDemoRunsTheShippedRulesOnTheDemoClock(CapturedOutput out) {
        SlaRulesSource source = source(SHIPPED, new SlaRuleFileValidator(), demo(true, 60));
        assertThat(source.timeScale()).isEqualTo(60);
        SlaRules rules = source.rules();
        assertThat(rules.rule("unaccepted-30m").orElseThrow().after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rules.rule("high-pending-2h").orElseThrow().after()).isEqualTo(Duration.ofMinutes(2));
        SlaRules.Policy high = rules.policy("high").orElseThrow();
        assertThat(high.response()).isEqualTo(Duration.ofMinutes(2));
        assertThat(high.resolution()).isEqualTo(Duration.ofMinutes(24));
        assertThat(high.escalation().get(1).after()).isEqualTo(Duration.ofMinutes(4));
        // what does not measure time stays
        assertThat(high.warnAt()).isEqualTo(0.8);
        assertThat(rules.rule("high-pending-2h").orElseThrow().action().label()).isEqualTo("紧急预警");
        assertThat(out.getAll()).contains("Demo clock (演示时钟)").contains("divided by 60");
    }

    @Test
    void inProdTheDemoClockIsIgnoredWithAWarning(CapturedOutput out) {
        SlaRulesSource source = source(SHIPPED, new SlaRuleFileValidator(), demo(true, 60), "prod");
        assertThat(source.timeScale()).isOne();
        assertThat(source.rules().rule("unaccepted-30m").orElseThrow().after()).isEqualTo(Duration.ofMinutes(30));
        assertThat(out.getAll()).contains("hub.demo.time-scale=60 ignored in profile prod");
    }

    @Test
    void withTheDemoOffOrANonsenseScaleTheFilesDurationsStand() {
        assertThat(source(SHIPPED, new SlaRuleFileValidator(), demo(false, 60)).rules().rule("unaccepted-30m")
                .orElseThrow().after()).isEqualTo(Duration.ofMinutes(30));
        assertThat(SlaRulesSource.effectiveScale(demo(true, 0), false)).isOne();
        assertThat(SlaRulesSource.effectiveScale(demo(true, -5), false)).isOne();
    }
}
