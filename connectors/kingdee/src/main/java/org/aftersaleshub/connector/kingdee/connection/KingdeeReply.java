package org.aftersaleshub.connector.kingdee.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * One WebAPI answer, classified. Kingdee answers business and authentication failures with HTTP 200 and a
 * {@code ResponseStatus} (docs/vendor-apis/kingdee-k3cloud.md §6.6); this reads the body and refines the transport's
 * {@link Outcome}: MsgCode 1 (session lost) → RETRYABLE + {@link #sessionLost()}; 14 (call limit) → RETRYABLE + rate
 * limited; 6 (DB failure) and 13 (network-control conflict) → RETRYABLE; other codes → NOT_RETRYABLE;
 * a {@code response_error:} body → OUTCOME_UNKNOWN (a server exception; writes reconcile first).
 *
 * @param outcome     the classification
 * @param body        the parsed JSON (rows for a query), or null
 * @param msgCode     MsgCode of a failed ResponseStatus, else 0
 * @param errors      {@code Errors[]} as (FieldName, Message) pairs
 * @param problem     masked summary for logs and exceptions, empty on success
 * @param sessionLost the server lost or refused our session (MsgCode 1)
 * @param badAcctId   non-200 "Fail to verify thirty passport": the account-set id is wrong
 * @param rateLimited the server asked us to slow down (HTTP 429 or MsgCode 14)
 * @param retryAfter  server back-off hint
 * @param newSessionId a {@code kdservice-sessionid} cookie the server set on this answer, or null
 */
public record KingdeeReply(Outcome outcome, JsonNode body, int msgCode, List<Error> errors, String problem,
                           boolean sessionLost, boolean badAcctId, boolean rateLimited,
                           Optional<Duration> retryAfter, String newSessionId) {

    /** One entry of {@code Errors[]}. */
    public record Error(String fieldName, String message) { }

    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }

    /** "违反字段唯一性要求 … 已经被使用": the FBillNo is taken (MsgCode 11). */
    public boolean duplicateBillNo() {
        return errors.stream().anyMatch(e -> "FBillNo".equalsIgnoreCase(e.fieldName())
                || e.message().contains("唯一性") || e.message().contains("已经被使用"));
    }

    /** The audit would make stock negative (interactive warning or hard failure). */
    public boolean negativeStock() {
        return errors.stream().anyMatch(e -> "AbstractInteractionResult".equals(e.fieldName())
                || e.message().contains("负库存") || e.message().contains("更新库存"));
    }

    public boolean alreadyAudited() {
        return errors.stream().anyMatch(e -> e.message().contains("已经审核"));
    }

    public boolean alreadySubmitted() {
        return errors.stream().anyMatch(e -> e.message().contains("已经提交"));
    }

    /** The ERP's own words (all error messages), for a FAILED result. */
    public String erpMessage() {
        return errors.isEmpty() ? problem : String.join("; ", errors.stream().map(Error::message).toList());
    }

    static KingdeeReply parse(HttpResult http, ObjectMapper json, SecretMasker masker) {
        String sid = sessionCookie(http);
        if (!http.isSuccess()) {
            boolean badAcct = http.body().contains("Fail to verify thirty passport");
            Outcome o = badAcct ? Outcome.NOT_RETRYABLE : http.outcome();
            return new KingdeeReply(o, null, 0, List.of(), http.problem(), false, badAcct, http.rateLimited(),
                    http.retryAfter(), sid);
        }
        String text = http.body().strip();
        if (text.startsWith("response_error:")) {
            String message = text.substring("response_error:".length());
            try {
                message = json.readTree(message).path("Message").asText(message);
            } catch (Exception ignored) {
                // keep the raw text
            }
            return new KingdeeReply(Outcome.OUTCOME_UNKNOWN, null, 0, List.of(),
                    "server exception (response_error): " + masker.mask(message), false, false, false,
                    Optional.empty(), sid);
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (Exception e) {
            return new KingdeeReply(Outcome.OUTCOME_UNKNOWN, null, 0, List.of(), "unreadable answer: "
                    + masker.mask(text.length() > 200 ? text.substring(0, 200) : text), false, false, false,
                    Optional.empty(), sid);
        }
        JsonNode status = null;
        if (root.isArray() && root.size() > 0 && root.get(0).isArray() && root.get(0).size() > 0
                && root.get(0).get(0).isObject() && root.get(0).get(0).has("Result")) {
            status = root.get(0).get(0).path("Result").path("ResponseStatus"); // ExecuteBillQuery error [[{...}]]
        } else if (root.isObject() && root.path("Result").path("ResponseStatus").isObject()) {
            status = root.path("Result").path("ResponseStatus");
        }
        if (status == null || status.path("IsSuccess").asBoolean(false)) {
            return new KingdeeReply(Outcome.SUCCESS, root, 0, List.of(), "", false, false, false, Optional.empty(),
                    sid);
        }
        int code = status.path("MsgCode").asInt(0);
        List<Error> errors = new ArrayList<>();
        for (JsonNode e : status.path("Errors")) {
            errors.add(new Error(e.path("FieldName").asText(""), masker.mask(e.path("Message").asText(""))));
        }
        Outcome o = switch (code) {
            case 1, 6, 13, 14 -> Outcome.RETRYABLE;
            default -> Outcome.NOT_RETRYABLE;
        };
        String problem = "MsgCode " + code + ": " + String.join("; ", errors.stream()
                .map(e -> (e.fieldName().isEmpty() ? "" : e.fieldName() + " ") + e.message()).toList());
        return new KingdeeReply(o, root, code, List.copyOf(errors), problem, code == 1, false, code == 14,
                Optional.empty(), sid);
    }

    private static String sessionCookie(HttpResult http) {
        for (String c : http.headerValues("Set-Cookie")) {
            for (String part : c.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "kdservice-sessionid=", 0, "kdservice-sessionid=".length())) {
                    String v = p.substring("kdservice-sessionid=".length()).trim();
                    if (!v.isEmpty()) {
                        return v;
                    }
                }
            }
        }
        return null;
    }
}
