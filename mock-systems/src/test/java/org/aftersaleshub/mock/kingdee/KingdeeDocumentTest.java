package org.aftersaleshub.mock.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Save/Submit/Audit of STK_MisDelivery and STK_Miscellaneous with stock, duplicates and partial failures. */
class KingdeeDocumentTest {

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

    JsonNode ops(String method, String billNo, String extra) throws Exception {
        return http.callForm(method, "STK_MisDelivery", "{" + extra + "\"Numbers\":[\"" + billNo + "\"]}");
    }

    @Test
    void saveSubmitAuditDeductsStockOnlyOnAudit() throws Exception {
        JsonNode saved = http.callForm("Save", "STK_MisDelivery",
                KingdeeHttp.outbound("TK-0001-1", "1.01.0001", "CK001", "5", ""));
        long id = saved.at("/Result/Id").asLong();
        assertThat(saved).isEqualTo(KingdeeHttp.JSON.readTree(("{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":true,"
                + "\"Errors\":[],\"SuccessEntitys\":[{\"Id\":%d,\"Number\":\"TK-0001-1\",\"DIndex\":0}],"
                + "\"SuccessMessages\":[],\"MsgCode\":0},\"Id\":%d,\"Number\":\"TK-0001-1\",\"NeedReturnData\":[{}]}}")
                .formatted(id, id)));
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-0001-1")).contains("A");
        assertThat(mock.stock("1.01.0001", "CK001")).isEqualByComparingTo("58");

        JsonNode submitted = ops("Submit", "TK-0001-1", "");
        assertThat(submitted.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(submitted.at("/Result/Id").isMissingNode()).isTrue();
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-0001-1")).contains("B");

        JsonNode audited = ops("Audit", "TK-0001-1", "");
        assertThat(audited.at("/Result/ResponseStatus/SuccessEntitys/0/Number").asText()).isEqualTo("TK-0001-1");
        assertThat(audited.at("/Result/ResponseStatus/SuccessMessages/0/Message").asText())
                .isEqualTo("单据编号为“TK-0001-1”的其他出库单，审核成功！");
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-0001-1")).contains("C");
        assertThat(mock.stock("1.01.0001", "CK001")).isEqualByComparingTo("53");
        JsonNode inv = http.query("ExecuteBillQuery", "{\"FormId\":\"STK_Inventory\",\"FieldKeys\":\"FMaterialId.FNumber,"
                + "FStockId.FNumber,FBaseQty,FAVBQty\",\"FilterString\":\"FMaterialId.FNumber='1.01.0001' and "
                + "FStockId.FNumber='CK001'\"}");
        assertThat(inv.toString()).isEqualTo("[[\"1.01.0001\",\"CK001\",53.0,53.0]]");
    }

    @Test
    void autoNumberingWhenFBillNoIsOmitted() throws Exception {
        JsonNode saved = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound(null, "1.01.0001", "CK001", "1", ""));
        assertThat(saved.at("/Result/Number").asText()).isEqualTo("QTCK000001");
        assertThat(mock.documentsByBillNo("QTCK000001")).hasSize(1);
    }

    @Test
    void duplicateFBillNoIsRejectedWithMsgCode11AndNoSecondDocument() throws Exception {
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-DUP", "1.01.0001", "CK001", "1", ""));
        JsonNode dup = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-DUP", "1.01.0001", "CK001", "1", ""));
        assertThat(dup).isEqualTo(KingdeeHttp.JSON.readTree("{\"Result\":{\"ResponseStatus\":{\"ErrorCode\":500,"
                + "\"IsSuccess\":false,\"Errors\":[{\"FieldName\":\"FBillNo\",\"Message\":\"违反字段唯一性要求：编码唯一。"
                + "[TK-DUP]在当前系统中已经被使用。\",\"DIndex\":0}],\"SuccessEntitys\":[],\"SuccessMessages\":[],"
                + "\"MsgCode\":11},\"Id\":\"\",\"NeedReturnData\":[{}]}}"));
        assertThat(mock.documentsByBillNo("TK-DUP")).hasSize(1);
    }

