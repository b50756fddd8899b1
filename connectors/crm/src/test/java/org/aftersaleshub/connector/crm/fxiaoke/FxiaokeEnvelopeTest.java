package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The always-200 envelope (docs/vendor-apis/fxiaoke.md §4.1, §4.4) read by {@code errorCode}: a used-up quota is final,
 * "busy" is repeated for a read and reported unknown for a write (never written twice blindly), and a redelivery of
 * that write makes one record.
 */
class FxiaokeEnvelopeTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;
    private FxiaokeConnector connector;

    @BeforeEach
    void start() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
        connector = new FxiaokeConnector(mock.clock());
        connector.start(FxiaokeFixture.keys(mock));
    }

    @AfterEach
    void stop() {
        connector.stop();
    }

    private void script(String operation, int code) {
        FxiaokeFixture.admin(mock, "scripted-errors", "{\"operation\":\"" + operation + "\",\"errorCode\":" + code
                + ",\"count\":1}");
    }

    @Test
    void aUsedUpDailyQuotaIsFinalAndAskedOnce() {
        script("data/query", 30002);

        ConnectorException e = catchThrowableOfType(() -> connector.findBy("AccountObj", "account_no", "C0001", 1),
                ConnectorException.class);

        assertThat(e.outcome()).isEqualTo(Outcome.NOT_RETRYABLE);
        assertThat(e.getMessage()).contains("30002");
        assertThat(mock.requests().count("data/query")).isEqualTo(1);
    }

    @Test
    void busyIsRepeatedForARead() {
        script("data/query", -1);

        assertThat(connector.findBy("AccountObj", "account_no", "C0001", 1)).hasSize(1);
        assertThat(mock.requests().count("data/query")).isEqualTo(2);
    }

    @Test
    void busyOnACreateIsUnknownNotRepeatedAndTheRedeliveryMakesOneRecord() {
        script("data/create", 50009);
        Map<String, Object> fields = Map.of("name", "超时客户");

        ConnectorException e = catchThrowableOfType(() -> connector.upsertByExternalKey("AccountObj", "account_no",
                "HUB-C-BUSY", fields), ConnectorException.class);
        assertThat(e.outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(mock.requests().count("data/create")).isEqualTo(1);

        UpsertResult again = connector.upsertByExternalKey("AccountObj", "account_no", "HUB-C-BUSY", fields);
        UpsertResult third = connector.upsertByExternalKey("AccountObj", "account_no", "HUB-C-BUSY", fields);
        assertThat(again.status()).isEqualTo(UpsertResult.Status.CREATED);
        assertThat(third.status()).isEqualTo(UpsertResult.Status.UPDATED);
        assertThat(FxiaokeFixture.records(mock, "AccountObj", "account_no", "HUB-C-BUSY")).hasSize(1);
    }
}
