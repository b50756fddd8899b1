package org.aftersaleshub.connector.crm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.operation.EventBodies;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.operation.OperationResult;

/**
 * The operations of every CRM connector ({@code <type>:<instance>?operation=<name>}), on {@link CrmConnector} alone so
 * a second CRM offers the same names, bodies and result headers:
 * <ul>
 *   <li>{@code upsert}: an {@link UpsertRequest} or its JSON → {@link CrmConnector#upsertByExternalKey}; idempotent
 *       per (object, keyField, keyValue).</li>
 *   <li>{@code create-record}: the same body → {@link CrmConnector#createIfAbsent} (a service-history record per
 *       ticket); an existing record is DONE with {@code HubAlreadyExisted=true}.</li>
 *   <li>{@code find}: a {@link FindRequest} or its JSON → {@link CrmConnector#match}.</li>
 *   <li>{@code changed-since}: a {@link ChangesRequest} or its JSON → {@link CrmConnector#changedSince}.</li>
 * </ul>
 */
public final class CrmOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Body of {@code upsert} and {@code create-record}. */
    public record UpsertRequest(String object, String keyField, String keyValue, Map<String, Object> fields) {
    }

    /** Body of {@code find}: criteria tried in order, at most {@code max} records. */
    public record FindRequest(String object, List<Criterion> criteria, int max) {
    }

    /** Body of {@code changed-since}. */
    public record ChangesRequest(String object, ChangeCursor cursor, int max) {
    }

    public static final Operation<UpsertRequest> UPSERT = new Operation<>("upsert", Capability.CUSTOMER_SYNC, true,
            "Body: an UpsertRequest or its JSON {\"object\",\"keyField\",\"keyValue\",\"fields\":{..}}. Creates the "
            + "record whose keyField = keyValue, or updates the one that has it (never its owner); repeated "
            + "deliveries update the same record. Out: body UpsertResult; headers HubConnectorOutcome DONE | FAILED "
            + "(AMBIGUOUS: more than one record has the key, nothing written; or the CRM refused the record), "
            + "HubDocumentNumber (record id), HubAlreadyExisted (updated rather than created), HubReason.") {
        @Override
        public UpsertRequest request(Object body, Function<String, Object> headers) {
            return upsertRequest(body, name());
        }

        @Override
        public String idempotencyKey(UpsertRequest r) {
            return r.object() + ":" + r.keyField() + ":" + r.keyValue();
        }

        @Override
        public OperationResult invoke(HubConnector connector, UpsertRequest r) {
            return result(crm(connector).upsertByExternalKey(r.object(), r.keyField(), r.keyValue(), r.fields()));
        }
    };

    public static final Operation<UpsertRequest> CREATE_RECORD = new Operation<>("create-record",
            Capability.CUSTOMER_SYNC, true, "Body: an UpsertRequest or its JSON {\"object\",\"keyField\",\"keyValue\","
            + "\"fields\":{..}}. Creates the record keyed keyField = keyValue once (a service-history record per "
            + "ticket); an existing one is left as it is. Out: body UpsertResult; headers HubConnectorOutcome DONE | "
            + "FAILED (AMBIGUOUS or refused), HubDocumentNumber (record id), HubAlreadyExisted, HubReason.") {
        @Override
        public UpsertRequest request(Object body, Function<String, Object> headers) {
            return upsertRequest(body, name());
        }

        @Override
        public String idempotencyKey(UpsertRequest r) {
            return r.object() + ":" + r.keyField() + ":" + r.keyValue();
        }

        @Override
        public OperationResult invoke(HubConnector connector, UpsertRequest r) {
            return result(crm(connector).createIfAbsent(r.object(), r.keyField(), r.keyValue(), r.fields()));
        }
    };

    public static final Operation<FindRequest> FIND = new Operation<>("find", Capability.CUSTOMER_SYNC, false,
            "Body: a FindRequest or its JSON {\"object\",\"by\":[{\"field\",\"value\"},..],\"max\"?} (or a single "
            + "\"field\" and \"value\"). Tries the criteria in order (external id, phone, name) and answers the "
            + "records of the first that finds any. Out: body MatchResult; headers HubConnectorOutcome DONE, "
            + "HubDocumentNumber (the record id when exactly one matched).") {
        @Override
        public FindRequest request(Object body, Function<String, Object> headers) {
            if (body instanceof FindRequest f) {
                return f;
            }
            JsonNode n = EventBodies.jsonObject(body, name());
            List<Criterion> criteria = new ArrayList<>();
            n.path("by").forEach(c -> criteria.add(new Criterion(c.path("field").asText(""),
                    c.path("value").asText(null))));
            if (n.hasNonNull("field")) {
                criteria.add(new Criterion(n.get("field").asText(), n.path("value").asText(null)));
            }
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("operation=find needs \"by\":[{\"field\",\"value\"}] or "
                        + "\"field\" and \"value\"");
            }
            return new FindRequest(text(n, "object", name()), criteria, n.path("max").asInt(10));
        }

        @Override
        public String idempotencyKey(FindRequest r) {
            return null;
        }

        @Override
        public OperationResult invoke(HubConnector connector, FindRequest r) {
            MatchResult m = crm(connector).match(r.object(), r.criteria(), r.max());
            String summary = m.matchedBy() == null ? "no " + r.object() + " matched"
                    : m.records().size() + " " + r.object() + " matched by " + m.matchedBy().field();
            return new OperationResult(m, OperationResult.Status.DONE, m.unique() ? m.records().get(0).id() : null,
                    false, null, summary);
        }
    };

    public static final Operation<ChangesRequest> CHANGED_SINCE = new Operation<>("changed-since",
            Capability.CUSTOMER_SYNC, false, "Body: a ChangesRequest or its JSON {\"object\",\"cursor\":"
            + "{\"modifiedAt\","
            + "\"lastId\"}?,\"max\"?} (no cursor: from the beginning). Records changed after the cursor, oldest first. "
            + "Out: body ChangePage (records, the next cursor to persist once they are processed, more); headers "
            + "HubConnectorOutcome DONE.") {
        @Override
        public ChangesRequest request(Object body, Function<String, Object> headers) {
            if (body instanceof ChangesRequest c) {
                return c;
            }
            JsonNode n = EventBodies.jsonObject(body, name());
            JsonNode c = n.path("cursor");
            return new ChangesRequest(text(n, "object", name()), new ChangeCursor(c.path("modifiedAt").asLong(0),
                    c.path("lastId").asText("")), n.path("max").asInt(100));
        }

        @Override
        public String idempotencyKey(ChangesRequest r) {
            return null;
        }

        @Override
        public OperationResult invoke(HubConnector connector, ChangesRequest r) {
            ChangePage p = crm(connector).changedSince(r.object(), r.cursor(), r.max());
            return new OperationResult(p, OperationResult.Status.DONE, null, false, null, p.records().size() + " "
                    + r.object() + " changed" + (p.more() ? " (more)" : ""));
        }
    };

    private CrmOperations() {
    }

    /** Every CRM operation. */
    public static List<Operation<?>> all() {
        return List.of(UPSERT, FIND, CREATE_RECORD, CHANGED_SINCE);
    }

    static OperationResult result(UpsertResult r) {
        return r.written()
                ? new OperationResult(r, OperationResult.Status.DONE, r.id(),
                        r.status() != UpsertResult.Status.CREATED, null, r.summary())
                : new OperationResult(r, OperationResult.Status.FAILED, null, false, r.status() + ": " + r.reason(),
                        r.summary());
    }

    private static CrmConnector crm(HubConnector connector) {
        return connector.as(CrmConnector.class).orElseThrow(() -> new IllegalStateException(connector.name()
                + " is not a CRM connector"));
    }

    private static UpsertRequest upsertRequest(Object body, String operation) {
        if (body instanceof UpsertRequest u) {
            return u;
        }
        JsonNode n = EventBodies.jsonObject(body, operation);
        JsonNode f = n.path("fields");
        if (!f.isMissingNode() && !f.isObject()) {
            throw new IllegalArgumentException("operation=" + operation + ": fields must be a JSON object");
        }
        Map<String, Object> fields = f.isObject() ? JSON.convertValue(f, new TypeReference<LinkedHashMap<String,
                Object>>() { }) : Map.of();
        return new UpsertRequest(text(n, "object", operation), text(n, "keyField", operation),
                text(n, "keyValue", operation), fields);
    }

    private static String text(JsonNode n, String field, String operation) {
        String v = n.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException("operation=" + operation + " needs \"" + field + "\" in the body");
        }
        return v;
    }

}
