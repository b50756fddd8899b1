package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connectors.ConnectorConfigurationException;
import org.aftersaleshub.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Reading {@code hub.callbacks.instances}: a wrong key stops the start naming the key as it is set and never its
 * value; type, app-key and corp-id default to the instance's declaration under {@code hub.connectors}; the card
 * signature is required unless the dev profile is active.
 */
class CallbackInstancesTest {

    private static final String AES = "ptgUzEjfebzJ6sZWdoHIxrXl0gqn87b1PZqZrmktsO3";

    private static CallbackProperties properties(Map<String, Map<String, String>> instances, Boolean requireSignature) {
        return new CallbackProperties(null, requireSignature, null, null, null, null, null, null, instances);
    }

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void anAesKeyOfTheWrongLengthStopsTheStartNamingTheKeyButNotItsValue() {
        String shortKey = AES.substring(1);
        assertThatThrownBy(() -> new CallbackInstances(properties(Map.of("dt", keys("type", "dingtalk", "token",
                "abc123", "aes-key", shortKey, "owner-key", "dingapp")), null), new MockEnvironment()))
                .isInstanceOfSatisfying(ConnectorConfigurationException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::key, ConfigProblem::rule)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("hub.callbacks.instances.dt.aes-key",
                                    "pattern"));
                    assertThat(e.getMessage()).doesNotContain(shortKey);
                });
    }

    @Test
    void aSwitchedOffConnectorInstanceTakesNoCallbacksThoughItsKeysAreSet() {
        // the demo apps' keys are public values: in prod their instances are off, and must not accept a click
        MockEnvironment env = new MockEnvironment().withProperty("hub.connectors.wecom-demo.type", "wecom")
                .withProperty("hub.connectors.wecom-demo.enabled", "false")
                .withProperty("hub.connectors.wecom-demo.corp-id", "wwa1b2c3d4e5f60718")
                .withProperty("hub.connectors.wecom-live.type", "wecom")
                .withProperty("hub.connectors.wecom-live.corp-id", "wwa1b2c3d4e5f60718");
        CallbackInstances instances = new CallbackInstances(properties(Map.of(
                "wecom-demo", keys("token", "abc", "aes-key", AES),
                "wecom-live", keys("token", "abc", "aes-key", AES)), null), env);
        assertThat(instances.names(CallbackPlatform.WECOM)).containsExactly("wecom-live");
        assertThatThrownBy(() -> instances.resolve(CallbackPlatform.WECOM, "wecom-demo"))
                .isInstanceOf(ApiProblem.class);
    }

    @Test
    void typeUnknownKeysAndMissingOwnerAreNamed() {
        Map<String, Map<String, String>> instances = new LinkedHashMap<>();
        instances.put("nowhere", keys("token", "abc123"));
        instances.put("erp", keys("type", "kingdee"));
        instances.put("wc", keys("type", "wecom", "token", "abc", "aes-key", AES, "tokn", "x"));
        instances.put("dt", keys("type", "dingtalk", "token", "abc123", "aes-key", AES));
        instances.put("wc2", keys("type", "wecom", "token", "abc", "aes-key", AES));
        assertThatThrownBy(() -> new CallbackInstances(properties(instances, null), new MockEnvironment()))
                .isInstanceOfSatisfying(ConnectorConfigurationException.class, e ->
                        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                                "hub.callbacks.instances.nowhere.type", "hub.callbacks.instances.erp.type",
                                "hub.callbacks.instances.wc.tokn", "hub.callbacks.instances.dt.owner-key",
                                "hub.callbacks.instances.wc2.receive-id"));
    }

    @Test
    void typeAppKeyAndCorpIdComeFromTheConnectorDeclaration() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("hub.connectors.dingtalk-main.type", "dingtalk")
                .withProperty("hub.connectors.dingtalk-main.app-key", "dingaftersalesdemo01")
                .withProperty("hub.connectors.wecom-main.type", "wecom")
                .withProperty("hub.connectors.wecom-main.corp-id", "wwa1b2c3d4e5f60718");
        CallbackInstances instances = new CallbackInstances(properties(Map.of(
                "dingtalk-main", keys("token", "aftersalesdemo", "aes-key", AES),
                "wecom-main", keys("token", "aftersalesWeComToken", "aes-key", AES)), null), env);
        CallbackInstance dt = instances.resolve(CallbackPlatform.DINGTALK, null);
        assertThat(dt.name()).isEqualTo("dingtalk-main");
        assertThat(dt.dingTalkPush().toString()).contains("dingaftersalesdemo01");
        assertThat(dt.apiSecret()).isNull();
        assertThat(dt.toString()).doesNotContain(AES).doesNotContain("aftersalesdemo,");
        assertThat(instances.resolve(CallbackPlatform.WECOM, "wecom-main").weCom().toString())
                .contains("wwa1b2c3d4e5f60718");
        assertThat(instances.cardSignatureRequired()).isTrue();
        assertThatThrownBy(() -> instances.resolve(CallbackPlatform.WECOM, "dingtalk-main"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("wecom-main");
    }

    @Test
    void everyDingTalkConnectorInstanceReceivesItsCardClicksWithItsOwnApiSecret() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("hub.connectors.dingtalk-east.type", "dingtalk")
                .withProperty("hub.connectors.dingtalk-east.api-secret", "east-secret")
                .withProperty("hub.connectors.dingtalk-off.type", "dingtalk")
                .withProperty("hub.connectors.dingtalk-off.enabled", "false")
                .withProperty("hub.connectors.kingdee-sh.type", "kingdee");
        CallbackInstances instances = new CallbackInstances(properties(Map.of(), null), env);
        assertThat(instances.names(CallbackPlatform.DINGTALK)).containsExactly("dingtalk-east");
        CallbackInstance east = instances.resolve(CallbackPlatform.DINGTALK, null);
        assertThat(east.apiSecret()).isEqualTo("east-secret");
        assertThat(east.dingTalkPush()).isNull();
        assertThat(east.toString()).doesNotContain("east-secret");
        assertThat(instances.names(CallbackPlatform.WECOM)).isEmpty();
    }

    @Test
    void theCardSignatureIsOptionalOnlyInTheDevProfileOrWhenSaidSo() {
        Map<String, Map<String, String>> cards = Map.of("dt", keys("type", "dingtalk"));
        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");
        assertThat(new CallbackInstances(properties(cards, null), dev).cardSignatureRequired()).isFalse();
        assertThat(new CallbackInstances(properties(cards, null), new MockEnvironment()).cardSignatureRequired())
                .isTrue();
        assertThat(new CallbackInstances(properties(cards, false), new MockEnvironment()).cardSignatureRequired())
                .isFalse();
        assertThat(new CallbackInstances(properties(cards, true), dev).cardSignatureRequired()).isTrue();
    }

    @Test
    void unsignedCardClicksOutsideTheDevProfileAreAnnouncedWithALoudWarning() {
        Map<String, Map<String, String>> cards = Map.of("dt", keys("type", "dingtalk"));
        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(CallbackInstances.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            new CallbackInstances(properties(cards, false), new MockEnvironment());
            assertThat(insecure(seen)).as("require-card-signature=false in production").hasSize(1);
            seen.list.clear();
            new CallbackInstances(properties(cards, false), dev);
            new CallbackInstances(properties(cards, null), dev);
            new CallbackInstances(properties(cards, null), new MockEnvironment());
            assertThat(insecure(seen)).as("dev, or the signature required").isEmpty();
        } finally {
            logger.detachAppender(seen);
        }
    }

    private static java.util.List<String> insecure(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen) {
        return seen.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("INSECURE: hub.callbacks.require-card-signature is false")).toList();
    }
}
