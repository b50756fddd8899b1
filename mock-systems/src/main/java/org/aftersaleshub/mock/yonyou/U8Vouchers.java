package org.aftersaleshub.mock.yonyou;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aftersaleshub.mock.support.MockContext;
import org.aftersaleshub.mock.support.MockRequest;
import org.aftersaleshub.mock.support.MockResponse;
import org.aftersaleshub.mock.support.StockLedger;

/**
 * The U8 mock's voucher surface (docs/vendor-apis/yonyou-u8.md §4, §5, §10): {@code otherout|materialout/add}, keyed by
 * exactly one of {@code biz_id} / {@code tradeid} and de-duplicated on it, synchronous ({@code sync=1}) or asynchronous
 * ({@code url} + {@code ping_after}, then {@code GET /result?requestid=}); validation and insufficient stock; and
 * {@code otherout|materialout/audit}, allowed only for an approver who called {@code user/login_v2}.
 * Not thread-safe: {@link U8Mock} calls it under its lock.
 */
final class U8Vouchers {

    /** One added voucher. */
    private static final class Document {
        String resource;
        String id;
        String code;
        String bizId;
        String tradeId;
        String warehouseCode;
        String receiveCode;
        boolean audited;
        JsonNode body;
        List<Map<String, Object>> entries = new ArrayList<>();
        Instant created;
        /** The final answer for this document, replayed for a repeated biz_id / tradeid. */
        ObjectNode result;

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resource", resource);
            m.put("id", id);
            m.put("code", code);
            m.put("biz_id", bizId);
            m.put("tradeid", tradeId);
            m.put("warehousecode", warehouseCode);
            m.put("receivecode", receiveCode);
            m.put("audited", audited);
            m.put("entries", entries);
            m.put("created", created.toString());
            return m;
        }
    }

    /** An async answer waiting behind its result url; {@code pollsLeft} reads still answer 处理中. */
    private static final class PendingResult {
        int pollsLeft;
        final ObjectNode body;

        PendingResult(int pollsLeft, ObjectNode body) {
            this.pollsLeft = pollsLeft;
            this.body = body;
        }
    }

    private final MockContext ctx;
    private final Supplier<U8Config> config;
    private final U8Replies replies;
    private final U8Auth auth;
    private final U8MasterData masterData;
    private final StockLedger stock;
    private final List<Document> documents = new ArrayList<>();
    private final Map<String, Document> byDedupKey = new LinkedHashMap<>();
    private final Map<String, PendingResult> results = new LinkedHashMap<>();
    private final Set<String> loggedInApprovers = new HashSet<>();
    private long voucherSeq;

    U8Vouchers(MockContext ctx, Supplier<U8Config> config, U8Replies replies, U8Auth auth, U8MasterData masterData,
               StockLedger stock) {
        this.ctx = ctx;
        this.config = config;
        this.replies = replies;
        this.auth = auth;
        this.masterData = masterData;
        this.stock = stock;
    }

    // ------------------------------------------------------------------ state

    /** The vouchers matching {@code filter}, as maps (resource, id, code, biz_id, tradeid, ..., entries). */
    List<Map<String, Object>> documents(Predicate<Map<String, Object>> filter) {
        return documents.stream().map(Document::toMap).filter(filter).toList();
    }

    int pendingResults() {
        return results.size();
    }

    List<String> approversLoggedIn() {
        return new ArrayList<>(loggedInApprovers);
    }

    void clear() {
        documents.clear();
        byDedupKey.clear();
        results.clear();
        loggedInApprovers.clear();
        voucherSeq = 0;
    }

    // ------------------------------------------------------------------ add / result

    MockResponse add(String resource, MockRequest req) throws Exception {
        U8Config cfg = config.get();
        Map<String, String> q = req.query();
        String bizId = U8Replies.blankToNull(q.get("biz_id"));
        String tradeId = U8Replies.blankToNull(q.get("tradeid"));
        if ((bizId == null) == (tradeId == null)) {
            return replies.error(cfg.getParamErrcode(), "tradeid和biz_id必须且只能传入一个"); // [I]
        }
        if (tradeId != null && !auth.issuedTradeId(tradeId)) {
            return replies.error(cfg.getParamErrcode(), "tradeid无效：" + tradeId); // [I]
        }
        boolean sync = "1".equals(q.get("sync"));
        String key = bizId != null ? "biz:" + resource + ":" + bizId : "trade:" + tradeId;
        Document existing = byDedupKey.get(key);
        if (existing != null) {
            if (cfg.getDuplicatePolicy() == U8Config.DuplicatePolicy.ERROR) {
                return replies.error(cfg.getDuplicateErrcode(), "重复提交：该单据已经生成，id=" + existing.id); // [I]
            }
            return answer(existing.result.deepCopy(), sync);
        }
        JsonNode body = ctx.json().readTree(req.body());
        JsonNode voucher = body.path(resource);
        ObjectNode outcome;
        String problem = validate(voucher);
        if (problem != null) {
            outcome = replies.errorBody(cfg.getValidationErrcode(), problem);
        } else if ((problem = stockProblem(voucher)) != null) {
            outcome = replies.errorBody(cfg.getNegativeStockErrcode(), problem);
        } else {
            Document d = commit(resource, voucher, bizId, tradeId);
            outcome = replies.okBody("");
            outcome.put("id", d.id);
            outcome.put("tradeid", tradeId != null ? tradeId : U8Replies.hex32());
            d.result = outcome;
            byDedupKey.put(key, d);
        }
        return answer(outcome, sync);
    }

    /**
     * sync=1: the result inline; sync=0 (default): {@code url} + {@code ping_after}, and the result url answers
     * 处理中 for {@link U8Config#getAsyncPollsBeforeResult()} reads before the result (0 by default: the first read).
     */
    private MockResponse answer(ObjectNode outcome, boolean sync) {
        if (sync) {
            return "0".equals(outcome.path("errcode").asText()) ? replies.ok(outcome)
                    : replies.error(outcome.path("errcode").asText(), outcome.path("errmsg").asText());
        }
        String requestId = U8Replies.hex32();
        results.put(requestId, new PendingResult(config.get().getAsyncPollsBeforeResult(), outcome));
        ObjectNode o = replies.okBody("");
        o.put("url", ctx.baseUrl() + "/result?requestid=" + requestId);
        o.put("ping_after", config.get().getPingAfterSeconds());
        return replies.ok(o);
    }

    MockResponse result(String requestId) {
        PendingResult r = requestId == null ? null : results.get(requestId);
        if (r == null) {
            return replies.error(config.get().getNotFoundErrcode(), "requestid不存在或已过期"); // [I]
        }
        if (r.pollsLeft > 0) {
            r.pollsLeft--;
            ObjectNode o = replies.okBody("处理中");
            o.put("url", ctx.baseUrl() + "/result?requestid=" + requestId);
            o.put("ping_after", config.get().getPingAfterSeconds());
            return replies.ok(o);
        }
        return "0".equals(r.body.path("errcode").asText()) ? replies.ok(r.body)
                : replies.error(r.body.path("errcode").asText(), r.body.path("errmsg").asText());
    }

    private String validate(JsonNode v) {
        if (!v.isObject()) {
            return "请求体缺少单据对象";
        }
        String wh = v.path("warehousecode").asText("");
        if (wh.isBlank()) {
            return "仓库编码warehousecode不能为空";
        }
        if (!masterData.hasWarehouse(wh)) {
            return "仓库编码[" + wh + "]不存在";
        }
        if (v.path("receivecode").asText("").isBlank()) {
            return "收发类别编码receivecode不能为空";
        }
        JsonNode entries = v.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return "表体entry不能为空";
        }
        int row = 0;
        for (JsonNode e : entries) {
            row++;
            String inv = e.path("inventorycode").asText("");
            if (!masterData.hasInventory(inv)) {
                return "第" + row + "行存货编码[" + inv + "]不存在";
            }
            BigDecimal qty = decimal(e.path("quantity"));
            if (qty == null || qty.signum() <= 0) {
                return "第" + row + "行数量必须大于0";
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String stockProblem(JsonNode v) {
        if (config.get().isAllowNegativeStock()) {
            return null;
        }
        String wh = v.path("warehousecode").asText();
        Map<String, BigDecimal> need = new LinkedHashMap<>();
        v.path("entry").forEach(e -> need.merge(e.path("inventorycode").asText(), decimal(e.path("quantity")), BigDecimal::add));
        for (var e : need.entrySet()) {
            BigDecimal have = stock.quantity(e.getKey(), wh);
            if (have.compareTo(e.getValue()) < 0) {
                return "存货[" + e.getKey() + "]在仓库[" + wh + "]的现存量不足，现存量" + have.toPlainString() + "，出库数量"
                        + e.getValue().toPlainString(); // [gap] real text unknown
            }
        }
        return null;
    }

    private Document commit(String resource, JsonNode v, String bizId, String tradeId) {
        Document d = new Document();
        d.resource = resource;
        d.id = String.valueOf(1000000 + ++voucherSeq);
        d.code = v.path("code").asText("").isBlank() ? String.format("%010d", voucherSeq) : v.path("code").asText();
        d.bizId = bizId;
        d.tradeId = tradeId;
        d.warehouseCode = v.path("warehousecode").asText();
        d.receiveCode = v.path("receivecode").asText();
        d.body = v;
        d.created = ctx.now();
        for (JsonNode e : v.path("entry")) {
            String inv = e.path("inventorycode").asText();
            BigDecimal qty = decimal(e.path("quantity"));
            stock.add(inv, d.warehouseCode, qty.negate());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("inventorycode", inv);
            row.put("quantity", qty);
            d.entries.add(row);
        }
        documents.add(d);
        return d;
    }

    // ------------------------------------------------------------------ audit + login_v2

    MockResponse loginV2(MockRequest req) throws Exception {
        JsonNode b = req.body().length == 0 ? ctx.json().createObjectNode() : ctx.json().readTree(req.body());
        JsonNode user = b.has("user") ? b.get("user") : b;
        String who = firstText(user, "user_id", "person_code", "userid");
        if (who == null) {
            who = req.query().get("user_id");
        }
        if (who == null) {
            return replies.error(config.get().getParamErrcode(), "user_id不能为空");
        }
        loggedInApprovers.add(who);
        return replies.ok(replies.okBody("成功"));
    }

    MockResponse audit(String resource, MockRequest req) throws Exception {
        U8Config cfg = config.get();
        JsonNode v = ctx.json().readTree(req.body()).path(resource);
        String code = v.path("voucher_code").asText("");
        String approver = firstText(v, "user_id", "person_code");
        if (approver == null || !loggedInApprovers.contains(approver)) {
            return replies.error(cfg.getAuditLoginErrcode(), "审核人[" + approver + "]未通过user/login_v2授权登录ERP"); // [I]
        }
        Optional<Document> d = documents.stream().filter(x -> x.resource.equals(resource)
                && (x.code.equals(code) || x.id.equals(code))).findFirst();
        if (d.isEmpty()) {
            return replies.error(cfg.getNotFoundErrcode(), "单据[" + code + "]不存在");
        }
        if (d.get().audited) {
            return replies.error(cfg.getValidationErrcode(), "单据[" + code + "]已审核"); // [I]
        }
        d.get().audited = true;
        return replies.ok(replies.okBody(""));
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            if (n.hasNonNull(k) && !n.get(k).asText().isBlank()) {
                return n.get(k).asText();
            }
        }
        return null;
    }
}
