package org.aftersaleshub.mock.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ExecuteBillQuery / BillQuery: result shapes, paging semantics, error codes, async query mode. */
class KingdeeQueryTest {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    KingdeeMock mock;
    KingdeeHttp http;

    @BeforeEach
    void setUp() throws Exception {
        mock = mocks.get(KingdeeMock.class);
        http = new KingdeeHttp(mock.baseUrl());
        http.login();
    }

    @Test
    void executeBillQueryReturnsRowsInFieldKeysOrder() throws Exception {
        JsonNode r = http.query("ExecuteBillQuery", "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber,FName,"
                + "FMATERIALID\",\"FilterString\":\"FNumber='1.01.0001'\",\"OrderString\":\"\",\"TopRowCount\":0,"
                + "\"StartRow\":0,\"Limit\":2000,\"SubSystemId\":\"\"}");
        assertThat(r).hasSize(1);
        assertThat(r.at("/0/0").asText()).isEqualTo("1.01.0001");
        assertThat(r.at("/0/1").asText()).isEqualTo("压缩机");
        assertThat(r.at("/0/2").isIntegralNumber()).isTrue();
        assertThat(http.query("ExecuteBillQuery", "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber\","
                + "\"FilterString\":\"FNumber='none'\"}").toString()).isEqualTo("[]");
    }

    @Test
    void theRequestLogTellsWhichFormAQueryRead() throws Exception {
        long materials = mock.requests().count(c -> "BD_MATERIAL".equals(c.subject()));
        long stock = mock.requests().count(c -> "STK_Inventory".equals(c.subject()));
        long listings = mock.requests().count(c -> "BD_MATERIAL (all rows)".equals(c.subject()));
        http.query("ExecuteBillQuery", "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber\","
                + "\"FilterString\":\"FNumber='1.01.0001'\"}");
        http.query("BillQuery", "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber\",\"FilterString\":"
                + "[{\"FieldName\":\"FNumber\",\"Compare\":\"=\",\"Value\":\"1.01.0001\"}]}");
        http.query("ExecuteBillQuery", "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber\",\"FilterString\":\"\"}");
        http.query("ExecuteBillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FBaseQty\","
                + "\"FilterString\":\"FBaseQty>0\"}");

        assertThat(mock.requests().count(c -> "BD_MATERIAL".equals(c.subject())) - materials).isEqualTo(2);
        assertThat(mock.requests().count(c -> "STK_Inventory".equals(c.subject())) - stock).isEqualTo(1);
        assertThat(mock.requests().count(c -> "BD_MATERIAL (all rows)".equals(c.subject())) - listings)
                .as("a query without a filter").isEqualTo(1);
        assertThat(mock.requests().counts()).containsKey("ExecuteBillQuery BD_MATERIAL");
        assertThat(mock.requests().recent()).last().hasToString(
                "POST /k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc"
                        + " (ExecuteBillQuery STK_Inventory)");
    }

    @Test
    void billQueryReturnsObjectsKeyedExactlyByFieldKeys() throws Exception {
        JsonNode r = http.query("BillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FMaterialId.FNumber,"
                + "FStockId.FNumber,FBaseQty\",\"FilterString\":\"FMaterialId.FNumber = '1.01.0001'\","
                + "\"OrderString\":\"FStockId.FNumber desc\"}");
        assertThat(r.toString()).isEqualTo("[{\"FMaterialId.FNumber\":\"1.01.0001\",\"FStockId.FNumber\":\"CK003\",\"FBaseQty\":3.0},"
                + "{\"FMaterialId.FNumber\":\"1.01.0001\",\"FStockId.FNumber\":\"CK002\",\"FBaseQty\":50.0},"
                + "{\"FMaterialId.FNumber\":\"1.01.0001\",\"FStockId.FNumber\":\"CK001\",\"FBaseQty\":58.0}]");
    }

