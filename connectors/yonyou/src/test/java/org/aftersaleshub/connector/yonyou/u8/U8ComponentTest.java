package org.aftersaleshub.connector.yonyou.u8;

import static org.aftersaleshub.connector.yonyou.Deliveries.newKey;
import static org.aftersaleshub.connector.yonyou.Deliveries.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.connector.operation.StockOperations;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.mock.yonyou.U8Mock;
import org.aftersaleshub.model.StockLevel;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code u8:<instance>?operation=...} in routes, found by scheme through META-INF/services. */
class U8ComponentTest {

    static StartedMock erp;

    @BeforeAll
    static void startTheMock() {
        erp = new U8Fixture().start();
    }

    @AfterAll
    static void stopTheMock() {
        erp.close();
    }

    @BeforeEach
    void freshMock() {
        erp.mock().reset();
    }

    /** The fixture's keys as endpoint options ({@code &baseUrl=RAW(...)&appSecret=RAW(...)...}). */
    static String options() {
        return erp.erp().endpointOptions(erp.connectorKeys());
    }

    @Test
    void deductReturnAndStockThroughRoutesWithTheResultHeaders() throws Exception {
        BigDecimal before = erp.stock("SP-COMP-001", "WH01");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("u8:u8-test?operation=deduct" + options());
                    from("direct:return").to("u8:u8-test?operation=return");
                    from("direct:stock").to("u8:u8-test?operation=stock");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String key = newKey();
            Exchange deducted = template.request("direct:deduct", e -> e.getMessage().setBody(usage(key, "2")));
            assertThat(deducted.getException()).isNull();
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER))
                    .isEqualTo(((U8Mock) erp.mock()).documentsByBizId(key).get(0).get("id"));
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(false);
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.INSTANCE)).isEqualTo("u8-test");
            assertThat(deducted.getMessage().getBody(DeductionResult.class).isDone()).isTrue();

            Exchange again = template.request("direct:deduct", e -> e.getMessage().setBody(usage(key, "2")));
            assertThat(again.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
            assertThat(again.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER))
                    .isEqualTo(deducted.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER));

            Exchange returned = template.request("direct:return",
                    e -> e.getMessage().setBody(new ReturnRequest(usage(key, "2"), "unused")));
            assertThat(returned.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
            assertThat(returned.getMessage().getHeader(ConnectorHeaders.REASON, String.class))
                    .contains("no other-inbound", key);

            StockLevel level = template.request("direct:stock", e -> {
                e.getMessage().setHeader(StockOperations.PART_SKU_HEADER, "SP-COMP-001");
                e.getMessage().setHeader(StockOperations.WAREHOUSE_HEADER, "WH01");
            }).getMessage().getBody(StockLevel.class);
            assertThat(level.quantity()).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
            assertThat(erp.documentsOfUsage(key)).hasSize(1);
            assertThat(erp.credentialsIssued()).as("one instance, one token for all three endpoints").isEqualTo(1);
            camel.getRegistry().findSingleByType(ConnectorInstances.class).stopAll();
        }
    }

    @Test
    void anEndpointUsesTheDeclaredInstanceAndStartsNoSecondConnector() throws Exception {
        U8Connector declared = new U8Connector();
        declared.start(erp.connectorKeys());
        ConnectorInstances instances = new ConnectorInstances();
        instances.register("u8-bj", declared);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("connectorInstances", instances);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("u8:u8-bj?operation=deduct");
                }
            });
            camel.start();
            String key = newKey();
            declared.deduct(usage(newKey(), "1")); // the instance's token, fetched by an API call
            Exchange e = camel.createProducerTemplate().request("direct:deduct",
                    x -> x.getMessage().setBody(usage(key, "1")));
            assertThat(e.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
            assertThat(erp.credentialsIssued()).as("the route used the declared instance's token").isEqualTo(1);
            assertThat(instances.names()).containsExactly("u8-bj");
        } finally {
            instances.stopAll();
        }
    }

    @Test
    void aMissingRequiredOptionFailsTheRouteStartNamingTheKey() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("u8:u8-x?operation=deduct&fromAccount=demo_dev");
                }
            });
            assertThatThrownBy(camel::start).hasStackTraceContaining("u8.app-secret")
                    .hasStackTraceContaining("appSecret");
        }
    }

    @Test
    void anUnknownOperationIsRejectedNamingTheOperations() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to("u8:u8-x?operation=delete" + options());
                }
            });
            assertThatThrownBy(camel::start).isInstanceOf(FailedToCreateRouteException.class)
                    .hasStackTraceContaining("operation 'delete' is not offered")
                    .hasStackTraceContaining("[deduct, return, stock, part-known, warehouse-known]");
        }
    }

    @Test
    void theSchemeIsTheConnectorTypeAndOptionsAreTheKeysInCamelCase() {
        assertThat(new U8Component().type()).isEqualTo("u8");
        assertThat(HubConnectorComponent.optionOf(U8ConnectorConfig.APP_SECRET)).isEqualTo("appSecret");
        assertThat(HubConnectorComponent.optionOf(U8ConnectorConfig.CALLS.maxAttempts())).isEqualTo("maxAttempts");
    }
}
