package org.aftersaleshub.connector.yonyou.u8.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/**
 * A U8 answer body: {@code {"errcode":"0","errmsg":"..."...}}. The code is a string ({@code "0"} = success) and the
 * body is JSON even when the server labels it {@code text/html} (docs/vendor-apis/yonyou-u8.md §2.4), so the content
 * type is ignored.
 *
 * @param errcode the code as text, never null
 * @param errmsg  the message, never null
 * @param body    the whole body
 */
public record U8Reply(String errcode, String errmsg, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return "0".equals(errcode);
    }

    /** ASYNC mode: the answer is "processing" and names the {@code url} to read the result from. */
    public boolean pending() {
        return ok() && body.hasNonNull("url");
    }

    /** The parsed body, or null when it is not a JSON object with an {@code errcode} (an HTML error page). */
    public static U8Reply parse(String text) {
        try {
            JsonNode n = JSON.readTree(text == null ? "" : text.strip());
            if (n == null || !n.isObject() || !n.has("errcode")) {
                return null;
            }
            return new U8Reply(n.path("errcode").asText(), n.path("errmsg").asText(""), n);
        } catch (Exception e) {
            return null;
        }
    }

    /** A quantity as U8 writes it: a JSON number or numeric text; missing, null or blank is zero. */
    public static BigDecimal quantity(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        String t = n.asText("").trim();
        return t.isEmpty() ? BigDecimal.ZERO : new BigDecimal(t);
    }
}
