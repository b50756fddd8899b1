package org.aftersaleshub.connector.crm.fxiaoke;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.crm.ChangeCursor;
import org.aftersaleshub.connector.crm.ChangePage;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.connector.crm.RecordWrite;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeClient;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeQueries;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeQueries.Filter;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeReply;
import org.aftersaleshub.connector.http.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link org.aftersaleshub.connector.crm.CrmConnector} calls on FXiaoKe's object API
 * (docs/vendor-apis/fxiaoke.md §5): keyed writes look the key up first ({@code query} with {@code EQ}, at most a few
 * ids), then {@code create} or {@code update}. The owner is never part of an update — FXiaoKe refuses it there and changes it only through
 * {@code changeOwner} (docs/vendor-apis/fxiaoke.md §5.2) — and neither are the fields the CRM keeps itself.
 */
final class FxiaokeRecords {

    /**
     * API names of objects and fields: letters, digits, '_' (custom ones end in {@code __c},
     * docs/vendor-apis/fxiaoke.md §5.1).
     */
    private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,99}";
    /** Never sent on update: the owner (changeOwner only) and what the CRM maintains itself. */
    private static final Set<String> NOT_UPDATED = Set.of("owner", "_id", "dataObjectApiName", "created_by",
            "create_time", "last_modified_time", "last_modified_by", "life_status", "is_deleted");
    /** How many holders of a key an AMBIGUOUS answer lists. */
    private static final int AMBIGUITY_SHOWN = 5;

    private static final Logger log = LoggerFactory.getLogger(FxiaokeRecords.class);

    private final FxiaokeClient client;
    private final FxiaokeQueries queries;
    private final ObjectMapper json;

    FxiaokeRecords(FxiaokeClient client, FxiaokeQueries queries, ObjectMapper json) {
        this.client = client;
        this.queries = queries;
        this.json = json;
    }

    UpsertResult upsert(String object, String keyField, String keyValue, Map<String, Object> fields) {
        return write(object, keyField, keyValue, fields, true);
    }

    UpsertResult createIfAbsent(String object, String keyField, String keyValue, Map<String, Object> fields) {
        return write(object, keyField, keyValue, fields, false);
    }

    List<UpsertResult> upsertAll(String object, String keyField, List<RecordWrite> records) {
        checkName("object", object);
        checkName("keyField", keyField);
        List<UpsertResult> out = new ArrayList<>(records.size());
        for (RecordWrite r : records) {
            try {
                out.add(upsert(object, keyField, r.keyValue(), r.fields()));
            } catch (ConnectorException e) {
                // partial failure is data: this record failed, the others go on
                out.add(new UpsertResult(r.keyValue(), UpsertResult.Status.FAILED, null, List.of(), 0, e.getMessage(),
                        e.isRetryable()));
            }
        }
        return out;
    }

    private UpsertResult write(String object, String keyField, String keyValue, Map<String, Object> fields,
                               boolean update) {
        checkName("object", object);
        checkName("keyField", keyField);
        if (keyValue == null || keyValue.isBlank()) {
            throw new InvalidInputException("fxiaoke", "keyValue", String.valueOf(keyValue), String.valueOf(keyValue),
                    "required", "a non-blank value of " + keyField, "give the hub's id of the record");
        }
        List<JsonNode> holders = queries.all(object, List.of(Filter.eq(keyField, keyValue)), List.of("_id"),
                AMBIGUITY_SHOWN);
        if (holders.size() > 1) {
            List<String> ids = holders.stream().map(h -> h.path("_id").asText()).toList();
            log.info("fxiaoke {} {}={}: {} records hold the key; nothing written", object, keyField, keyValue,
                    ids.size());
            return UpsertResult.ambiguous(keyValue, keyField, ids);
        }
        if (holders.size() == 1) {
            String id = holders.get(0).path("_id").asText();
            if (!update) {
                return UpsertResult.written(keyValue, UpsertResult.Status.EXISTED, id);
            }
            ObjectNode od = objectData(object, fields);
            NOT_UPDATED.forEach(od::remove);
            od.put("_id", id);
            od.put("dataObjectApiName", object);
            ObjectNode data = json.createObjectNode();
            data.set("object_data", od);
            FxiaokeReply reply = client.call(object, "update", data, true);
            return reply.ok() ? UpsertResult.written(keyValue, UpsertResult.Status.UPDATED, id)
                    : refused(object, "update", keyValue, reply);
        }
        ObjectNode od = objectData(object, fields);
        od.remove("_id");
        od.put(keyField, keyValue);
        od.put("dataObjectApiName", object);
        ObjectNode data = json.createObjectNode();
        data.set("object_data", od);
        // a create whose answer is lost is thrown (OUTCOME_UNKNOWN), not repeated: the redelivery finds the key
        FxiaokeReply reply = client.call(object, "create", data, true);
        return reply.ok() ? UpsertResult.written(keyValue, UpsertResult.Status.CREATED,
                reply.body().path("dataId").asText()) : refused(object, "create", keyValue, reply);
    }

    private ObjectNode objectData(String object, Map<String, Object> fields) {
        ObjectNode od = json.valueToTree(fields == null ? Map.of() : fields);
        od.remove("dataObjectApiName");
        return od;
    }

    private static UpsertResult refused(String object, String action, String keyValue, FxiaokeReply reply) {
        log.info("fxiaoke {} {} for {} refused: {}", action, object, keyValue, reply.describe());
        return UpsertResult.refused(keyValue, reply.errorCode(), action + " " + object + ": " + reply.describe());
    }

    Optional<CrmRecord> get(String object, String id) {
        checkName("object", object);
        ObjectNode data = json.createObjectNode();
        data.put("dataObjectApiName", object);
        data.put("objectDataId", id);
        FxiaokeReply reply = client.call(object, "get", data, false);
        if (reply.ok()) {
            JsonNode d = reply.body().path("data");
            return d.has("_id") ? Optional.of(record(object, d)) : Optional.empty();
        }
        if (reply.errorCode() == 10006) {
            return Optional.empty(); // an unknown objectDataId is an illegal parameter (docs/vendor-apis/fxiaoke.md §9)
        }
        throw new ConnectorException("fxiaoke", Outcome.NOT_RETRYABLE, "get " + object + ": " + reply.describe());
    }

    List<CrmRecord> findBy(String object, String field, String value, int max) {
        checkName("object", object);
        checkName("field", field);
        return queries.all(object, List.of(Filter.eq(field, value)), List.of(), Math.max(1, max)).stream()
                .map(r -> record(object, r)).toList();
    }

    ChangePage changedSince(String object, ChangeCursor cursor, int max) {
        checkName("object", object);
        int bound = Math.max(1, max);
        List<CrmRecord> records = queries.changedAfter(object, cursor.modifiedAt(), cursor.lastId(), bound).stream()
                .map(r -> record(object, r)).toList();
        if (records.isEmpty()) {
            return new ChangePage(records, cursor, false);
        }
        CrmRecord last = records.get(records.size() - 1);
        return new ChangePage(records, new ChangeCursor(last.lastModified(), last.id()), records.size() == bound);
    }

    private CrmRecord record(String object, JsonNode r) {
        Map<String, Object> fields = json.convertValue(r, new TypeReference<LinkedHashMap<String, Object>>() { });
        return new CrmRecord(object, r.path("_id").asText(), r.path("last_modified_time").asLong(0), fields);
    }

    /** Names go into the JSON and the URL path: the API-name form only, refused before any call. */
    private static void checkName(String what, String name) {
        if (name == null || !name.matches(NAME)) {
            throw new InvalidInputException("fxiaoke", what, String.valueOf(name), String.valueOf(name),
                    "pattern:" + NAME, "an API name: a letter, then letters, digits and '_' (custom ones end in __c)",
                    null);
        }
    }
}
