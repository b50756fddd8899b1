package org.aftersaleshub.connector.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.WriteMode;
import org.aftersaleshub.connector.kingdee.connection.KingdeeClient;
import org.aftersaleshub.connector.kingdee.connection.KingdeeReply;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings exactly one document with a given FBillNo to "audited" (FDocumentStatus C), whatever happened before:
 * <ol>
 *   <li>Every attempt — the first of a delivery too, since an earlier delivery (before a restart, a dead-letter
 *       replay) may have had an unknown outcome — <b>queries the FBillNo first</b> and continues from the status
 *       it finds: absent → Save; Z/A/D → Submit; B → Audit; C → done. A write is never replayed blindly. The query
 *       costs one cheap read; it also keeps us safe where an account set's bill-number uniqueness is relaxed.</li>
 *   <li>Two writers racing on the same usage meet the ERP's own guard: FBillNo uniqueness (MsgCode 11) means
 *       "already there", "already submitted/audited" means "someone else did this step"; both re-read the status
 *       and finish.</li>
 *   <li>After an answer that is not final — timeout or reset after sending, 5xx, {@code response_error:}, session
 *       lost (MsgCode 1), rate limit — the attempt ends, backs off, and the next one starts with the query again.</li>
 *   <li>Business refusals (negative stock, unknown material) end in {@link DeductionResult#failed}, not retried.</li>
 * </ol>
 * The document's FNote carries the usage id; a document found under the FBillNo without it is not ours, and the
 * usage fails instead of being counted as done.
 */
final class KingdeeDocumentWriter {

    private static final Logger LOG = LoggerFactory.getLogger(KingdeeDocumentWriter.class);

    /** What to write: form, bill number, the Save model, and the marker that proves a document is ours. */
    record Spec(String formId, String billNo, String usageId, String ownerMarker, ObjectNode model) { }

    private record Found(String status, String note) { }

    /** A step that did not reach a final answer; the next attempt reconciles first. */
    private static final class NotFinal extends RuntimeException {
        final Outcome outcome;
        final Duration retryAfter;

        NotFinal(KingdeeReply reply) {
            super(reply.problem(), null, false, false);
            this.outcome = reply.outcome() == Outcome.NOT_RETRYABLE ? Outcome.RETRYABLE : reply.outcome();
            this.retryAfter = reply.retryAfter().orElse(null);
        }

        NotFinal(ConnectorException e) {
            super(e.getMessage(), null, false, false);
            this.outcome = e.outcome();
            this.retryAfter = null;
        }
    }

    private final KingdeeClient client;
    private final KingdeeSettings settings;

    KingdeeDocumentWriter(KingdeeClient client) {
        this.client = client;
        this.settings = client.settings();
    }

    DeductionResult write(Spec spec) {
        NotFinal last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                return advance(spec);
            } catch (NotFinal e) {
                last = e;
                LOG.info("kingdee {} {} attempt {} not final ({}): {}; the next attempt queries FBillNo first",
                        spec.formId(), spec.billNo(), attempt, e.outcome, e.getMessage());
                if (attempt < settings.maxAttempts()) {
                    client.backoff().pause(attempt, e.retryAfter);
                }
            }
        }
        throw new ConnectorException("kingdee", last.outcome, spec.formId() + " " + spec.billNo() + " for usage "
                + spec.usageId() + " not confirmed after " + settings.maxAttempts() + " attempts: " + last.getMessage()
                + "; deliver again with the same usage id (the document is looked up first)");
    }

    private DeductionResult advance(Spec spec) {
        Optional<Found> found = find(spec);
        boolean existed = found.isPresent();
        String status;
        if (found.isPresent()) {
            if (!found.get().note().contains(spec.ownerMarker())) {
                return notOurs(spec);
            }
            status = found.get().status();
        } else {
            KingdeeReply saved = client.call("Save", List.of(spec.formId(), saveData(spec).toString()),
                    KingdeeClient.Api.WRITE);
            if (saved.isSuccess()) {
                status = settings.writeMode() == WriteMode.AUTO_AUDIT ? statusAfterAutoAudit(spec) : "A";
            } else if (saved.duplicateBillNo()) {
                Found existing = find(spec).orElseThrow(() -> new NotFinal(saved));
                if (!existing.note().contains(spec.ownerMarker())) {
                    return notOurs(spec);
                }
                existed = true;
                status = existing.status();
            } else if (settings.writeMode() == WriteMode.AUTO_AUDIT && saved.negativeStock()) {
                return DeductionResult.failed(spec.usageId(), find(spec).map(f -> spec.billNo()).orElse(null),
                        saved.erpMessage());
            } else if (saved.outcome() == Outcome.NOT_RETRYABLE) {
                return DeductionResult.failed(spec.usageId(), null, saved.erpMessage());
            } else {
                throw new NotFinal(saved);
            }
        }
        while (!"C".equals(status)) {
            boolean submit = !"B".equals(status);
            KingdeeReply r = client.call(submit ? "Submit" : "Audit", List.of(spec.formId(),
                    operationData(spec, !submit).toString()), KingdeeClient.Api.WRITE);
            if (r.isSuccess()) {
                status = submit ? "B" : "C";
            } else if (!submit && r.alreadyAudited()) {
                status = "C";
            } else if (submit && (r.alreadySubmitted() || r.alreadyAudited())) {
                status = find(spec).map(Found::status).orElseThrow(() -> new NotFinal(r));
            } else if (!submit && r.negativeStock()) {
                return DeductionResult.failed(spec.usageId(), spec.billNo(), r.erpMessage()
                        + " (document " + spec.billNo() + " stays submitted, not audited)");
            } else if (r.outcome() == Outcome.NOT_RETRYABLE) {
                return DeductionResult.failed(spec.usageId(), spec.billNo(), r.erpMessage());
            } else {
                throw new NotFinal(r);
            }
        }
        LOG.debug("kingdee {} {} audited for usage {}{}", spec.formId(), spec.billNo(), spec.usageId(),
                existed ? " (document already existed)" : "");
        return DeductionResult.done(spec.usageId(), spec.billNo(), existed);
    }

    private String statusAfterAutoAudit(Spec spec) {
        return find(spec).map(Found::status).orElse("A");
    }

    private DeductionResult notOurs(Spec spec) {
        return DeductionResult.failed(spec.usageId(), null, "FBillNo " + spec.billNo() + " of " + spec.formId()
                + " is taken by a document not booked for usage " + spec.usageId() + " (FNote lacks '"
                + spec.ownerMarker() + "'); change kingdee.bill-no-prefix or resolve it in Kingdee");
    }

    private Optional<Found> find(Spec spec) {
        List<JsonNode> rows;
        try {
            rows = client.executeBillQuery(spec.formId(), "FBillNo,FDocumentStatus,FNote",
                    "FBillNo='" + spec.billNo() + "'", 10);
        } catch (ConnectorException e) {
            throw new NotFinal(e);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode row = rows.get(0);
        return Optional.of(new Found(row.path(1).asText(""), row.path(2).asText("")));
    }

    private ObjectNode saveData(Spec spec) {
        ObjectNode data = client.json().createObjectNode();
        data.putArray("NeedUpDateFields");
        data.putArray("NeedReturnFields").add("FBillNo").add("FID").add("FDocumentStatus");
        data.put("IsDeleteEntry", "true");
        data.put("IsVerifyBaseDataField", "false");
        data.put("IsEntryBatchFill", "true");
        data.put("ValidateFlag", "true");
        data.put("NumberSearch", "true");
        data.put("IsAutoSubmitAndAudit", settings.writeMode() == WriteMode.AUTO_AUDIT ? "true" : "false");
        interaction(data);
        data.set("Model", spec.model());
        return data;
    }

    private ObjectNode operationData(Spec spec, boolean audit) {
        ObjectNode data = client.json().createObjectNode();
        data.put("CreateOrgId", 0);
        data.putArray("Numbers").add(spec.billNo());
        data.put("Ids", "");
        data.put("NetworkCtrl", "false");
        if (audit) {
            interaction(data);
        }
        return data;
    }

    private void interaction(ObjectNode data) {
        if (settings.allowNegativeStock()) {
            data.put("InterationFlags", "STK_InvCheckResult");
            data.put("IgnoreInterationFlag", "true");
        } else {
            data.put("InterationFlags", "");
            data.put("IgnoreInterationFlag", "false");
        }
    }
}
