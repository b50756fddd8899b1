package org.aftersaleshub.connector.yonyou.u8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.yonyou.U8Mock;
import org.aftersaleshub.model.StockLevel;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code u8:} used from a route, found by scheme through META-INF/services. */
class U8ComponentTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("u8");

    private String options() {
        return "?baseUrl=" + mocks.get(U8Mock.class).baseUrl() + "/&fromAccount=demo_dev&toAccount=demo_ent"
                + "&appKey=opa5e9d3c1b2a4f6e8&appSecret=RAW(u8-demo-app-secret)&receiveCode=21"
                + "&inventoryCodes=RAW(SP-COMP-001=0010001)&warehouseCodes=RAW(WH01=01)";
    }

    @Test
    void deductAndStockThroughRoutes() throws Exception {
        U8Mock mock = mocks.get(U8Mock.class);
        BigDecimal before = mock.stock("0010001", "01");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("u8:deduct" + options());
                    from("direct:stock").to("u8:stock" + options());
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            DeductionResult r = template.requestBody("direct:deduct", U8ConnectorTest.usage("CAMEL-1", "2"),
                    DeductionResult.class);
            assertThat(r.isDone()).isTrue();
            StockLevel level = template.requestBody("direct:stock", StockQuery.of("SP-COMP-001", "WH01"),
                    StockLevel.class);
            assertThat(level.quantity()).isEqualByComparingTo(before.subtract(BigDecimal.valueOf(2)));
            assertThat(mock.documentsByBizId("CAMEL-1")).hasSize(1);
        }
    }

    @Test
    void aMissingRequiredOptionFailsTheRouteStartNamingTheKey() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deduct").to("u8:deduct?fromAccount=demo_dev");
                }
            });
            assertThatThrownBy(camel::start).hasStackTraceContaining("u8.app-secret");
        }
    }

    @Test
    void anUnknownOperationIsRejected() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to("u8:delete" + options());
                }
            });
            assertThatThrownBy(camel::start).isInstanceOf(FailedToCreateRouteException.class)
                    .hasStackTraceContaining("unknown operation 'delete'");
        }
    }
}
