package org.aftersaleshub.mock.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.mock.imcrm.ImCrmContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * DingTalk work notices (docs/vendor-apis/dingtalk.md §4): {@code asyncsend_v2} to users, departments or everyone,
 * answered with a task id while invalid and forbidden recipients (143103 per-app recipients per minute, 143105 daily
 * cap, 143106 same content twice a day) show only in {@code getsendresult}; the users of the corp and what each
 * received. State guarded by the mock's lock.
 */
final class DingTalkWorkNotices {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Set<String> WORK_NOTICE_TYPES =
            Set.of("text", "image", "voice", "file", "link", "oa", "markdown", "action_card");

    private static final class Task {
        final long taskId;
        final String appKey;
        final long agentId;
        final long createdAtMs;
        final JsonNode msg;
        final List<String> delivered = new ArrayList<>();
        final List<String> read = new ArrayList<>();
        final List<String> invalidUsers = new ArrayList<>();
        final List<String> invalidDepts = new ArrayList<>();
        final List<Map<String, Object>> forbidden = new ArrayList<>();

        Task(long taskId, String appKey, long agentId, long createdAtMs, JsonNode msg) {
            this.taskId = taskId;
            this.appKey = appKey;
            this.agentId = agentId;
            this.createdAtMs = createdAtMs;
            this.msg = msg;
        }
    }

    private final ImCrmContext<DingTalkSettings, String> p;
    private final DingTalkAnswers answers;
    private final DingTalkTokens apps;
    private final AtomicLong taskSeq = new AtomicLong(256_271_667_526L);
    private final Set<String> users = new LinkedHashSet<>();
    private final Map<Long, Task> tasks = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> messagesPerUser = new LinkedHashMap<>();
    private final Map<String, Set<String>> contentSentToday = new HashMap<>();

    DingTalkWorkNotices(ImCrmContext<DingTalkSettings, String> platform, DingTalkAnswers answers, DingTalkTokens apps) {
        this.p = platform;
        this.answers = answers;
        this.apps = apps;
    }

    void addUser(String userId) {
        users.add(userId);
    }

    /** Whether {@code userId} is a member of the organisation. Caller holds the lock. */
    boolean isUser(String userId) {
        return users.contains(userId);
    }

    void clear() {
        users.clear();
        tasks.clear();
        messagesPerUser.clear();
        contentSentToday.clear();
    }

    /** Work notices delivered to {@code userId}, oldest first. Caller holds the lock. */
    List<Map<String, Object>> messagesTo(String userId) {
        return List.copyOf(messagesPerUser.getOrDefault(userId, List.of()));
    }

    /** {@code users}, {@code workNotices} and {@code messagesPerUser} of the state snapshot. Caller holds the lock. */
    void putState(Map<String, Object> s) {
        s.put("users", List.copyOf(users));
        List<Map<String, Object>> taskViews = new ArrayList<>();
        tasks.values().forEach(t -> taskViews.add(taskView(t)));
        s.put("workNotices", taskViews);
        s.put("messagesPerUser", ImCrmContext.copyOfLists(messagesPerUser));
    }

    /** Admin: {@code userId} reads the notice of task {@code taskId}; false when it was never delivered to them. */
    boolean markRead(long taskId, String userId) {
        synchronized (p.lock()) {
            Task t = tasks.get(taskId);
            if (t == null || !t.delivered.contains(userId)) {
                return false;
            }
            if (!t.read.contains(userId)) {
                t.read.add(userId);
            }
            return true;
        }
    }

