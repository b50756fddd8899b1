package org.aftersaleshub.mock.fxiaoke;

import static org.aftersaleshub.mock.fxiaoke.FxiaokeTokenAndLimitsTest.legacyCall;
import static org.aftersaleshub.mock.fxiaoke.FxiaokeTokenAndLimitsTest.legacyToken;
import static org.aftersaleshub.mock.imcrm.Http.admin;
import static org.aftersaleshub.mock.imcrm.Http.postJson;
import static org.aftersaleshub.mock.imcrm.Http.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/vendor-apis/fxiaoke.md §5, §7.3: query/get/create/update/invalid/delete of AccountObj, ContactObj and a custom
 * object.
 */
class FxiaokeObjectApiTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    String token;

    @BeforeEach
    void token() {
        token = legacyToken(mock());
    }

    FxiaokeMock mock() {
        return mocks.get(FxiaokeMock.class);
    }

    JsonNode call(String action, String data) {
        return legacyCall(mock(), action, token, data).json();
    }

    JsonNode query(String api, String info) {
        return call("query", "{\"dataObjectApiName\":\"" + api + "\",\"search_query_info\":" + info + "}");
    }

    @Test
    void seededAccountsAndContactsAreQueryableWithPaging() {
        JsonNode r = query("AccountObj", "{\"limit\":5,\"offset\":5,\"orders\":[{\"fieldName\":\"account_no\",\"isAsc\":true}],"
                + "\"fieldProjection\":[\"_id\",\"name\",\"account_no\"]}");
        assertThat(r.get("errorCode").asInt()).isZero();
        assertThat(r.get("errorMessage").asText()).isEqualTo("OK");
        assertThat(r.at("/data/total").asInt()).isEqualTo(20);
        assertThat(r.at("/data/offset").asInt()).isEqualTo(5);
        assertThat(r.at("/data/dataList")).hasSize(5);
        assertThat(r.at("/data/dataList/0/account_no").asText()).isEqualTo("C0006");
        assertThat(r.at("/data/dataList/0").size()).isEqualTo(3);
        JsonNode contacts = query("ContactObj", "{\"limit\":10,\"offset\":0,\"filters\":[{\"field_name\":\"account_id\","
                + "\"field_values\":[\"600000000000000000000002\"],\"operator\":\"EQ\"}]}");
        assertThat(contacts.at("/data/total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(contacts.at("/data/dataList/0/account_id").asText()).isEqualTo("600000000000000000000002");
    }

    @Test
    void filterOperators() {
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0,\"filters\":[{\"field_name\":\"name\",\"field_values\":[\"制冷\"],"
                + "\"operator\":\"LIKE\"}]}").at("/data/dataList").findValuesAsText("name")).allMatch(n -> n.contains("制冷"));
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0,\"filters\":[{\"field_name\":\"account_no\",\"field_values\":"
                + "[\"C0001\",\"C0002\"],\"operator\":\"IN\"}]}").at("/data/total").asInt()).isEqualTo(2);
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0,\"filters\":[{\"field_name\":\"account_no\",\"field_values\":"
                + "[\"C0001\"],\"operator\":\"N\"}]}").at("/data/total").asInt()).isEqualTo(19);
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0,\"filters\":[{\"field_name\":\"_id\",\"field_values\":"
                + "[\"600000000000000000000018\"],\"operator\":\"GT\"}]}").at("/data/total").asInt()).isEqualTo(2);
    }

    @Test
    void pagingLimits() {
        JsonNode deep = query("AccountObj", "{\"limit\":100,\"offset\":10100}");
        assertThat(deep.get("errorCode").asInt()).isEqualTo(10013);
        assertThat(deep.get("errorMessage").asText()).isEqualTo("offset out of range 10000");
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":10000}").get("errorCode").asInt()).isZero();
        assertThat(query("AccountObj", "{\"limit\":101,\"offset\":0}").get("errorCode").asInt()).isEqualTo(10006);
        assertThat(query("AccountObj", "{\"limit\":10,\"offset\":15}").get("errorCode").asInt()).isEqualTo(10006);
    }

    @Test
    void createGetUpdateInvalidDeleteLifecycle() {
        JsonNode created = call("create", "{\"object_data\":{\"dataObjectApiName\":\"AccountObj\",\"name\":\"苏州新客户有限公司\","
                + "\"tel\":\"0512-1234567\"}}");
        assertThat(created.get("errorCode").asInt()).isZero();
        assertThat(created.get("dataId").asText()).matches("[0-9a-f]{24}");
        String id = created.get("dataId").asText();
        JsonNode got = call("get", "{\"dataObjectApiName\":\"AccountObj\",\"objectDataId\":\"" + id + "\"}");
        assertThat(got.at("/data/name").asText()).isEqualTo("苏州新客户有限公司");
        assertThat(got.at("/data/owner/0").asText()).isEqualTo("1000");
        assertThat(got.at("/data/life_status").asText()).isEqualTo("normal");

        JsonNode upd = legacyCall(mock(), "update", token, "{\"object_data\":{\"_id\":\"" + id + "\",\"dataObjectApiName\":\"AccountObj\","
                + "\"tel\":\"0512-7654321\"}}").json();
        assertThat(upd.get("errorCode").asInt()).isZero();
        assertThat(mock().record("AccountObj", id).get("tel").asText()).isEqualTo("0512-7654321");

        assertThat(call("delete", "{\"dataObjectApiName\":\"AccountObj\",\"idList\":[\"" + id + "\"]}").get("errorCode").asInt())
                .isEqualTo(10006); // must be invalidated first
        assertThat(call("invalid", "{\"dataObjectApiName\":\"AccountObj\",\"object_data_id\":\"" + id + "\"}").get("errorCode").asInt()).isZero();
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0}").at("/data/total").asInt()).isEqualTo(20);
        assertThat(query("AccountObj", "{\"limit\":100,\"offset\":0,\"filters\":[{\"field_name\":\"life_status\",\"field_values\":[\"invalid\"],"
                + "\"operator\":\"EQ\"}]}").at("/data/total").asInt()).isEqualTo(1);
        assertThat(call("delete", "{\"dataObjectApiName\":\"AccountObj\",\"idList\":[\"" + id + "\"]}").get("errorCode").asInt()).isZero();
        assertThat(mock().record("AccountObj", id)).isNull();
        assertThat(state(mock()).get("writes").findValuesAsText("action")).containsExactly("create", "update", "invalid", "delete");
    }

    @Test
    void ownerIsNotUpdatableButChangeOwnerWorks() {
        String id = "600000000000000000000003";
        JsonNode r = call("update", "{\"object_data\":{\"_id\":\"" + id + "\",\"dataObjectApiName\":\"AccountObj\",\"owner\":[\"1001\"]}}");
        assertThat(r.get("errorCode").asInt()).isEqualTo(10006);
        assertThat(r.get("errorMessage").asText()).contains("owner");
        assertThat(mock().record("AccountObj", id).at("/owner/0").asText()).isEqualTo("1000");
        JsonNode asked = state(mock()).get("writeRequests");
        assertThat(asked).hasSize(1); // the refused update is logged as it was sent
        assertThat(asked.get(0).get("action").asText()).isEqualTo("update");
        assertThat(asked.get(0).get("dataId").asText()).isEqualTo(id);
        assertThat(asked.get(0).get("fields")).extracting(JsonNode::asText).containsExactly("_id", "dataObjectApiName", "owner");
        assertThat(state(mock()).get("writes")).isEmpty();
        assertThat(call("changeOwner", "{\"dataObjectApiName\":\"AccountObj\",\"Data\":[{\"objectDataId\":\"" + id
                + "\",\"ownerId\":[\"1001\"]}]}").get("errorCode").asInt()).isZero();
        assertThat(mock().record("AccountObj", id).at("/owner/0").asText()).isEqualTo("1001");
    }

    @Test
    void writesRecordTheWorkflowFlagsDefaultingToTrue() {
        String base = "{\"corpAccessToken\":\"" + token + "\",\"corpId\":\"FSCID_aftersalesdemo0001\",";
        postJson(mock().baseUrl() + "/cgi/crm/v2/data/update", base + "\"triggerWorkFlow\":false,\"data\":{\"object_data\":"
                + "{\"_id\":\"600000000000000000000004\",\"dataObjectApiName\":\"AccountObj\",\"tel\":\"1\"}}}");
        call("update", "{\"object_data\":{\"_id\":\"600000000000000000000004\",\"dataObjectApiName\":\"AccountObj\",\"tel\":\"2\"}}");
        JsonNode writes = state(mock()).get("writes");
        assertThat(writes.get(0).get("triggerWorkFlow").asBoolean()).isFalse();
        assertThat(writes.get(1).get("triggerWorkFlow").asBoolean()).isTrue();
        assertThat(writes.get(1).get("triggerApprovalFlow").asBoolean()).isTrue();
    }

    @Test
    void configurableCustomObjectOnTheCustomPath() {
        JsonNode created = legacyCall(mock(), "create", token, "{}").json();
        assertThat(created.get("errorCode").asInt()).isEqualTo(10006);
        String createBody = "{\"corpAccessToken\":\"" + token + "\",\"corpId\":\"FSCID_aftersalesdemo0001\",\"data\":{\"object_data\":"
                + "{\"dataObjectApiName\":\"ServiceTicket__c\",\"name\":\"T-100\",\"field_status__c\":\"NEW\"}}}";
        JsonNode r = postJson(mock().baseUrl() + "/cgi/crm/custom/v2/data/create", createBody).json();
        assertThat(r.get("errorCode").asInt()).isZero();
        assertThat(state(mock()).at("/objectCounts/ServiceTicket__c").asInt()).isEqualTo(1);
        JsonNode unknown = postJson(mock().baseUrl() + "/cgi/crm/custom/v2/data/create", createBody.replace("ServiceTicket__c", "Other__c")).json();
        assertThat(unknown.get("errorCode").asInt()).isEqualTo(10006);
        admin(mock(), "config", "{\"customObjects\":[\"Other__c\"]}");
        assertThat(postJson(mock().baseUrl() + "/cgi/crm/custom/v2/data/create", createBody.replace("ServiceTicket__c", "Other__c"))
                .json().get("errorCode").asInt()).isZero();
    }

    @Test
    void missingRecordsAndNames() {
        assertThat(call("get", "{\"dataObjectApiName\":\"AccountObj\",\"objectDataId\":\"nope\"}").get("errorCode").asInt()).isEqualTo(10006);
        assertThat(call("create", "{\"object_data\":{\"dataObjectApiName\":\"ContactObj\"}}").get("errorMessage").asText())
                .isEqualTo("the parameter name is missing or illegal");
    }
}
