package org.aftersaleshub.connector.yonyou.u8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A U8 answer body: {@code {"errcode":"0","errmsg":"..."...}}. The code is a string ({@code "0"} = success) and the
 * body is JSON even when the server labels it {@code text/html} (§2.1), so the content type is ignored.
 *
 * @param errcode the code as text, never null
 * @param errmsg  the message, never null
 * @param body    the whole body
 */
record U8Reply(String errcode, String errmsg, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean ok() {
        return "0".equals(errcode);
    }

    /** The parsed body, or null when it is not a JSON object with an {@code errcode} (an HTML error page). */
    static U8Reply parse(String text) {
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
}
