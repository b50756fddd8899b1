package org.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar hub.jar validate [dir]}: exit 0 clean, 1 problems (each with file, line, column), 2 usage — and no
 * database or broker (this test starts neither).
 */
class ValidateCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ValidateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedRoutesAndRulesAreClean() {
        assertThat(run("validate", "..")).as(out()).isZero();
        assertThat(out()).contains("0 error(s)").contains("OK");
    }

    @Test
    void aBrokenRuleFileAndABrokenRouteExitOneWithFileLineAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("routes/broken.yaml"), """
                - route:
                    id: broken
                    routeConfigurationId: hub-error-handling
                    from:
                      uri: "timer:x"
                      steps:
                        - log: "a"
                       - log: "b"
                """);
        Files.writeString(dir.resolve("rules/dispatch.yaml"), """
                rules:
                  - name: 硬件维修
                    match:
                      faultType: 硬件维修
                    chose:
                      team: 硬件组
                """);
        assertThat(run("validate", dir.toString())).as(out()).isEqualTo(1);
        assertThat(out()).containsPattern("broken\\.yaml:[78]: ERROR not a valid Camel YAML route")
                .contains("dispatch.yaml:5:5: ERROR does not match the dispatch schema: /rules/0: property 'chose'")
                .contains("提示").contains("3 error(s)");
    }

    @Test
    void anUnknownFileIsAWarningOnly() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/dispach.yaml"), "rules: []\n");
        assertThat(run("validate", dir.toString())).as(out()).isZero();
        assertThat(out()).contains("dispach.yaml: WARNING no rule kind reads this file");
    }

    @Test
    void aBrokenMessageTemplateNextToTheRoutesIsAProblem() throws Exception {
        Files.createDirectories(dir.resolve("routes/templates"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("routes/templates/ticket-assigned.dingtalk.md.mustache"), "### {{#ticketNumber}\n");
        assertThat(run("validate", dir.toString())).as(out()).isEqualTo(1);
        assertThat(out()).contains("ticket-assigned.dingtalk.md.mustache");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate", "a", "b")).isEqualTo(2);
        assertThat(run("validate", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar hub.jar validate");
    }
}