    @Test
    void repeatedAuditSaysAlreadyAudited() throws Exception {
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-AUD", "1.01.0001", "CK001", "2", ""));
        ops("Submit", "TK-AUD", "");
        ops("Audit", "TK-AUD", "");
        JsonNode again = ops("Audit", "TK-AUD", "");
        assertThat(again).isEqualTo(KingdeeHttp.JSON.readTree("{\"Result\":{\"ResponseStatus\":{\"ErrorCode\":500,"
                + "\"IsSuccess\":false,\"Errors\":[{\"FieldName\":\"\",\"Message\":\"单据编号为“TK-AUD”的其他出库单，"
                + "单据已经审核！\",\"DIndex\":0}],\"SuccessEntitys\":[],\"SuccessMessages\":[],\"MsgCode\":11}}}"));
        assertThat(mock.stock("1.01.0001", "CK001")).isEqualByComparingTo("56");
    }

    @Test
    void negativeStockGivesTheInteractionErrorUnlessTheFlagIsSet() throws Exception {
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-NEG", "1.01.0001", "CK003", "5", ""));
        ops("Submit", "TK-NEG", "");
        JsonNode refused = ops("Audit", "TK-NEG", "");
        assertThat(refused.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(11);
        assertThat(refused.at("/Result/ResponseStatus/Errors/0/FieldName").asText()).isEqualTo("AbstractInteractionResult");
        assertThat(refused.at("/Result/ResponseStatus/Errors/0/Message").asText()).isEqualTo("更新库存时出现可以忽略的异常数据，是否继续？");
        assertThat(mock.stock("1.01.0001", "CK003")).isEqualByComparingTo("3");
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-NEG")).contains("B");

        JsonNode passed = ops("Audit", "TK-NEG", "\"InterationFlags\":\"STK_InvCheckResult\",\"IgnoreInterationFlag\":\"true\",");
        assertThat(passed.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.stock("1.01.0001", "CK003")).isEqualByComparingTo("-2");
    }

    @Test
    void hardNegativeStockPolicyFailsEvenWithTheFlag() throws Exception {
        mock.config().setNegativeStock(KingdeeConfig.NegativeStockPolicy.HARD);
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-HARD", "1.01.0001", "CK003", "5", ""));
        ops("Submit", "TK-HARD", "");
        JsonNode refused = ops("Audit", "TK-HARD", "\"InterationFlags\":\"STK_InvCheckResult\",");
        assertThat(refused.at("/Result/ResponseStatus/Errors/0/Message").asText())
                .startsWith("更新库存出现异常情况，更新库存不成功！").contains("出现负库存");
        assertThat(mock.stock("1.01.0001", "CK003")).isEqualByComparingTo("3");
    }

    @Test
    void isAutoSubmitAndAuditAuditsInOneCall() throws Exception {
        JsonNode r = http.callForm("Save", "STK_MisDelivery",
                KingdeeHttp.outbound("TK-AUTO", "1.02.0002", "CK001", "7", "\"IsAutoSubmitAndAudit\":\"true\","));
        assertThat(r.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-AUTO")).contains("C");
        assertThat(mock.stock("1.02.0002", "CK001")).isEqualByComparingTo("150");
    }

    @Test
    void isAutoSubmitAndAuditPartialFailureLeavesTheDocumentSubmitted() throws Exception {
        JsonNode r = http.callForm("Save", "STK_MisDelivery",
                KingdeeHttp.outbound("TK-PART", "1.01.0001", "CK003", "9", "\"IsAutoSubmitAndAudit\":true,"));
        assertThat(r.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isFalse();
        assertThat(r.at("/Result/ResponseStatus/Errors/0/FieldName").asText()).isEqualTo("AbstractInteractionResult");
        assertThat(mock.documentStatus("STK_MisDelivery", "TK-PART")).contains("B");
        JsonNode status = http.query("ExecuteBillQuery", "{\"FormId\":\"STK_MisDelivery\",\"FieldKeys\":\"FBillNo,"
                + "FDocumentStatus\",\"FilterString\":\"FBillNo='TK-PART'\"}");
        assertThat(status.toString()).isEqualTo("[[\"TK-PART\",\"B\"]]");

        mock.config().setAutoSubmitAndAuditAtomic(true);
        http.callForm("Save", "STK_MisDelivery",
                KingdeeHttp.outbound("TK-ATOMIC", "1.01.0001", "CK003", "9", "\"IsAutoSubmitAndAudit\":true,"));
        assertThat(mock.documentsByBillNo("TK-ATOMIC")).isEmpty();
    }

    @Test
    void unknownMaterialAndBadQuantityAreValidationErrorsWithFieldNames() throws Exception {
        JsonNode r = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-BAD", "9.99.9999", "CK001", "0", ""));
        assertThat(r.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(11);
        assertThat(r.at("/Result/ResponseStatus/Errors/0/FieldName").asText()).isEqualTo("FMaterialId");
        assertThat(r.at("/Result/ResponseStatus/Errors/1/FieldName").asText()).isEqualTo("FQty");
        assertThat(mock.documentsByBillNo("TK-BAD")).isEmpty();
    }

    @Test
    void inboundRaisesStockAndUnAuditReversesOutbound() throws Exception {
        String inbound = KingdeeHttp.outbound("RK-1", "1.03.0003", "CK002", "6", "\"IsAutoSubmitAndAudit\":true,")
                .replace("QTCKD01_SYS", "QTRKD01_SYS");
        JsonNode r = http.callForm("Save", "STK_Miscellaneous", inbound);
        assertThat(r.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.stock("1.03.0003", "CK002")).isEqualByComparingTo("70");

        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("CK-1", "1.03.0003", "CK002", "10", "\"IsAutoSubmitAndAudit\":true,"));
        assertThat(mock.stock("1.03.0003", "CK002")).isEqualByComparingTo("60");
        assertThat(ops("UnAudit", "CK-1", "").at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.stock("1.03.0003", "CK002")).isEqualByComparingTo("70");
        assertThat(mock.documentStatus("STK_MisDelivery", "CK-1")).contains("D");
        assertThat(ops("Delete", "CK-1", "").at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.documentsByBillNo("CK-1")).isEmpty();
    }

    @Test
    void submitAndAuditByIdsString() throws Exception {
        long id = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("TK-IDS", "1.01.0001", "CK001", "1", ""))
                .at("/Result/Id").asLong();
        http.callForm("Submit", "STK_MisDelivery", "{\"Ids\":\"" + id + "\"}");
        JsonNode r = http.callForm("Audit", "STK_MisDelivery", "{\"Ids\":\"" + id + "\"}");
        assertThat(r.at("/Result/ResponseStatus/SuccessEntitys/0/Id").asLong()).isEqualTo(id);
        JsonNode none = http.callForm("Audit", "STK_MisDelivery", "{\"Numbers\":[]}");
        assertThat(none.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(5);
    }

    @Test
    void batchSaveReportsFailuresPerRecordIndex() throws Exception {
        String ok = KingdeeHttp.JSON.readTree(KingdeeHttp.outbound("B-1", "1.01.0001", "CK001", "1", "")).get("Model").toString();
        String bad = KingdeeHttp.JSON.readTree(KingdeeHttp.outbound("B-2", "nope", "CK001", "1", "")).get("Model").toString();
        JsonNode r = http.callForm("BatchSave", "STK_MisDelivery", "{\"Model\":[" + ok + "," + bad + "]}");
        assertThat(r.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isFalse();
        assertThat(r.at("/Result/ResponseStatus/Errors/0/DIndex").asInt()).isEqualTo(1);
        assertThat(mock.documentsByBillNo("B-1")).hasSize(1);
        assertThat(mock.documentsByBillNo("B-2")).isEmpty();
    }

    @Test
    void draftThenSaveWithFidUpdatesTheDraft() throws Exception {
        long id = http.callForm("Draft", "STK_MisDelivery", KingdeeHttp.outbound("DR-1", "1.01.0001", "CK001", "1", ""))
                .at("/Result/Id").asLong();
        assertThat(mock.documentStatus("STK_MisDelivery", "DR-1")).contains("Z");
        JsonNode r = http.callForm("Save", "STK_MisDelivery", "{\"NeedUpDateFields\":[\"FNote\"],\"Model\":{\"FID\":"
                + id + ",\"FNote\":\"updated\"}}");
        assertThat(r.at("/Result/Number").asText()).isEqualTo("DR-1");
        assertThat(mock.documentsByBillNo("DR-1").get(0)).containsEntry("note", "updated").containsEntry("documentStatus", "A");
    }

    @Test
    void everyEnvelopeIsAccepted() throws Exception {
        String data = KingdeeHttp.outbound("ENV-%d", "1.01.0001", "CK001", "1", "");
        JsonNode dataObj = KingdeeHttp.JSON.readTree(data.formatted(2));
        List<String> bodies = List.of(
                KingdeeHttp.JSON.writeValueAsString(Map.of("parameters", List.of("STK_MisDelivery", data.formatted(1)))),
                KingdeeHttp.JSON.writeValueAsString(Map.of("parameters", List.of("STK_MisDelivery", dataObj))),
                KingdeeHttp.JSON.writeValueAsString(Map.of("formid", "STK_MisDelivery",
                        "data", KingdeeHttp.JSON.readTree(data.formatted(3)))),
                KingdeeHttp.JSON.writeValueAsString(Map.of("FormId", "STK_MisDelivery", "Data", data.formatted(4))),
                KingdeeHttp.JSON.writeValueAsString(Map.of("format", 1, "useragent", "ApiClient", "rid", "1234",
                        "parameters", KingdeeHttp.JSON.writeValueAsString(List.of("STK_MisDelivery", data.formatted(5))),
                        "timestamp", "2026-03-01", "v", "1.0")),
                KingdeeHttp.JSON.writeValueAsString(Map.of("parameters",
                        KingdeeHttp.JSON.writeValueAsString(List.of("STK_MisDelivery", data.formatted(6))))));
        for (String body : bodies) {
            JsonNode r = http.call("Save", body);
            assertThat(r.at("/Result/ResponseStatus/IsSuccess").asBoolean()).as(body).isTrue();
        }
        for (int i = 1; i <= 6; i++) {
            assertThat(mock.documentsByBillNo("ENV-" + i)).hasSize(1);
        }
    }

    @Test
    void validateRepeatJsonRejectsAnIdenticalPackageWithinTheWindow() throws Exception {
        String data = KingdeeHttp.outbound(null, "1.01.0001", "CK001", "1", "\"ValidateRepeatJson\":\"true\",");
        assertThat(http.callForm("Save", "STK_MisDelivery", data).at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        JsonNode repeated = http.callForm("Save", "STK_MisDelivery", data);
        assertThat(repeated.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(11);
        mock.clock().advance(Duration.ofMinutes(11));
        assertThat(http.callForm("Save", "STK_MisDelivery", data).at("/Result/ResponseStatus/IsSuccess").asBoolean()).isTrue();
        assertThat(mock.documentCount("STK_MisDelivery")).isEqualTo(2);
    }

    @Test
    void commitThenLateAnswerLeavesOneDocumentAndTheRetryHitsTheUniquenessError() throws Exception {
        mock.faults().add(new FaultPlan.Rule("Save", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0, 1500, 1500));
        String body = KingdeeHttp.JSON.writeValueAsString(Map.of("parameters",
                List.of("STK_MisDelivery", KingdeeHttp.outbound("TK-LATE", "1.01.0001", "CK001", "1", ""))));
        assertThatThrownBy(() -> http.post(KingdeeHttp.path("DynamicFormService.Save"), body,
                Map.of("Cookie", "kdservice-sessionid=" + http.sid), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(mock.documentsByBillNo("TK-LATE")).hasSize(1);
        JsonNode exists = http.query("ExecuteBillQuery",
                "{\"FormId\":\"STK_MisDelivery\",\"FieldKeys\":\"FID,FBillNo\",\"FilterString\":\"FBillNo='TK-LATE'\"}");
        assertThat(exists).hasSize(1);
        JsonNode retry = http.call("Save", body);
        assertThat(retry.at("/Result/ResponseStatus/MsgCode").asInt()).isEqualTo(11);
        assertThat(mock.documentsByBillNo("TK-LATE")).hasSize(1);
    }

    @Test
    void injected5xxAndResetLeaveNoDocument() throws Exception {
        mock.faults().add(new FaultPlan.Rule("Save", FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.BEFORE, 1, 1.0, 503, 0, 0));
        mock.faults().add(new FaultPlan.Rule("Save", FaultPlan.Kind.CONNECTION_RESET, FaultPlan.Phase.BEFORE, 1, 1.0, 0, 0, 0));
        String body = KingdeeHttp.JSON.writeValueAsString(Map.of("parameters",
                List.of("STK_MisDelivery", KingdeeHttp.outbound("TK-5XX", "1.01.0001", "CK001", "1", ""))));
        assertThat(http.post(KingdeeHttp.path("DynamicFormService.Save"), body, Map.of()).statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> http.post(KingdeeHttp.path("DynamicFormService.Save"), body, Map.of()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(mock.documentsByBillNo("TK-5XX")).isEmpty();
    }

    @Test
    void responseErrorPrefixBodies() throws Exception {
        http.admin("POST", "kingdee/response-error", "{\"count\":1,\"message\":\"服务器繁忙\"}");
        var r = http.post(KingdeeHttp.path("DynamicFormService.Save"), "{}", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("response_error:{\"Message\":\"服务器繁忙\",\"InnerExWrapper\":null}");
        assertThat(http.post(KingdeeHttp.path("DynamicFormService.Save"), "not json", Map.of()).body())
                .startsWith("response_error:{\"Message\":");
    }

    @Test
    void errorCodeAsStringAndOmittedSuccessArraysAreConfigurable() throws Exception {
        http.admin("POST", "kingdee/config", "{\"errorCodeAsString\":true,\"omitEmptyOnSuccess\":true}");
        JsonNode ok = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("CFG-1", "1.01.0001", "CK001", "1", ""));
        assertThat(ok.at("/Result/ResponseStatus").has("Errors")).isFalse();
        assertThat(ok.at("/Result/ResponseStatus").has("MsgCode")).isFalse();
        JsonNode dup = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("CFG-1", "1.01.0001", "CK001", "1", ""));
        assertThat(dup.at("/Result/ResponseStatus/ErrorCode").isTextual()).isTrue();
        assertThat(dup.at("/Result/ResponseStatus/ErrorCode").asText()).isEqualTo("500");
    }

    @Test
    void viewReturnsTheDocumentUnderResultResult() throws Exception {
        long id = http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("V-1", "1.01.0001", "CK001", "3", ""))
                .at("/Result/Id").asLong();
        JsonNode v = http.callForm("View", "STK_MisDelivery", "{\"CreateOrgId\":0,\"Number\":\"V-1\",\"IsSortBySeq\":\"false\"}");
        assertThat(v.at("/Result/ResponseStatus").isNull()).isTrue();
        assertThat(v.at("/Result/Result/Id").asLong()).isEqualTo(id);
        assertThat(v.at("/Result/Result/DocumentStatus").asText()).isEqualTo("A");
        assertThat(v.at("/Result/Result/BillEntry/0/MaterialId/Number").asText()).isEqualTo("1.01.0001");
        assertThat(v.at("/Result/Result/BillEntry/0/MaterialId/Name/0/Key").asInt()).isEqualTo(2052);
        JsonNode byId = http.callForm("View", "STK_MisDelivery", "{\"Id\":\"" + id + "\"}");
        assertThat(byId.at("/Result/Result/Number").asText()).isEqualTo("V-1");
        JsonNode missing = http.callForm("View", "STK_MisDelivery", "{\"Number\":\"nope\"}");
        assertThat(missing.at("/Result/ResponseStatus/IsSuccess").asBoolean()).isFalse();
    }

    @Test
    void adminStateShowsDocumentsAndStock() throws Exception {
        http.callForm("Save", "STK_MisDelivery", KingdeeHttp.outbound("ADM-1", "1.01.0001", "CK001", "4", "\"IsAutoSubmitAndAudit\":true,"));
        JsonNode docs = KingdeeHttp.JSON.readTree(http.admin("GET", "kingdee/documents?billNo=ADM-1", null).body());
        assertThat(docs.at("/0/documentStatus").asText()).isEqualTo("C");
        JsonNode stock = KingdeeHttp.JSON.readTree(http.admin("GET", "kingdee/stock?material=1.01.0001&warehouse=CK001", null).body());
        assertThat(stock.get("qty").decimalValue()).isEqualByComparingTo("54");
        http.admin("POST", "kingdee/stock", "{\"material\":\"1.01.0001\",\"warehouse\":\"CK001\",\"qty\":2}");
        assertThat(mock.stock("1.01.0001", "CK001")).isEqualByComparingTo(BigDecimal.valueOf(2));
        JsonNode state = KingdeeHttp.JSON.readTree(http.admin("GET", "state", null).body());
        assertThat(state.at("/stock/1.01.0001/CK001").decimalValue()).isEqualByComparingTo("2");
        assertThat(state.at("/documents/0/billNo").asText()).isEqualTo("ADM-1");
    }
}
