package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up: bad rule files stop it naming every problem; no rules folder means no SLA. */
class SlaRulesSourceTest {

    @TempDir
    Path dir;

    @Test
    void badFilesStopTheStartListingEveryProblemWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("sla.yaml"), "policies:\n  - id: p\n    response: soon\n    resolution: 8h\n"
                + "rules:\n  - id: r\n    status: 待处理\n    after: 1h\n");
        assertThatThrownBy(() -> new SlaRulesSource(dir.toString())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sla.yaml:3:5").hasMessageContaining("'soon' is not a duration")
                .hasMessageContaining("the step does nothing").hasMessageContaining("请写成时长");
    }

    @Test
    void noRulesFolderMeansNoPolicies() {
        SlaRulesSource none = new SlaRulesSource(dir.resolve("absent").toString());
        assertThat(none.rules().policies()).isEmpty();
        assertThat(none.rules().rules()).isEmpty();
    }
}
