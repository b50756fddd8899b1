package org.aftersaleshub.connector.yonyou.yonbip;

import static org.aftersaleshub.connector.yonyou.Deliveries.newKey;
import static org.aftersaleshub.connector.yonyou.Deliveries.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.connector.stock.ReturnRequest;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.StockLevel;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code yonbip:<instance>?operation=...} in routes, found by scheme through META-INF/services. */
class YonBipComponentTest {

    static StartedMock erp;

    @BeforeAll
    static void startTheMock() {
        erp = new YonBipFixture().start();
    }

    @AfterAll
    static void stopTheMock() {
        erp.close();
    }

    @BeforeEach
    void freshMock() {
        erp.mock().reset();
    }

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
                    from("direct:deduct").to("yonbip:yonbip-test?operation=deduct" + options());
                    from("direct:return").to("yonbip:yonbip-test?operation=return");
                    from("direct:stock").to("yonbip:yonbip-test?operation=stock");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String key = newKey();
            Exchange deducted = template.request("direct:deduct", e -> e.getMessage().setBody(usage(key, "2")));
            assertThat(deducted.getException()).isNull();
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER))
                    .isEqualTo(erp.documentsOfUsage(key).get(0).number());
            assertThat(deducted.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(false);

            Exchange again = template.request("direct:deduct", e -> e.getMessage().setBody(usage(key, "2")));
            assertThat(again.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(true);

            Exchange returned = template.request("direct:return",
                    e -> e.getMessage().setBody(new ReturnRequest(usage(key, "2"), "unused")));
            assertThat(returned.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
            assertThat(returned.getMessage().getHeader(ConnectorHeaders.REASON, String.class))
                    .contains("no other-inbound", key);

            StockLevel level = template.requestBody("direct:stock", StockQuery.of("SP-COMP-001", "WH01"),
                    StockLevel.class);
            assertThat(level.quantity()).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
            assertThat(erp.documentsOfUsage(key)).hasSize(1);
            assertThat(erp.credentialsIssued()).as("one instance, one token for all three endpoints").isEqualTo(1);
            camel.getRegistry().findSingleByType(ConnectorInstances.class).stopAll();
        }
    }

    @Test
    void aBadOptionValueFailsTheRouteStartNamingTheOptionAndTheKey() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("yonbip:yonbip-x?operation=deduct" + options()
                            + "&tokenPath=V2");
                }
            });
            assertThatThrownBy(camel::start).hasStackTraceContaining("tokenPath")
                    .hasStackTraceContaining("yonbip.token-path");
        }
    }
}
