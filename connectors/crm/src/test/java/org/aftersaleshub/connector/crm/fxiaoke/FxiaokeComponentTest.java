package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.crm.ChangePage;
import org.aftersaleshub.connector.crm.CrmOperations;
import org.aftersaleshub.connector.crm.MatchResult;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fxiaoke:<instance>?operation=…} in a plain Camel context: the kit's component over this connector, on an
 * instance declared once like the hub declares it.
 */
class FxiaokeComponentTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
        camel = new DefaultCamelContext();
        // the instance declared once, as the hub does; endpoints name it and never start a second connector
        ConnectorInstances instances = new ConnectorInstances();
        instances.start("crm-main", new FxiaokeConnector(), FxiaokeFixture.keys(mock));
        camel.getRegistry().bind("connectorInstances", instances);
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

    private String uri(String operation) {
        return "fxiaoke:crm-main?operation=" + operation;
    }

    private Exchange send(String operation, String body) {
        Exchange ex = template.request(uri(operation), e -> e.getMessage().setBody(body));
        assertThat(ex.getException()).isNull();
        return ex;
    }

    @Test
    void theComponentIsFoundByItsSchemeAndOffersTheCrmOperations() {
        assertThat(camel.getComponent("fxiaoke")).isInstanceOf(FxiaokeComponent.class);
        assertThat(new FxiaokeConnector().operations()).containsExactly(CrmOperations.UPSERT, CrmOperations.FIND,
                CrmOperations.CREATE_RECORD, CrmOperations.CHANGED_SINCE);
    }

    @Test
    void aRepeatedUpsertDeliveryFindsAndUpdatesTheSameRecord() {
        String body = """
                {"object":"AccountObj","keyField":"account_no","keyValue":"HUB-C-77",
                 "fields":{"name":"杭州新光电器有限公司","tel":"0571-1000"}}""";
        Exchange first = send("upsert", body);
        Exchange again = send("upsert", body);

        assertThat(first.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("DONE");
        assertThat(first.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(false);
        assertThat(again.getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED)).isEqualTo(true);
        String id = first.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER, String.class);
        assertThat(again.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER)).isEqualTo(id);
        assertThat(again.getMessage().getBody(UpsertResult.class).status()).isEqualTo(UpsertResult.Status.UPDATED);
        assertThat(FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-C-77")).hasSize(1);
        assertThat(CrmOperations.UPSERT.idempotencyKey(CrmOperations.UPSERT.request(body, h -> null)))
                .isEqualTo("AccountObj:account_no:HUB-C-77");
    }

    @Test
    void anAmbiguousKeyIsAFailedReplyNotAnException() {
        FxiaokeFixture.seedAccounts(mock, java.util.List.of("630000000000000000000001", "630000000000000000000002"),
                java.util.List.of("HUB-TWICE", "HUB-TWICE"), "华北");
        Exchange ex = send("upsert", "{\"object\":\"AccountObj\",\"keyField\":\"account_no\",\"keyValue\":"
                + "\"HUB-TWICE\",\"fields\":{\"name\":\"x\"}}");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME)).isEqualTo("FAILED");
        assertThat(ex.getMessage().getHeader(ConnectorHeaders.REASON, String.class)).startsWith("AMBIGUOUS");
        assertThat(FxiaokeFixture.writeRequests(mock)).isEmpty();
    }

    @Test
    void findCreateRecordAndChangedSince() {
        Exchange found = send("find", "{\"object\":\"AccountObj\",\"by\":[{\"field\":\"account_no\",\"value\":"
                + "\"HUB-NONE\"},{\"field\":\"name\",\"value\":\"广州华信制冷有限公司\"}]}");
        assertThat(found.getMessage().getHeader(ConnectorHeaders.DOCUMENT_NUMBER))
                .isEqualTo("600000000000000000000002");
        assertThat(found.getMessage().getBody(MatchResult.class).matchedBy().field()).isEqualTo("name");

        String record = "{\"object\":\"ServiceTicket__c\",\"keyField\":\"ticket_no__c\",\"keyValue\":\"TK-9\","
                + "\"fields\":{\"name\":\"TK-9 服务记录\"}}";
        assertThat(send("create-record", record).getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED))
                .isEqualTo(false);
        assertThat(send("create-record", record).getMessage().getHeader(ConnectorHeaders.ALREADY_EXISTED))
                .isEqualTo(true);
        assertThat(FxiaokeFixture.records(mock, "ServiceTicket__c", "ticket_no__c", "TK-9")).hasSize(1);

        ChangePage page = send("changed-since", "{\"object\":\"ServiceTicket__c\",\"max\":10}").getMessage()
                .getBody(ChangePage.class);
        assertThat(page.records()).singleElement().extracting(r -> r.text("ticket_no__c")).isEqualTo("TK-9");
        assertThat(page.next().lastId()).isEqualTo(page.records().get(0).id());
    }
}