    @Test
    void topRowCountIsAnAbsoluteEndRow() throws Exception {
        String q = "{\"FormId\":\"BD_MATERIAL\",\"FieldKeys\":\"FNumber\",\"OrderString\":\"FNumber\","
                + "\"StartRow\":%d,\"TopRowCount\":%d,\"Limit\":%d}";
        assertThat(http.query("ExecuteBillQuery", q.formatted(0, 20, 20))).hasSize(20);
        JsonNode page2 = http.query("ExecuteBillQuery", q.formatted(20, 40, 20));
        assertThat(page2).hasSize(20);
        assertThat(page2.at("/0/0").asText()).isEqualTo("1.05.0005"); // 21st number in sort order
        assertThat(http.query("ExecuteBillQuery", q.formatted(20, 20, 20))).isEmpty(); // the classic paging bug
        assertThat(http.query("ExecuteBillQuery", q.formatted(40, 0, 20))).hasSize(10);
        assertThat(http.query("ExecuteBillQuery", q.formatted(0, 0, 0))).hasSize(50);
    }

    @Test
    void unknownFormIsMsgCode4WrappedInTwoArrays() throws Exception {
        JsonNode r = http.query("ExecuteBillQuery", "{\"FormId\":\"NOPE_FORM\",\"FieldKeys\":\"FNumber\"}");
        assertThat(r).isEqualTo(KingdeeHttp.JSON.readTree("[[{\"Result\":{\"ResponseStatus\":{\"ErrorCode\":500,"
                + "\"IsSuccess\":false,\"Errors\":[{\"FieldName\":\"\",\"Message\":\"标识为“NOPE_FORM”的业务对象不存在，"
                + "或者被删除\",\"DIndex\":0}],\"SuccessEntitys\":[],\"SuccessMessages\":[],\"MsgCode\":4}}}]]"));
    }

