package org.aftersaleshub.mock.dingtalk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The two error envelopes of DingTalk's server API (docs/vendor-apis/dingtalk.md §2.4, §3): legacy {@code oapi} answers
 * (HTTP 200, {@code errcode}/{@code errmsg}/{@code request_id}) and new {@code api.dingtalk.com} answers (HTTP 4xx/5xx,
 * {@code code}/{@code requestid}/{@code message}), with the mapping of a legacy code to its new-API form.
 */
final class DingTalkAnswers {

    private final ImCrmContext<DingTalkSettings, String> p;

    DingTalkAnswers(ImCrmContext<DingTalkSettings, String> platform) {
        this.p = platform;
    }

    static String legacyMessage(int code) {
        return switch (code) {
            case -1 -> "系统繁忙";
            case 40014 -> "不合法的access_token";
            case 42001 -> "access_token超时";
            case 60011 -> "没有调用该接口的权限";
            case 60020 -> "访问ip不在白名单之中";
            case 88 -> "鉴权异常";
            case 90001 -> "您的服务器调用钉钉开放平台所有接口的请求都被暂时禁用了";
            case 90002 -> "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了";
            case 90018 -> "当前企业调用该接口的QPS超过阈值，请降低调用频率";
            case 90020 -> "当前企业调用接口的月度次数超过限制";
            default -> "mock scripted error " + code;
        };
    }

    MockResponse legacy(int code, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", code);
        body.put("errmsg", msg);
        body.put("request_id", requestId());
        return MockResponse.json(200, p.toJson(body));
    }

    MockResponse invalidAuthentication() {
        return newApiError(400, "InvalidAuthentication", "不合法的access_token");
    }

    MockResponse newApiErrorFor(int legacyCode) {
        return switch (legacyCode) {
            case 90018 -> newApiError(403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "应用调用该接口的请求数超过限流阈值");
            case 90002 -> newApiError(403, "Forbidden.AccessDenied.QpsLimitForApi", "该接口的总请求数超过限流阈值");
            case 90020 -> newApiError(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "企业调用接口的月度次数超过限制");
            case 60020 -> newApiError(403, "Forbidden.AccessDenied.IpNotInWhiteList", "访问ip不在白名单之中");
            case 60011 -> newApiError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "没有调用该接口的权限");
            case 40014, 42001, 41001 -> invalidAuthentication();
            case -1 -> newApiError(500, "ServiceUnavailable", "系统繁忙");
            default -> newApiError(400, String.valueOf(legacyCode), "mock scripted error " + legacyCode);
        };
    }

    MockResponse newApiError(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("requestid", UUID.randomUUID().toString().toUpperCase());
        body.put("message", message);
        return MockResponse.json(status, p.toJson(body));
    }

    /** The new API's answer to a path it does not know. */
    MockResponse notFound() {
        return newApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    static String requestId() {
        return WxCallbackCrypto.randomAlphanumeric(12).toLowerCase();
    }
}
