package org.aftersaleshub.mock.wecom;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.w3c.dom.Document;

/**
 * WeCom as the platform calling the hub (docs/vendor-apis/wecom.md §4): URL verification with a URL-encoded
 * {@code echostr}, encrypted XML events re-sent on a bad reply, and the events a member's card click
 * ({@code template_card_event}, with a fresh response code) or an approval change ({@code sys_approval_change})
 * produce. A click on a delivered card ({@link #clickCard}) also applies a passive {@code update_button} reply to the
 * clicking member's card (docs/vendor-apis/wecom.md §3.4, §10.5).
 */
final class WeComCallbacks {

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComTemplateCards templateCards;
    private final Supplier<String> corpId;

    WeComCallbacks(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComTemplateCards templateCards,
                   Supplier<String> corpId) {
        this.p = platform;
        this.templateCards = templateCards;
        this.corpId = corpId;
    }

    private WxCallbackCrypto crypto() {
        return new WxCallbackCrypto(p.settings().callback.token, p.settings().callback.aesKey);
    }

    private String callbackUrl() {
        return ImCrmContext.requireCallbackUrl(p.settings().callback.url);
    }

    private String encrypt(WxCallbackCrypto crypto, WeComMock.SendOptions o, String plaintext) {
        return o.random16() != null
                ? crypto.encrypt(o.random16().getBytes(StandardCharsets.UTF_8), plaintext, corpId.get())
                : crypto.encrypt(plaintext, corpId.get());
    }

