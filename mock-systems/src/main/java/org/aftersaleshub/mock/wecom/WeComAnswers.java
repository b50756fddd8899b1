package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom's error envelope (docs/vendor-apis/wecom.md §2.3) and the content checks app messages and group-robot
 * messages share (docs/vendor-apis/wecom.md §3.1, §5).
 */
final class WeComAnswers {

    private final ImCrmContext<WeComSettings, WeComMock.App> p;

    WeComAnswers(ImCrmContext<WeComSettings, WeComMock.App> platform) {
        this.p = platform;
    }

    /**
     * WeCom's envelope: always HTTP 200, {@code errcode}/{@code errmsg}; a non-zero code's errmsg carries the live
     * suffix {@code , hint: [...], from ip: ..., more info at ...?e=<code>} (docs/vendor-apis/wecom.md §2.3) so clients
     * learn not to parse it.
     */
    MockResponse error(MockRequest req, int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", code);
        body.put("errmsg", suffixed(req, code, msg));
        return MockResponse.json(200, p.toJson(body));
    }

    private String suffixed(MockRequest req, int code, String msg) {
        String hint = p.millis() / 1000 + WxCallbackCrypto.randomAlphanumeric(9).toLowerCase(Locale.ROOT);
        return msg + ", hint: [" + hint + "], from ip: " + req.clientIp()
                + ", more info at https://open.work.weixin.qq.com/devtool/query?e=" + code;
    }

    static String messageFor(int code) {
        return switch (code) {
            case -1 -> "system busy";
            case 40014 -> "invalid access_token";
            case 42001 -> "access_token expired";
            case 45009 -> "api freq out of limit";
            case 45033 -> "api concurrent out of limit";
            case 48002 -> "api forbidden";
            case 60020 -> "not allow to access from your ip";
            default -> "mock scripted error " + code;
        };
    }

    /**
     * The checks app messages and robot messages share: 40008 for a {@code msgtype} outside {@code allowed} or
     * without its payload; for text and markdown, 44004 when empty and 45002 beyond 2 048 bytes (text) or
     * {@code maxMarkdownBytes} (markdown). {@code null} when the message passes.
     */
    MockResponse checkMessage(MockRequest req, JsonNode b, String msgtype, Set<String> allowed, int maxMarkdownBytes) {
        if (!allowed.contains(msgtype) || !b.has(msgtype)) {
            return error(req, 40008, "invalid message type");
        }
        if (msgtype.equals("text") || msgtype.equals("markdown")) {
            String content = b.path(msgtype).path("content").asText("");
            if (content.isEmpty()) {
                return error(req, 44004, "empty content");
            }
            int max = msgtype.equals("text") ? 2048 : maxMarkdownBytes;
            if (content.getBytes(StandardCharsets.UTF_8).length > max) {
                return error(req, 45002, "content size out of limit");
            }
        }
        return null;
    }
}
