package org.aftersaleshub.connector.kingdee;

import static org.aftersaleshub.connector.kingdee.KingdeeFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.camel.HubConnectorEndpoint;
import org.aftersaleshub.connector.operation.StockOperations;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.StockLevel;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartReturned;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kingdee:<instance>?operation=...} in a plain Camel context: the kit's component over this connector. */
class KingdeeComponentTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    static final String SECRET = "canary-camel-secret-91c2";
    private KingdeeMock mock;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        mock = mocks.get(KingdeeMock.class);
        mock.config().setAppSecret(SECRET);
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        ConnectorInstances started = camel.getRegistry().findSingleByType(ConnectorInstances.class);
        if (started != null) {
            started.stopAll();
        }
        camel.stop();
    }

    /** The fixture's keys as endpoint options ({@code kingdee.app-secret} → {@code appSecret=RAW(...)}). */
    private String options() {
        return KINGDEE.endpointOptions(config(mock, "SIGNATURE")).substring(1);
    }

    private static PartUsage partUsage(String id) {
        return new PartUsage(id, "TK-9", PART, Quantity.of("2", "台"), WAREHOUSE, List.of(), PartUsageState.PENDING,
                null, null, Instant.now());
    }

    @Test
    void theComponentIsFoundByItsSchemeAndOffersTheKitsStockOperations() {
        assertThat(camel.getComponent("kingdee")).isInstanceOf(KingdeeComponent.class);
        assertThat(((KingdeeComponent) camel.getComponent("kingdee")).type()).isEqualTo("kingdee");
        assertThat(new KingdeeConnector().operations())
                .containsExactly(StockOperations.DEDUCT, StockOperations.RETURN, StockOperations.STOCK,
                        StockOperations.PART_KNOWN, StockOperations.WAREHOUSE_KNOWN);
    }

    @Test
    void deductAndReturnThroughOneInstanceWithResultHeaders() {
        Exchange deducted = template.request("kingdee:kd1?operation=deduct&" + options(),
                e -> e.getIn().setBody(new PartConsumed(partUsage("CU-1"))));
        assertThat(deducted.getException()).isNull();
        assertThat(deducted.getMessage().getBody(DeductionResult.class).isDone()).isTrue();
        assertThat(deducted.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(deducted.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo("AH-CU-1");
        assertThat(deducted.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(false);
        assertThat(deducted.getMessage().getHeader(ConnectorHeaders.INSTANCE)).isEqualTo("kd1");

        // the instance kd1 is started now; a second endpoint names it without options and shares it
        Exchange returned = template.request("kingdee:kd1?operation=return",
                e -> e.getIn().setBody(new PartReturned("TK-9", "CU-1", partUsage("CU-1"), "unused")));
        assertThat(returned.getException()).isNull();
        assertThat(returned.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(returned.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo("AHR-CU-1");
        assertThat(outbound(mock, "AH-CU-1")).hasSize(1);
        assertThat(documents(mock, INBOUND_FORM, "AHR-CU-1")).hasSize(1);

        Exchange again = template.request("kingdee:kd1?operation=deduct",
                e -> e.getIn().setBody(new PartConsumed(partUsage("CU-1"))));
        assertThat(again.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(true);
        assertThat(outbound(mock, "AH-CU-1")).hasSize(1);
    }

    @Test
    void aDeclaredInstanceIsUsedAsItIsForStockReads() {
        KingdeeConnector declared = new KingdeeConnector();
        declared.start(config(mock, "SIGNATURE"));
        ConnectorInstances instances = new ConnectorInstances();
        instances.register("kingdee-sh", declared);
        camel.getRegistry().bind("connectorInstances", instances);

        HubConnectorEndpoint endpoint = (HubConnectorEndpoint) camel.getEndpoint("kingdee:kingdee-sh?operation=stock");
        assertThat(endpoint.connector()).as("no second connector next to the declared one").isSameAs(declared);
        StockLevel level = template.requestBodyAndHeaders("kingdee:kingdee-sh?operation=stock", null,
                Map.of(StockOperations.PART_SKU_HEADER, PART, StockOperations.WAREHOUSE_HEADER, WAREHOUSE),
                StockLevel.class);
        assertThat(level.quantity()).isEqualByComparingTo(mock.stock(MATERIAL, STOCK));
        assertThat(level.sourceSystem()).isEqualTo("kingdee");
        assertThat(declared.sessionRefreshes()).as("the read used the declared instance's session").isEqualTo(1);
    }

    @Test
    void aMissingOptionFailsFastNamingTheOptionAndTheKeyWithoutTheSecret() {
        String uri = "kingdee:kd2?operation=deduct&baseUrl=http://127.0.0.1:1/k3cloud/&userName=u&orgNumber=100"
                + "&appId=1_x&appSecret=RAW(" + SECRET + ")";
        assertThatThrownBy(() -> template.sendBody(uri, new PartConsumed(partUsage("CU-2"))))
                .rootCause().hasMessageContaining("option acctId (kingdee.acct-id)")
                .message().doesNotContain(SECRET);
        assertThat(mock.documentsByBillNo("AH-CU-2")).isEmpty();
    }

    @Test
    void anUnknownOperationIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> camel.getEndpoint("kingdee:kd1?operation=delete&" + options()))
                .rootCause().hasMessageContaining("use one of [deduct, return, stock, part-known, warehouse-known]");
    }

    @Test
    void secretKeysAreFlaggedAndMaskedInWhatTheEndpointShows() {
        assertThat(KingdeeConnectorConfig.APP_SECRET.secret()).isTrue();
        assertThat(KingdeeConnectorConfig.PASSWORD.secret()).isTrue();
        assertThat(KingdeeConnectorConfig.ACCT_ID.secret()).isFalse();
        assertThat(HubConnectorComponent.optionOf(KingdeeConnectorConfig.APP_SECRET)).isEqualTo("appSecret");
        HubConnectorEndpoint e = (HubConnectorEndpoint) camel.getEndpoint("kingdee:kd3?operation=deduct&" + options());
        assertThat(e.toString()).as("Camel's own rendering masks the option").doesNotContain(SECRET);
        assertThat(e.connector().toString()).as("the instance the options started").contains("****")
                .doesNotContain(SECRET);
    }
}