    /** See {@link WeComMock#verifyUrl}. */
    CallbackSender.Attempt verifyUrl(String plaintext, WeComMock.SendOptions o) {
        String url = callbackUrl();
        WxCallbackCrypto crypto = crypto();
        String echo = plaintext != null ? plaintext : String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        CallbackSender.Exchange ex = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = o.timestamp() != null ? o.timestamp() : String.valueOf(p.millis() / 1000);
                String nonce = o.nonce() != null ? o.nonce() : String.valueOf(100_000 + (long) (Math.random() * 900_000));
                String echostr = encrypt(crypto, o, echo);
                String sig = crypto.signature(ts, nonce, echostr);
                if (o.tamperSignature()) {
                    sig = ImCrmContext.flipLastHexDigit(sig);
                }
                URI uri = URI.create(ImCrmContext.withQuery(url, "msg_signature=" + sig + "&timestamp=" + ts
                        + "&nonce=" + nonce + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8)));
                return new CallbackSender.Outgoing("GET", uri, Map.of(), null);
            }

            @Override
            public String verify(int status, String body, int attempt) {
                if (status != 200) {
                    return "HTTP " + status;
                }
                return echo.equals(body) ? null : "reply is not exactly the echostr plaintext: '" + body + "'";
            }
        };
        // URL verification is the admin's "save" click: judged once, not re-sent
        return p.sender().deliver("verify-url", ex, p.settings().callback.replyTimeoutMs, List.of());
    }

    /** See {@link WeComMock#pushEvent}. */
    CallbackSender.Attempt pushEvent(String plaintextXml, String kind, WeComMock.SendOptions o) {
        return push(plaintextXml, kind, o, decrypted -> null);
    }

    /**
     * Sends an event; {@code onReply} judges the decrypted XML of an encrypted reply (null = fine, else why not) and
     * may act on it.
     */
    private CallbackSender.Attempt push(String plaintextXml, String kind, WeComMock.SendOptions o,
                                        Function<String, String> onReply) {
        String url = callbackUrl();
        WxCallbackCrypto crypto = crypto();
        String agentId = extract(plaintextXml, "AgentID");
        CallbackSender.Exchange ex = new CallbackSender.Exchange() {
            @Override
            public CallbackSender.Outgoing request(int attempt) {
                String ts = o.timestamp() != null ? o.timestamp() : String.valueOf(p.millis() / 1000);
                String nonce = o.nonce() != null ? o.nonce() : String.valueOf(1_000_000_000L + (long) (Math.random() * 1e9));
                String enc = encrypt(crypto, o, plaintextXml);
                String sig = crypto.signature(ts, nonce, enc);
                if (o.tamperSignature()) {
                    sig = ImCrmContext.flipLastHexDigit(sig);
                }
                String body = "<xml><ToUserName><![CDATA[" + corpId.get() + "]]></ToUserName><Encrypt><![CDATA[" + enc
                        + "]]></Encrypt><AgentID><![CDATA[" + (agentId == null ? "" : agentId) + "]]></AgentID></xml>";
                return new CallbackSender.Outgoing("POST",
                        URI.create(ImCrmContext.withQuery(url, "msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce)),
                        Map.of("Content-Type", "text/xml; charset=utf-8"), body);
            }

            @Override
            public String verify(int status, String body, int attempt) {
                String[] decrypted = new String[1];
                String verdict = verifyEventReply(status, body, crypto, decrypted);
                return verdict != null || decrypted[0] == null ? verdict : onReply.apply(decrypted[0]);
            }
        };
        return p.sender().deliver(kind, ex, p.settings().callback.replyTimeoutMs, p.settings().callback.retryDelaysMs);
    }

    /**
     * Null when the reply is one WeCom takes (docs/vendor-apis/wecom.md §4.4): an empty 200, the plain
     * {@code success} of the WeChat family, or an encrypted XML reply with a valid signature — whose decrypted XML is
     * then put in {@code decrypted[0]}; else why not.
     */
    private String verifyEventReply(int status, String body, WxCallbackCrypto crypto, String[] decrypted) {
        if (status != 200) {
            return "HTTP " + status;
        }
        if (body == null || body.isEmpty() || body.equals("success")) {
            return null; // "received, no reply"
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return "reply is neither empty nor XML";
        }
        String enc = text(doc, "Encrypt");
        String sig = text(doc, "MsgSignature");
        String ts = text(doc, "TimeStamp");
        String nonce = text(doc, "Nonce");
        if (enc == null || sig == null || ts == null || nonce == null) {
            return "encrypted reply lacks Encrypt/MsgSignature/TimeStamp/Nonce";
        }
        try {
            decrypted[0] = crypto.verifyAndDecrypt(sig, ts, nonce, enc, corpId.get());
            return null;
        } catch (WxCallbackCrypto.CryptoException e) {
            return e.failure.weComCode + " " + e.getMessage();
        }
    }

    private static String text(Document doc, String tag) {
        var nodes = doc.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** The text of the first {@code <tag>} in a flat XML string (CDATA or not), or null. */
    static String extract(String xml, String tag) {
        int start = xml.indexOf("<" + tag + ">");
        int end = xml.indexOf("</" + tag + ">");
        if (start < 0 || end < start) {
            return null;
        }
        String v = xml.substring(start + tag.length() + 2, end);
        return v.startsWith("<![CDATA[") && v.endsWith("]]>") ? v.substring(9, v.length() - 3) : v;
    }

    /** See {@link WeComMock#clickTemplateCard}. */
    CallbackSender.Attempt clickTemplateCard(String userId, String eventKey, String taskId, String cardType,
                                             long agentId) {
        String code;
        synchronized (p.lock()) {
            code = templateCards.issueResponseCode(agentId, null, taskId);
        }
        return pushEvent(clickXml(userId, eventKey, taskId, cardType, code, agentId), "event:template_card_event",
                WeComMock.SendOptions.defaults());
    }

    private String clickXml(String userId, String eventKey, String taskId, String cardType, String code,
                            long agentId) {
        return "<xml><ToUserName><![CDATA[" + corpId.get() + "]]></ToUserName><FromUserName><![CDATA[" + userId
                + "]]></FromUserName><CreateTime>" + p.millis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]>"
                + "</MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[" + eventKey
                + "]]></EventKey><TaskId><![CDATA[" + taskId + "]]></TaskId><CardType><![CDATA[" + cardType
                + "]]></CardType><ResponseCode><![CDATA[" + code + "]]></ResponseCode><AgentID>" + agentId
                + "</AgentID></xml>";
    }

    /**
     * See {@link WeComMock#clickCard}: a member presses a button of a delivered card. The click must be possible
     * ({@link WeComTemplateCards#clickable}); the event carries a fresh response code bound to the card; a passive
     * {@code update_button} reply with a non-empty {@code ReplaceName} replaces that member's buttons, one without
     * it fails the reply. Returns the first attempt's record with {@code responseCode}, {@code passiveUpdate} (the
     * label applied, or null) and {@code card} (its state after).
     */
    Map<String, Object> clickCard(String taskId, String userId, String eventKey, boolean anyone) {
        WeComTemplateCards.Clickable c;
        String code;
        synchronized (p.lock()) {
            c = templateCards.clickable(taskId, userId, eventKey, anyone);
            code = templateCards.issueResponseCode(c.agentId(), c.msgid(), taskId);
        }
        AtomicReference<String> applied = new AtomicReference<>();
        CallbackSender.Attempt a = push(clickXml(userId, eventKey, taskId, c.cardType(), code, c.agentId()),
                "event:template_card_event", WeComMock.SendOptions.defaults(), decrypted -> {
                    if (!"update_button".equals(extract(decrypted, "MsgType"))) {
                        return null;
                    }
                    String name = extract(decrypted, "ReplaceName");
                    if (name == null || name.isBlank()) {
                        return "update_button reply without Button/ReplaceName";
                    }
                    synchronized (p.lock()) {
                        if (templateCards.passiveUpdate(taskId, userId, name, decrypted)) {
                            applied.set(name);
                        }
                    }
                    return null;
                });
        Map<String, Object> out = new LinkedHashMap<>(p.json().convertValue(a, Map.class));
        out.put("responseCode", code);
        out.put("passiveUpdate", applied.get());
        synchronized (p.lock()) {
            Map<String, Object> click = new LinkedHashMap<>();
            click.put("userid", userId);
            click.put("key", eventKey);
            click.put("responseCode", code);
            click.put("atMillis", a.sentAtMillis());
            click.put("accepted", a.accepted());
            click.put("verdict", a.verdict());
            click.put("replyStatus", a.replyStatus());
            click.put("replyBody", a.replyBody());
            click.put("elapsedMs", a.elapsedMs());
            click.put("passiveUpdate", applied.get());
            templateCards.recordClick(taskId, click);
            out.put("card", templateCards.view(taskId));
        }
        return out;
    }

    /** See {@link WeComMock#approvalChange}. */
    CallbackSender.Attempt approvalChange(String userId, String spNo, String spName, int spStatus, long agentId) {
        String xml = "<xml><ToUserName><![CDATA[" + corpId.get() + "]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                + "<CreateTime>" + p.millis() / 1000 + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[sys_approval_change]]></Event><AgentID>" + agentId + "</AgentID><ApprovalInfo>"
                + "<SpNo>" + spNo + "</SpNo><SpName><![CDATA[" + spName + "]]></SpName><SpStatus>" + spStatus + "</SpStatus>"
                + "<TemplateId><![CDATA[aftersales-parts]]></TemplateId><ApplyTime>" + p.millis() / 1000 + "</ApplyTime>"
                + "<Applyer><UserId><![CDATA[" + userId + "]]></UserId></Applyer></ApprovalInfo></xml>";
        return pushEvent(xml, "event:sys_approval_change", WeComMock.SendOptions.defaults());
    }
}
