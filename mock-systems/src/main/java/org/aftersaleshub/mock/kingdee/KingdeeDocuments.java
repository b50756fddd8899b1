package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.aftersaleshub.mock.kingdee.KingdeeReplies.Err;
import org.aftersaleshub.mock.kingdee.KingdeeReplies.Failure;
import org.aftersaleshub.mock.support.MockContext;

/**
 * The Kingdee mock's document surface (docs/vendor-apis/kingdee-k3cloud.md §5, §6, §12.3) on {@code STK_MisDelivery}
 * (other outbound) and {@code STK_Miscellaneous} (other inbound): Save, BatchSave, Draft (with
 * {@code IsAutoSubmitAndAudit} and {@code ValidateRepeatJson}), Submit, Audit (which moves stock, with the
 * negative-stock interaction), UnAudit and Delete. Not thread-safe: {@link KingdeeMock} calls it under its lock.
 */
final class KingdeeDocuments {

    private static final DateTimeFormatter DOC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final MockContext ctx;
    private final Supplier<KingdeeConfig> config;
    private final KingdeeStore store;
    private final KingdeeReplies replies;
    private final Map<String, Instant> recentPackages = new LinkedHashMap<>();

    KingdeeDocuments(MockContext ctx, Supplier<KingdeeConfig> config, KingdeeStore store, KingdeeReplies replies) {
        this.ctx = ctx;
        this.config = config;
        this.store = store;
        this.replies = replies;
    }

    void clear() {
        recentPackages.clear();
    }

    // ------------------------------------------------------------------ values and form checks (also View's)

