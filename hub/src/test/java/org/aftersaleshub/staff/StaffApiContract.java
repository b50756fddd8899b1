package org.aftersaleshub.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;

/**
 * The staff directory API over real HTTP against a real database. Runs on H2 and on PostgreSQL; the test classes of
 * one database share a context, so every test works in a region of its own.
 */
public interface StaffApiContract extends ApiTestContract {

    String STAFF = "/api/v1/staff";

    default ApiTestClient admin() {
        return client("staff-admin", ApiScope.ADMIN);
    }

    /** A fresh tag so that a test's records and IM ids never meet another test's. */
    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(Map<String, Object> fields) {
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds the mapper: an interface cannot have a private static field. */
    final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private Json() {
        }
    }

    default JsonNode create(ApiTestClient api, Map<String, Object> fields) {
        Answer a = api.post(STAFF, body(fields));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    default Answer put(ApiTestClient api, String id, String json) {
        return api.send(api.request(STAFF + "/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** The record as a PUT body: everything writable, with its version. */
    default ObjectNode asRequest(JsonNode staff) {
        ObjectNode o = ((ObjectNode) staff.deepCopy());
        o.remove(List.of("id", "source", "createdAt", "updatedAt", "deactivatedAt"));
        return o;
    }

    default List<String> fields(Answer a) {
        List<String> named = new ArrayList<>();
        a.json().path("errors").forEach(e -> named.add(e.get("field").asText() + " " + e.get("rule").asText()));
        return named;
    }

    default List<String> names(Answer a) {
        List<String> out = new ArrayList<>();
        a.json().get("items").forEach(s -> out.add(s.get("name").asText()));
        return out;
    }

    @Test
    default void createAnswers201WithLocationAndTheRecordReadsBackTheSame() {
        String t = tag();
        Answer a = admin().post(STAFF, body(Map.of("employeeNo", "E-" + t, "name", " 张三 ", "phone", "13812345678",
                "region", "华东-" + t, "team", "上海一组", "skills", List.of("制冷", "空调", "制冷"),
                "roles", List.of("SUPERVISOR", "ENGINEER"), "dingTalkUserId", "dt-" + t, "weComUserId", "wc-" + t,
                "preferredChannel", "WECOM")));

        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode s = a.json();
        String id = s.get("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(a.header("Location")).isEqualTo(STAFF + "/" + id);
        assertThat(s.get("name").asText()).isEqualTo("张三");
        assertThat(s.get("skills").toString()).isEqualTo("[\"制冷\",\"空调\"]");
        assertThat(s.get("roles").toString()).isEqualTo("[\"ENGINEER\",\"SUPERVISOR\"]");
        assertThat(s.get("preferredChannel").asText()).isEqualTo("WECOM");
        assertThat(s.get("active").asBoolean()).isTrue();
        assertThat(s.get("source").asText()).isEqualTo("api");
        assertThat(s.get("version").asLong()).isEqualTo(1);
        assertThat(s.get("createdAt").asText()).isEqualTo(s.get("updatedAt").asText());
        assertThat(s.hasNonNull("deactivatedAt")).isFalse();

        Answer read = client("staff-reader", ApiScope.TICKETS_READ).get(STAFF + "/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(s);
        assertThat(jdbc().queryForObject("select source from staff where id = ?", String.class, id)).isEqualTo("api");
    }

    @Test
    default void defaultsAreActiveNoChannelAndEmptyLists() {
        JsonNode s = create(admin(), Map.of("name", "李四"));
        assertThat(s.get("preferredChannel").asText()).isEqualTo("NONE");
        assertThat(s.get("active").asBoolean()).isTrue();
        assertThat(s.get("skills")).isEmpty();
        assertThat(s.get("roles")).isEmpty();
        assertThat(s.hasNonNull("phone")).isFalse();
        assertThat(s.hasNonNull("supervisorId")).isFalse();
    }

    @Test
    default void putReplacesEverythingAndChecksTheVersion() {
        ApiTestClient api = admin();
        String t = tag();
        JsonNode s = create(api, Map.of("name", "王五", "region", "华北-" + t, "team", "一组",
                "skills", List.of("空调"), "weComUserId", "wc-" + t, "preferredChannel", "WECOM"));
        String id = s.get("id").asText();

        Answer replaced = put(api, id, body(Map.of("name", "王五", "phone", "021-12345678", "skills",
                List.of("冰箱"), "roles", List.of("DIRECTOR"), "version", 1)));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        JsonNode r = replaced.json();
        assertThat(r.get("version").asLong()).isEqualTo(2);
        assertThat(r.hasNonNull("region")).as("omitted optional fields are cleared").isFalse();
        assertThat(r.hasNonNull("weComUserId")).isFalse();
        assertThat(r.get("preferredChannel").asText()).isEqualTo("NONE");
        assertThat(r.get("skills").toString()).isEqualTo("[\"冰箱\"]");
        assertThat(r.get("roles").toString()).isEqualTo("[\"DIRECTOR\"]");
        assertThat(r.get("createdAt")).isEqualTo(s.get("createdAt"));
        assertThat(api.get(STAFF + "/" + id).json()).isEqualTo(r);
        assertThat(jdbc().queryForList("select skill from staff_skill where staff_id = ?", String.class, id))
                .containsExactly("冰箱");

        Answer stale = put(api, id, body(Map.of("name", "王五改", "version", 1)));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).isEqualTo("urn:aftersales-hub:problem:stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(fields(stale)).containsExactly("version current:2");

        Answer noVersion = put(api, id, body(Map.of("name", "王五改")));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(fields(noVersion)).containsExactly("version required");
        assertThat(api.get(STAFF + "/" + id).json().get("name").asText()).isEqualTo("王五");

        Answer versionOnCreate = api.post(STAFF, body(Map.of("name", "赵六", "version", 3)));
        assertThat(versionOnCreate.status()).isEqualTo(400);
        assertThat(fields(versionOnCreate)).containsExactly("version absent");
    }

    @Test
    default void deleteDeactivatesAndKeepsTheRecord() {
        ApiTestClient api = admin();
        String t = tag();
        String id = create(api, Map.of("name", "离职员工", "region", "西南-" + t)).get("id").asText();

        Answer gone = api.delete(STAFF + "/" + id);
        assertThat(gone.status()).as(gone.body()).isEqualTo(200);
        assertThat(gone.json().get("active").asBoolean()).isFalse();
        assertThat(gone.json().hasNonNull("deactivatedAt")).isTrue();
        assertThat(gone.json().get("version").asLong()).isEqualTo(2);

        Answer again = api.delete(STAFF + "/" + id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(gone.json());
        assertThat(jdbc().queryForObject("select count(*) from staff where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(api.get(STAFF + "/" + id).json().get("active").asBoolean()).isFalse();
        assertThat(names(api.get(STAFF + "?region=西南-" + t + "&active=true"))).isEmpty();
        assertThat(names(api.get(STAFF + "?region=西南-" + t + "&active=false"))).containsExactly("离职员工");

        Answer back = put(api, id, body(Map.of("name", "离职员工", "region", "西南-" + t, "active", true,
                "version", 2)));
        assertThat(back.json().get("active").asBoolean()).as(back.body()).isTrue();
        assertThat(back.json().hasNonNull("deactivatedAt")).isFalse();
        assertThat(jdbc().queryForList("select action from audit_log where target = ? order by id", String.class,
                "staff:" + id)).containsExactly("staff.create", "staff.deactivate", "staff.replace");
    }

    @Test
    default void searchFiltersCombineAndPage() {
        ApiTestClient api = admin();
        String t = tag();
        String region = "华南-" + t;
        create(api, Map.of("name", "Alice " + t, "phone", "13900001111", "region", region, "team", "A",
                "skills", List.of("空调"), "roles", List.of("ENGINEER"), "dingTalkUserId", "a-" + t,
                "preferredChannel", "DINGTALK"));
        create(api, Map.of("name", "Bob " + t, "phone", "13900002222", "region", region, "team", "A",
                "skills", List.of("冰箱"), "roles", List.of("ENGINEER", "SUPERVISOR")));
        create(api, Map.of("name", "Carol " + t, "phone", "+8613900003333", "region", region, "team", "B",
                "skills", List.of("空调", "冰箱"), "roles", List.of("DIRECTOR"), "weComUserId", "c-" + t,
                "preferredChannel", "WECOM"));
        String dave = create(api, Map.of("name", "Dave " + t, "region", region, "team", "B")).get("id").asText();
        api.delete(STAFF + "/" + dave);
        String in = STAFF + "?region=" + region;

        assertThat(names(api.get(in))).containsExactly("Alice " + t, "Bob " + t, "Carol " + t, "Dave " + t);
        assertThat(names(api.get(STAFF + "?q=bOB%20" + t))).containsExactly("Bob " + t);
        assertThat(names(api.get(in + "&q=0000"))).containsExactly("Alice " + t, "Bob " + t, "Carol " + t);
        assertThat(names(api.get(in + "&q=3333"))).containsExactly("Carol " + t);
        assertThat(names(api.get(in + "&q=%25"))).as("a % in q is a literal character").isEmpty();
        assertThat(names(api.get(in + "&team=A"))).containsExactly("Alice " + t, "Bob " + t);
        assertThat(names(api.get(in + "&skill=空调"))).containsExactly("Alice " + t, "Carol " + t);
        assertThat(names(api.get(in + "&role=SUPERVISOR"))).containsExactly("Bob " + t);
        assertThat(names(api.get(in + "&role=ENGINEER&skill=冰箱"))).containsExactly("Bob " + t);
        assertThat(names(api.get(in + "&channel=DINGTALK"))).containsExactly("Alice " + t);
        assertThat(names(api.get(in + "&channel=NONE&active=true"))).containsExactly("Bob " + t);
        assertThat(names(api.get(in + "&active=false"))).containsExactly("Dave " + t);

        Answer second = api.get(in + "&page=1&size=3");
        assertThat(second.status()).isEqualTo(200);
        assertThat(names(second)).containsExactly("Dave " + t);
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
        assertThat(second.json().get("size").asInt()).isEqualTo(3);
        assertThat(second.json().get("total").asLong()).isEqualTo(4);

        Answer tooBig = api.get(in + "&size=201");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(fields(tooBig)).containsExactly("size max:200");
        Answer badRole = api.get(in + "&role=BOSS");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(fields(badRole)).containsExactly("role enum:[ENGINEER, SUPERVISOR, DIRECTOR, WAREHOUSE_KEEPER]");
        assertThat(fields(api.get(in + "&active=maybe"))).containsExactly("active type:boolean");
        assertThat(fields(api.get(in + "&sort=name"))).containsExactly("sort unknown-parameter");
    }

    @Test
    default void supervisorMustExistBeActiveAndNeverCloseACycle() {
        ApiTestClient api = admin();
        JsonNode a = create(api, Map.of("name", "总监 A", "roles", List.of("DIRECTOR")));
        String aId = a.get("id").asText();
        JsonNode b = create(api, Map.of("name", "主管 B", "supervisorId", aId));
        String bId = b.get("id").asText();
        JsonNode c = create(api, Map.of("name", "工程师 C", "supervisorId", bId));
        assertThat(c.get("supervisorId").asText()).isEqualTo(bId);

        String missing = UUID.randomUUID().toString();
        Answer unknown = api.post(STAFF, body(Map.of("name", "X", "supervisorId", missing)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("supervisorId exists");

        ObjectNode self = asRequest(a).put("supervisorId", aId);
        Answer selfAnswer = put(api, aId, self.toString());
        assertThat(selfAnswer.status()).isEqualTo(400);
        assertThat(fields(selfAnswer)).containsExactly("supervisorId not-self");

        Answer cycle = put(api, aId, asRequest(a).put("supervisorId", c.get("id").asText()).toString());
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
        assertThat(fields(cycle)).containsExactly("supervisorId no-cycle");
        assertThat(cycle.json().get("supervisionChain").toString())
                .isEqualTo("[\"" + aId + "\",\"" + c.get("id").asText() + "\",\"" + bId + "\",\"" + aId + "\"]");
        assertThat(api.get(STAFF + "/" + aId).json().get("version").asLong()).isEqualTo(1);

        api.delete(STAFF + "/" + aId);
        Answer inactive = api.post(STAFF, body(Map.of("name", "Y", "supervisorId", aId)));
        assertThat(inactive.status()).isEqualTo(400);
        assertThat(fields(inactive)).containsExactly("supervisorId active");
        Answer keepsOld = put(api, bId, asRequest(b).put("team", "二组").toString());
        assertThat(keepsOld.status()).as("an unchanged, since deactivated supervisor does not block other edits: "
                + keepsOld.body()).isEqualTo(200);
    }

    @Test
    default void imIdsAndEmployeeNumbersBelongToOnePerson() {
        ApiTestClient api = admin();
        String t = tag();
        JsonNode first = create(api, Map.of("name", "甲", "employeeNo", "E-" + t, "dingTalkUserId", "dt-" + t,
                "weComUserId", "wc-" + t));
        JsonNode second = create(api, Map.of("name", "乙"));

        for (Map.Entry<String, String> dup : Map.of("dingTalkUserId", "dt-" + t, "weComUserId", "wc-" + t,
                "employeeNo", "E-" + t).entrySet()) {
            Answer created = api.post(STAFF, body(Map.of("name", "丙", dup.getKey(), dup.getValue())));
            assertThat(created.status()).as(created.body()).isEqualTo(409);
            assertThat(created.json().get("type").asText()).isEqualTo("urn:aftersales-hub:problem:staff-duplicate");
            assertThat(created.json().get("conflictingStaffId").asText()).isEqualTo(first.get("id").asText());
            assertThat(fields(created)).containsExactly(dup.getKey() + " unique");

            Answer replaced = put(api, second.get("id").asText(),
                    asRequest(second).put(dup.getKey(), dup.getValue()).toString());
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(409);
            assertThat(fields(replaced)).containsExactly(dup.getKey() + " unique");
        }
        Answer keepsOwn = put(api, first.get("id").asText(), asRequest(first).put("team", "B").toString());
        assertThat(keepsOwn.status()).as(keepsOwn.body()).isEqualTo(200);
        Answer blank = api.post(STAFF, body(Map.of("name", "丁", "dingTalkUserId", "", "weComUserId", "")));
        assertThat(blank.status()).as("blank ids are no ids: " + blank.body()).isEqualTo(201);
        assertThat(api.post(STAFF, body(Map.of("name", "戊", "dingTalkUserId", ""))).status()).isEqualTo(201);
    }

    @Test
    default void concurrentCreatesWithOneImIdLeaveOneRecordAndNameTheFieldToEveryoneElse() throws Exception {
        ApiTestClient api = admin();
        String weCom = "race-" + tag();
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "并发 " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(STAFF, body(Map.of("name", name, "weComUserId", weCom)));
                }));
            }
            start.countDown();
            int created = 0;
            for (java.util.concurrent.Future<Answer> f : answers) {
                Answer a = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (a.status() == 201) {
                    created++;
                } else {
                    assertThat(a.status()).as(a.body()).isEqualTo(409);
                    assertThat(fields(a)).as(a.body()).containsExactly("weComUserId unique");
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(jdbc().queryForObject("select count(*) from staff where wecom_user_id = ?", Integer.class,
                    weCom)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void invalidBodiesNameTheFieldAndTheRule() {
        ApiTestClient api = admin();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("name required", Map.of("phone", "13812345678"));
        cases.put("name not-blank", Map.of("name", "   "));
        cases.put("phone pattern:" + StaffRequest.PHONE_FORM, Map.of("name", "N", "phone", "12345"));
        cases.put("skills[0] not-blank", Map.of("name", "N", "skills", List.of(" ")));
        cases.put("roles[0] enum:[ENGINEER, SUPERVISOR, DIRECTOR, WAREHOUSE_KEEPER]",
                Map.of("name", "N", "roles", List.of("BOSS")));
        cases.put("preferredChannel requires:dingTalkUserId", Map.of("name", "N", "preferredChannel", "DINGTALK"));
        cases.put("preferredChannel requires:weComUserId", Map.of("name", "N", "preferredChannel", "WECOM"));
        cases.put("supervisorId format:uuid", Map.of("name", "N", "supervisorId", "E-1"));
        cases.put("name max-length:64", Map.of("name", "名".repeat(65)));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            Answer a = api.post(STAFF, body(c.getValue()));
            assertThat(a.status()).as(c.getKey() + ": " + a.body()).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(fields(a)).as(a.body()).contains(c.getKey());
            assertThat(a.body()).doesNotContain("12345\"");
        }
        for (String phone : List.of("13812345678", "021-12345678", "02112345678", "0755-1234567-801",
                "+8613812345678", "+14155550123")) {
            assertThat(api.post(STAFF, body(Map.of("name", "N", "phone", phone))).status()).as(phone).isEqualTo(201);
        }
        Answer unknownId = api.get(STAFF + "/" + UUID.randomUUID());
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(fields(unknownId)).containsExactly("id exists");
        assertThat(put(api, UUID.randomUUID().toString(), body(Map.of("name", "N", "version", 1))).status())
                .isEqualTo(404);
        assertThat(api.delete(STAFF + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(fields(api.get(STAFF + "/E-2001"))).containsExactly("id format:uuid");
    }

    @Test
    default void readingNeedsTicketsReadAndChangingNeedsAdmin() {
        String id = create(admin(), Map.of("name", "权限测试")).get("id").asText();
        ApiTestClient reader = client("staff-read-only", ApiScope.TICKETS_READ);
        ApiTestClient ticketWriter = writer();

        assertThat(reader.get(STAFF + "/" + id).status()).isEqualTo(200);
        assertThat(reader.get(STAFF).status()).isEqualTo(200);
        for (ApiTestClient cannot : List.of(reader, ticketWriter)) {
            Answer post = cannot.post(STAFF, body(Map.of("name", "X")));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.body()).contains("admin");
            assertThat(put(cannot, id, body(Map.of("name", "X", "version", 1))).status()).isEqualTo(403);
            assertThat(cannot.delete(STAFF + "/" + id).status()).isEqualTo(403);
        }
        assertThat(client("metrics-only", ApiScope.METRICS_READ).get(STAFF).status()).isEqualTo(403);
        assertThat(anonymous().get(STAFF).status()).isEqualTo(401);
        assertThat(admin().get(STAFF + "/" + id).json().get("active").asBoolean()).isTrue();
    }

    @Test
    default void auditRecordsWhoChangedWhatWithoutNamesOrPhones() {
        String id = create(admin(), Map.of("name", "审计对象", "phone", "13711112222", "roles",
                List.of("ENGINEER"))).get("id").asText();
        Map<String, Object> row = jdbc().queryForMap("select actor, action, detail from audit_log where target = ?",
                "staff:" + id);
        assertThat(row.get("actor")).isEqualTo("staff-admin");
        assertThat(row.get("action")).isEqualTo("staff.create");
        assertThat(row.get("detail").toString()).contains("roles=[ENGINEER]").doesNotContain("审计对象")
                .doesNotContain("13711112222");
    }
}
