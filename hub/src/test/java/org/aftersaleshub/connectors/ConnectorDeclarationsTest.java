package org.aftersaleshub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.stock.ErpProperties;
import org.aftersaleshub.stock.ErpWarehouses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Connector instances are declared by name and validated at start with every problem named by instance, key, rule
 * and fix; several instances of one type start side by side; the warehouse mapping only names instances that exist.
 */
class ConnectorDeclarationsTest {

    final MockEnvironment env = new MockEnvironment();
    final ConnectorStates states = new ConnectorStates();
    ConnectorInstances started;

    @AfterEach
    void stop() {
        if (started != null) {
            started.stopAll();
        }
    }

    ConnectorInstances start(ErpProperties erp) {
        started = new ConnectorInstancesConfiguration().connectorInstances(env, erp, states,
                new StaticListableBeanFactory().getBeanProvider(
                        ConnectorInstancesConfiguration.StartsBeforeConnectors.class));
        return started;
    }

    static ErpProperties erp(String legacy, Map<String, String> warehouses, String defaultInstance) {
        return new ErpProperties(legacy, warehouses, defaultInstance, null, null, null, null);
    }

    /** A Kingdee instance whose server is not there (the hub must still start). */
    void kingdee(String name, int port) {
        String p = "hub.connectors." + name + ".";
        env.setProperty(p + "type", "kingdee");
        env.setProperty(p + "base-url", "http://127.0.0.1:" + port + "/k3cloud/");
        env.setProperty(p + "acct-id", "6571d9a3c1b2e4000a1b2c3d");
        env.setProperty(p + "user-name", "integration");
        env.setProperty(p + "app-id", "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2");
        env.setProperty(p + "app-secret", "declarations-test-secret-4711");
        env.setProperty(p + "org-number", "100");
        env.setProperty(p + "timeout-ms", "300");
        env.setProperty(p + "connect-timeout-ms", "200");
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void twoInstancesOfOneTypeStartSideBySideEvenWhenTheirErpIsDown() throws Exception {
        kingdee("kingdee-sh", closedPort());
        kingdee("kingdee-bj", closedPort());
        ConnectorInstances instances = start(erp("", Map.of(), ""));
        assertThat(instances.names()).containsExactlyInAnyOrder("kingdee-sh", "kingdee-bj");
        assertThat(instances.get("kingdee-sh").orElseThrow().connector())
                .isNotSameAs(instances.get("kingdee-bj").orElseThrow().connector());
        assertThat(states.of("kingdee-sh").reachable()).isFalse();
        assertThat(states.of("kingdee-sh").connectivity()).extracting(ConfigProblem::key)
                .allMatch(k -> k.startsWith("hub.connectors.kingdee-sh."));
        assertThat(states.of("kingdee-sh").connectivity().toString()).doesNotContain("declarations-test-secret-4711");
    }

    @Test
    void everyProblemIsNamedWithTheInstanceKeyRuleAndFixBeforeAnythingStarts() throws Exception {
        kingdee("kingdee-sh", closedPort());
        env.setProperty("hub.connectors.kingdee-sh.acct-id", "");
        env.setProperty("hub.connectors.kingdee-sh.timout-ms", "10");
        env.setProperty("hub.connectors.erp2.type", "sap");
        env.setProperty("hub.connectors.erp3.base-url", "http://x");
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> start(erp("", Map.of(), "")));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("hub.connectors.kingdee-sh.acct-id",
                "hub.connectors.kingdee-sh.timout-ms", "hub.connectors.erp2.type", "hub.connectors.erp3.type");
        assertThat(e.problems()).filteredOn(p -> p.key().equals("hub.connectors.erp2.type")).singleElement()
                .satisfies(p -> assertThat(p.hint()).contains("'sap'").contains("kingdee").contains("u8"));
        assertThat(e.problems()).filteredOn(p -> p.key().endsWith("acct-id")).singleElement()
                .satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("required");
                    assertThat(p.hint()).contains("[kingdee-sh]");
                });
        var analysis = new ConnectorConfigurationFailureAnalyzer().analyze(e);
        assertThat(analysis.getAction()).contains("hub.connectors.kingdee-sh.acct-id [required]");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("declarations-test-secret-4711");
    }

    @Test
    void aDisabledInstanceStartsNothingAndABadNameIsRefused() throws Exception {
        kingdee("kingdee-off", closedPort());
        env.setProperty("hub.connectors.kingdee-off.enabled", "false");
        assertThat(start(erp("", Map.of(), "")).names()).isEmpty();

        env.setProperty("hub.connectors.Kingdee_SH.type", "kingdee");
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> start(erp("", Map.of(), "")));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("pattern"));
    }

    @Test
    void theWarehouseMappingNamesOnlyInstancesThatBookStock() throws Exception {
        kingdee("kingdee-sh", closedPort());
        ConnectorInstances instances = start(erp("", Map.of(), ""));
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> new ErpWarehouses(instances, erp("", Map.of("WH03", "u8-bj"), "")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("hub.erp.warehouses.WH03");
            assertThat(p.hint()).contains("'u8-bj'").contains("kingdee-sh");
        });
        ErpWarehouses one = new ErpWarehouses(instances, erp("", Map.of(), ""));
        assertThat(one.instanceFor("ANY").orElseThrow().name()).as("the only stock instance books every warehouse")
                .isEqualTo("kingdee-sh");
    }

    @Test
    void theSingleErpShorthandDeclaresAnInstanceNamedAfterTheType() throws Exception {
        env.setProperty("kingdee.base-url", "http://127.0.0.1:" + closedPort() + "/k3cloud/");
        env.setProperty("kingdee.acct-id", "6571d9a3c1b2e4000a1b2c3d");
        env.setProperty("kingdee.user-name", "integration");
        env.setProperty("kingdee.app-id", "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2");
        env.setProperty("kingdee.app-secret", "declarations-test-secret-4711");
        env.setProperty("kingdee.org-number", "100");
        env.setProperty("kingdee.timeout-ms", "300");
        env.setProperty("kingdee.connect-timeout-ms", "200");
        assertThat(start(erp("kingdee", Map.of(), "")).names()).isEqualTo(List.of("kingdee"));
    }
}
