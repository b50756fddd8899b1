package org.aftersaleshub.staff.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The contacts sync through {@code POST /api/v1/staff/sync/{instance}} against the DingTalk and WeCom mocks' demo org:
 * a member added, changed and removed in the mock's directory is added, updated and deactivated in the hub, once (the
 * next sync changes nothing). DingTalk syncs department 3 (华东区) and WeCom department 4 (华南区), so the two
 * platforms' tests never meet. Runs on H2 and on PostgreSQL.
 */
public interface StaffSyncContract extends ApiTestContract {

    /** The sync's settings for both platforms' tests. */
    static void register(DynamicPropertyRegistry r, ImMocks im) {
        im.register(r);
        r.add("hub.staff.sync.root-departments." + ImMocks.DINGTALK, () -> "3");
        r.add("hub.staff.sync.root-departments." + ImMocks.WECOM, () -> "4");
    }

    ImMocks im();

    default ApiTestClient admin() {
        return client("sync-admin", ApiScope.ADMIN);
    }

    default JsonNode sync(String instance) {
        Answer a = admin().post("/api/v1/staff/sync/" + instance, "");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    static void counts(JsonNode summary, int added, int updated, int deactivated, int unchanged) {
        assertThat(List.of(summary.path("added").asInt(), summary.path("updated").asInt(),
                summary.path("deactivated").asInt(), summary.path("unchanged").asInt()))
                .as(summary.toString()).containsExactly(added, updated, deactivated, unchanged);
        assertThat(summary.path("problems")).as(summary.toString()).isEmpty();
    }

    default Optional<Map<String, Object>> byDingTalk(String userId) {
        return jdbc().queryForList("select * from staff where dingtalk_user_id = ?", userId).stream().findFirst();
    }

    default Optional<Map<String, Object>> byWeCom(String userId) {
        return jdbc().queryForList("select * from staff where wecom_user_id = ?", userId).stream().findFirst();
    }

    default List<String> roles(Object staffId) {
        return jdbc().queryForList("select role from staff_role where staff_id = ? order by role", String.class,
                staffId);
    }

    default long audits(String action, Object staffId) {
        Long n = jdbc().queryForObject("select count(*) from audit_log where action = ? and target = ?", Long.class,
                action, "staff:" + staffId);
        return n == null ? 0 : n;
    }

    @Test
    default void dingTalkMembersAddedChangedAndRemovedAreAddedUpdatedAndDeactivatedOnce() {
        // someone the REST API created with a DingTalk id: the sync fills what is empty and keeps the rest
        Answer created = admin().post("/api/v1/staff", """
                {"name":"周涛（外包）","region":"华东","roles":["ENGINEER"],"skills":["制冷"],
                 "dingTalkUserId":"ding_user_010","preferredChannel":"DINGTALK"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String restId = created.json().path("id").asText();

        JsonNode first = sync(ImMocks.DINGTALK);
        assertThat(first.path("platform").asText()).isEqualTo("DINGTALK");
        assertThat(first.path("members").asInt()).isGreaterThanOrEqualTo(4);
        counts(first, 3, 1, 0, 0);

        Map<String, Object> leader = byDingTalk("ding_user_001").orElseThrow();
        Map<String, Object> engineer = byDingTalk("ding_user_007").orElseThrow();
        Map<String, Object> keeper = byDingTalk("ding_user_004").orElseThrow();
        assertThat(engineer).containsEntry("NAME", "黄敏").containsEntry("TEAM", "华东区")
                .containsEntry("PHONE", "13800000007").containsEntry("SOURCE", "dingtalk-sync")
                .containsEntry("PREFERRED_CHANNEL", "DINGTALK").containsEntry("ACTIVE", true)
                .containsEntry("SUPERVISOR_ID", leader.get("ID"));
        assertThat(roles(engineer.get("ID"))).containsExactly("ENGINEER");
        assertThat(roles(keeper.get("ID"))).containsExactly("WAREHOUSE_KEEPER");
        assertThat(roles(leader.get("ID"))).containsExactly("SUPERVISOR");
        // 王强 leads 华东区; the leader above (售后服务部) is outside the synced departments: no supervisor
        assertThat(leader.get("SUPERVISOR_ID")).isNull();
        Map<String, Object> rest = byDingTalk("ding_user_010").orElseThrow();
        assertThat(rest).containsEntry("ID", restId).containsEntry("NAME", "周涛（外包）")
                .containsEntry("SOURCE", "api").containsEntry("REGION", "华东").containsEntry("TEAM", "华东区")
                .containsEntry("PHONE", "13800000010").containsEntry("SUPERVISOR_ID", leader.get("ID"));
        assertThat(audits("staff.sync.create", engineer.get("ID"))).isEqualTo(1);
        assertThat(audits("staff.sync.update", restId)).isEqualTo(1);

        counts(sync(ImMocks.DINGTALK), 0, 0, 0, 4);

        im().admin(im().dingTalk(), "directory/users", """
                {"userid":"ding_user_020","name":"钱多多","mobile":"13800000020","title":"工程师","departments":[3]}""");
        im().admin(im().dingTalk(), "directory/users", "{\"userid\":\"ding_user_004\",\"title\":\"工程师\"}");
        im().admin(im().dingTalk(), "directory/users", "{\"userid\":\"ding_user_010\",\"name\":\"周涛涛\"}");
        im().admin(im().dingTalk(), "directory/users/remove", "{\"userid\":\"ding_user_007\"}");

        counts(sync(ImMocks.DINGTALK), 1, 1, 1, 2);
        Map<String, Object> added = byDingTalk("ding_user_020").orElseThrow();
        assertThat(added).containsEntry("NAME", "钱多多").containsEntry("SUPERVISOR_ID", leader.get("ID"))
                .containsEntry("ACTIVE", true);
        assertThat(roles(keeper.get("ID"))).containsExactly("ENGINEER");
        Map<String, Object> left = byDingTalk("ding_user_007").orElseThrow();
        assertThat(left).containsEntry("ACTIVE", false);
        assertThat(left.get("DEACTIVATED_AT")).isNotNull();
        assertThat(audits("staff.sync.deactivate", engineer.get("ID"))).isEqualTo(1);
        // a REST record's name is the REST user's
        assertThat(byDingTalk("ding_user_010").orElseThrow()).containsEntry("NAME", "周涛（外包）");

        counts(sync(ImMocks.DINGTALK), 0, 0, 0, 4);
        assertThat(audits("staff.sync.deactivate", engineer.get("ID"))).isEqualTo(1);
    }

    @Test
    default void weComMembersAddedChangedQuitAndRemovedAreAddedUpdatedAndDeactivatedOnce() {
        counts(sync(ImMocks.WECOM), 4, 0, 0, 0);
        Map<String, Object> leader = byWeCom("WeComUser002").orElseThrow();
        Map<String, Object> engineer = byWeCom("WeComUser008").orElseThrow();
        assertThat(engineer).containsEntry("NAME", "赵军").containsEntry("TEAM", "华南区")
                .containsEntry("SOURCE", "wecom-sync").containsEntry("PREFERRED_CHANNEL", "WECOM")
                .containsEntry("SUPERVISOR_ID", leader.get("ID"));
        // apps created after 2022-06-20 get no mobile numbers from WeCom
        assertThat(engineer.get("PHONE")).isNull();
        assertThat(roles(engineer.get("ID"))).containsExactly("ENGINEER");

        counts(sync(ImMocks.WECOM), 0, 0, 0, 4);

        im().admin(im().weCom(), "directory/users", """
                {"userid":"WeComUser021","name":"郑好","title":"工程师","departments":[4]}""");
        im().admin(im().weCom(), "directory/users", "{\"userid\":\"WeComUser008\",\"title\":\"主管\"}");
        im().admin(im().weCom(), "directory/users", "{\"userid\":\"WeComUser005\",\"status\":5}");
        im().admin(im().weCom(), "directory/users/remove", "{\"userid\":\"WeComUser011\"}");

        counts(sync(ImMocks.WECOM), 1, 1, 2, 1);
        assertThat(byWeCom("WeComUser021").orElseThrow()).containsEntry("SUPERVISOR_ID", leader.get("ID"));
        assertThat(roles(engineer.get("ID"))).containsExactly("SUPERVISOR");
        assertThat(byWeCom("WeComUser005").orElseThrow()).containsEntry("ACTIVE", false);
        assertThat(byWeCom("WeComUser011").orElseThrow()).containsEntry("ACTIVE", false);

        counts(sync(ImMocks.WECOM), 0, 0, 0, 3);
    }

    @Test
    default void aSyncRunningOnAnotherHubInstanceRefusesASecondOne() {
        // another hub instance: its own lock provider on the same database
        SyncLocks otherHub = new SyncLocks(jdbc(), bean(StaffSyncProperties.class));
        Answer during = otherHub.whileSyncing(ImMocks.WECOM, () -> admin().post("/api/v1/staff/sync/"
                + ImMocks.WECOM, "")).orElseThrow();
        assertThat(during.status()).isEqualTo(409);
        assertThat(during.json().path("type").asText()).isEqualTo("urn:aftersales-hub:problem:sync-running");
        assertThat(during.json().path("errors").get(0).path("field").asText()).isEqualTo("instance");
        // and the same the other way round: while this hub's lock is held, the other cannot take it
        assertThat(bean(SyncLocks.class).whileSyncing(ImMocks.DINGTALK, () -> otherHub.whileSyncing(ImMocks.DINGTALK,
                () -> "ran").isPresent())).contains(false);
        assertThat(otherHub.whileSyncing(ImMocks.DINGTALK, () -> "ran")).contains("ran");
    }

    @Test
    default void oneScheduledSyncPerIntervalAcrossHubInstances() {
        SyncLocks otherHub = new SyncLocks(jdbc(), bean(StaffSyncProperties.class));
        String instance = "schedule-" + System.nanoTime();
        assertThat(bean(SyncLocks.class).scheduledTurn(instance)).isTrue();
        assertThat(otherHub.scheduledTurn(instance)).isFalse();
        assertThat(bean(SyncLocks.class).scheduledTurn(instance)).isFalse();
    }

    @Test
    default void onlyDeclaredImInstancesCanBeSyncedAndOnlyByAnAdmin() {
        Answer unknown = admin().post("/api/v1/staff/sync/kingdee-nowhere", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).contains(ImMocks.DINGTALK).contains(ImMocks.WECOM);
        Answer bad = admin().post("/api/v1/staff/sync/Not_A_Name", "");
        assertThat(bad.status()).isEqualTo(400);
        Answer reader = client("sync-reader", ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE)
                .post("/api/v1/staff/sync/" + ImMocks.DINGTALK, "");
        assertThat(reader.status()).isEqualTo(403);
    }

    @Test
    default void theImInstancesAreListedWithTheirOperations() {
        Answer a = admin().get("/api/v1/connectors");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("installedTypes").toString()).contains("\"dingtalk\"").contains("\"wecom\"");
        JsonNode instances = a.json().path("instances");
        assertThat(instances.findValuesAsText("name")).contains(ImMocks.DINGTALK, ImMocks.WECOM);
        for (JsonNode i : instances) {
            if (i.path("name").asText().equals(ImMocks.DINGTALK)) {
                assertThat(i.path("type").asText()).isEqualTo("dingtalk");
                assertThat(i.path("operations").toString()).contains("work-notice");
                assertThat(i.path("connectivity").path("status").asText()).isEqualTo("REACHABLE");
            }
            if (i.path("name").asText().equals(ImMocks.WECOM)) {
                assertThat(i.path("type").asText()).isEqualTo("wecom");
                assertThat(i.path("operations").toString()).contains("app-message");
                assertThat(i.path("connectivity").path("status").asText()).isEqualTo("REACHABLE");
            }
        }
        // no secret in the listing
        assertThat(a.body()).doesNotContain("demo-dingtalk-app-secret").doesNotContain("demo-wecom-app-secret");
    }
}
