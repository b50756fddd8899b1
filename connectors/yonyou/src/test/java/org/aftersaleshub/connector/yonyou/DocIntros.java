package org.aftersaleshub.connector.yonyou;

/** The hand-written introductions placed above the generated tables. */
final class DocIntros {

    static final String U8 = """
            Connector name `u8`, Camel scheme `u8:` (`u8:deduct`, `u8:stock`; every option below is also a URI option
            in camelCase, e.g. `appSecret`). Capabilities: stock deduction, stock query. Spec: erp-apis.md §2.

            - **Idempotency key:** `biz_id` = the part-usage id, unchanged. U8 keeps one voucher per `biz_id`, so a
              retry after a timeout, a reset, a 5xx or an unfinished async result re-posts the same `biz_id` and gets
              the original voucher back (or a duplicate errcode, listed in `u8.duplicate-errcodes`, which also counts
              as booked). `tradeid` is never used.
            - **Writes:** `otherout/add`, `sync=1` (SYNC) or `sync=0` with `url` + `ping_after` polling (ASYNC).
            - **Stock:** `currentstock/batch_get` with `invcode_begin = invcode_end` and `whcode_begin = whcode_end`;
              `qty` and `availqty` summed over batches.
            - **Token:** `/system/token`, cached per (from-account, app-key) at most 1 h 55 min, one fetch at a time.
            - **Returns:** not supported: the spec documents no other-inbound `add` for U8; `u8:compensate` answers
              FAILED (refused for good, not retried) with a reason naming the usage; book the return in U8 by hand.
            """;

    static final String YONBIP = """
            Connector name `yonbip`, Camel scheme `yonbip:` (`yonbip:deduct`, `yonbip:stock`; every option below is
            also a URI option in camelCase, e.g. `appSecret`). Capabilities: stock deduction, stock query. Spec:
            erp-apis.md §3.

            - **Idempotency key:** `resubmitCheckKey` = `ah` + the first 30 hex digits of SHA-256(part-usage id):
              32 characters (the documented maximum), deterministic. A retry re-sends the same MDD-idempotent save
              and gets the document back; the audit (`batchaudit`) is confirmed by reading the document (`detail`)
              when its answer reports a failure or is lost, so an audited document is never audited or saved twice.
              The usage id and ticket id also go into `out_sys_id` / `out_sys_code` for reconciliation.
            - **Gateway and token:** `getGatewayAddress?tenantId=` (or `gateway-url` + `token-url`), then
              `getAccessToken` on `base/v1` or the legacy path (each the fallback of the other), signed with
              Base64(HmacSHA256(appSecret, "appKey…timestamp…")), renewed at 80 % of `expire`, one fetch at a time,
              always URL-encoded as `access_token`.
            - **Errors:** HTTP 429 / 310046 / 999 "操作过于频繁" → back off and retry; 310036 (also `text/plain`
              非法token), 310001, 310037, 1090003500065 → new token, call repeated once (reads and the keyed save /
              audit); HTTP 404 / 310404 → configuration error, not retried; 1002 → not found.
            - **Stock:** `QueryCurrentStocksByCondition` (`data` is a bare array), `currentqty` / `availableqty`.
            - **Returns:** not supported: the spec documents no other-inbound API for YonBIP; `yonbip:compensate`
              answers FAILED (refused for good, not retried) with a reason naming the usage; book it in YonBIP by hand.
            """;

    private DocIntros() {
    }
}
