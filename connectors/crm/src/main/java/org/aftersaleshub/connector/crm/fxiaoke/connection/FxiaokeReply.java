package org.aftersaleshub.connector.crm.fxiaoke.connection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer in FXiaoKe's envelope (docs/vendor-apis/fxiaoke.md §4.1): HTTP is always 200 and {@code errorCode}
 * carries the outcome, 0 meaning success. Code branches on {@link #errorCode()} only; {@link #errorMessage()} is for
 * people (the vendor's messages are inconsistent, docs/vendor-apis/fxiaoke.md §4.3).
 */
public record FxiaokeReply(int errorCode, String errorMessage, String traceId, JsonNode body) {

    public boolean ok() {
        return errorCode == 0;
    }

    /** "errorCode 10006: … (traceId E-O.…)" for logs and results. */
    public String describe() {
        return "errorCode " + errorCode + ": " + errorMessage + (traceId.isEmpty() ? "" : " (traceId " + traceId + ")");
    }

    /** The envelope of {@code n}, or null when it is not one (a proxy page, a 302 HTML body). */
    static FxiaokeReply of(JsonNode n) {
        if (n == null || !n.isObject() || !n.has("errorCode") || !n.get("errorCode").canConvertToInt()) {
            return null;
        }
        return new FxiaokeReply(n.get("errorCode").asInt(), n.path("errorMessage").asText(""),
                n.path("traceId").asText(""), n);
    }
}
