package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockResponse;

/**
 * The envelopes of the Kingdee mock's answers (docs/vendor-apis/kingdee-k3cloud.md §6): {@code Result.ResponseStatus}
 * with {@code Errors[]}, {@code SuccessEntitys}, {@code SuccessMessages} and {@code MsgCode}, the session-lost answer,
 * and {@code response_error:} bodies. Shared by {@link KingdeeDocuments} and {@link KingdeeQueries}.
 */
final class KingdeeReplies {

    /** One entry of {@code Errors[]}. */
    record Err(String fieldName, String message, int dIndex) { }

    /** A failed check on an operation: errors plus the MsgCode they carry. */
    static final class Failure extends RuntimeException {
        final int msgCode;
        final List<Err> errors;

        Failure(int msgCode, List<Err> errors) {
            super(errors.isEmpty() ? "failure" : errors.get(0).message(), null, false, false);
            this.msgCode = msgCode;
            this.errors = errors;
        }

        Failure(int msgCode, String field, String message) {
            this(msgCode, List.of(new Err(field, message, 0)));
        }
    }

    private final ObjectMapper json;
    private final Supplier<KingdeeConfig> config;

    KingdeeReplies(ObjectMapper json, Supplier<KingdeeConfig> config) {
        this.json = json;
        this.config = config;
    }

    MockResponse responseError(String message) {
        ObjectNode o = json.createObjectNode();
        o.put("Message", message);
        o.putNull("InnerExWrapper");
        return MockResponse.text(200, "text/plain;charset=utf-8", "response_error:" + o);
    }

    ObjectNode responseStatus(boolean success, int msgCode, List<Err> errors, List<ObjectNode> entities,
                              List<Err> messages) {
        KingdeeConfig cfg = config.get();
        ObjectNode rs = json.createObjectNode();
        if (!success) {
            if (cfg.isErrorCodeAsString()) {
                rs.put("ErrorCode", "500");
            } else {
                rs.put("ErrorCode", 500);
            }
        } else if (cfg.isErrorCodeAsString()) {
            rs.put("ErrorCode", "");
        }
        rs.put("IsSuccess", success);
        boolean omit = success && cfg.isOmitEmptyOnSuccess();
        if (!omit || !errors.isEmpty()) {
            ArrayNode e = rs.putArray("Errors");
            errors.forEach(x -> e.add(err(x)));
        }
        ArrayNode se = rs.putArray("SuccessEntitys");
        entities.forEach(se::add);
        if (!omit || !messages.isEmpty()) {
            ArrayNode sm = rs.putArray("SuccessMessages");
            messages.forEach(x -> sm.add(err(x)));
        }
        if (!omit) {
            rs.put("MsgCode", msgCode);
        }
        return rs;
    }

    private ObjectNode err(Err e) {
        ObjectNode o = json.createObjectNode();
        if (e.fieldName() == null) {
            o.putNull("FieldName");
        } else {
            o.put("FieldName", e.fieldName());
        }
        o.put("Message", e.message());
        o.put("DIndex", e.dIndex());
        return o;
    }

    /** {@code {"Result":{"ResponseStatus":{..IsSuccess:false..}}}}; with the Save tail {@code "Id":"","NeedReturnData":[{}]}. */
    ObjectNode failureResult(int msgCode, List<Err> errors, boolean saveTail) {
        ObjectNode root = json.createObjectNode();
        ObjectNode result = root.putObject("Result");
        result.set("ResponseStatus", responseStatus(false, msgCode, errors, List.of(), List.of()));
        if (saveTail) {
            result.put("Id", "");
            result.putArray("NeedReturnData").addObject();
        }
        return root;
    }

    String failure(String method, int msgCode, List<Err> errors) {
        ObjectNode r = failureResult(msgCode, errors, List.of("Save", "BatchSave", "Draft").contains(method));
        if ("ExecuteBillQuery".equals(method)) {
            ArrayNode outer = json.createArrayNode();
            outer.addArray().add(r);
            return outer.toString();
        }
        return r.toString();
    }

    MockResponse sessionLost(String method) {
        return MockResponse.json(200, failure(method, 1, List.of(new Err(null, KingdeeMock.SESSION_LOST, 0))));
    }

    ObjectNode entity(KingdeeStore.Document d, int index) {
        ObjectNode o = json.createObjectNode();
        o.put("Id", d.id);
        o.put("Number", d.billNo);
        o.put("DIndex", index);
        return o;
    }
}
