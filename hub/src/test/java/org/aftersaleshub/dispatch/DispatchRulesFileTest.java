package org.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aftersaleshub.rules.RuleProblem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.aftersaleshub.staff.StaffRepository;

/** rules/dispatch.yaml is checked against its JSON Schema with file, line, column and a bilingual hint. */
class DispatchRulesFileTest {

    final DispatchRulesFile file = new DispatchRulesFile(
            new StaticListableBeanFactory().getBeanProvider(StaffRepository.class));

    List<RuleProblem> problems(String yaml) {
        return file.validate(Path.of("rules/dispatch.yaml"), yaml);
    }

    @Test
    void theShippedRulesAreValidAndReadAsTheSeedScenario() throws Exception {
        Path shipped = Path.of("..", "rules", "dispatch.yaml");
        assertThat(file.validate(shipped, Files.readString(shipped))).isEmpty();
        DispatchRuleSet set = file.load(shipped.getParent()).orElseThrow();
        assertThat(set.rules()).extracting(DispatchRuleSet.Rule::name).containsExactly("硬件维修", "软件咨询");
        assertThat(set.rules().get(0).match().faultType()).containsExactly("硬件维修");
        assertThat(set.rules().get(0).choose().region()).isEqualTo("ticket");
        assertThat(set.fallback().queue()).isEqualTo("待分派");
        assertThat(set.fallback().notifiesSupervisors()).isTrue();
    }

    @Test
    void aMisspelledKeyIsNamedWithItsLineAndColumn() {
        List<RuleProblem> p = problems("""
                rules:
                  - name: 硬件维修
                    match:
                      fautType: 硬件维修
                    choose:
                      team: 硬件组
                """);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.isError()).isTrue();
            assertThat(x.file()).endsWith("dispatch.yaml");
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.column()).isGreaterThanOrEqualTo(7);
            assertThat(x.problem()).contains("fautType");
            assertThat(x.hint()).contains("fautType");
            assertThat(x.hintZh()).contains("fautType");
        });
    }

    @Test
    void aWrongValueAndAMissingKeyAreErrorsAtTheirLines() {
        List<RuleProblem> p = problems("""
                rules:
                  - name: 保内
                    match:
                      warranty: maybe
                      priority: [HIGH, SOON]
                  - choose:
                      skills: [硬件]
                """);
        assertThat(p).allMatch(RuleProblem::isError);
        assertThat(p).extracting(RuleProblem::line).contains(4, 5);
        assertThat(p).anySatisfy(x -> assertThat(x.problem()).contains("choose"));
        assertThat(p).anySatisfy(x -> assertThat(x.problem()).contains("name"));
    }

    @Test
    void yamlThatDoesNotParseNamesLineAndColumn() {
        List<RuleProblem> p = problems("""
                rules:
                  - name: a
                    choose:
                      team: x
                     skills: [y]
                """);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.problem()).startsWith("not valid YAML");
            assertThat(x.line()).isBetween(4, 5);
            assertThat(x.column()).isPositive();
            assertThat(x.hintZh()).isNotBlank();
        });
    }

    @Test
    void duplicateNamesAndAChooseOfNobodyAreRefused() {
        List<RuleProblem> p = problems("""
                rules:
                  - name: a
                    choose:
                      region: any
                  - name: a
                    choose:
                      team: 硬件组
                """);
        // an object's position is where its content starts: the line after `choose:`
        assertThat(p).extracting(RuleProblem::line).containsExactlyInAnyOrder(4, 5);
        assertThat(p).anySatisfy(x -> assertThat(x.problem()).contains("chooses nobody"));
        assertThat(p).anySatisfy(x -> assertThat(x.problem()).contains("two rules are named 'a'"));
    }

    @Test
    void theFileIsForDispatchYamlOnly() {
        assertThat(file.handles(Path.of("dispatch.yaml"))).isTrue();
        assertThat(file.handles(Path.of("sla.yaml"))).isFalse();
        assertThat(file.handles(Path.of("calendars/dispatch.yaml"))).isFalse();
    }
}