    private static boolean bool(JsonNode v, boolean dflt) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        return v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText().trim());
    }

    /** A base-data reference: {@code {"FNumber":"x"}} (any key case), or a bare string. */
    private static String ref(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            JsonNode n = KingdeeEnvelope.named(v, "FNumber");
            return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? null : n.asText();
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    private static String formName(String formId) {
        return KingdeeStore.OUTBOUND.equalsIgnoreCase(formId) ? "其他出库单" : "其他入库单";
    }

    static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ Save / BatchSave / Draft

    String save(String method, KingdeeEnvelope env) {
        try {
            String formId = KingdeeForms.checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            if (!data.isObject()) {
                throw new Failure(8, "", "data 数据包格式不正确");
            }
            checkRepeatedPackage(formId, data);
            JsonNode model = KingdeeEnvelope.named(data, "Model");
            List<JsonNode> models = new ArrayList<>();
            if ("BatchSave".equals(method) && model.isArray()) {
                model.forEach(models::add);
            } else if (model.isObject()) {
                models.add(model);
            } else {
                throw new Failure(8, "Model", "data 数据包中的参数 Model 的值不能为空");
            }
            boolean autoAudit = bool(KingdeeEnvelope.named(data, "IsAutoSubmitAndAudit"), false);
            List<Err> errors = new ArrayList<>();
            List<ObjectNode> entities = new ArrayList<>();
            List<KingdeeStore.Document> saved = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                try {
                    KingdeeStore.Document d = saveOne(formId, models.get(i), i, "Draft".equals(method));
                    saved.add(d);
                    entities.add(replies.entity(d, i));
                } catch (Failure f) {
                    final int index = models.size() > 1 ? i : 0;
                    f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), index)));
                    if (f.msgCode != 11) {
                        throw new Failure(f.msgCode, errors);
                    }
                }
            }
            int msgCode = 11;
            if (autoAudit && errors.isEmpty()) {
                for (int i = 0; i < saved.size(); i++) {
                    KingdeeStore.Document d = saved.get(i);
                    d.status = "B";
                    try {
                        audit(d, data);
                    } catch (Failure f) {
                        // IsAutoSubmitAndAudit is not transactional by default: the document stays submitted [I]
                        if (config.get().isAutoSubmitAndAuditAtomic()) {
                            store.documents.remove(d);
                        }
                        f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), entities.get(0).path("DIndex").asInt())));
                        msgCode = f.msgCode;
                    }
                }
            }
            if (!errors.isEmpty()) {
                return replies.failureResult(msgCode, errors, true).toString();
            }
            ObjectNode root = ctx.json().createObjectNode();
            ObjectNode result = root.putObject("Result");
            result.set("ResponseStatus", replies.responseStatus(true, 0, List.of(), entities, List.of()));
            if (!"BatchSave".equals(method)) {
                result.put("Id", saved.get(0).id);
                result.put("Number", saved.get(0).billNo);
            }
            ArrayNode needReturn = result.putArray("NeedReturnData");
            JsonNode fields = KingdeeEnvelope.named(data, "NeedReturnFields");
            for (KingdeeStore.Document d : saved) {
                ObjectNode nr = needReturn.addObject();
                for (JsonNode f : fields) {
                    if (f.asText().equalsIgnoreCase("FBillNo")) {
                        nr.put(f.asText(), d.billNo);
                    } else if (f.asText().equalsIgnoreCase("FID")) {
                        nr.put(f.asText(), d.id);
                    } else if (f.asText().equalsIgnoreCase("FDocumentStatus")) {
                        nr.put(f.asText(), d.status);
                    }
                }
            }
            return root.toString();
        } catch (Failure f) {
            return replies.failure(method, f.msgCode, f.errors);
        }
    }

    private void checkRepeatedPackage(String formId, JsonNode data) {
        if (!bool(KingdeeEnvelope.named(data, "ValidateRepeatJson"), false)) {
            return;
        }
        Instant cutoff = ctx.now().minusSeconds(config.get().getValidateRepeatJsonWindowSeconds());
        recentPackages.values().removeIf(t -> t.isBefore(cutoff));
        String key = formId + "|" + data;
        if (recentPackages.containsKey(key)) {
            throw new Failure(11, "", "JSON数据包重复提交，请勿重复提交相同的数据包！"); // [I] text and window unknown
        }
        recentPackages.put(key, ctx.now());
    }

    private KingdeeStore.Document saveOne(String formId, JsonNode model, int index, boolean draft) {
        long fid = KingdeeEnvelope.named(model, "FID").asLong(0);
        String billNo = KingdeeEnvelope.named(model, "FBillNo").asText("").trim();
        KingdeeStore.Document d;
        if (fid != 0) {
            d = store.byId(formId, fid).orElseThrow(() -> new Failure(11, "FID",
                    "单据内码为“" + fid + "”的" + formName(formId) + "不存在或已被删除")); // [I]
            if (!List.of("Z", "A", "D").contains(d.status)) {
                throw new Failure(11, "", "单据编号为“" + d.billNo + "”的" + formName(formId) + "，当前状态不允许修改！"); // [I]
            }
            applyModel(d, model, true);
            if (!draft && "Z".equals(d.status)) {
                d.status = "A";
            }
            return d;
        }
        if (!billNo.isEmpty() && store.byBillNo(formId, billNo).isPresent()) {
            throw new Failure(11, "FBillNo", "违反字段唯一性要求：编码唯一。[" + billNo + "]在当前系统中已经被使用。");
        }
        d = new KingdeeStore.Document(store.nextId(), formId, billNo.isEmpty() ? store.nextBillNo(formId) : billNo,
                ctx.now());
        d.stockDirect = "GENERAL";
        d.date = DOC_DATE.format(ctx.now());
        applyModel(d, model, false);
        d.status = draft ? "Z" : "A";
        store.documents.add(d);
        return d;
    }

    private void applyModel(KingdeeStore.Document d, JsonNode model, boolean update) {
        JsonNode v;
        if (!(v = KingdeeEnvelope.named(model, "FStockDirect")).isMissingNode()) {
            d.stockDirect = v.asText("GENERAL");
        }
        if (!(v = KingdeeEnvelope.named(model, "FDate")).isMissingNode() && !v.asText().isBlank()) {
            d.date = v.asText();
        }
        if (!(v = KingdeeEnvelope.named(model, "FCustId")).isMissingNode()) {
            d.custNumber = ref(v);
        }
        if (!(v = KingdeeEnvelope.named(model, "FDeptId")).isMissingNode()) {
            d.deptNumber = ref(v);
        }
        if (!(v = KingdeeEnvelope.named(model, "FNote")).isMissingNode()) {
            d.note = v.asText();
        }
        JsonNode entity = KingdeeEnvelope.named(model, "FEntity");
        if (update && entity.isMissingNode()) {
            return;
        }
        if (!entity.isArray() || entity.isEmpty()) {
            throw new Failure(11, "FEntity", "单据体“明细信息”至少要有一条分录！"); // [I]
        }
        List<KingdeeStore.Entry> entries = new ArrayList<>();
        List<Err> errors = new ArrayList<>();
        int row = 0;
        for (JsonNode e : entity) {
            row++;
            String material = ref(KingdeeEnvelope.named(e, "FMaterialId"));
            String stock = ref(KingdeeEnvelope.named(e, "FStockId"));
            JsonNode qtyNode = KingdeeEnvelope.named(e, "FQty");
            BigDecimal qty;
            try {
                qty = qtyNode.isNumber() ? qtyNode.decimalValue() : new BigDecimal(qtyNode.asText().trim());
            } catch (NumberFormatException ex) {
                qty = BigDecimal.ZERO;
            }
            KingdeeStore.Material mat = material == null ? null : store.materials.get(material);
            if (mat == null) {
                errors.add(new Err("FMaterialId", "第" + row + "行分录，字段“物料编码”是必填项，或“" + material
                        + "”在系统中不存在或未审核！", 0)); // [I]
            }
            if (stock == null || !store.warehouses.containsKey(stock)) {
                errors.add(new Err("FStockId", "第" + row + "行分录，字段“仓库”是必填项，或“" + stock
                        + "”在系统中不存在或未审核！", 0)); // [I]
            }
            if (qty.signum() <= 0) {
                errors.add(new Err("FQty", "第" + row + "行分录，实发数量必须大于0！", 0)); // [I]
            }
            String unit = ref(KingdeeEnvelope.named(e, "FUnitID"));
            String note = KingdeeEnvelope.named(e, "FEntryNote").asText(null);
            entries.add(new KingdeeStore.Entry(store.nextEntryId(), material, stock, qty,
                    unit != null ? unit : mat == null ? "" : mat.unit(), note));
        }
        if (!errors.isEmpty()) {
            throw new Failure(11, errors);
        }
        d.entries = entries;
    }

    // ------------------------------------------------------------------ Submit / Audit / UnAudit / Delete

    String operate(String method, KingdeeEnvelope env) {
        try {
            String formId = KingdeeForms.checkWritableForm(env.text(0, "formid"));
            JsonNode data = env.arg(1, "data");
            List<Err> errors = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            JsonNode numbers = KingdeeEnvelope.named(data, "Numbers");
            JsonNode ids = KingdeeEnvelope.named(data, "Ids");
            if (numbers.isArray() && !numbers.isEmpty()) {
                numbers.forEach(n -> keys.add("N:" + n.asText()));
            } else if (!ids.isMissingNode() && !ids.asText().isBlank()) {
                for (String id : ids.asText().split(",")) {
                    keys.add("I:" + id.trim());
                }
            } else {
                throw new Failure(5, "", "单据内码或单据编号不能为空！"); // MsgCode 5 = bill id empty
            }
            int msgCode = 11;
            List<ObjectNode> entities = new ArrayList<>();
            List<Err> messages = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                Optional<KingdeeStore.Document> d = k.startsWith("N:") ? store.byBillNo(formId, k.substring(2))
                        : parseLong(k.substring(2)).flatMap(id -> store.byId(formId, id));
                if (d.isEmpty()) {
                    errors.add(new Err("", (k.startsWith("N:") ? "单据编号为“" : "单据内码为“") + k.substring(2)
                            + "”的" + formName(formId) + "不存在或已被删除！", i)); // [I]
                    continue;
                }
                try {
                    String done = switch (method) {
                        case "Submit" -> submit(d.get());
                        case "Audit" -> audit(d.get(), data);
                        case "UnAudit" -> unAudit(d.get());
                        default -> delete(d.get());
                    };
                    entities.add(replies.entity(d.get(), i));
                    messages.add(new Err(null, "单据编号为“" + d.get().billNo + "”的" + formName(formId) + "，" + done
                            + "成功！", i));
                } catch (Failure f) {
                    final int index = i;
                    f.errors.forEach(e -> errors.add(new Err(e.fieldName(), e.message(), index)));
                    msgCode = f.msgCode;
                }
            }
            if (!errors.isEmpty()) {
                return replies.failure(method, msgCode, errors);
            }
            ObjectNode root = ctx.json().createObjectNode();
            root.putObject("Result").set("ResponseStatus", replies.responseStatus(true, 0, List.of(), entities, messages));
            return root.toString();
        } catch (Failure f) {
            return replies.failure(method, f.msgCode, f.errors);
        }
    }

    private String prefix(KingdeeStore.Document d) {
        return "单据编号为“" + d.billNo + "”的" + formName(d.formId) + "，";
    }

    private String submit(KingdeeStore.Document d) {
        switch (d.status) {
            case "B" -> throw new Failure(11, "", prefix(d) + "单据已经提交！"); // [I]
            case "C" -> throw new Failure(11, "", prefix(d) + "单据已经审核！");
            default -> d.status = "B";
        }
        return "提交";
    }

    private String audit(KingdeeStore.Document d, JsonNode data) {
        if ("C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据已经审核！");
        }
        if (!"B".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据未提交，不能审核！"); // [I]
        }
        Map<List<String>, BigDecimal> deltas = store.stockDeltas(d, 1);
        boolean goesNegative = deltas.entrySet().stream().anyMatch(e -> e.getValue().signum() < 0
                && store.stock.quantity(e.getKey().get(0), e.getKey().get(1)).add(e.getValue()).signum() < 0);
        if (goesNegative) {
            String flags = KingdeeEnvelope.named(data, "InterationFlags").asText("");
            boolean ignore = bool(KingdeeEnvelope.named(data, "IgnoreInterationFlag"), true);
            boolean flagged = ignore && List.of(flags.split(";")).stream().map(String::trim)
                    .anyMatch("STK_InvCheckResult"::equalsIgnoreCase);
            switch (config.get().getNegativeStock()) {
                case INTERACTIVE -> {
                    if (!flagged) {
                        throw new Failure(11, "AbstractInteractionResult", "更新库存时出现可以忽略的异常数据，是否继续？");
                    }
                }
                case HARD -> {
                    List<String> detail = new ArrayList<>();
                    deltas.forEach((k, v) -> {
                        BigDecimal after = store.stock.quantity(k.get(0), k.get(1)).add(v);
                        if (after.signum() < 0) {
                            detail.add("物料“" + k.get(0) + "”在仓库“" + k.get(1) + "”出现负库存" + after.toPlainString());
                        }
                    });
                    throw new Failure(11, "", "更新库存出现异常情况，更新库存不成功！" + String.join("；", detail));
                }
                case ALLOW -> { }
            }
        }
        deltas.forEach((k, v) -> store.stock.add(k.get(0), k.get(1), v));
        d.status = "C";
        d.approved = ctx.now();
        return "审核";
    }

    private String unAudit(KingdeeStore.Document d) {
        if (!"C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据未审核，不能反审核！"); // [I]
        }
        store.stockDeltas(d, -1).forEach((k, v) -> store.stock.add(k.get(0), k.get(1), v));
        d.status = "D";
        d.approved = null;
        return "反审核";
    }

    private String delete(KingdeeStore.Document d) {
        if ("B".equals(d.status) || "C".equals(d.status)) {
            throw new Failure(11, "", prefix(d) + "单据状态不允许删除！"); // [I]
        }
        store.documents.remove(d);
        return "删除";
    }
}
