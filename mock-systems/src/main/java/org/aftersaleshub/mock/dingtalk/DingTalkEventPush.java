package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockContext;

/**
 * DingTalk's HTTP event push to the hub (docs/vendor-apis/dingtalk.md §6): the event encrypted and signed the DingTalk
 * way, the hub's encrypted {@code success} reply checked, and the push re-sent after each configured delay while it is
 * not.
 */
final class DingTalkEventPush {

    private final ImCrmContext<DingTalkSettings, String> p;

    DingTalkEventPush(ImCrmContext<DingTalkSettings, String> platform) {
        this.p = platform;
    }

    /** See {@link DingTalkMock#pushEvent}. */
    CallbackSender.Attempt push(JsonNode event, DingTalkMock.PushOptions options) {
        DingTalkSettings.Callback cb = p.settings().callback;
        ImCrmContext.requireCallbackUrl(cb.url);
        WxCallbackCrypto crypto = new WxCallbackCrypto(cb.token, cb.aesKey);
        String plaintext = event.toString();
        String kind = "event:" + event.path("EventType").asText(event.path("eventType").asText("unknown"));
        String owner = options.ownerKey() != null ? options.ownerKey() : cb.ownerKey;
        CallbackSender.Exchange exchange = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = options.timestamp() != null ? options.timestamp() : String.valueOf(p.millis());
                String nonce = options.nonce() != null ? options.nonce() : WxCallbackCrypto.randomAlphanumeric(8);
                String encrypt = options.random16() != null
                        ? crypto.encrypt(options.random16().getBytes(StandardCharsets.UTF_8), plaintext, owner)
                        : crypto.encrypt(plaintext, owner);
                String sig = crypto.signature(ts, nonce, encrypt);
                if (options.tamperSignature()) {
                    sig = ImCrmContext.flipLastHexDigit(sig);
                }
                URI uri = URI.create(ImCrmContext.withQuery(cb.url,
                        "msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce));
                return new CallbackSender.Outgoing("POST", uri, Map.of("Content-Type", "application/json"),
                        p.toJson(Map.of("encrypt", encrypt)));
            }

            @Override
            public String verify(int status, String body, int attempt) {
                return verifyReply(status, body, cb, crypto);
            }
        };
        return p.sender().deliver(kind, exchange, cb.replyTimeoutMs, cb.retryDelaysMs);
    }

    /** Null when the hub's reply is the encrypted "success" DingTalk expects, else why not. */
    static String verifyReply(int status, String body, DingTalkSettings.Callback cb, WxCallbackCrypto crypto) {
        if (status != 200) {
            return "HTTP " + status;
        }
        JsonNode reply = MockContext.parseJsonOrNull(body);
        if (reply == null || !reply.isObject()) {
            return "HTTP请求结果校验返回字段值失败: reply is not JSON";
        }
        for (String f : List.of("msg_signature", "timeStamp", "nonce", "encrypt")) {
            if (!reply.hasNonNull(f)) {
                return "HTTP请求结果校验返回字段值失败: missing " + f;
            }
        }
        try {
            String msg = crypto.verifyAndDecrypt(reply.get("msg_signature").asText(), reply.get("timeStamp").asText(),
                    reply.get("nonce").asText(), reply.get("encrypt").asText(), cb.ownerKey);
            return "success".equals(msg) ? null : "decrypted reply is '" + msg + "', not 'success'";
        } catch (WxCallbackCrypto.CryptoException e) {
            return e.failure.dingTalkCode + " " + e.getMessage();
        }
    }
}
