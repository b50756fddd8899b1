package org.aftersaleshub.imcallback;

import java.time.Duration;
import java.util.List;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeCallbackCrypto;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackException;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/**
 * The refusals of the callback endpoints, as problem+json. A refused callback changes nothing; the platform sees a
 * non-200 and re-sends (which is refused again unless it was a passing fault). No body, key, token or signature is
 * ever quoted; {@code platformCode} carries the platform's own code for the failure (DingTalk 9000xx, WeCom -400xx).
 */
final class CallbackProblems {

    private CallbackProblems() {
    }

    static ApiProblem unknownInstance(CallbackPlatform platform, String name, List<String> known) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "callback-instance-unknown",
                "Unknown callback instance (回调实例不存在)", "No " + platform.type() + " instance named '" + name
                + "' receives callbacks here; configured: " + known + " (hub.callbacks.instances).")
                .with("errors", List.of(new FieldViolation("instance", "exists",
                        "is not a configured " + platform.type() + " callback instance")));
    }

    static ApiProblem instanceNeeded(CallbackPlatform platform, List<String> known) {
        String detail = known.isEmpty()
                ? "No " + platform.type() + " instance receives callbacks here (hub.callbacks.instances)."
                : "Several " + platform.type() + " instances receive callbacks here: use /callbacks/"
                + platform.path() + "/{instance}, one of " + known + ".";
        return new ApiProblem(HttpStatus.NOT_FOUND, "callback-instance-unknown",
                "Unknown callback instance (回调实例不存在)", detail)
                .with("errors", List.of(new FieldViolation("instance", "required", known.isEmpty()
                        ? "no callback instance is configured" : "name the instance in the path")));
    }

    static ApiProblem missing(String field, String where) {
        return ApiProblem.validation(List.of(new FieldViolation(field, "required",
                "is required in the " + where + " of this callback (缺少参数)")));
    }

    static ApiProblem malformed(String field, String rule, String message) {
        return ApiProblem.validation(List.of(new FieldViolation(field, rule, message)));
    }

    static ApiProblem tooLarge(int max) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Callback too large (回调内容过大)",
                "A callback body or its decrypted payload may hold at most " + max + " characters.")
                .with("errors", List.of(new FieldViolation("$", "max-length:" + max, "is too long (内容过长)")));
    }

    static ApiProblem stale(String field, Duration window) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "callback-stale", "Stale callback (回调时间戳超出有效期)",
                "The callback's " + field + " is more than " + window.toSeconds() + " s away from the hub's clock; "
                + "it is refused as a possible replay.")
                .with("errors", List.of(new FieldViolation(field, "within:" + window.toSeconds() + "s",
                        "must be within " + window.toSeconds() + " s of now (时间戳已过期)")));
    }

    static ApiProblem replayed() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "callback-replayed", "Replayed callback (回调签名已被使用)",
                "This (timestamp, signature) pair was already accepted once; a card click's signature covers only "
                + "its timestamp, so a pair is never accepted twice.")
                .with("errors", List.of(new FieldViolation("x-ddpaas-signature", "once",
                        "was already used (签名已使用)")));
    }

    static ApiProblem cardSignatureRequired(String instance) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "callback-signature-required",
                "Card callbacks need a signature (卡片回调需要签名)", "Instance '" + instance + "' has no apiSecret ("
                + CallbackInstances.PREFIX + instance + ".api-secret), and unsigned card clicks are accepted only in "
                + "the dev profile.");
    }

    static ApiProblem pushNotConfigured(String instance) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "callback-push-not-configured",
                "Event push not configured (未配置事件订阅)", "Instance '" + instance + "' has no event-push token and "
                + "aes_key (" + CallbackInstances.PREFIX + instance + ".token, .aes-key).");
    }

    /** A DingTalk refusal: 400 for what does not decrypt, 401 for what is not signed by or meant for this app. */
    static ApiProblem of(DingTalkCallbackException e, String signatureField) {
        return switch (e.failure()) {
            case SIGNATURE_MISMATCH -> signature(signatureField, e.failure().code());
            case OWNER_KEY_MISMATCH -> owner("owner key (appKey / corpId)", e.failure().code());
            case ILLEGAL_AES_KEY, DECRYPT_ERROR, LENGTH_MISMATCH -> undecryptable("encrypt", e.failure().code());
        };
    }

    /** A WeCom refusal, mapped like {@link #of(DingTalkCallbackException, String)}. */
    static ApiProblem of(WeComCallbackException e, String encryptField) {
        return switch (e.failure()) {
            case SIGNATURE_MISMATCH -> signature("msg_signature", e.failure().code());
            case RECEIVE_ID_MISMATCH -> owner("receiveid (CorpID)", e.failure().code());
            case PARSE_ERROR -> new ApiProblem(HttpStatus.BAD_REQUEST, "callback-malformed",
                    "Malformed callback (回调格式错误)", "The callback is not the XML expected, or declares a DOCTYPE.")
                    .with("platformCode", e.failure().code()).with("errors", List.of(new FieldViolation(encryptField,
                            "xml", "must be well-formed XML without a DOCTYPE")));
            default -> undecryptable(encryptField, e.failure().code());
        };
    }

    /** An FXiaoKe refusal: 401 for a signature or tenant that is not this instance's, 400 for the rest. */
    static ApiProblem of(FxiaokeCallbackCrypto.CallbackRefused e) {
        return switch (e.field()) {
            case "signature" -> new ApiProblem(HttpStatus.UNAUTHORIZED, "callback-signature-mismatch",
                    "Callback signature mismatch (回调签名不匹配)", "The callback's signature is not the one computed "
                    + "with this instance's aesKey over its fields; nothing was stored or changed.")
                    .with("errors", List.of(new FieldViolation("signature", "signature", "does not match (签名不匹配)")));
            case "enterpriseAccount" -> owner("enterpriseAccount", 0);
            case "encryptedContent" -> new ApiProblem(HttpStatus.BAD_REQUEST, "callback-undecryptable",
                    "Callback does not decrypt (回调解密失败)", "encryptedContent is not Base64 or does not decrypt "
                    + "with this instance's aesKey.").with("errors", List.of(new FieldViolation("encryptedContent",
                    "decrypt", "does not decrypt (无法解密)")));
            default -> missing(e.field(), "body");
        };
    }

    private static ApiProblem signature(String field, int code) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "callback-signature-mismatch",
                "Callback signature mismatch (回调签名不匹配)", "The callback's signature is not the one computed with "
                + "this instance's token or secret.").with("platformCode", code)
                .with("errors", List.of(new FieldViolation(field, "signature", "does not match (签名不匹配)")));
    }

    private static ApiProblem owner(String what, int code) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "callback-wrong-owner", "Callback for another app (回调不属于本应用)",
                "The payload decrypts, but its " + what + " is not this instance's.").with("platformCode", code);
    }

    private static ApiProblem undecryptable(String field, int code) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "callback-undecryptable", "Callback does not decrypt (回调解密失败)",
                "The encrypted text is not Base64, not whole AES blocks, or does not decrypt with this instance's key.")
                .with("platformCode", code)
                .with("errors", List.of(new FieldViolation(field, "decrypt", "does not decrypt (无法解密)")));
    }
}
