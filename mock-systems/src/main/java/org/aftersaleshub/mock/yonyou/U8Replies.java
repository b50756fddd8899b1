package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The U8 mock's answers (docs/vendor-apis/yonyou-u8.md §8.1): string {@code errcode} ({@code "0"} = success) and
 * {@code errmsg}, business errors as HTTP 200, optionally served as {@code text/html}
 * ({@link U8Config#isErrorsAsHtml()}); and the small request-value helpers its surfaces share.
 */
final class U8Replies {

    private final ObjectMapper json;
    private final Supplier<U8Config> config;

    U8Replies(ObjectMapper json, Supplier<U8Config> config) {
        this.json = json;
        this.config = config;
    }

    MockResponse ok(ObjectNode body) {
        return MockResponse.json(200, body.toString());
    }

    ObjectNode okBody(String errmsg) {
        ObjectNode o = json.createObjectNode();
        o.put("errcode", "0");
        o.put("errmsg", errmsg);
        return o;
    }

    ObjectNode errorBody(String errcode, String errmsg) {
        ObjectNode o = json.createObjectNode();
        o.put("errcode", errcode);
        o.put("errmsg", errmsg);
        return o;
    }

    MockResponse error(String errcode, String errmsg) {
        String body = errorBody(errcode, errmsg).toString();
        return config.get().isErrorsAsHtml() ? MockResponse.text(200, "text/html; charset=utf-8", body)
                : MockResponse.json(200, body);
    }

    /** A fresh 32-hex id (tokens, tradeids, request ids). */
    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A query parameter left blank counts as absent. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
