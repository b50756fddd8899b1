package org.aftersaleshub.mock.fxiaoke;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * FXiaoKe's envelope (docs/vendor-apis/fxiaoke.md §4.1): HTTP 200 always,
 * {@code errorCode}/{@code errorMessage}/{@code errorDescription} and a {@code traceId} in the platform's
 * {@code E-O.<ea>.<user>-<n>} form.
 */
final class FxiaokeAnswers {

    private final ImCrmContext<FxiaokeSettings, String> p;
    private final FxiaokeTenant tenant;
    private final AtomicLong traceSeq = new AtomicLong();

    FxiaokeAnswers(ImCrmContext<FxiaokeSettings, String> platform, FxiaokeTenant tenant) {
        this.p = platform;
        this.tenant = tenant;
    }

    String traceId() {
        return "E-O." + tenant.ea + "." + tenant.crmUserId + "-" + traceSeq.incrementAndGet()
                + WxCallbackCrypto.randomAlphanumeric(6);
    }

    MockResponse ok(Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("errorCode", 0);
        body.put("errorMessage", "OK");
        body.put("errorDescription", "success");
        body.put("traceId", traceId());
        return MockResponse.json(200, p.toJson(body));
    }

    MockResponse error(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorMessage", message);
        body.put("errorDescription", message);
        body.put("traceId", traceId());
        return MockResponse.json(200, p.toJson(body));
    }

    MockResponse illegal(String parameter) {
        return error(p.settings().illegalParameterErrorCode, "the parameter " + parameter + " is missing or illegal");
    }

    static String scriptedMessage(int code) {
        return switch (code) {
            case -1 -> "系统繁忙";
            case -2 -> "系统错误";
            case 30002 -> "今日调用次数已用完";
            case 30003 -> "未购买OpenAPI调用资源";
            case 50009 -> "服务超时";
            default -> "mock scripted error " + code;
        };
    }
}
