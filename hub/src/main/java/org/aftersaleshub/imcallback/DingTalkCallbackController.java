package org.aftersaleshub.imcallback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackCrypto;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackEvent;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackException;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCardCallback;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCardCallbackSignature;
import org.aftersaleshub.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /callbacks/dingtalk[/{instance}]}: DingTalk's HTTP event push (docs/vendor-apis/dingtalk.md §6) and its
 * interactive-card clicks (docs/vendor-apis/dingtalk.md §7.3) at one URL, told apart by their shape — a push carries
 * {@code msg_signature} in the query and {@code {"encrypt"}} as the body, a click {@code outTrackId} in plain JSON.
 * Both are verified, stored and answered before anything is processed: a push with the encrypted {@code success}
 * (docs/vendor-apis/dingtalk.md §6.6, within 2.5 s), a click with {@code {}} (within 2 s; the card is updated later by
 * a route, never during the callback, docs/vendor-apis/dingtalk.md §7.4).
 */
@Hidden
@RestController
class DingTalkCallbackController {

    private final CallbackInstances instances;
    private final TimestampWindow window;
    private final CallbackIntake intake;
    private final ObjectMapper json;

    DingTalkCallbackController(CallbackInstances instances, TimestampWindow window, CallbackIntake intake,
                               ObjectMapper json) {
        this.instances = instances;
        this.window = window;
        this.intake = intake;
        this.json = json;
    }

