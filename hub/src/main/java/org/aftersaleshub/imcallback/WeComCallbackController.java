package org.aftersaleshub.imcallback;

import io.swagger.v3.oas.annotations.Hidden;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackCrypto;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackEvent;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackXml;
import org.aftersaleshub.web.ApiProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /callbacks/wecom[/{instance}]}: a WeCom app's callback URL (docs/vendor-apis/wecom.md §4). {@code GET} is the
 * URL verification — the decrypted {@code echostr} is the whole answer, no quotes or newline
 * (docs/vendor-apis/wecom.md §4.3); {@code POST} is an encrypted event, stored and answered with an empty 200 at once,
 * which ends WeCom's re-sends (docs/vendor-apis/wecom.md §4.5); card clicks are processed afterwards.
 */
@Hidden
@RestController
class WeComCallbackController {

    private final CallbackInstances instances;
    private final TimestampWindow window;
    private final CallbackIntake intake;

    WeComCallbackController(CallbackInstances instances, TimestampWindow window, CallbackIntake intake) {
        this.instances = instances;
        this.window = window;
        this.intake = intake;
    }

    @GetMapping(path = {"/callbacks/wecom", "/callbacks/wecom/{instance}"}, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verifyUrl(@PathVariable(name = "instance", required = false) String name,
                                     @RequestParam(name = "msg_signature", required = false) String msgSignature,
                                     @RequestParam(name = "timestamp", required = false) String timestamp,
                                     @RequestParam(name = "nonce", required = false) String nonce,
                                     @RequestParam(name = "echostr", required = false) String echostr) {
        CallbackInstance instance = instances.resolve(CallbackPlatform.WECOM, name);
        within(instance, timestamp);
        required(instance, msgSignature, "msg_signature");
        required(instance, nonce, "nonce");
        required(instance, echostr, "echostr");
        try {
            // Base64 has no spaces: a '+' that reached us unencoded was turned into one by the query decoding
            String plain = instance.weCom().verifyUrl(msgSignature, timestamp, nonce, echostr.replace(' ', '+'));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(plain);
        } catch (WeComCallbackException e) {
            throw refused(instance, CallbackProblems.of(e, "echostr"), e.getMessage());
        }
    }

    @PostMapping(path = {"/callbacks/wecom", "/callbacks/wecom/{instance}"})
    ResponseEntity<Void> receive(@PathVariable(name = "instance", required = false) String name,
                                 @RequestParam(name = "msg_signature", required = false) String msgSignature,
                                 @RequestParam(name = "timestamp", required = false) String timestamp,
                                 @RequestParam(name = "nonce", required = false) String nonce,
                                 @RequestBody(required = false) String body) {
        CallbackInstance instance = instances.resolve(CallbackPlatform.WECOM, name);
        within(instance, timestamp);
        required(instance, msgSignature, "msg_signature");
        required(instance, nonce, "nonce");
        if (body == null || body.isBlank()) {
            throw refused(instance, CallbackProblems.missing("$", "body"), "no body");
        }
        if (body.length() > InboundCallbacks.MAX_PAYLOAD) {
            throw refused(instance, CallbackProblems.tooLarge(InboundCallbacks.MAX_PAYLOAD), "too large");
        }
        WeComCallbackCrypto crypto = instance.weCom();
        WeComCallbackEvent event;
        try {
            String xml = crypto.verifyAndDecrypt(msgSignature, timestamp, nonce, WeComCallbackXml.encryptedText(body));
            event = WeComCallbackEvent.parse(xml);
        } catch (WeComCallbackException e) {
            throw refused(instance, CallbackProblems.of(e, "Encrypt"), e.getMessage());
        }
        if (event.xml().length() > InboundCallbacks.MAX_PAYLOAD) {
            throw refused(instance, CallbackProblems.tooLarge(InboundCallbacks.MAX_PAYLOAD), "too large");
        }
        intake.accept(instance, event.isCardClick() ? InboundCallbacks.Kind.CARD_ACTION : InboundCallbacks.Kind.EVENT,
                event.eventType(), event.identity(), event.xml());
        return ResponseEntity.ok().build();
    }

    private void within(CallbackInstance instance, String timestamp) {
        try {
            window.check("timestamp", timestamp);
        } catch (ApiProblem p) {
            throw refused(instance, p, "timestamp missing, malformed or outside the window");
        }
    }

    private void required(CallbackInstance instance, String value, String field) {
        if (value == null || value.isBlank()) {
            throw refused(instance, CallbackProblems.missing(field, "query"), "no " + field);
        }
    }

    private ApiProblem refused(CallbackInstance instance, ApiProblem problem, String why) {
        intake.refused(instance.platform(), instance.name(), why);
        return problem;
    }
}
