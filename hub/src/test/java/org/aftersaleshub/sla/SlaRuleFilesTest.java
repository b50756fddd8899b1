package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLA rule files' checks: every problem with file, line, column, rule and hints in English and Chinese. */
class SlaRuleFilesTest {

    @TempDir
    Path dir;

    SlaRuleFiles.Result read(String sla, String calendar) throws IOException {
        Files.writeString(dir.resolve("sla.yaml"), sla);
        if (calendar != null) {
            Files.createDirectories(dir.resolve("calendars"));
            Files.writeString(dir.resolve("calendars/cn.yaml"), calendar);
        }
        return SlaRuleFiles.read(dir);
    }

    @Test
    void theShippedRulesAreValidAndSayWhatTheSeedsSay() {
        SlaRuleFiles.Result r = SlaRuleFiles.read(Path.of("../rules"));
        assertThat(r.problems()).isEmpty();
        SlaRules.EscalationRule high = r.rules().rule("high-pending-2h").orElseThrow();
        assertThat(high.statuses()).containsExactlyInAnyOrder(TicketStatus.NEW, TicketStatus.ASSIGNED);
        assertThat(high.after()).isEqualTo(Duration.ofHours(2));
        assertThat(high.match().priorities()).containsExactlyInAnyOrder(Priority.HIGH, Priority.URGENT);
        assertThat(high.action().recipients()).containsExactly("director");
        assertThat(high.action().label()).isEqualTo("紧急预警");
        SlaRules.EscalationRule unaccepted = r.rules().rule("unaccepted-30m").orElseThrow();
        assertThat(unaccepted.after()).isEqualTo(Duration.ofMinutes(30));
        assertThat(unaccepted.action().escalate()).isTrue();
        assertThat(unaccepted.action().recipients()).containsExactly("supervisor");
        assertThat(r.rules().policyFor(Priority.NORMAL, null, "华东").orElseThrow().calendar()).isEqualTo("cn");
    }

    @Test
    void aMisspeltKeyIsNamedWithItsLineColumnAndTheKeyMeant() throws IOException {
        SlaRuleFiles.Result r = read("""
                policies:
                  - id: p1
                    respnse: 2h
                    resolution: 8h
                """, null);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("sla.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.rule()).isEqualTo("unknown-key");
            assertThat(p.hint()).contains("did you mean 'response'");
            assertThat(p.hintZh()).contains("是否应为 'response'");
        });
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.rule()).isEqualTo("required"));
    }

    @Test
    void badValuesAreEachAProblemAtTheirPlace() throws IOException {
        SlaRuleFiles.Result r = read("""
                warn-at: 1.5
                policies:
                  - id: p1
                    match: {priority: HIHG}
                    calendar: cm
                    response: two hours
                    resolution: 8h
                rules:
                  - id: r1
                    status: 待处里
                    after: 30m
                    notify: [boss]
                """, "calendar: cn\n");
        assertThat(r.problems()).extracting(SlaRuleProblem::rule).contains("fraction", "one-of", "calendar-ref",
                "duration");
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("calendar-ref");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.hint()).contains("did you mean 'cn'");
        });
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("HIHG");
            assertThat(p.hint()).contains("did you mean 'HIGH'");
            assertThat(p.line()).isEqualTo(4);
        });
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("boss");
            assertThat(p.line()).isEqualTo(12);
        });
        assertThat(r.problems()).anySatisfy(p -> assertThat(p.message()).contains("待处里"));
    }

    @Test
    void aCalendarWithAMakeUpDayThatIsAlsoAHolidayOrHoursOutOfOrderIsRefused() throws IOException {
        SlaRuleFiles.Result r = read("policies: []\n", """
                calendar: cn
                working-hours: ["13:00-18:00", "09:00-12:00"]
                holidays: [2027-10-01..2027-10-07, 2027-13-01]
                workdays: [2027-10-02]
                """);
        assertThat(r.problems()).extracting(SlaRuleProblem::rule)
                .contains("hours-order", "date", "workday-holiday");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.file()).endsWith("cn.yaml"));
    }

    @Test
    void yamlThatDoesNotParseIsOneProblemWithItsLine() throws IOException {
        SlaRuleFiles.Result r = read("policies:\n  - id: [p1\n", null);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("yaml");
            assertThat(p.line()).isGreaterThan(0);
        });
    }

    @Test
    void theShippedFilesMatchThePublishedJsonSchemasAndABadOneDoesNot() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        assertThat(schema("sla").validate(yaml.readTree(Path.of("../rules/sla.yaml").toFile()))).isEmpty();
        assertThat(schema("calendar").validate(yaml.readTree(Path.of("../rules/calendars/cn-2027.yaml").toFile())))
                .isEmpty();
        assertThat(schema("sla").validate(yaml.readTree("policies: [{id: p, respnse: 2h}]"))).isNotEmpty();
    }

    private com.networknt.schema.JsonSchema schema(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/rules-schema/" + name + ".schema.json")) {
            return com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }
}
