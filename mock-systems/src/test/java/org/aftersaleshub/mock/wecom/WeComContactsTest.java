package org.aftersaleshub.mock.wecom;

import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.get;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.wecom.WeComApiTest.assertErr;
import static org.aftersaleshub.mock.wecom.WeComApiTest.text;
import static org.aftersaleshub.mock.wecom.WeComApiTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.imcrm.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/vendor-apis/wecom.md §9: departments, member lists, list_id paging, user detail, field restrictions, admin. */
class WeComContactsTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    WeComMock mock() {
        return mocks.get(WeComMock.class);
    }

    Http.Res get(String token, String pathAndQuery) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        return Http.get(mock().baseUrl() + "/cgi-bin/" + pathAndQuery + sep + "access_token=" + token);
    }

    Http.Res listId(String token, String body) {
        return postJson(mock().baseUrl() + "/cgi-bin/user/list_id?access_token=" + token, body);
    }

    @Test
    void departmentListIsRecursiveWithLeaders() {
        String t = token(mock());
        JsonNode all = get(t, "department/list").json();
        assertThat(all.get("errcode").asInt()).isZero();
        assertThat(all.get("department").findValuesAsText("name"))
                .containsExactly("演示科技有限公司", "售后服务部", "华东区", "华南区", "华北区");
        JsonNode below = get(t, "department/list?id=2").json().get("department");
        assertThat(below.findValuesAsText("name")).containsExactly("售后服务部", "华东区", "华南区", "华北区");
        assertThat(below.get(0).get("department_leader").toString()).isEqualTo("[\"WeComUser013\"]");
        assertThat(below.get(1).get("department_leader").toString()).isEqualTo("[\"WeComUser001\"]");
        assertThat(below.get(1).get("parentid").asLong()).isEqualTo(2);

        JsonNode simple = get(t, "department/simplelist?id=2").json().get("department_id");
        assertThat(simple).hasSize(4);
        assertThat(simple.get(0).has("name")).isFalse();
        assertThat(get(t, "department/get?id=4").json().at("/department/name").asText()).isEqualTo("华南区");
    }

    @Test
    void unknownDepartmentAndUserCodes() {
        String t = token(mock());
        assertErr(get(t, "department/list?id=999"), 60123, "invalid department id");
        assertErr(get(t, "department/get?id=999"), 60123, "invalid department id");
        assertErr(get(t, "user/simplelist?department_id=999"), 60123, "invalid department id");
        assertErr(get(t, "user/get?userid=nobody"), 60111, "userid not found");
        assertErr(get(t, "department/get"), 40058, "invalid parameter id");
        admin(mock(), "config", "{\"contactsDeptNotFoundErrcode\":60003}");
        assertErr(get(t, "department/list?id=999"), 60003, "invalid department id");
    }

    @Test
    void memberListsDirectOrRecursive() {
        String t = token(mock());
        JsonNode direct = get(t, "user/simplelist?department_id=3").json().get("userlist");
        assertThat(direct.findValuesAsText("userid")).containsExactly("WeComUser001", "WeComUser004", "WeComUser007", "WeComUser010");
        assertThat(direct.get(0).get("name").asText()).isEqualTo("王强");
        assertThat(get(t, "user/simplelist?department_id=2").json().get("userlist")).hasSize(1);
        assertThat(get(t, "user/simplelist?department_id=2&fetch_child=1").json().get("userlist")).hasSize(13);

        JsonNode full = get(t, "user/list?department_id=4").json().get("userlist");
        assertThat(full.findValuesAsText("position")).containsExactly("主管", "仓库管理员", "工程师", "工程师");
        assertThat(full.get(0).get("is_leader_in_dept").toString()).isEqualTo("[1]");
        assertThat(full.get(1).get("is_leader_in_dept").toString()).isEqualTo("[0]");
        assertThat(full.get(0).get("status").asInt()).isEqualTo(1);
    }

    @Test
    void userDetailLeavesOutSensitiveFieldsUnlessConfigured() {
        String t = token(mock());
        JsonNode wang = get(t, "user/get?userid=weComUser001").json();
        assertThat(wang.get("userid").asText()).isEqualTo("WeComUser001");
        assertThat(wang.get("name").asText()).isEqualTo("王强");
        assertThat(wang.get("position").asText()).isEqualTo("主管");
        assertThat(wang.get("department").toString()).isEqualTo("[3]");
        assertThat(wang.get("main_department").asLong()).isEqualTo(3);
        assertThat(wang.has("mobile")).isFalse();
        assertThat(wang.has("email")).isFalse();
        admin(mock(), "config", "{\"contactsSensitiveFieldsReturned\":true}");
        assertThat(get(t, "user/get?userid=WeComUser001").json().get("mobile").asText()).isEqualTo("13800000001");
        assertThat(get(t, "user/list?department_id=3").json().at("/userlist/0/mobile").asText()).isEqualTo("13800000001");
    }

    @Test
    void userListCanBeRefusedAsForNewSyncIps() {
        String t = token(mock());
        admin(mock(), "config", "{\"contactsUserListRefusedErrcode\":48009}");
        assertErr(get(t, "user/list?department_id=3"), 48009, "api forbidden for this ip or secret");
        assertErr(get(t, "user/simplelist?department_id=3"), 48009, "api forbidden for this ip or secret");
        assertThat(listId(t, "{}").json().get("errcode").asInt()).isZero();
    }

    @Test
    void listIdPagesWithOpaqueCursorUntilEmpty() {
        String t = token(mock());
        List<String> rows = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode r = listId(t, cursor.isEmpty() ? "{\"limit\":5}" : "{\"cursor\":\"" + cursor + "\",\"limit\":5}").json();
            assertThat(r.get("errcode").asInt()).isZero();
            r.get("dept_user").forEach(u -> rows.add(u.get("userid").asText() + "@" + u.get("department").asLong()));
            cursor = r.get("next_cursor").asText();
            pages++;
        } while (!cursor.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(13).contains("WeComUser013@2", "WeComUser001@3").doesNotHaveDuplicates();
        assertErr(listId(t, "{\"limit\":10001}"), 40058, "invalid parameter limit");
        assertErr(listId(t, "{\"limit\":0}"), 40058, "invalid parameter limit");
        assertErr(listId(t, "{\"cursor\":\"not-ours\"}"), 40058, "invalid parameter cursor");
    }

    @Test
    void tokenGateApplies() {
        assertErr(get("bogus", "user/get?userid=WeComUser001"), 40014, "invalid access_token");
        assertErr(Http.get(mock().baseUrl() + "/cgi-bin/department/list"), 41001, "access_token missing");
    }

    @Test
    void adminAddsChangesAndRemovesMembers() {
        String t = token(mock());
        admin(mock(), "directory/departments", "{\"id\":6,\"name\":\"西南区\",\"parentId\":2}");
        admin(mock(), "directory/users", "{\"userid\":\"WeComUser020\",\"name\":\"郑凯\",\"title\":\"工程师\","
                + "\"mobile\":\"13800000020\",\"departments\":[6]}");
        assertThat(get(t, "user/get?userid=WeComUser020").json().get("name").asText()).isEqualTo("郑凯");
        assertThat(get(t, "department/list?id=2").json().get("department")).hasSize(5);
        // the added member is also a valid app-message recipient
        var sent = postJson(mock().baseUrl() + "/cgi-bin/message/send?access_token=" + t, text("WeComUser020", "欢迎"));
        assertThat(sent.json().get("errcode").asInt()).isZero();
        assertThat(sent.json().path("invaliduser").asText("")).isEmpty();

        admin(mock(), "directory/users", "{\"userid\":\"WeComUser020\",\"title\":\"主管\",\"status\":2}");
        JsonNode changed = get(t, "user/get?userid=WeComUser020").json();
        assertThat(changed.get("position").asText()).isEqualTo("主管");
        assertThat(changed.get("status").asInt()).isEqualTo(2);
        assertThat(changed.get("enable").asInt()).isZero();

        admin(mock(), "directory/departments", "{\"id\":3,\"leaders\":[\"WeComUser007\"]}");
        assertThat(get(t, "user/get?userid=WeComUser007").json().get("is_leader_in_dept").toString()).isEqualTo("[1]");
        assertThat(get(t, "user/get?userid=WeComUser001").json().get("is_leader_in_dept").toString()).isEqualTo("[0]");

        admin(mock(), "directory/users/remove", "{\"userid\":\"WeComUser020\"}");
        assertErr(get(t, "user/get?userid=WeComUser020"), 60111, "userid not found");
        assertThat(Http.get(mock().baseUrl() + "/mock-admin/directory").json().get("users")).hasSize(13);
        assertThat(postJson(mock().baseUrl() + "/mock-admin/directory/users/remove", "{\"userid\":\"WeComUser020\"}").status())
                .isEqualTo(400);
    }
}
