package org.aftersaleshub.connector.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit every connector's tests extend (Debezium {@code ConfigDefinitionMetadataTest} plus Airbyte
 * acceptance tests, in one JUnit 5 base class). A connector is "done" when its subclass is green.
 *
 * <p>The subclass supplies the connector, configurations, and hooks into the external system's mock (count the
 * effects for a key, expire tokens now, arm a "commit then time out" fault, arm a rate-limit answer). The base
 * checks:
 * <ol>
 *   <li>every config key is documented and named {@code <connector>.<lower-case-dotted>};</li>
 *   <li>the connector is discoverable with {@code ServiceLoader};</li>
 *   <li>a valid config validates clean (both stages, against the mock); validation never throws;</li>
 *   <li>each invalid config fails on the right key; each connectivity failure is reported on the right key;</li>
 *   <li>the same business event twice makes one external effect;</li>
 *   <li>a timeout after the external system committed makes one effect;</li>
 *   <li>token/session expiry mid-run costs exactly one refresh and the call succeeds;</li>
 *   <li>a rate-limit answer is backed off and retried, no error surfaces;</li>
 *   <li>secrets (the values of keys declared secret in {@link #validConfig()} — use a canary value) never appear
 *       in captured logs, exception messages, problem hints or {@code toString()}: checked after <em>every</em>
 *       test.</li>
 * </ol>
 *
 * @param <C> the connector type
 */
public abstract class ConnectorConformanceTest<C extends HubConnector> {

    /**
     * An invalid configuration and the key its problem must be attached to.
     *
     * @param why          what is wrong, for the assertion message
     * @param config       the whole configuration
     * @param expectedKey  the key that must carry a problem
     */
    public record InvalidConfig(String why, Map<String, String> config, String expectedKey) { }

    private CapturedLogs logs;
    private final List<String> errorTexts = new ArrayList<>();
    private C connector;

    // ------------------------------------------------------------------ what the subclass supplies

    /** A fresh, unstarted connector. */
    protected abstract C newConnector();

    /** A configuration that works against the mock; its secret values should be canaries (unique strings). */
    protected abstract Map<String, String> validConfig();

    /** Configurations that fail stage 1 (parameters), each with the key that must carry the problem. */
    protected abstract List<InvalidConfig> invalidConfigs();

    /** Configurations that pass stage 1 but fail stage 2 (connectivity), each with the key to blame. */
    protected abstract List<InvalidConfig> unreachableConfigs();

    /** Makes the connector's business effect once for {@code key} (e.g. deduct the part usage {@code key}). */
    protected abstract void performEffect(C connector, String key);

    /** How many effects the external system holds for {@code key} (read from the mock's state). */
    protected abstract long countEffects(String key);

    /** Makes every token/session the external system issued invalid, now. */
    protected abstract void expireTokensNow();

    /** How many times the connector obtained a token/session so far (from the mock or the connector). */
    protected abstract long tokenRefreshes(C connector);

    /**
     * False for an API without an expiring credential (user + password on every call): the expiry check then
     * proves that no credential is ever fetched, instead of faking an expiry.
     */
    protected boolean credentialsExpire() {
        return true;
    }

    /** Arms the mock so the next write commits and then answers later than the connector's timeout. */
    protected abstract void armCommitThenTimeout();

    /** Arms the mock so the next write is answered with the system's rate-limit response. */
    protected abstract void armRateLimitAnswer();

    /** A new idempotency key; override when the system restricts the format. */
    protected String newKey() {
        return "CT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Logger-name prefix of the connector's own code; the canary check requires it to have logged something. */
    protected String connectorLoggerPrefix() {
        return "org.aftersaleshub.connector";
    }

    // ------------------------------------------------------------------ harness

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.install();
        errorTexts.clear();
    }

    @AfterEach
    void noSecretLeaked() {
        try {
            if (connector != null) {
                errorTexts.add(connector.toString());
                connector.stop();
            }
            assertNoSecretIn(logs.lines().stream().map(CapturedLogs.Line::text).toList(), "log output");
            assertNoSecretIn(errorTexts, "exception messages / toString");
        } finally {
            connector = null;
            logs.close();
        }
    }

    /** The started connector under test (started with {@link #validConfig()} on first use). */
    protected C started() {
        if (connector == null) {
            connector = newConnector();
            connector.start(validConfig());
        }
        return connector;
    }

    /** Exception and problem texts seen so far; the secret check searches them after every test. */
    protected void recordText(String text) {
        errorTexts.add(text);
    }

    /** Runs the effect, recording exception messages for the secret check, and rethrows. */
    protected void effect(String key) {
        try {
            performEffect(started(), key);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                errorTexts.add(String.valueOf(t.getMessage()));
            }
            throw e;
        }
    }

    /** Like a broker redelivering: retries the effect (same key) while it fails retryably, at most 3 times. */
    protected void effectWithRedelivery(String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                effect(key);
                return;
            } catch (ConnectorException e) {
                if (!e.isRetryable() || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private List<String> secretValues() {
        C probe = newConnector();
        List<String> out = new ArrayList<>();
        for (ConfigKey k : probe.configDef().keys()) {
            String v = validConfig().get(k.name());
            if (k.secret() && v != null && v.length() >= 4) {
                out.add(v);
            }
        }
        return out;
    }

    private void assertNoSecretIn(List<String> texts, String where) {
        for (String secret : secretValues()) {
            for (String t : texts) {
                assertThat(t).as("a secret value appeared in " + where).doesNotContain(secret);
            }
        }
    }

    private List<ConfigProblem> recorded(List<ConfigProblem> problems) {
        problems.forEach(p -> errorTexts.add(p.toString()));
        return problems;
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void everyConfigKeyIsDocumentedAndNamedUnderTheConnector() {
        C c = newConnector();
        assertThat(c.configDef().keys()).isNotEmpty();
        for (ConfigKey k : c.configDef().keys()) {
            assertThat(k.description()).as(k.name() + " description").isNotBlank().hasSizeGreaterThan(15);
            assertThat(k.group()).as(k.name() + " group").isNotBlank();
            assertThat(k.name()).startsWith(c.name() + ".").matches("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
            if (k.defaultValue() != null) {
                assertThat(c.configDef().validate(Map.of(k.name(), k.defaultValue())))
                        .as("the default of " + k.name() + " is valid").noneMatch(p -> p.key().equals(k.name()));
            }
        }
    }

    @Test
    void connectorIsDiscoveredByServiceLoaderWithItsCapabilities() {
        C c = newConnector();
        assertThat(HubConnectors.discover()).anyMatch(d -> d.getClass() == c.getClass());
        assertThat(c.capabilities()).isNotEmpty();
    }

    @Test
    void validConfigValidatesCleanInBothStages() {
        assertThat(recorded(newConnector().validate(validConfig()))).isEmpty();
    }

    @Test
    void validationNeverThrowsAndNamesEveryRequiredKey() {
        C c = newConnector();
        List<ConfigProblem> problems = recorded(c.validate(Map.of()));
        for (ConfigKey k : c.configDef().keys()) {
            if (k.required()) {
                assertThat(problems).as("problem for required " + k.name())
                        .anyMatch(p -> p.key().equals(k.name()) && p.rule().equals("required"));
            }
        }
    }

    @Test
    void eachInvalidConfigFailsOnTheRightKey() {
        assertThat(invalidConfigs()).isNotEmpty();
        for (InvalidConfig bad : invalidConfigs()) {
            List<ConfigProblem> problems = recorded(newConnector().validate(bad.config()));
            assertThat(problems).as(bad.why()).anyMatch(p -> p.key().equals(bad.expectedKey()));
            assertThat(problems).as(bad.why() + ": every problem has a rule and a hint naming its key")
                    .allMatch(p -> !p.rule().isBlank() && p.hint().contains(p.key()));
        }
    }

    @Test
    void connectivityFailureIsReportedOnTheRightKey() {
        assertThat(unreachableConfigs()).isNotEmpty();
        for (InvalidConfig bad : unreachableConfigs()) {
            C c = newConnector();
            assertThat(recorded(c.validateParameters(bad.config()))).as(bad.why() + " passes stage 1").isEmpty();
            List<ConfigProblem> problems = recorded(c.validateConnectivity(bad.config(), Duration.ofSeconds(5)));
            assertThat(problems).as(bad.why()).anyMatch(p -> p.key().equals(bad.expectedKey()));
        }
    }

    @Test
    void sameBusinessEventTwiceMakesOneEffect() {
        String key = newKey();
        effect(key);
        effect(key);
        assertThat(countEffects(key)).isEqualTo(1);
    }

    @Test
    void timeoutAfterTheSystemCommittedMakesOneEffect() {
        String key = newKey();
        started();
        armCommitThenTimeout();
        effectWithRedelivery(key);
        assertThat(countEffects(key)).isEqualTo(1);
    }

    @Test
    void tokenExpiryMidRunCostsOneRefreshAndSucceeds() {
        String first = newKey();
        effect(first);
        long before = tokenRefreshes(started());
        if (credentialsExpire()) {
            expireTokensNow();
        }
        String second = newKey();
        effect(second);
        assertThat(tokenRefreshes(started()) - before).as("token refreshes after expiry")
                .isEqualTo(credentialsExpire() ? 1 : 0);
        assertThat(countEffects(first)).isEqualTo(1);
        assertThat(countEffects(second)).isEqualTo(1);
    }

    @Test
    void rateLimitAnswerIsBackedOffAndRetriedWithoutError() {
        String key = newKey();
        started();
        armRateLimitAnswer();
        effect(key); // no exception: the connector backs off and retries on its own
        assertThat(countEffects(key)).isEqualTo(1);
    }

    @Test
    void secretsNeverAppearInLogsErrorsOrToString() {
        assertThat(secretValues()).as("validConfig() sets at least one secret key (a canary)").isNotEmpty();
        C c = started();
        errorTexts.add(c.toString());
        for (InvalidConfig bad : unreachableConfigs()) {
            recorded(newConnector().validate(bad.config()));
        }
        for (InvalidConfig bad : invalidConfigs()) {
            recorded(newConnector().validate(bad.config()));
        }
        effect(newKey());
        if (credentialsExpire()) {
            expireTokensNow();
        }
        effect(newKey());
        assertThat(logs.countFrom(connectorLoggerPrefix())).as("the connector logged something, so the search "
                + "for the canary means something").isPositive();
        // the @AfterEach check searches logs, messages and toString for the canary
    }
}
