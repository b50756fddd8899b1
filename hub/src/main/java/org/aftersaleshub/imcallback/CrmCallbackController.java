package org.aftersaleshub.imcallback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeCallbackCrypto;
import org.aftersaleshub.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /callbacks/crm[/{instance}]}: the FXiaoKe CRM's data-change callback (docs/vendor-apis/fxiaoke.md §6).
 * Verified (signature over the fields in FXiaoKe's order, the timestamp window, the tenant), decrypted, stored once per
 * {@code messageId} and answered with the encrypted, signed {@code success} at once, which ends the CRM's re-sends;
 * a re-send of a stored event gets the same answer and is not processed again. The event names a record, not its
 * fields: the worker fetches it from the CRM (crm.CrmChangeEvents). A refused callback stores and changes nothing.
 */
@Hidden
@RestController
class CrmCallbackController {

    private final CallbackInstances instances;
    private final TimestampWindow window;
    private final CallbackIntake intake;
    private final ObjectMapper json;

    CrmCallbackController(CallbackInstances instances, TimestampWindow window, CallbackIntake intake,
                          ObjectMapper json) {
        this.instances = instances;
        this.window = window;
        this.intake = intake;
        this.json = json;
    }

    @PostMapping(path = {"/callbacks/crm", "/callbacks/crm/{instance}"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> receive(@PathVariable(name = "instance", required = false) String name,
                                                @RequestBody(required = false) String body) {
        CallbackInstance instance = instances.resolve(CallbackPlatform.FXIAOKE, name);
        if (body == null || body.isBlank()) {
            throw refused(instance, CallbackProblems.missing("$", "body"), "no body");
        }
        if (body.length() > InboundCallbacks.MAX_PAYLOAD) {
            throw refused(instance, CallbackProblems.tooLarge(InboundCallbacks.MAX_PAYLOAD), "too large");
        }
        JsonNode b;
        try {
            b = json.readTree(body);
        } catch (Exception e) {
            b = null;
        }
        if (b == null || !b.isObject()) {
            throw refused(instance, CallbackProblems.malformed("$", "json-object", "must be a JSON object "
                    + "(回调内容不是JSON对象)"), "not a JSON object");
        }
        String timestamp = text(b, "timestamp");
        try {
            window.check("timestamp", timestamp);
        } catch (ApiProblem p) {
            throw refused(instance, p, "timestamp missing, malformed or outside the window");
        }
        FxiaokeCallbackCrypto.Request request = new FxiaokeCallbackCrypto.Request(text(b, "signature"), timestamp,
                text(b, "nonce"), text(b, "messageId"), text(b, "retryTimes"), text(b, "enterpriseAccount"),
                text(b, "encryptedContent"));
        String plain;
        try {
            plain = instance.fxiaoke().verifyAndDecrypt(request);
        } catch (FxiaokeCallbackCrypto.CallbackRefused e) {
            throw refused(instance, CallbackProblems.of(e), e.getMessage());
        }
        JsonNode event;
        try {
            event = json.readTree(plain);
        } catch (Exception e) {
            event = null;
        }
        if (event == null || !event.isObject() || text(event, "dataId") == null) {
            throw refused(instance, CallbackProblems.malformed("encryptedContent", "event", "must decrypt to an "
                    + "event naming apiName and dataId (回调事件格式错误)"), "not an event");
        }
        // the messageId identifies the event; it is signed, so a re-send carries the same one
        intake.accept(instance, InboundCallbacks.Kind.EVENT, event.path("eventType").asText("update"),
                request.messageId(), plain);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(instance.fxiaoke().successReply(System.currentTimeMillis()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private ApiProblem refused(CallbackInstance instance, ApiProblem problem, String why) {
        intake.refused(instance.platform(), instance.name(), why);
        return problem;
    }
}