    /** Reads a JSON body, or a form body whose {@code msg} is a JSON string (the doc's curl example). */
    private ObjectNode readJsonOrForm(MockRequest req) throws Exception {
        String ct = String.valueOf(req.header("Content-Type")).toLowerCase();
        if (ct.contains("application/x-www-form-urlencoded")) {
            ObjectNode o = p.json().createObjectNode();
            for (String pair : req.bodyText().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                o.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return o;
        }
        JsonNode n = p.json().readTree(req.body());
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        return (ObjectNode) n;
    }

    MockResponse asyncSend(MockRequest req, String appKey) {
        ObjectNode body;
        JsonNode msg;
        try {
            body = readJsonOrForm(req);
            msg = body.get("msg");
            if (msg != null && msg.isTextual()) {
                msg = p.json().readTree(msg.asText());
            }
        } catch (Exception e) {
            return answers.legacy(40035, "不合法的参数");
        }
        if (!body.hasNonNull("agent_id")) {
            return answers.legacy(40035, "缺少参数 agent_id");
        }
        if (msg == null || !msg.isObject()) {
            return answers.legacy(40035, "缺少参数 msg");
        }
        String msgtype = msg.path("msgtype").asText("");
        if (!WORK_NOTICE_TYPES.contains(msgtype) || !msg.has(msgtype)) {
            return answers.legacy(40035, "不合法的参数 msgtype");
        }
        long agentId = body.get("agent_id").asLong();
        List<String> userIds = splitCsv(body.path("userid_list").asText(""));
        List<String> deptIds = splitCsv(body.path("dept_id_list").asText(""));
        boolean toAll = body.path("to_all_user").asBoolean(false) || "true".equals(body.path("to_all_user").asText());
        if (userIds.size() > 100 || deptIds.size() > 20) {
            return answers.legacy(40035, "userid_list最多100个, dept_id_list最多20个");
        }
        if (!toAll && userIds.isEmpty() && deptIds.isEmpty()) {
            return answers.legacy(40035, "缺少参数 userid_list");
        }
        DingTalkSettings cfg = p.settings();
        synchronized (p.lock()) {
            DingTalkMock.App app = apps.app(appKey);
            if (app == null || app.agentId() != agentId) {
                return answers.legacy(40056, "不合法的agentid");
            }
            long now = p.millis();
            Task task = new Task(taskSeq.incrementAndGet(), appKey, agentId, now, msg);
            Set<String> recipients = new LinkedHashSet<>(toAll ? users : userIds);
            task.invalidDepts.addAll(deptIds); // departments are not modelled: every dept id is reported invalid
            String contentKey = msg.toString();
            String today = LocalDate.ofInstant(p.clock().instant(), CHINA).toString();
            for (String u : recipients) {
                if (!users.contains(u)) {
                    task.invalidUsers.add(u);
                    continue;
                }
                Set<String> sentToday = contentSentToday.computeIfAbsent(u + "|" + today, k -> new LinkedHashSet<>());
                if (sentToday.contains(contentKey)) {
                    task.forbidden.add(forbiddenEntry("143106", u));
                    p.recordRejection("workNoticeDuplicate", u, "asyncsend_v2", "143106");
                    continue;
                }
                long todayCount = messagesPerUser.getOrDefault(u, List.of()).stream()
                        .filter(m -> today.equals(m.get("day"))).count();
                if (todayCount >= cfg.workNoticeDailyCapPerUser) {
                    task.forbidden.add(forbiddenEntry("143105", u));
                    p.recordRejection("workNoticeDailyCap", u, "asyncsend_v2", "143105");
                    continue;
                }
                if (!p.limiter().tryAcquire("recipients:" + appKey, now, cfg.workNoticeRecipientsPerAppPerMinute, 60_000)) {
                    task.forbidden.add(forbiddenEntry("143103", u));
                    p.recordRejection("workNoticeAppRecipients", u, "asyncsend_v2", "143103");
                    continue;
                }
                sentToday.add(contentKey);
                task.delivered.add(u);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("taskId", task.taskId);
                m.put("agentId", agentId);
                m.put("msgtype", msgtype);
                m.put("msg", p.json().convertValue(msg, Map.class));
                m.put("atMillis", now);
                m.put("day", today);
                messagesPerUser.computeIfAbsent(u, k -> new ArrayList<>()).add(m);
            }
            tasks.put(task.taskId, task);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            out.put("task_id", task.taskId);
            out.put("request_id", DingTalkAnswers.requestId());
            return MockResponse.json(200, p.toJson(out));
        }
    }

    private static Map<String, Object> forbiddenEntry(String code, String userId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        f.put("count", 1);
        f.put("userid", userId);
        return f;
    }

    private static List<String> splitCsv(String s) {
        return ImCrmContext.splitList(s, ",");
    }

    MockResponse getSendResult(MockRequest req, String appKey) {
        ObjectNode body;
        try {
            body = readJsonOrForm(req);
        } catch (Exception e) {
            return answers.legacy(40035, "不合法的参数");
        }
        if (!body.hasNonNull("task_id") || !body.hasNonNull("agent_id")) {
            return answers.legacy(40035, "缺少参数 task_id 或 agent_id");
        }
        synchronized (p.lock()) {
            Task t = tasks.get(body.get("task_id").asLong());
            long maxAge = Duration.ofHours(p.settings().sendResultRetentionHours).toMillis();
            if (t == null || !t.appKey.equals(appKey) || t.agentId != body.get("agent_id").asLong()
                    || p.millis() - t.createdAtMs > maxAge) {
                return answers.legacy(40035, "不合法的参数 task_id");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("errcode", 0);
            out.put("errmsg", "ok");
            out.put("send_result", sendResult(t));
            out.put("request_id", DingTalkAnswers.requestId());
            return MockResponse.json(200, p.toJson(out));
        }
    }

    private static Map<String, Object> sendResult(Task t) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("invalid_user_id_list", List.copyOf(t.invalidUsers));
        r.put("forbidden_user_id_list", t.forbidden.stream().map(f -> f.get("userid")).toList());
        r.put("failed_user_id_list", List.of());
        r.put("read_user_id_list", List.copyOf(t.read));
        r.put("unread_user_id_list", t.delivered.stream().filter(u -> !t.read.contains(u)).toList());
        r.put("invalid_dept_id_list", List.copyOf(t.invalidDepts));
        r.put("forbidden_list", List.copyOf(t.forbidden));
        return r;
    }

    private Map<String, Object> taskView(Task t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("taskId", t.taskId);
        v.put("appKey", t.appKey);
        v.put("agentId", t.agentId);
        v.put("createdAtMillis", t.createdAtMs);
        v.put("msg", p.json().convertValue(t.msg, Map.class));
        v.put("delivered", List.copyOf(t.delivered));
        v.put("sendResult", sendResult(t));
        return v;
    }
}
