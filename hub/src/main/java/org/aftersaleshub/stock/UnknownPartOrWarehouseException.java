package org.aftersaleshub.stock;

import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.delivery.AttributedFailure;
import org.aftersaleshub.delivery.PermanentFailure;

/**
 * A part usage (or return) reached the erp-stock route with a part or warehouse the ERP that books the warehouse
 * does not know, or with a code it cannot take (events recorded before the API checked them, or from another
 * producer). Sending it would only earn a refusal — or, for a stock read, a misleading zero — so it is dead-lettered
 * at once, journaled under the instance and the usage's key, naming what is unknown. Fix the usage, the ERP's
 * master data or the instance's code mapping, then replay.
 */
public class UnknownPartOrWarehouseException extends RuntimeException implements PermanentFailure, AttributedFailure {

    private final String instance;
    private final String idempotencyKey;

    /**
     * @param instance       the connector instance that books the warehouse
     * @param idempotencyKey the key the call would have carried (the usage id, or {@code <id>:return})
     * @param verdict        what {@link ErpCatalog#check} found; not fine
     */
    public UnknownPartOrWarehouseException(String instance, String idempotencyKey, ErpCatalog.Verdict verdict) {
        super(describe(instance, verdict) + "; fix the part usage, the ERP's master data or the instance's code "
                + "mapping, then replay this dead letter", null, false, false);
        this.instance = instance;
        this.idempotencyKey = idempotencyKey;
    }

    private static String describe(String instance, ErpCatalog.Verdict v) {
        List<String> what = new ArrayList<>();
        for (InvalidInputException e : v.invalid()) {
            what.add(e.field() + " '" + InvalidInputException.printable(e.value()) + "' is not a code " + instance
                    + " can send (编码格式不符): " + e.form());
        }
        for (CatalogEntry e : v.unknown()) {
            what.add(e.kind().field() + " '" + InvalidInputException.printable(e.code()) + "' is unknown to "
                    + instance + " (" + (e.kind() == CatalogEntry.Kind.PART ? "备件不存在" : "仓库不存在")
                    + "): not mapped, and its master data has no '" + InvalidInputException.printable(e.erpCode())
                    + "'");
        }
        return String.join("; ", what);
    }

    @Override
    public String deliveryTarget() {
        return instance;
    }

    @Override
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
