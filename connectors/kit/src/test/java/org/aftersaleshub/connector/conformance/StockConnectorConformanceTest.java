package org.aftersaleshub.connector.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.camel.HubConnectorEndpoint;
import org.aftersaleshub.connector.config.ConfigDocs;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.operation.StockOperations;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.model.Quantity;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ConnectorConformanceTest} for an ERP connector, driven by its {@link StockConnectorFixture}: the effect is a
 * deduction of one demo part, counted by the documents the mock holds for the usage. It adds what every ERP
 * connector must also pass:
 * <ul>
 *   <li>two deliveries of the same usage <em>at the same moment</em> (no hub lock in between) make one document;</li>
 *   <li>its Camel endpoint takes every config key as an option (generated from the ConfigDef), resolves to one
 *       shared instance, and names a misspelt option with a suggestion;</li>
 *   <li>{@code docs/connectors/<type>.md} is what the ConfigDef generates (rewrite it with
 *       {@code -Dconfig-docs.write=true});</li>
 *   <li>the {@link StockCatalogConformance} checks: known parts and warehouses from the mapping or the ERP's master
 *       data, unknown ones, and codes outside the ERP's form refused before any call — also through the
 *       {@code part-known} / {@code warehouse-known} endpoint operations.</li>
 * </ul>
 * A connector module's test: {@code class KingdeeConformanceTest extends StockConnectorConformanceTest<KingdeeConnector>}
 * with its fixture, invalid and unreachable configurations, and the intro of its reference page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StockConnectorConformanceTest<C extends HubConnector> extends ConnectorConformanceTest<C>
        implements StockCatalogConformance {

    /** The flag that rewrites the committed reference page instead of comparing it. */
    public static final String WRITE_DOCS_FLAG = "config-docs.write";

    private StockConnectorFixture.StartedMock mock;

    /** The connector's fixture. */
    protected abstract StockConnectorFixture fixture();

    /** Title of {@code docs/connectors/<type>.md}. */
    protected abstract String docTitle();

    /** The introduction of {@code docs/connectors/<type>.md}, above the generated key table. */
    protected abstract String docIntro();

    /** Where the connector module sits relative to the repository root (connectors live two levels down). */
    protected Path repositoryRoot() {
        return Path.of("../..");
    }

    @BeforeAll
    void startMock() {
        mock = fixture().start();
    }

    @AfterAll
    void stopMock() {
        if (mock != null) {
            mock.close();
        }
    }

    @BeforeEach
    void cleanFaults() {
        mock.clearFaults();
    }

    /** The running mock. */
    protected StockConnectorFixture.StartedMock mock() {
        return mock;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected C newConnector() {
        return (C) fixture().newConnector();
    }

    /** The fixture's keys, with in-call retries so the kit's rate-limit check sees the connector back off. */
    @Override
    protected Map<String, String> validConfig() {
        Map<String, String> c = new LinkedHashMap<>(mock.connectorKeys());
        String type = fixture().type();
        c.put(type + ".max-attempts", "4");
        c.put(type + ".backoff-initial-ms", "10");
        c.put(type + ".backoff-max-ms", "200");
        return c;
    }

    @Override
    public final HubConnector catalogConnector() {
        return started();
    }

    @Override
    public final StockConnectorFixture.StartedMock erpMock() {
        return mock;
    }

    @Override
    protected String newKey() {
        return "CT-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A deduction of one unit of the first demo part in the first demo warehouse. */
    protected DeductionRequest usage(String usageId) {
        String sku = StockConnectorFixture.demoSkus().get(0);
        String warehouse = StockConnectorFixture.demoWarehouses().get(0);
        return new DeductionRequest(usageId, "TK-" + usageId, sku, null, warehouse,
                new Quantity(BigDecimal.ONE, "PCS"));
    }

    @Override
    protected void performEffect(C connector, String key) {
        DeductionResult r = ((StockDeductions) connector).deduct(usage(key));
        if (!r.isDone()) {
            throw new AssertionError("deduction failed: " + r.reason());
        }
    }

    @Override
    protected long countEffects(String key) {
        return mock.documentsOfUsage(key).size();
    }

    @Override
    protected void expireTokensNow() {
        mock.expireSessions();
    }

    @Override
    protected long tokenRefreshes(C connector) {
        return mock.credentialsIssued();
    }

    @Override
    protected boolean credentialsExpire() {
        return fixture().credentialsExpire();
    }

    @Override
    protected void armCommitThenTimeout() {
        mock.commitNextWriteThenAnswerAfter(
                Long.parseLong(validConfig().get(fixture().type() + ".timeout-ms")) + 1000);
    }

    @Override
    protected void armRateLimitAnswer() {
        mock.rateLimitNextWrite();
    }

    // ------------------------------------------------------------------ the checks an ERP connector adds

    @Test
    void twoDeliveriesOfTheSameUsageAtTheSameMomentMakeOneDocument() throws Exception {
        C c = started();
        String key = newKey();
        mock.delayEveryWrite(300); // both writes are in flight together
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<DeductionResult> deliver = () -> {
                go.await();
                for (int attempt = 1; ; attempt++) {
                    try {
                        return ((StockDeductions) c).deduct(usage(key));
                    } catch (org.aftersaleshub.connector.ConnectorException e) {
                        recordText(e.getMessage());
                        if (!e.isRetryable() || attempt == 5) {
                            throw e;
                        }
                    }
                }
            };
            Future<DeductionResult> a = pool.submit(deliver);
            Future<DeductionResult> b = pool.submit(deliver);
            go.countDown();
            DeductionResult ra = a.get(60, TimeUnit.SECONDS);
            DeductionResult rb = b.get(60, TimeUnit.SECONDS);
            assertThat(List.of(ra, rb)).allMatch(DeductionResult::isDone);
        } finally {
            pool.shutdownNow();
            mock.clearFaults();
        }
        assertThat(countEffects(key)).as("documents for one usage delivered twice at once").isEqualTo(1);
    }

    @Test
    void everyConfigKeyIsAnEndpointOptionAndEndpointsShareOneInstance() throws Exception {
        C probe = newConnector();
        Set<String> options = new HashSet<>();
        for (ConfigKey k : probe.configDef().keys()) {
            String option = HubConnectorComponent.optionOf(k);
            assertThat(options.add(option)).as("option " + option + " of " + k.name() + " is unique").isTrue();
            assertThat(option).isNotEqualTo("operation");
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            String type = fixture().type();
            String uri = type + ":conformance?operation=deduct" + fixture().endpointOptions(validConfig());
            HubConnectorEndpoint first = (HubConnectorEndpoint) camel.getEndpoint(uri);
            HubConnector shared = first.connector();
            HubConnectorEndpoint second = (HubConnectorEndpoint) camel.getEndpoint(type
                    + ":conformance?operation=stock");
            assertThat(second.connector()).as("endpoints of one instance share one connector").isSameAs(shared);
            recordText(first.connector().toString());
            String misspelt = HubConnectorComponent.optionOf(probe.configDef().keys().get(0)) + "x";
            assertThatThrownBy(() -> camel.getEndpoint(type + ":conformance?operation=deduct&" + misspelt + "=1"))
                    .hasStackTraceContaining("did you mean");
            assertThatThrownBy(() -> camel.getEndpoint(type + ":conformance?operation=deduc"))
                    .hasStackTraceContaining("did you mean 'deduct'");
            first.connector().stop();
        }
    }

    @Test
    void theCatalogOperationsAnswerThroughTheEndpointKnownOrRefusedWithTheReason() throws Exception {
        String type = fixture().type();
        String sku = StockConnectorFixture.demoSkus().get(2);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            String options = fixture().endpointOptions(validConfig());
            Exchange known = camel.createProducerTemplate().request(type + ":catalog?operation=part-known" + options,
                    ex -> ex.getMessage().setHeader(StockOperations.PART_SKU_HEADER, sku));
            assertThat(known.getException()).isNull();
            assertThat(known.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
            assertThat(known.getMessage().getBody(CatalogEntry.class).erpCode()).isEqualTo(fixture().partCode(sku));

            Exchange unknown = camel.createProducerTemplate().request(type + ":catalog?operation=warehouse-known",
                    ex -> ex.getMessage().setBody(StockCatalogConformance.ABSENT_WAREHOUSE));
            assertThat(unknown.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
            assertThat(unknown.getMessage().getHeader(ConnectorHeaders.REASON, String.class))
                    .contains(StockCatalogConformance.ABSENT_WAREHOUSE).contains("unknown");
            ((HubConnectorEndpoint) camel.getEndpoint(type + ":catalog?operation=stock")).connector().stop();
        }
    }

    @Test
    void committedReferencePageMatchesTheDeclaration() throws IOException {
        Path doc = repositoryRoot().resolve("docs/connectors/" + fixture().type() + ".md");
        String generated = ConfigDocs.markdown(newConnector().configDef(), docTitle(), docIntro());
        if (Boolean.getBoolean(WRITE_DOCS_FLAG)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as(doc + " exists; write it with -D" + WRITE_DOCS_FLAG + "=true").exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as(doc + " is out of date; rewrite it with "
                + "./mvnw -pl connectors/<module> test -Dtest=<ConformanceTest> -D" + WRITE_DOCS_FLAG + "=true")
                .isEqualTo(generated);
    }

    /** Keys of {@code base} with some replaced ({@code null} removes one): for invalid configurations. */
    protected static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> c = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                c.remove(keyValues[i]);
            } else {
                c.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return c;
    }

    /** A local port nothing listens on. */
    protected static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
