package org.aftersaleshub.connector.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *   <li>Every round — the first of a delivery too, since an earlier delivery (before a restart, a dead-letter
 *       replay) may have had an unknown outcome — <b>queries the FBillNo first</b> and continues from the status
 *       it finds: absent → Save; Z/A/D → Submit; B → Audit; C → done. A write is never replayed blindly. The query
 *       costs one cheap read; it also keeps us safe where an account set's bill-number uniqueness is relaxed.</li>
 *   <li>Two writers racing on the same usage meet the ERP's own guard: FBillNo uniqueness (MsgCode 11) means
 *       "already there", "already submitted/audited" means "someone else did this step"; both re-read the status
 *       and finish.</li>
 *   <li>Each exchange goes through the kit's call loop ({@link KingdeeClient}), which repeats what certainly did
 *       not happen (503, 429, a lost session renewed once). A write whose outcome is unknown (timeout or reset after
 *       sending, 500/502/504, {@code response_error:}) ends the round; the next round starts with the query.</li>
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

    /** A write may or may not have taken effect, or the document is in flux: the next round queries first. */
    private static final class Unsettled extends RuntimeException {
        Unsettled(String problem) {
            super(problem, null, false, false);
        }
    }

    private final KingdeeClient client;
    private final KingdeeSettings settings;

    KingdeeDocumentWriter(KingdeeClient client) {
        this.client = client;
        this.settings = client.settings();
    }

    /*
     * Why retries do not multiply: the kit's loop already repeats each exchange up to max-attempts for answers that
     * prove nothing happened, and a failure that survives it (a read that found no answer, a write refused as
     * retryable every time) ends the delivery at once — the hub redelivers later with the same usage id. Only an
     * unknown outcome of a write, which the kit never repeats, starts another round here, and those rounds are
     * bounded by the same max-attempts. So a delivery makes at most max-attempts rounds, and one failure is retried
     * by one loop, never by both. With max-attempts 1 every retry is the hub's redelivery.
     */
    DeductionResult write(Spec spec) {
        int rounds = settings.calls().maxAttempts();
        for (int round = 1; ; round++) {
            try {
                return advance(spec);
            } catch (Unsettled e) {
                if (round >= rounds) {
                    throw new ConnectorException("kingdee", Outcome.OUTCOME_UNKNOWN, spec.formId() + " "
                            + spec.billNo() + " for usage " + spec.usageId() + " not confirmed after " + round
                            + " round(s): " + e.getMessage() + "; deliver again with the same usage id (the document "
                            + "is looked up first)");
                }
                LOG.info("kingdee {} {} round {} not settled: {}; the next round queries FBillNo first",
                        spec.formId(), spec.billNo(), round, e.getMessage());
                client.backoff().pause(round, null);
            }
        }
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
            KingdeeReply saved = send("Save", spec, saveData(spec));
            if (saved.isSuccess()) {
                status = settings.writeMode() == WriteMode.AUTO_AUDIT ? statusAfterAutoAudit(spec) : "A";
            } else if (saved.duplicateBillNo()) {
                Found existing = find(spec).orElseThrow(() -> new Unsettled(saved.problem()));
                if (!existing.note().contains(spec.ownerMarker())) {
                    return notOurs(spec);
                }
                existed = true;
                status = existing.status();
            } else if (settings.writeMode() == WriteMode.AUTO_AUDIT && saved.negativeStock()) {
                return DeductionResult.failed(spec.usageId(), find(spec).map(f -> spec.billNo()).orElse(null),
                        saved.erpMessage());
            } else {
                return DeductionResult.failed(spec.usageId(), null, saved.erpMessage());
            }
        }
        while (!"C".equals(status)) {
            boolean submit = !"B".equals(status);
            KingdeeReply r = send(submit ? "Submit" : "Audit", spec, operationData(spec, !submit));
            if (r.isSuccess()) {
                status = submit ? "B" : "C";
            } else if (!submit && r.alreadyAudited()) {
                status = "C";
            } else if (submit && (r.alreadySubmitted() || r.alreadyAudited())) {
                status = find(spec).map(Found::status).orElseThrow(() -> new Unsettled(r.problem()));
            } else if (!submit && r.negativeStock()) {
                return DeductionResult.failed(spec.usageId(), spec.billNo(), r.erpMessage()
                        + " (document " + spec.billNo() + " stays submitted, not audited)");
            } else {
                return DeductionResult.failed(spec.usageId(), spec.billNo(), r.erpMessage());
            }
        }
        LOG.debug("kingdee {} {} audited for usage {}{}", spec.formId(), spec.billNo(), spec.usageId(),
                existed ? " (document already existed)" : "");
        return DeductionResult.done(spec.usageId(), spec.billNo(), existed);
    }

    /**
     * One write through the kit's loop. Its answer is final: success or Kingdee's refusal. An unknown outcome
     * becomes {@link Unsettled} (reconcile); any other failure ends the delivery as the kit reported it.
     */
    private KingdeeReply send(String operation, Spec spec, ObjectNode data) {
        try {
            return client.write(operation, List.of(spec.formId(), data.toString()));
        } catch (ConnectorException e) {
            if (e.outcome() == Outcome.OUTCOME_UNKNOWN) {
                String m = e.getMessage();
                throw new Unsettled(m.startsWith(e.system() + ": ") ? m.substring(e.system().length() + 2) : m);
            }
            throw e;
        }
    }

    private String statusAfterAutoAudit(Spec spec) {
        return find(spec).map(Found::status).orElse("A");
    }

    private DeductionResult notOurs(Spec spec) {
        return DeductionResult.failed(spec.usageId(), null, "FBillNo " + spec.billNo() + " of " + spec.formId()
                + " is taken by a document not booked for usage " + spec.usageId() + " (FNote lacks '"
                + spec.ownerMarker() + "'); change kingdee.bill-no-prefix or resolve it in Kingdee");
    }

    /** The document under the FBillNo; a query without an answer (after the kit's repeats) ends the delivery. */
    private Optional<Found> find(Spec spec) {
        List<JsonNode> rows = client.executeBillQuery(spec.formId(), "FBillNo,FDocumentStatus,FNote",
                "FBillNo='" + spec.billNo() + "'", 10);
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
