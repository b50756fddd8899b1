package org.aftersaleshub.connector.yonyou.yonbip.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.HttpTransport;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.http.Urls;
import org.aftersaleshub.connector.yonyou.yonbip.connection.YonBipReply.Kind;
import org.junit.jupiter.api.Test;

/**
 * Signature, token encoding and the classification of gateway answers (docs/vendor-apis/yonyou-yonbip.md §3.2, §4.4).
 */
class YonBipProtocolTest {

    private static HttpResult http(int status, String body) {
        return new HttpResult(HttpTransport.classify(status), status, body, HttpHeaders.of(Map.of(), (a, b) -> true),
                status == 200 ? "" : "HTTP " + status, status == 429, Optional.empty());
    }

    @Test
    void signatureMatchesTheKnownAnswerVector() {
        // mock-systems/tools/yonbip_vectors.py, derived with Python's hmac from the documented recipe
        assertThat(YonBipClient.signature("yb-demo-app-key-0001", "1700000000000", "yb-demo-app-secret-0001"))
                .isEqualTo("d2tcFFnD58pmVY7JgHChOtUbLgaNansNvtYBA34OGt4=");
        assertThat(Urls.encode("d2tcFFnD58pmVY7JgHChOtUbLgaNansNvtYBA34OGt4="))
                .isEqualTo("d2tcFFnD58pmVY7JgHChOtUbLgaNansNvtYBA34OGt4%3D");
    }

    @Test
    void tokensWithPlusSlashAndEqualsAreUrlEncoded() {
        assertThat(Urls.encode("ab+cd/ef==")).isEqualTo("ab%2Bcd%2Fef%3D%3D");
        assertThat(Urls.resolve("https://c2.example.com/iuap-api-gateway/", YonBipClient.DETAIL,
                Map.of("access_token", "ab+cd/ef==")).toString())
                .isEqualTo("https://c2.example.com/iuap-api-gateway/yonbip/scm/othoutrecord/detail"
                        + "?access_token=ab%2Bcd%2Fef%3D%3D");
    }

    @Test
    void gatewayAnswersAreClassified() {
        assertThat(YonBipReply.of(http(200, "{\"code\":\"200\",\"data\":[]}")).kind()).isEqualTo(Kind.OK);
        assertThat(YonBipReply.of(http(200, "{\"code\":\"310036\",\"message\":\"非法token\"}")).kind())
                .isEqualTo(Kind.TOKEN_INVALID);
        assertThat(YonBipReply.of(http(200, "非法token")).kind()).isEqualTo(Kind.TOKEN_INVALID);
        assertThat(YonBipReply.of(http(200, "{\"code\":\"310001\",\"message\":\"access_token不能为空。\"}")).kind())
                .isEqualTo(Kind.TOKEN_INVALID);
        assertThat(YonBipReply.of(http(429, "{\"code\":\"310046\",\"message\":\"API被限流\"}")).kind())
                .isEqualTo(Kind.RATE_LIMITED);
        assertThat(YonBipReply.of(http(429, "busy")).kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(YonBipReply.of(http(200, "{\"code\":\"999\",\"message\":\"操作过于频繁，请稍后重试\"}")).kind())
                .isEqualTo(Kind.RATE_LIMITED);
        assertThat(YonBipReply.of(http(200, "{\"code\":\"999\",\"message\":\"系统异常\"}")).kind())
                .isEqualTo(Kind.SYSTEM_ERROR);
        assertThat(YonBipReply.of(http(404, "{\"code\":\"310404\",\"message\":\"网关上没有注册此API\"}")).kind())
                .isEqualTo(Kind.NO_SUCH_API);
        assertThat(YonBipReply.of(http(200, "{\"code\":\"1002\",\"message\":\"数据不存在\"}")).kind())
                .isEqualTo(Kind.NOT_FOUND);
        YonBipReply html = YonBipReply.of(http(200, "<html>gateway</html>"));
        assertThat(html.kind()).isEqualTo(Kind.TRANSPORT);
        assertThat(html.outcome(http(200, "<html>gateway</html>"), true)).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(html.outcome(http(200, "<html>gateway</html>"), false)).isEqualTo(Outcome.RETRYABLE);
    }
}
