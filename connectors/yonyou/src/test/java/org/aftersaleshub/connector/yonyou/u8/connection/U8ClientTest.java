package org.aftersaleshub.connector.yonyou.u8.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.call.Verdict;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.yonyou.u8.U8ConnectorConfig;
import org.junit.jupiter.api.Test;

/** How U8 answers become verdicts for the kit's call loop (docs/vendor-apis/yonyou-u8.md §8.2). */
class U8ClientTest {

    private final U8Client client = client();

    private static U8Client client() {
        ConnectorConfig cfg = U8ConnectorConfig.CONFIG_DEF.parse("u8", Map.of("u8.from-account", "dev",
                "u8.to-account", "ent", "u8.app-key", "opa5e9d3c1b2a4f6e8", "u8.app-secret", "s3cret-value",
                "u8.receive-code", "21", "u8.token-errcodes", "30011,30012", "u8.retryable-errcodes", "50001"));
        return new U8Client(cfg, U8ConnectorConfig.CALLS.values(cfg), Clock.systemUTC());
    }

    private static HttpResult http(int status, String body) {
        return new HttpResult(HttpTransport.classify(status), status, body, HttpHeaders.of(Map.of(), (a, b) -> true),
                status == 200 ? "" : "HTTP " + status, status == 429, Optional.empty());
    }

    @Test
    void successAndBusinessErrcodesAreFinalAnswersForTheCaller() {
        Verdict<U8Reply> ok = client.classify(http(200, "{\"errcode\":\"0\",\"id\":\"42\"}"), true);
        assertThat(ok.kind()).isEqualTo(Verdict.Kind.FINAL);
        assertThat(ok.reply().ok()).isTrue();
        Verdict<U8Reply> shortage = client.classify(http(200, "{\"errcode\":\"40002\",\"errmsg\":\"现存量不足\"}"),
                true);
        assertThat(shortage.kind()).isEqualTo(Verdict.Kind.FINAL);
        assertThat(shortage.reply().errcode()).isEqualTo("40002");
    }

    @Test
    void tokenErrcodesRenewTheTokenAndRetryableErrcodesBackOff() {
        assertThat(client.classify(http(200, "{\"errcode\":\"30012\",\"errmsg\":\"token无效\"}"), true).kind())
                .isEqualTo(Verdict.Kind.CREDENTIAL_REJECTED);
        Verdict<U8Reply> busy = client.classify(http(200, "{\"errcode\":\"50001\",\"errmsg\":\"agent offline\"}"),
                true);
        assertThat(busy.kind()).isEqualTo(Verdict.Kind.NOT_FINAL);
        assertThat(busy.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void anUnreadableAnswerIsUnknownForAWriteAndRetryableForARead() {
        assertThat(client.classify(http(200, "<html>proxy</html>"), true).outcome())
                .isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(client.classify(http(200, "<html>proxy</html>"), false).outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(client.classify(http(502, "bad gateway"), true).outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(client.classify(http(503, "busy"), true).outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void pendingIsAnAcceptedAsyncAnswerWithAResultUrl() {
        assertThat(U8Reply.parse("{\"errcode\":\"0\",\"url\":\"http://x/result?requestid=1\",\"ping_after\":3}")
                .pending()).isTrue();
        assertThat(U8Reply.parse("{\"errcode\":\"0\",\"id\":\"42\"}").pending()).isFalse();
        assertThat(U8Reply.parse("{\"errcode\":\"40002\",\"url\":\"x\"}").pending()).isFalse();
    }
}
