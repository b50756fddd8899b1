package org.aftersaleshub.connector.wecom.connection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One WeCom answer: HTTP 200 with {@code errcode} and {@code errmsg} (docs/vendor-apis/wecom.md §2.3) and the API's own
 * fields. {@code errmsg} carries a live suffix (hint, caller IP): show it, never parse it.
 */
public record WeComReply(int errcode, String errmsg, JsonNode body) {

    public boolean ok() {
        return errcode == 0;
    }

    /** "errcode 81013 (user & party & tag all invalid, hint: ...)" for messages. */
    public String describe() {
        return "errcode " + errcode + " (" + errmsg + ")";
    }
}
