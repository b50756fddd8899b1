package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.aftersaleshub.mock.support.MockContext;

/**
 * FXiaoKe's data-change callbacks to the hub (docs/vendor-apis/fxiaoke.md §6, §7.4): every write announced (or one
 * pushed on demand) as an AES-256-CBC encrypted, SHA-1 signed event, re-sent after each configured delay with an
 * increasing {@code retryTimes} until the hub answers the encrypted, signed {@code success}.
 */
final class FxiaokeCallbacks {

    private final ImCrmContext<FxiaokeSettings, String> p;

    FxiaokeCallbacks(ImCrmContext<FxiaokeSettings, String> platform) {
        this.p = platform;
    }

    /** A write happened: push it in the background when a URL is set and {@code pushOnChange} is on. */
    void changed(String eventType, String apiName, String dataId) {
        FxiaokeSettings.Callback cb = p.settings().callback;
        if (cb.pushOnChange && cb.url != null && !cb.url.isBlank()) {
            p.sender().deliverAsync("change:" + eventType,
                    exchange(eventType, apiName, dataId, FxiaokeMock.PushOptions.defaults(), cb),
                    cb.replyTimeoutMs, cb.retryDelaysMs);
        }
    }

    /** See {@link FxiaokeMock#pushChange}. */
    CallbackSender.Attempt push(String eventType, String apiName, String dataId, FxiaokeMock.PushOptions o) {
        FxiaokeSettings.Callback cb = p.settings().callback;
        ImCrmContext.requireCallbackUrl(cb.url);
        return p.sender().deliver("change:" + eventType, exchange(eventType, apiName, dataId, o, cb), cb.replyTimeoutMs,
                cb.retryDelaysMs);
    }

    private CallbackSender.Exchange exchange(String eventType, String apiName, String dataId,
                                             FxiaokeMock.PushOptions o, FxiaokeSettings.Callback cb) {
        String messageId = o.messageId() != null ? o.messageId() : WxCallbackCrypto.randomAlphanumeric(33).toUpperCase();
        long eventTime = p.millis();
        String plaintext;
        if (o.plaintext() != null) {
            plaintext = o.plaintext();
        } else {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("tenantId", cb.tenantId);
            event.put("eventType", eventType);
            event.put("apiName", apiName);
            event.put("dataId", dataId);
            event.put("timestamp", eventTime);
            event.put("messageId", messageId);
            plaintext = p.toJson(event);
        }
        String encryptKey = o.aesKeyOverride() != null ? o.aesKeyOverride() : cb.aesKey;
        return new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                long ts = o.timestamp() != null ? o.timestamp() : p.millis();
                String nonce = o.nonce() != null ? o.nonce() : WxCallbackCrypto.randomAlphanumeric(16);
                Integer retryTimes = o.firstRetryTimes() != null ? Integer.valueOf(o.firstRetryTimes() + attempt - 1)
                        : attempt == 1 ? null : Integer.valueOf(attempt - 1);
                String encrypted = aesEncrypt(plaintext, encryptKey);
                String signature = sha1Hex(ts + nonce + messageId + (retryTimes == null ? "" : retryTimes)
                        + cb.enterpriseAccount + encrypted + cb.aesKey);
                if (o.tamperSignature()) {
                    signature = ImCrmContext.flipLastHexDigit(signature);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("signature", signature);
                body.put("timestamp", ts);
                body.put("nonce", nonce);
                body.put("messageId", messageId);
                if (retryTimes != null) {
                    body.put("retryTimes", retryTimes);
                }
                body.put("enterpriseAccount", cb.enterpriseAccount);
                body.put("encryptedContent", encrypted);
                return new CallbackSender.Outgoing("POST", URI.create(cb.url),
                        Map.of("Content-Type", "application/json;charset=UTF-8"), p.toJson(body));
            }

            @Override
            public String verify(int status, String replyBody, int attempt) {
                return verifyReply(status, replyBody, cb.aesKey);
            }
        };
    }

    /** Null when the reply is {timestamp, nonce, encryptedResult = enc("success"), signature} correctly signed. */
    static String verifyReply(int status, String body, String aesKey) {
        if (status != 200) {
            return "HTTP " + status;
        }
        JsonNode r = MockContext.parseJsonOrNull(body);
        if (r == null || !r.isObject()) {
            return "reply is not JSON";
        }
        for (String f : List.of("timestamp", "nonce", "encryptedResult", "signature")) {
            if (!r.hasNonNull(f)) {
                return "reply lacks " + f;
            }
        }
        String expected = sha1Hex(r.get("timestamp").asText() + r.get("nonce").asText() + r.get("encryptedResult").asText() + aesKey);
        if (!expected.equals(r.get("signature").asText())) {
            return "reply signature mismatch";
        }
        String result;
        try {
            result = aesDecrypt(r.get("encryptedResult").asText(), aesKey);
        } catch (RuntimeException e) {
            return "reply does not decrypt";
        }
        return "success".equals(result) ? null : "decrypted reply is '" + result + "', not 'success'";
    }

    /** AES-256-CBC with standard 16-byte PKCS5 padding, key = Base64-decoded aesKey, IV = key[0..16). */
    static String aesEncrypt(String plaintext, String aesKey) {
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, aesKey)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("encrypt error", e);
        }
    }

    static String aesDecrypt(String base64, String aesKey) {
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, aesKey).doFinal(Base64.getDecoder().decode(base64)),
                    StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("decrypt error", e);
        }
    }

    private static Cipher cipher(int mode, String aesKey) throws Exception {
        byte[] key = Base64.getDecoder().decode(aesKey);
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return c;
    }

    static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
