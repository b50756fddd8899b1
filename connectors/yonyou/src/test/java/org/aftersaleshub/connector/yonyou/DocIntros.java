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
            - **Returns:** not supported: the spec documents no other-inbound `add` for U8; `u8:compensate` fails
              with a not-retryable error naming the usage.
            """;

    private DocIntros() {
    }
}