    @Test
    void unknownFieldIsMsgCode9AndEmptyFieldKeysMsgCode8() throws Exception {
        JsonNode r = http.query("ExecuteBillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FNumber,FNoSuch\"}");
        assertThat(r.at("/0/0/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(9);
        assertThat(r.at("/0/0/Result/ResponseStatus/Errors/0/Message").asText()).isEqualTo("元数据中标识为 FNumber 的字段不存在");
        JsonNode empty = http.query("BillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"\"}");
        assertThat(empty.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(8);
        assertThat(empty.at("/Result/ResponseStatus/Errors/0/Message").asText())
                .isEqualTo("data 数据包中的参数 FieldKeys 的值不能为空");
    }

    @Test
    void badFilterIsGetRealExpressErrorMsgCode4() throws Exception {
        JsonNode r = http.query("ExecuteBillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FBaseQty\","
                + "\"FilterString\":\"FBaseQty >\"}");
        assertThat(r.at("/0/0/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(4);
        assertThat(r.at("/0/0/Result/ResponseStatus/Errors/0/Message").asText()).startsWith("GetRealExpress error");
    }

    @Test
    void filterSupportsAndOrInLikeAndTheArrayForm() throws Exception {
        String q = "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FStockId.FNumber\",\"FilterString\":%s}";
        assertThat(http.query("ExecuteBillQuery", q.formatted("\"FMaterialId.FNumber like '1.01.000%' and "
                + "(FStockId.FNumber in ('CK001','CK003') or FBaseQty < 0) and FBaseQty>0\"")).toString())
                .isEqualTo("[[\"CK001\"],[\"CK003\"]]");
        assertThat(http.query("ExecuteBillQuery", q.formatted("[{\"Left\":\"\",\"FieldName\":\"FMaterialId.FNumber\","
                + "\"Compare\":\"17\",\"Value\":\"1.01.0001\",\"Right\":\"\",\"Logic\":0},{\"Left\":\"\",\"FieldName\":"
                + "\"FStockId.FNumber\",\"Compare\":\"=\",\"Value\":\"CK002\",\"Right\":\"\",\"Logic\":0}]")).toString())
                .isEqualTo("[[\"CK002\"]]");
    }

    @Test
    void pythonSdkNamedDataEnvelopeForQueries() throws Exception {
        JsonNode r = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("DynamicFormService.ExecuteBillQuery"),
                "{\"data\":{\"FormId\":\"BD_Customer\",\"FieldKeys\":\"FNumber,FName\",\"FilterString\":\"FNumber='C0001'\","
                        + "\"Limit\":10}}",
                Map.of("kdservice-sessionid", http.sid, "Cookie", "Theme=standard;kdservice-sessionid=" + http.sid)).body());
        assertThat(r.toString()).isEqualTo("[[\"C0001\",\"上海精工机械有限公司\"]]");
    }

    @Test
    void outboundDocumentsAreQueryablePerEntryOrPerHeader() throws Exception {
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("Q-1", "1.01.0001", "CK001", "2", ""));
        JsonNode head = http.query("ExecuteBillQuery", "{\"FormId\":\"STK_MisDelivery\",\"FieldKeys\":\"FBillNo,FDocumentStatus\"}");
        assertThat(head.toString()).isEqualTo("[[\"Q-1\",\"A\"]]");
        JsonNode entry = http.query("BillQuery", "{\"FormId\":\"STK_MisDelivery\",\"FieldKeys\":\"FBillNo,"
                + "FMaterialId.FNumber,FQty\",\"FilterString\":\"FBillNo='Q-1'\"}");
        assertThat(entry.toString()).isEqualTo("[{\"FBillNo\":\"Q-1\",\"FMaterialId.FNumber\":\"1.01.0001\",\"FQty\":2.0}]");
    }

    @Test
    void asyncQueryModeCompletesAtOnceOrAfterPolls() throws Exception {
        String q = "{\"parameters\":[\"{\\\"FormId\\\":\\\"BD_STOCK\\\",\\\"FieldKeys\\\":\\\"FNumber\\\",\\\"OrderString\\\":\\\"FNumber\\\"}\"]}";
        Map<String, String> h = Map.of("Cookie", "kdservice-sessionid=" + http.sid, "beginmethod", "BeginQueryImpl",
                "querymethod", "QueryAsyncResult");
        JsonNode done = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("DynamicFormService.ExecuteBillQuery"), q, h).body());
        assertThat(done.get("Status").asInt()).isEqualTo(2);
        assertThat(done.get("Result").toString()).isEqualTo("[[\"CK001\"],[\"CK002\"],[\"CK003\"]]");

        mock.config().setAsyncQueryPolls(2);
        JsonNode started = KingdeeHttp.JSON.readTree(http.post(KingdeeHttp.path("DynamicFormService.ExecuteBillQuery"), q, h).body());
        assertThat(started.get("Status").asInt()).isEqualTo(1);
        String poll = "{\"queryInfo\":\"{\\\"TaskId\\\":\\\"" + started.get("TaskId").asText() + "\\\",\\\"Cancelled\\\":false}\"}";
        JsonNode p1 = http.call("QueryAsyncResult", poll);
        assertThat(p1.get("Status").asInt()).isEqualTo(1);
        JsonNode p2 = http.call("QueryAsyncResult", "{\"parameters\":[{\"TaskId\":\"" + started.get("TaskId").asText()
                + "\",\"Cancelled\":false}]}");
        assertThat(p2.get("Status").asInt()).isEqualTo(2);
        assertThat(p2.get("Result")).hasSize(3);
    }

    @Test
    void unknownPathIs404AndDataCentreListNeedsNoLogin() throws Exception {
        assertThat(http.post("/k3cloud/nothing.aspx", "{}", Map.of()).statusCode()).isEqualTo(404);
        JsonNode dcs = KingdeeHttp.JSON.readTree(http.post(
                "/k3cloud/Kingdee.BOS.ServiceFacade.ServicesStub.Account.AccountService.GetDataCenterList.common.kdsvc",
                "{}", Map.of()).body());
        assertThat(dcs.at("/0/Id").asText()).isEqualTo("6571d9a3c1b2e4000a1b2c3d");
    }
}
