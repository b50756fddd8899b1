package org.aftersaleshub.mock.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * WeCom group robots (docs/vendor-apis/wecom.md §5): {@code /cgi-bin/webhook/send?key=}, 93000 for an unknown key, the
 * shared content checks with 4 096-byte markdown, 20 messages per minute then 45009, and what each robot delivered.
 * State guarded by the mock's lock.
 */
final class WeComRobots {

    private static final Set<String> ROBOT_MSG_TYPES = Set.of("text", "markdown", "image", "news", "file",
            "template_card");

    private final ImCrmContext<WeComSettings, WeComMock.App> p;
    private final WeComAnswers answers;
    private final Map<String, String> robots = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> robotMessages = new LinkedHashMap<>();

    WeComRobots(ImCrmContext<WeComSettings, WeComMock.App> platform, WeComAnswers answers) {
        this.p = platform;
        this.answers = answers;
    }

    void add(String key, String name) {
        robots.put(key, name);
    }

    void clear() {
        robots.clear();
        robotMessages.clear();
    }

    /** The {@code robots} of the state snapshot: per key its name and messages. Caller holds the lock. */
    Map<String, Object> view() {
        Map<String, Object> rv = new LinkedHashMap<>();
        robots.forEach((key, name) -> rv.put(key, Map.of("name", name,
                "messages", List.copyOf(robotMessages.getOrDefault(key, List.of())))));
        return rv;
    }

    List<Map<String, Object>> messages(String key) {
        return List.copyOf(robotMessages.getOrDefault(key, List.of()));
    }

    MockResponse send(MockRequest req) {
        String key = req.query().get("key");
        synchronized (p.lock()) {
            if (key == null || !robots.containsKey(key)) {
                return answers.error(req, 93000, "invalid webhook url");
            }
        }
        JsonNode b = p.readJsonOrNull(req);
        if (b == null || !b.isObject()) {
            return answers.error(req, 40035, "invalid parameter");
        }
        String msgtype = b.path("msgtype").asText("");
        MockResponse badContent = answers.checkMessage(req, b, msgtype, ROBOT_MSG_TYPES, 4096);
        if (badContent != null) {
            return badContent;
        }
        long now = p.millis();
        synchronized (p.lock()) {
            if (!p.limiter().tryAcquire("robot:" + key, now, p.settings().robotMessagesPerMinute, 60_000)) {
                p.recordRejection("robotRate", key, "webhook/send", 45009);
                return answers.error(req, 45009, "api freq out of limit");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgtype", msgtype);
            m.put("body", p.json().convertValue(b, Map.class));
            m.put("atMillis", now);
            robotMessages.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return MockResponse.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
}
