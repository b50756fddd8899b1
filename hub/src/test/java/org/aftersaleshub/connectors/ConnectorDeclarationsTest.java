package org.aftersaleshub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.stock.ErpProperties;
import org.aftersaleshub.stock.ErpWarehouses;
import org.aftersaleshub.testsupport.ErpInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Connector instances are declared by name and validated at start with every problem named by instance, key, rule
 * and fix; several instances of one type start side by side; the removed warehouse keys are refused, naming where
 * their settings moved (the master data).
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
                        ConnectorInstancesConfiguration.StartsBeforeConnectors.class), SharedState.inMemory());
        return started;
    }

    static ErpProperties erp(String legacy) {
        return new ErpProperties(legacy, null, null, null, null);
    }

    /** The first ERP fixture on the class path: the hub names no connector type. */
    static final StockConnectorFixture ERP = ErpInstances.fixtures().get(0);
    static final String TYPE = ERP.type();
    /** Keys that pointed at a mock that is stopped again: the instance's system is down. */
    static final Map<String, String> DOWN_KEYS = keysOfAStoppedMock();

    static Map<String, String> keysOfAStoppedMock() {
        try (StockConnectorFixture.StartedMock mock = ERP.start()) {
            Map<String, String> k = new LinkedHashMap<>(mock.connectorKeys(Duration.ofMillis(300)));
            k.put(TYPE + ".connect-timeout-ms", "200");
            return k;
        }
    }

    /** An instance of the first ERP type whose server is not there (the hub must still start). */
    void declare(String name) {
        DOWN_KEYS.forEach((key, value) -> env.setProperty("hub.connectors." + name + "." + key.substring(
                TYPE.length() + 1), value));
        env.setProperty("hub.connectors." + name + ".type", TYPE);
    }

    /** A required key of the connector, to leave out. */
    static String requiredKey() {
        return ERP.newConnector().configDef().keys().stream().filter(k -> k.required()).findFirst().orElseThrow()
                .name().substring(TYPE.length() + 1);
    }

    /** A secret value of the keys, which no problem text may show. */
    static String secretValue() {
        return ERP.newConnector().configDef().keys().stream().filter(k -> k.secret())
                .map(k -> DOWN_KEYS.get(k.name())).filter(v -> v != null && !v.isBlank()).findFirst().orElseThrow();
    }

    @Test
    void twoInstancesOfOneTypeStartSideBySideEvenWhenTheirErpIsDown() throws Exception {
        declare("erp-sh");
        declare("erp-bj");
        ConnectorInstances instances = start(erp(""));
        assertThat(instances.names()).containsExactlyInAnyOrder("erp-sh", "erp-bj");
        assertThat(instances.get("erp-sh").orElseThrow().connector())
                .isNotSameAs(instances.get("erp-bj").orElseThrow().connector());
        assertThat(states.of("erp-sh").reachable()).isFalse();
        assertThat(states.of("erp-sh").connectivity()).extracting(ConfigProblem::key)
                .allMatch(k -> k.startsWith("hub.connectors.erp-sh."));
        assertThat(states.of("erp-sh").connectivity().toString()).doesNotContain(secretValue());
    }

    @Test
    void everyProblemIsNamedWithTheInstanceKeyRuleAndFixBeforeAnythingStarts() throws Exception {
        declare("erp-sh");
        env.setProperty("hub.connectors.erp-sh." + requiredKey(), "");
        env.setProperty("hub.connectors.erp-sh.timout-ms", "10");
        env.setProperty("hub.connectors.erp2.type", "sap");
        env.setProperty("hub.connectors.erp3.base-url", "http://x");
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> start(erp("")));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::key).contains("hub.connectors.erp-sh." + requiredKey(),
                "hub.connectors.erp-sh.timout-ms", "hub.connectors.erp2.type", "hub.connectors.erp3.type");
        assertThat(e.problems()).filteredOn(p -> p.key().equals("hub.connectors.erp2.type")).singleElement()
                .satisfies(p -> assertThat(p.hint()).contains("'sap'").contains(TYPE));
        assertThat(e.problems()).filteredOn(p -> p.key().endsWith("." + requiredKey())).singleElement()
                .satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("required");
                    assertThat(p.hint()).contains("[erp-sh]");
                });
        var analysis = new ConnectorConfigurationFailureAnalyzer().analyze(e);
        assertThat(analysis.getAction()).contains("hub.connectors.erp-sh." + requiredKey() + " [required]");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(secretValue());
    }

    @Test
    void aDisabledInstanceStartsNothingAndABadNameIsRefused() throws Exception {
        declare("erp-off");
        env.setProperty("hub.connectors.erp-off.enabled", "false");
        assertThat(start(erp("")).names()).isEmpty();

        env.setProperty("hub.connectors.Erp_SH.type", TYPE);
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> start(erp("")));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("pattern"));
    }

    @Test
    void theRemovedWarehouseKeysAreRefusedAtStartNamingEachKeyAndWhereItsSettingMoved() {
        declare("erp-sh");
        ConnectorInstances instances = start(erp(""));
        ErpWarehouses.refuseRemovedKeys(env);
        env.setProperty("hub.erp.default-instance", "");
        ErpWarehouses.refuseRemovedKeys(env); // empty is the same as unset

        env.setProperty("hub.erp.warehouses.WH03", "erp-sh");
        env.setProperty("hub.erp.default-instance", "erp-sh");
        ConnectorConfigurationException e = catchThrowableOfType(ConnectorConfigurationException.class,
                () -> ErpWarehouses.refuseRemovedKeys(env));
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactly("hub.erp.warehouses.WH03", "hub.erp.default-instance");
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.rule()).isEqualTo("removed");
            assertThat(p.hint()).contains("moved to master data").contains("/api/v1/warehouses")
                    .contains("docs/import.md");
        });
        assertThat(instances.names()).containsExactly("erp-sh");
    }

    @Test
    void theSingleErpShorthandDeclaresAnInstanceNamedAfterTheType() {
        DOWN_KEYS.forEach(env::setProperty);
        assertThat(start(erp(TYPE)).names()).isEqualTo(List.of(TYPE));
    }
}