    @PostMapping(path = {"/callbacks/dingtalk", "/callbacks/dingtalk/{instance}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(@PathVariable(name = "instance", required = false) String name,
                                @RequestParam Map<String, String> query,
                                @RequestHeader(name = DingTalkCardCallbackSignature.TIMESTAMP_HEADER, required = false)
                                String signedAt,
                                @RequestHeader(name = DingTalkCardCallbackSignature.SIGNATURE_HEADER, required = false)
                                String signature,
                                @RequestBody(required = false) String body) {
        CallbackInstance instance = instances.resolve(CallbackPlatform.DINGTALK, name);
        if (body == null || body.isBlank()) {
            throw refused(instance, CallbackProblems.missing("$", "body"), "no body");
        }
        if (body.length() > InboundCallbacks.MAX_PAYLOAD) {
            throw refused(instance, CallbackProblems.tooLarge(InboundCallbacks.MAX_PAYLOAD), "body too large");
        }
        JsonNode tree = parse(instance, body);
        if (query.containsKey("msg_signature") || query.containsKey("signature") || tree.has("encrypt")) {
            return push(instance, query, tree);
        }
        if (DingTalkCardCallback.looksLikeCardCallback(tree)) {
            return click(instance, signedAt, signature, tree, body);
        }
        throw refused(instance, CallbackProblems.malformed("$", "shape", "is neither an event push (msg_signature "
                + "and encrypt) nor a card callback (outTrackId) (无法识别的回调)"), "unknown shape");
    }

    private Map<String, Object> push(CallbackInstance instance, Map<String, String> query, JsonNode tree) {
        DingTalkCallbackCrypto crypto = instance.dingTalkPush();
        if (crypto == null) {
            throw refused(instance, CallbackProblems.pushNotConfigured(instance.name()), "push not configured");
        }
        String timestampField = query.containsKey("timestamp") ? "timestamp" : "timeStamp";
        String timestamp = query.get(timestampField);
        within(instance, timestampField, timestamp);
        String signatureField = query.containsKey("msg_signature") ? "msg_signature" : "signature";
        String msgSignature = required(instance, query.get(signatureField), "msg_signature");
        String nonce = required(instance, query.get("nonce"), "nonce");
        JsonNode encrypt = tree.get("encrypt");
        if (encrypt == null || !encrypt.isTextual() || encrypt.asText().isBlank()) {
            throw refused(instance, CallbackProblems.missing("encrypt", "body"), "no encrypt");
        }
        String plaintext;
        DingTalkCallbackEvent event;
        try {
            plaintext = crypto.verifyAndDecrypt(msgSignature, timestamp, nonce, encrypt.asText());
            event = DingTalkCallbackEvent.parse(plaintext);
        } catch (DingTalkCallbackException e) {
            throw refused(instance, CallbackProblems.of(e, signatureField), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw refused(instance, CallbackProblems.malformed("encrypt", "json", "does not decrypt to a JSON object "
                    + "(解密内容不是 JSON)"), e.getMessage());
        }
        if (plaintext.length() > InboundCallbacks.MAX_PAYLOAD) {
            throw refused(instance, CallbackProblems.tooLarge(InboundCallbacks.MAX_PAYLOAD), "payload too large");
        }
        intake.accept(instance, InboundCallbacks.Kind.EVENT, event.eventType(), event.identity(), plaintext);
        DingTalkCallbackCrypto.Reply reply = crypto.reply("success", String.valueOf(System.currentTimeMillis()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("msg_signature", reply.msgSignature());
        answer.put("timeStamp", reply.timeStamp());
        answer.put("nonce", reply.nonce());
        answer.put("encrypt", reply.encrypt());
        return answer;
    }

    private Map<String, Object> click(CallbackInstance instance, String signedAt, String signature, JsonNode tree,
                                      String body) {
        long signedAtValue = -1;
        if (instance.apiSecret() != null) {
            signedAtValue = within(instance, DingTalkCardCallbackSignature.TIMESTAMP_HEADER, signedAt).toEpochMilli();
            try {
                DingTalkCardCallbackSignature.verify(instance.apiSecret(), signedAt.trim(), signature);
            } catch (DingTalkCallbackException e) {
                throw refused(instance, CallbackProblems.of(e, DingTalkCardCallbackSignature.SIGNATURE_HEADER),
                        e.getMessage());
            }
        } else if (instances.cardSignatureRequired()) {
            throw refused(instance, CallbackProblems.cardSignatureRequired(instance.name()), "no apiSecret");
        }
        DingTalkCardCallback click;
        try {
            click = DingTalkCardCallback.parse(tree);
        } catch (IllegalArgumentException e) {
            String member = e.getMessage() == null ? "$" : e.getMessage().split(" ")[0];
            throw refused(instance, CallbackProblems.malformed(List.of("outTrackId", "userId", "content")
                    .contains(member) ? member : "$", "card-callback", e.getMessage()), e.getMessage());
        }
        if (signedAtValue >= 0 && !intake.useSignatureOnce(instance, signedAtValue, signature.trim())) {
            throw refused(instance, CallbackProblems.replayed(), "replayed signature");
        }
        boolean isClick = click.type() == null || "actionCallback".equals(click.type());
        intake.accept(instance, isClick ? InboundCallbacks.Kind.CARD_ACTION : InboundCallbacks.Kind.EVENT,
                click.type() == null ? "actionCallback" : click.type(), click.identity(), body);
        return Map.of();
    }

    private JsonNode parse(CallbackInstance instance, String body) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw refused(instance, CallbackProblems.malformed("$", "json-object", "must be a JSON object (请求体不是 "
                + "JSON 对象)"), "body is not a JSON object");
    }

    private Instant within(CallbackInstance instance, String field, String timestamp) {
        try {
            return window.check(field, timestamp);
        } catch (ApiProblem p) {
            throw refused(instance, p, field + " missing, malformed or outside the window");
        }
    }

    private String required(CallbackInstance instance, String value, String field) {
        if (value == null || value.isBlank()) {
            throw refused(instance, CallbackProblems.missing(field, "query"), "no " + field);
        }
        return value;
    }

    private ApiProblem refused(CallbackInstance instance, ApiProblem problem, String why) {
        intake.refused(instance.platform(), instance.name(), why);
        return problem;
    }
}
