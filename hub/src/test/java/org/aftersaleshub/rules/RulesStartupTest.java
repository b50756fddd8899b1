package org.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aftersaleshub.HubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The hub refuses to start on a rule file with an error, naming file, line and column (like a bad route). */
class RulesStartupTest {

    @TempDir
    Path dir;

    @Test
    void aBadRuleFileStopsTheStart() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(rules.resolve("dispatch.yaml"), """
                rules:
                  - name: 硬件维修
                    match:
                      warranty: maybe
                    choose:
                      team: 硬件组
                """);
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dir.resolve("data"), "--hub.routes-dir=" + dir.resolve("routes"),
                "--hub.rules.dir=" + rules, "--hub.demo.enabled=false", "--hub.demo.mocks.enabled=false",
                "--server.port=0", "--hub.erp.connector=").close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof RuleValidationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the start must fail on the rule file, not elsewhere: " + failure)
                .isInstanceOf(RuleValidationException.class);
        assertThat(((RuleValidationException) cause).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("dispatch.yaml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(17);
            assertThat(p.problem()).contains("maybe").doesNotContain("Exception");
        });
    }
}
