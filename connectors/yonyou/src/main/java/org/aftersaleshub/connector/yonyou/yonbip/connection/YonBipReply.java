package org.aftersaleshub.connector.yonyou.yonbip.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;

/**
 * A YonBIP gateway answer, classified (docs/vendor-apis/yonyou-yonbip.md §4.4): the envelope
 * {@code {"code":"200","message","data"}} with string codes, business errors on HTTP 200, and the exceptions 404/310404
 * and 429/310046.
 *
 * @param kind    what the answer means for the caller
 * @param code    the envelope code, or the HTTP status when there is no envelope; never null
 * @param message the envelope message or a short problem text; never null
 * @param body    the parsed envelope, or null
 */
public record YonBipReply(Kind kind, String code, String message, JsonNode body) {

    public enum Kind {
        /** {@code code "200"} (or {@code "00000"} on open-auth). */
        OK,
        /** 310036 / 310001 / 1090003500065 / 310037 or a {@code text/plain 非法token}: refresh the token. */
        TOKEN_INVALID,
        /** HTTP 429, 310046, or 999 "操作过于频繁": back off and try again. */
        RATE_LIMITED,
        /** 999 without "too frequent": the generic 系统异常, retried a few times, then reported. */
        SYSTEM_ERROR,
        /** 1002 数据不存在. */
        NOT_FOUND,
        /** HTTP 404 / 310404: the path is not registered on the gateway (configuration). */
        NO_SUCH_API,
        /** Any other code: the gateway or the service refused the request. */
        REFUSED,
        /** No answer or an answer that cannot be read: see {@link HttpResult#outcome()}. */
        TRANSPORT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return kind == Kind.OK;
    }

    /** The envelope's {@code data}, or null when there is no envelope. */
    public JsonNode data() {
        return body == null ? null : body.path("data");
    }

    /** Classifies one exchange (see the class comment). */
    public static YonBipReply of(HttpResult r) {
        JsonNode n = null;
        if (r.status() != 0) {
            try {
                JsonNode parsed = JSON.readTree(r.body() == null ? "" : r.body().strip());
                n = parsed != null && parsed.isObject() && parsed.has("code") ? parsed : null;
            } catch (Exception ignored) {
                // not JSON: a text/plain token error, an HTML proxy page
            }
        }
        if (n == null) {
            if (r.status() == 429) {
                return new YonBipReply(Kind.RATE_LIMITED, "429", r.problem(), null);
            }
            if (r.status() == 404) {
                return new YonBipReply(Kind.NO_SUCH_API, "404", r.problem(), null);
            }
            if (r.status() == 200 && r.body() != null && r.body().contains("非法token")) {
                return new YonBipReply(Kind.TOKEN_INVALID, "310036", "非法token", null);
            }
            return new YonBipReply(Kind.TRANSPORT, String.valueOf(r.status()),
                    r.isSuccess() ? "unreadable answer (HTTP " + r.status() + ")" : r.problem(), null);
        }
        String code = n.path("code").asText();
        String message = n.path("message").asText("");
        Kind kind = switch (code) {
            case "200", "00000" -> Kind.OK;
            case "310036", "310001", "310037", "1090003500065" -> Kind.TOKEN_INVALID;
            case "310046" -> Kind.RATE_LIMITED;
            case "310404" -> Kind.NO_SUCH_API;
            case "1002" -> Kind.NOT_FOUND;
            case "999" -> message.contains("频繁") ? Kind.RATE_LIMITED : Kind.SYSTEM_ERROR;
            default -> r.status() == 429 ? Kind.RATE_LIMITED : r.status() == 404 ? Kind.NO_SUCH_API : Kind.REFUSED;
        };
        return new YonBipReply(kind, code, message, n);
    }

    /** What the kit's classification makes of a non-OK answer. */
    public Outcome outcome(HttpResult r, boolean write) {
        return switch (kind) {
            case OK -> Outcome.SUCCESS;
            case TOKEN_INVALID, RATE_LIMITED, SYSTEM_ERROR -> Outcome.RETRYABLE;
            case NOT_FOUND, NO_SUCH_API, REFUSED -> Outcome.NOT_RETRYABLE;
            case TRANSPORT -> r.isSuccess() ? (write ? Outcome.OUTCOME_UNKNOWN : Outcome.RETRYABLE) : r.outcome();
        };
    }

    /** A quantity as YonBIP writes it: a JSON number or numeric text; missing, null or blank is zero. */
    public static BigDecimal quantity(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        String t = n.asText("").trim();
        return t.isEmpty() ? BigDecimal.ZERO : new BigDecimal(t);
    }
}
