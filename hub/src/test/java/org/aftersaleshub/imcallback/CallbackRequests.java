package org.aftersaleshub.imcallback;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.imcrm.WxCallbackCrypto;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Builds the platforms' callbacks the way DingTalk and WeCom send them, with the mocks' own crypto
 * ({@link WxCallbackCrypto}, {@link DingTalkMock#cardSignature}) — independent of the hub's — and sends them over
 * HTTP, timing each answer. Also holds the callback instances the tests configure: the mocks' default keys, so the
 * mocks' own sends verify too.
 */
final class CallbackRequests {

    /** The DingTalk mock's push settings (demo data) and a card apiSecret of the tests. */
    static final String DT_TOKEN = "aftersalesdemo";
    static final String DT_AES_KEY = "ptgUzEjfebzJ6sZWdoHIxrXl0gqn87b1PZqZrmktsO3";
    static final String DT_OWNER = "dingaftersalesdemo01";
    static final String DT_API_SECRET = "card-secret-of-the-callback-tests-5c1e";
    /** The WeCom mock's callback settings and corp (demo data). */
    static final String WC_TOKEN = "aftersalesWeComToken";
    static final String WC_AES_KEY = "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB";
    static final String WC_CORP = "wwa1b2c3d4e5f60718";
    /** Another valid key: what a sender with the wrong key encrypts with. */
    static final String OTHER_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime() % 1_000_000);

    /** An answer with the time it took. */
    record Reply(int status, String body, String contentType, long nanos) {
    }

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    CallbackRequests(int port) {
        this.port = port;
    }

    /**
     * dt-main: push and signed cards; dt-branch: cards only (so the bare DingTalk path is ambiguous); dt-unsigned:
     * cards without an apiSecret; wc-main.
     */
    static void properties(DynamicPropertyRegistry r) {
        String dt = "hub.callbacks.instances.dt-main.";
        r.add(dt + "type", () -> "dingtalk");
        r.add(dt + "token", () -> DT_TOKEN);
        r.add(dt + "aes-key", () -> DT_AES_KEY);
        r.add(dt + "owner-key", () -> DT_OWNER);
        r.add(dt + "api-secret", () -> DT_API_SECRET);
        r.add("hub.callbacks.instances.dt-branch.type", () -> "dingtalk");
        r.add("hub.callbacks.instances.dt-branch.api-secret", () -> "another-branch-secret");
        // cards only and no apiSecret: outside the dev profile its card clicks are refused
        r.add("hub.callbacks.instances.dt-unsigned.type", () -> "dingtalk");
        String wc = "hub.callbacks.instances.wc-main.";
        r.add(wc + "type", () -> "wecom");
        r.add(wc + "token", () -> WC_TOKEN);
        r.add(wc + "aes-key", () -> WC_AES_KEY);
        r.add(wc + "receive-id", () -> WC_CORP);
        r.add("hub.callbacks.poll-interval", () -> "200ms");
        r.add("hub.callbacks.retry-backoff", () -> "100ms");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String nonce() {
        return "n" + NONCES.incrementAndGet();
    }

    // ------------------------------------------------------------------ DingTalk card clicks

    /** The click body of docs/vendor-apis/dingtalk.md §7.3: content is a JSON string. */
    static String clickBody(String outTrackId, String userId, String action) {
        return "{\"type\":\"actionCallback\",\"outTrackId\":\"" + outTrackId + "\",\"corpId\":\"ding0000demo0corp\","
                + "\"userId\":\"" + userId + "\",\"content\":\"{\\\"cardPrivateData\\\":{\\\"actionIds\\\":[\\\"1\\\"],"
                + "\\\"params\\\":{\\\"action\\\":\\\"" + action + "\\\"}}}\"}";
    }

    /** A click signed with the tests' apiSecret at {@code tsMillis}. */
    Reply dingTalkClick(String path, String body, long tsMillis) {
        String ts = String.valueOf(tsMillis);
        return dingTalkClick(path, body, ts, DingTalkMock.cardSignature(DT_API_SECRET, ts));
    }

    /** A click with the given headers ({@code null} leaves a header out). */
    Reply dingTalkClick(String path, String body, String ts, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type",
                "application/json");
        if (ts != null) {
            b.header("x-ddpaas-signature-timestamp", ts);
        }
        if (signature != null) {
            b.header("x-ddpaas-signature", signature);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    // ------------------------------------------------------------------ DingTalk event push

    /** An encrypted push signed with {@code token}, encrypted with {@code aesKey} for {@code owner}. */
    Reply dingTalkPush(String path, String eventJson, long tsMillis, String token, String aesKey, String owner,
                       boolean tamper) {
        WxCallbackCrypto crypto = new WxCallbackCrypto(token, aesKey);
        String ts = String.valueOf(tsMillis);
        String nonce = nonce();
        String encrypt = crypto.encrypt(eventJson, owner);
        String sig = crypto.signature(ts, nonce, encrypt);
        if (tamper) {
            sig = flip(sig);
        }
        return send(HttpRequest.newBuilder(URI.create(url(path) + "?msg_signature=" + sig + "&timestamp=" + ts
                        + "&nonce=" + nonce)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"encrypt\":\"" + encrypt + "\"}")).build());
    }

    /** A push whose {@code encrypt} is given as it is, correctly signed (e.g. text that is not whole AES blocks). */
    Reply dingTalkPushRaw(String path, String encrypt, long tsMillis) {
        String ts = String.valueOf(tsMillis);
        String nonce = nonce();
        String sig = WxCallbackCrypto.sha1SortedHex(DT_TOKEN, ts, nonce, encrypt);
        return send(HttpRequest.newBuilder(URI.create(url(path) + "?msg_signature=" + sig + "&timestamp=" + ts
                        + "&nonce=" + nonce)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"encrypt\":\"" + encrypt + "\"}")).build());
    }

    /** Null when a push reply is DingTalk's encrypted {@code success} (docs/vendor-apis/dingtalk.md §6.6). */
    static String judgeDingTalkReply(Reply reply) throws Exception {
        if (reply.status() != 200) {
            return "HTTP " + reply.status();
        }
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body());
        String msg = new WxCallbackCrypto(DT_TOKEN, DT_AES_KEY).verifyAndDecrypt(tree.path("msg_signature").asText(),
                tree.path("timeStamp").asText(), tree.path("nonce").asText(), tree.path("encrypt").asText(),
                DT_OWNER);
        return "success".equals(msg) ? null : "decrypted to " + msg;
    }

    // ------------------------------------------------------------------ WeCom

    /** A template_card_event as WeCom sends it (docs/vendor-apis/wecom.md §4.7). */
    static String weComClickXml(String userId, long createTime, String eventKey, String taskId) {
        return "<xml><ToUserName><![CDATA[" + WC_CORP + "]]></ToUserName><FromUserName><![CDATA[" + userId
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey>"
                + "<TaskId><![CDATA[" + taskId + "]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
                + "<ResponseCode><![CDATA[rc-" + UUID.randomUUID() + "]]></ResponseCode><AgentID>1000002</AgentID>"
                + "</xml>";
    }

    /** An encrypted WeCom event POST. */
    Reply weComEvent(String path, String xml, long tsSeconds, String token, String aesKey, String corpId,
                     boolean tamper) {
        WxCallbackCrypto crypto = new WxCallbackCrypto(token, aesKey);
        String ts = String.valueOf(tsSeconds);
        String nonce = nonce();
        String encrypt = crypto.encrypt(xml, corpId);
        String sig = crypto.signature(ts, nonce, encrypt);
        if (tamper) {
            sig = flip(sig);
        }
        return weComRaw(path, sig, ts, nonce, "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt>"
                + "<![CDATA[" + encrypt + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
    }

    Reply weComRaw(String path, String sig, String ts, String nonce, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(path) + "?msg_signature=" + sig + "&timestamp=" + ts
                        + "&nonce=" + nonce)).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A WeCom URL verification GET with a URL-encoded echostr. */
    Reply weComVerify(String path, String plaintext, long tsSeconds, boolean tamper) {
        WxCallbackCrypto crypto = new WxCallbackCrypto(WC_TOKEN, WC_AES_KEY);
        String ts = String.valueOf(tsSeconds);
        String nonce = nonce();
        String echostr = crypto.encrypt(plaintext, WC_CORP);
        String sig = crypto.signature(ts, nonce, echostr);
        if (tamper) {
            sig = flip(sig);
        }
        return send(HttpRequest.newBuilder(URI.create(url(path) + "?msg_signature=" + sig + "&timestamp=" + ts
                + "&nonce=" + nonce + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8))).GET().build());
    }

    static String flip(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    Reply send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null),
                    System.nanoTime() - start);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
