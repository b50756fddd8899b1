package org.aftersaleshub.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    enum Mode { SIGNATURE, LOGIN_BY_SIGN }

    static final ConfigKey URL = ConfigKey.builder("demo.base-url").label("服务地址").type(ConfigType.URL).required()
            .description("Where the system listens.").build();
    static final ConfigKey TENANT = ConfigKey.builder("demo.tenant-id").label("账套ID").required()
            .description("Tenant id. Ask the ERP administrator.").build();
    static final ConfigKey SECRET = ConfigKey.builder("demo.app-secret").secret()
            .rule(Rule.matches("[0-9a-f]{8,}", "at least 8 hex digits")).description("The app secret.").build();
    static final ConfigKey TIMEOUT = ConfigKey.builder("demo.timeout-ms").type(ConfigType.LONG).defaultValue(1000)
            .rule(Rule.between(100, 60_000)).description("Request timeout.").build();
    static final ConfigKey MODE = ConfigKey.builder("demo.auth-mode").enumOf(Mode.class).defaultValue("SIGNATURE")
            .description("How to authenticate.").build();
    static final ConfigKey CODES = ConfigKey.builder("demo.warehouse-codes").type(ConfigType.MAP).defaultValue("")
            .description("Hub code to ERP code.").build();

    static final ConfigDef DEF = new ConfigDef("demo.").define(URL, TENANT, SECRET, TIMEOUT, MODE, CODES)
            .crossCheck(c -> c.enumValue(MODE, Mode.class) == Mode.LOGIN_BY_SIGN && !c.isSet(SECRET)
                    ? List.of(new ConfigProblem(SECRET.name(), "requires", SECRET.display() + " is required when "
                    + MODE.name() + " is LOGIN_BY_SIGN"))
                    : List.of());

    private static Map<String, String> valid() {
        return Map.of("demo.base-url", "https://erp.example.com/k3cloud/", "demo.tenant-id", "6571",
                "demo.app-secret", "deadbeef01");
    }

    @Test
    void validConfigHasNoProblemsAndParsesTypedValues() {
        assertThat(DEF.validate(valid())).isEmpty();
        ConnectorConfig c = DEF.parse("demo", valid());
        assertThat(c.longValue(TIMEOUT)).isEqualTo(1000);
        assertThat(c.enumValue(MODE, Mode.class)).isEqualTo(Mode.SIGNATURE);
        assertThat(c.uri(URL).getHost()).isEqualTo("erp.example.com");
        assertThat(c.map(CODES)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceOnItsKeyWithTheChineseTerm() {
        List<ConfigProblem> problems = DEF.validate(Map.of("demo.base-url", "ftp://x", "demo.timeout-ms", "5",
                "demo.auth-mode", "oauth", "demo.warehouse-codes", "WH01", "demo.typo", "1"));
        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder("demo.base-url",
                "demo.tenant-id", "demo.timeout-ms", "demo.auth-mode", "demo.warehouse-codes", "demo.typo");
        assertThat(problems).filteredOn(p -> p.key().equals("demo.tenant-id")).singleElement()
                .satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("required");
                    assertThat(p.hint()).startsWith("demo.tenant-id (账套ID) is required");
                });
        assertThat(problems).filteredOn(p -> p.key().equals("demo.timeout-ms")).singleElement()
                .extracting(ConfigProblem::rule).isEqualTo("range");
        assertThat(problems).filteredOn(p -> p.key().equals("demo.auth-mode")).singleElement()
                .extracting(ConfigProblem::hint).asString().contains("SIGNATURE, LOGIN_BY_SIGN");
    }

    @Test
    void crossFieldRulesRunOnlyWhenEveryKeyParsed() {
        Map<String, String> m = new java.util.HashMap<>(valid());
        m.remove("demo.app-secret");
        m.put("demo.auth-mode", "login-by-sign");
        assertThat(DEF.validate(m)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("demo.app-secret");
            assertThat(p.rule()).isEqualTo("requires");
        });
    }

    @Test
    void secretValuesNeverAppearInProblemsOrToString() {
        Map<String, String> m = new java.util.HashMap<>(valid());
        m.put("demo.app-secret", "NOT-HEX-canary");
        assertThat(DEF.validate(m)).singleElement().satisfies(p -> assertThat(p.toString()).doesNotContain("canary"));
        ConnectorConfig c = DEF.parse("demo", valid());
        assertThat(c.toString()).contains("demo.app-secret=****").doesNotContain("deadbeef01");
        assertThat(c.secretValues()).containsExactly("deadbeef01");
    }

    @Test
    void parseThrowsWithEveryProblem() {
        assertThatThrownBy(() -> DEF.parse("demo", Map.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("demo.base-url").hasMessageContaining("demo.tenant-id");
    }

    @Test
    void declarationsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> ConfigKey.builder("Demo.BaseUrl").description("x").build())
                .hasMessageContaining("lower-case dotted");
        assertThatThrownBy(() -> new ConfigDef("demo.").define(URL, URL)).hasMessageContaining("declared twice");
    }

    @Test
    void docsListEveryKeyGroupedWithSecretsFlagged() {
        String md = ConfigDocs.markdown(DEF, "Demo connector", "Intro.");
        assertThat(md).contains("| `demo.app-secret` |").contains("| `demo.timeout-ms` |")
                .contains("one of `SIGNATURE`, `LOGIN_BY_SIGN`").contains("long (100..60000)");
    }
}
