package org.aftersaleshub.connector.kingdee.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.kingdee.KingdeeConnector;
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
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        camel.stop();
    }

    private String options() {
        return "baseUrl=" + mock.baseUrl() + "/k3cloud/&acctId=6571d9a3c1b2e4000a1b2c3d&userName=integration"
                + "&appId=228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2&appSecret=RAW(" + SECRET + ")&orgNumber=100"
                + "&timeoutMs=1500&settings.warehouse-codes=RAW(WH01=CK001)&settings.material-codes=RAW(SP-COMP-001=1.01.0001)";
    }

    private static PartUsage usage(String id) {
        return new PartUsage(id, "TK-9", "SP-COMP-001", Quantity.of("2", "台"), "WH01", List.of(),
                PartUsageState.PENDING, null, null, Instant.now());
    }

    @Test
    void deductAndReturnByUriWithOptions() {
        var exchange = template.request("kingdee:deduct?" + options(),
                e -> e.getIn().setBody(new PartConsumed(usage("CU-1"))));
        DeductionResult r = exchange.getMessage().getBody(DeductionResult.class);
        assertThat(r.isDone()).isTrue();
        assertThat(exchange.getMessage().getHeader(KingdeeConstants.DOCUMENT_NUMBER)).isEqualTo("AH-CU-1");
        assertThat(exchange.getMessage().getHeader(KingdeeConstants.RESULT_STATUS)).isEqualTo("DONE");

        DeductionResult back = template.requestBody("kingdee:return?" + options(),
                new PartReturned("TK-9", "CU-1", usage("CU-1"), "unused"), DeductionResult.class);
        assertThat(back.documentNumber()).isEqualTo("AHR-CU-1");
        assertThat(mock.documentsByBillNo("AH-CU-1")).hasSize(1);
        assertThat(mock.documentsByBillNo("AHR-CU-1")).hasSize(1);
    }

    @Test
    void stockWithASharedConnectorAndHeaders() {
        KingdeeConnector connector = new KingdeeConnector();
        connector.start(Map.of("kingdee.base-url", mock.baseUrl() + "/k3cloud/",
                "kingdee.acct-id", "6571d9a3c1b2e4000a1b2c3d", "kingdee.user-name", "integration",
                "kingdee.app-id", "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2", "kingdee.app-secret", SECRET,
                "kingdee.org-number", "100", "kingdee.warehouse-codes", "WH01=CK001",
                "kingdee.material-codes", "SP-COMP-001=1.01.0001"));
        try {
            camel.getComponent("kingdee", KingdeeComponent.class).setConnector(connector);
            StockLevel level = template.requestBodyAndHeaders("kingdee:stock", null,
                    Map.of(KingdeeConstants.PART_SKU, "SP-COMP-001", KingdeeConstants.WAREHOUSE, "WH01"),
                    StockLevel.class);
            assertThat(level.quantity()).isEqualByComparingTo(mock.stock("1.01.0001", "CK001"));
            assertThat(level.sourceSystem()).isEqualTo("kingdee");
        } finally {
            connector.stop();
        }
    }

    @Test
    void aMissingOptionFailsFastNamingTheOptionTheKeyAndTheAlternative() {
        String uri = "kingdee:deduct?baseUrl=http://127.0.0.1:1/k3cloud/&userName=u&orgNumber=100"
                + "&appId=1_x&appSecret=RAW(" + SECRET + ")";
        assertThatThrownBy(() -> template.sendBody(uri, new PartConsumed(usage("CU-2"))))
                .rootCause().hasMessageContaining("option acctId (kingdee.acct-id, 账套ID)")
                .hasMessageContaining("give the component a started KingdeeConnector")
                .message().doesNotContain(SECRET);
    }

    @Test
    void anUnknownOperationIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> camel.getEndpoint("kingdee:delete?" + options()))
                .rootCause().hasMessageContaining("use kingdee:deduct, kingdee:return or kingdee:stock");
    }

    @Test
    void secretOptionsAreFlaggedInTheMetadata() throws Exception {
        assertThat(KingdeeConfiguration.class.getDeclaredField("appSecret").getAnnotation(UriParam.class).secret())
                .isTrue();
        assertThat(KingdeeConfiguration.class.getDeclaredField("password").getAnnotation(UriParam.class).secret())
                .isTrue();
        assertThat(KingdeeConfiguration.class.getDeclaredField("acctId").getAnnotation(UriParam.class).secret())
                .isFalse();
    }
}
