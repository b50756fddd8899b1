package org.aftersaleshub.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The DingTalk and WeCom mocks on free ports with their demo org and apps, declared to a test's hub as the connector
 * instances {@value #DINGTALK} and {@value #WECOM}, and what a test reads back from them (by content).
 *
 * <pre>{@code
 * static final ImMocks im = ImMocks.start();
 * @DynamicPropertySource static void props(DynamicPropertyRegistry r) { HubTestDatabases.h2(r); im.register(r); }
 * }</pre>
 */
public final class ImMocks implements AutoCloseable {

    public static final String DINGTALK = "dingtalk-test";
    public static final String WECOM = "wecom-test";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DingTalkMock dingTalk = new DingTalkMock();
    private final WeComMock weCom = new WeComMock();
    private final HttpClient http = HttpClient.newHttpClient();

    private ImMocks() {
        dingTalk.start(0);
        weCom.start(0);
    }

    public static ImMocks start() {
        return new ImMocks();
    }

    public DingTalkMock dingTalk() {
        return dingTalk;
    }

    public WeComMock weCom() {
        return weCom;
    }

    /** Both instances (the mocks' demo apps, short timeouts) and the notification instances set to them. */
    public void register(DynamicPropertyRegistry r) {
        String d = "hub.connectors." + DINGTALK + ".";
        r.add(d + "type", () -> "dingtalk");
        r.add(d + "base-url", dingTalk::baseUrl);
        r.add(d + "api-base-url", dingTalk::baseUrl);
        r.add(d + "app-key", () -> "dingaftersalesdemo01");
        r.add(d + "app-secret", () -> "demo-dingtalk-app-secret-0001-aftersales-hub-xxxx");
        r.add(d + "agent-id", () -> "3000000001");
        r.add(d + "timeout-ms", () -> "3000");
        r.add(d + "backoff-initial-ms", () -> "10");
        r.add(d + "backoff-max-ms", () -> "100");
        String w = "hub.connectors." + WECOM + ".";
        r.add(w + "type", () -> "wecom");
        r.add(w + "base-url", weCom::baseUrl);
        r.add(w + "corp-id", () -> "wwa1b2c3d4e5f60718");
        r.add(w + "agent-id", () -> "1000002");
        r.add(w + "app-secret", () -> "demo-wecom-app-secret-1000002-aftersales-hub");
        r.add(w + "timeout-ms", () -> "3000");
        r.add(w + "backoff-initial-ms", () -> "10");
        r.add(w + "backoff-max-ms", () -> "100");
        r.add("hub.notify.dingtalk-instance", () -> DINGTALK);
        r.add("hub.notify.wecom-instance", () -> WECOM);
        // the embedded default's demo schedule would name the demo instances, which tests do not declare
        r.add("hub.staff.sync.instances", () -> "");
    }

    /** The Markdown texts of the DingTalk work notices {@code userId} received, oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> dingTalkNotices(String userId) {
        return dingTalk.messagesTo(userId).stream().map(m -> (Map<String, Object>) m.get("msg"))
                .map(msg -> String.valueOf(((Map<String, Object>) msg.getOrDefault("markdown", msg))
                        .getOrDefault("text", msg))).toList();
    }

    /** The contents of the WeCom app messages {@code userId} received, oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> weComMessages(String userId) {
        return weCom.messagesTo(userId).stream().map(m -> (Map<String, Object>) m.get("body"))
                .map(b -> String.valueOf(((Map<String, Object>) b.getOrDefault(String.valueOf(b.get("msgtype")), b))
                        .getOrDefault("content", b))).toList();
    }

    /** True when anything either mock holds (sent messages, tasks, robot posts) mentions {@code text}. */
    public boolean anyMessageMentions(String text) {
        try {
            return JSON.writeValueAsString(dingTalk.state()).contains(text)
                    || JSON.writeValueAsString(weCom.state()).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs {@code json} to a mock's admin path {@code /mock-admin/<path>}; fails unless it answers 200. */
    public String admin(HttpMock mock, String path, String json) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl()
                            + HttpMock.ADMIN_PREFIX + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("mock admin " + path + ": HTTP " + res.statusCode() + " "
                        + res.body());
            }
            return res.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dingTalk.close();
        weCom.close();
    }
}
