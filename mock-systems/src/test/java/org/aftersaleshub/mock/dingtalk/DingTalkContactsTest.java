package org.aftersaleshub.mock.dingtalk;

import static org.aftersaleshub.mock.dingtalk.DingTalkTokenTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.advance;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/dingtalk.md §12: departments, users with cursor paging, errors, field permission, admin changes. */
class DingTalkContactsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    DingTalkMock mock() {
        return mocks.get(DingTalkMock.class);
    }

    Http.Res call(String token, String path, String jsonBody) {
        return postJson(mock().baseUrl() + "/topapi/" + path + "?access_token=" + token, jsonBody);
    }

    static void assertErr(Http.Res r, int code) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errcode").asInt()).isEqualTo(code);
        assertThat(r.json().has("request_id")).isTrue();
    }

    @Test
    void departmentTreeWithLeaders() {
        String t = legacyToken(mock());
        JsonNode root = call(t, "v2/department/listsub", "{}").json();
        assertThat(root.get("errcode").asInt()).isZero();
        assertThat(root.get("result").findValuesAsText("name")).containsExactly("售后服务部");
        JsonNode regions = call(t, "v2/department/listsub", "{\"dept_id\":2}").json().get("result");
        assertThat(regions.findValuesAsText("name")).containsExactly("华东区", "华南区", "华北区");
        assertThat(regions.get(0).get("parent_id").asLong()).isEqualTo(2);
        assertThat(call(t, "v2/department/listsubid", "{\"dept_id\":2}").json().at("/result/dept_id_list").toString())
                .isEqualTo("[3,4,5]");

        JsonNode east = call(t, "v2/department/get", "{\"dept_id\":3}").json().get("result");
        assertThat(east.get("name").asText()).isEqualTo("华东区");
        assertThat(east.get("parent_id").asLong()).isEqualTo(2);
        assertThat(east.get("dept_manager_userid_list").toString()).isEqualTo("[\"ding_user_001\"]");
        assertThat(call(t, "v2/department/get", "{\"dept_id\":2}").json().at("/result/dept_manager_userid_list/0").asText())
                .isEqualTo("ding_user_013");
        assertThat(call(t, "v2/department/get", "{\"dept_id\":1}").json().get("result").has("parent_id")).isFalse();
    }

    @Test
    void sdkFormBodyIsAccepted() {
        String t = legacyToken(mock());
        var r = send("POST", mock().baseUrl() + "/topapi/v2/department/get?access_token=" + t,
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=utf-8"), "dept_id=4&language=zh_CN");
        assertThat(r.json().at("/result/name").asText()).isEqualTo("华南区");
    }

    @Test
    void userListPagesWithCursorAndMarksTheLeader() {
        String t = legacyToken(mock());
        List<String> ids = new ArrayList<>();
        List<Boolean> leaders = new ArrayList<>();
        long cursor = 0;
        int pages = 0;
        while (true) {
            JsonNode result = call(t, "v2/user/list", "{\"dept_id\":3,\"cursor\":" + cursor + ",\"size\":2}").json().get("result");
            pages++;
            result.get("list").forEach(u -> {
                ids.add(u.get("userid").asText());
                leaders.add(u.get("leader").asBoolean());
                assertThat(u.get("title").asText()).isNotEmpty();
                assertThat(u.get("dept_id_list").toString()).isEqualTo("[3]");
            });
            if (!result.get("has_more").asBoolean()) {
                assertThat(result.has("next_cursor")).isFalse();
                break;
            }
            cursor = result.get("next_cursor").asLong();
        }
        assertThat(pages).isEqualTo(2);
        assertThat(ids).containsExactly("ding_user_001", "ding_user_004", "ding_user_007", "ding_user_010");
        assertThat(leaders).containsExactly(true, false, false, false);
        assertThat(call(t, "user/listid", "{\"dept_id\":3}").json().at("/result/userid_list").size()).isEqualTo(4);
    }

    @Test
    void pageSizeOverLimitMissingParamsAndUnknownDepartment() {
        String t = legacyToken(mock());
        assertErr(call(t, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":101}"), 400002);
        assertErr(call(t, "v2/user/list", "{\"dept_id\":3,\"size\":10}"), 400002);
        assertErr(call(t, "v2/user/list", "{\"dept_id\":999,\"cursor\":0,\"size\":10}"), 60003);
        assertErr(call(t, "v2/department/get", "{\"dept_id\":999}"), 60003);
        assertErr(call(t, "v2/department/listsub", "{\"dept_id\":999}"), 60003);
        assertErr(call(t, "v2/department/get", "{}"), 400002);
        assertThat(call(t, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":100}").json().at("/result/list").size())
                .isEqualTo(4);
    }

    @Test
    void userDetailWithLeaderInDeptAndUnknownUser() {
        String t = legacyToken(mock());
        JsonNode wang = call(t, "v2/user/get", "{\"userid\":\"ding_user_001\"}").json().get("result");
        assertThat(wang.get("name").asText()).isEqualTo("王强");
        assertThat(wang.get("mobile").asText()).isEqualTo("13800000001");
        assertThat(wang.get("title").asText()).isEqualTo("主管");
        assertThat(wang.get("active").asBoolean()).isTrue();
        assertThat(wang.get("leader_in_dept").toString()).isEqualTo("[{\"dept_id\":3,\"leader\":true}]");
        JsonNode director = call(t, "v2/user/get", "{\"userid\":\"ding_user_013\"}").json().get("result");
        assertThat(director.get("title").asText()).isEqualTo("服务总监");
        assertErr(call(t, "v2/user/get", "{\"userid\":\"nobody\"}"), 60121);
        assertErr(call(t, "v2/user/get", "{}"), 400002);
    }

    @Test
    void mobileNeedsTheFieldPermissionAndCodesAreConfigurable() {
        admin(mock(), "config", "{\"contactsMobileGranted\":false,\"contactsUserNotFoundErrcode\":33012}");
        String t = legacyToken(mock());
        JsonNode wang = call(t, "v2/user/get", "{\"userid\":\"ding_user_001\"}").json().get("result");
        assertThat(wang.has("mobile")).isFalse();
        assertThat(wang.get("name").asText()).isEqualTo("王强");
        assertErr(call(t, "v2/user/get", "{\"userid\":\"nobody\"}"), 33012);
    }

    @Test
    void tokenAndQpsGateApply() {
        assertErr(call("bogus", "v2/user/get", "{\"userid\":\"ding_user_001\"}"), 40014);
        String t = legacyToken(mock());
        advance(mock(), Duration.ofSeconds(7200));
        assertErr(call(t, "v2/user/get", "{\"userid\":\"ding_user_001\"}"), 42001);
        admin(mock(), "config", "{\"qpsPerAppAndApi\":2,\"qpsWindowMs\":60000}");
        String t2 = legacyToken(mock());
        for (int i = 0; i < 2; i++) {
            assertThat(call(t2, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":10}").json().get("errcode").asInt()).isZero();
        }
        assertErr(call(t2, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":10}"), 90018);
    }

    @Test
    void adminAddsChangesAndRemovesUsersAndDepartments() {
        String t = legacyToken(mock());
        admin(mock(), "directory/departments", "{\"id\":6,\"name\":\"西南区\",\"parentId\":2,\"order\":40}");
        admin(mock(), "directory/users", "{\"userid\":\"ding_user_020\",\"name\":\"郑凯\",\"mobile\":\"13800000020\","
                + "\"title\":\"工程师\",\"departments\":[6]}");
        admin(mock(), "directory/departments", "{\"id\":6,\"leaders\":[\"ding_user_020\"]}");
        JsonNode added = call(t, "v2/user/get", "{\"userid\":\"ding_user_020\"}").json().get("result");
        assertThat(added.get("name").asText()).isEqualTo("郑凯");
        assertThat(added.get("leader_in_dept").toString()).isEqualTo("[{\"dept_id\":6,\"leader\":true}]");
        assertThat(call(t, "v2/department/listsubid", "{\"dept_id\":2}").json().at("/result/dept_id_list").toString())
                .isEqualTo("[3,4,5,6]");

        admin(mock(), "directory/users", "{\"userid\":\"ding_user_020\",\"title\":\"主管\",\"mobile\":\"13900000020\"}");
        JsonNode changed = call(t, "v2/user/get", "{\"userid\":\"ding_user_020\"}").json().get("result");
        assertThat(changed.get("title").asText()).isEqualTo("主管");
        assertThat(changed.get("mobile").asText()).isEqualTo("13900000020");
        assertThat(changed.get("name").asText()).isEqualTo("郑凯");
        assertThat(mock().state()).containsKey("directory");

        admin(mock(), "directory/users/remove", "{\"userid\":\"ding_user_020\"}");
        assertErr(call(t, "v2/user/get", "{\"userid\":\"ding_user_020\"}"), 60121);
        assertThat(call(t, "v2/department/get", "{\"dept_id\":6}").json().at("/result/dept_manager_userid_list").size()).isZero();
        admin(mock(), "directory/departments/remove", "{\"id\":6}");
        assertErr(call(t, "v2/department/get", "{\"dept_id\":6}"), 60003);

        var refused = postJson(mock().baseUrl() + "/mock-admin/directory/departments/remove", "{\"id\":3}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).contains("members");
        assertThat(postJson(mock().baseUrl() + "/mock-admin/directory/users", "{\"userid\":\"x\"}").status()).isEqualTo(400);
        String name = mock().withDirectory(d -> d.member("ding_user_007").name());
        assertThat(name).isEqualTo("黄敏");
    }

    @Test
    void inactiveMembersCanBeHiddenFromUserList() {
        String t = legacyToken(mock());
        admin(mock(), "directory/users", "{\"userid\":\"ding_user_010\",\"status\":4}");
        assertThat(call(t, "v2/user/get", "{\"userid\":\"ding_user_010\"}").json().at("/result/active").asBoolean()).isFalse();
        assertThat(call(t, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":10}").json().at("/result/list").size()).isEqualTo(4);
        admin(mock(), "config", "{\"contactsListInactiveUsers\":false}");
        assertThat(call(t, "v2/user/list", "{\"dept_id\":3,\"cursor\":0,\"size\":10}").json().at("/result/list").size()).isEqualTo(3);
    }
}
