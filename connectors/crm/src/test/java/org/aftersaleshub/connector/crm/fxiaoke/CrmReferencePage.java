package org.aftersaleshub.connector.crm.fxiaoke;

/**
 * The hand-written part of {@code docs/connectors/crm.md}, above the generated key tables (kept here so the
 * freshness check compares the whole page).
 */
final class CrmReferencePage {

    static final String INTRO = """
            Module `connectors/crm`: the vendor-neutral CRM SPI `org.aftersaleshub.connector.crm.CrmConnector` and its
            first implementation, FXiaoKe (纷享销客), connector type and Camel scheme `fxiaoke`. Facts:
            `docs/vendor-apis/fxiaoke.md`.

            ## The SPI (shaped like Salesforce's upsert by external id)

            | call | what it does |
            |---|---|
            | `upsertByExternalKey(object, keyField, keyValue, fields)` | looks `keyField = keyValue` up, then creates (`CREATED`) or updates the one holder (`UPDATED`); more than one holder → `AMBIGUOUS`, nothing written; a refusal by the CRM → `FAILED` with its code |
            | `createIfAbsent(object, keyField, keyValue, fields)` | write-once records (a service-history entry per ticket): `CREATED`, or `EXISTED` and nothing written |
            | `upsertAll(object, keyField, records)` | one `UpsertResult` per record, in order; a refused or unanswered record is `FAILED` (with `retryable`) and the batch goes on |
            | `get(object, id)`, `findBy(object, field, value, max)`, `match(object, criteria, max)` | reads; `match` tries criteria in order (external id, then phone, then name) and the first that finds anything decides |
            | `changedSince(object, cursor, max)` | changes ordered by (`last_modified_time`, `_id`); persist `next` after processing a page: no change skipped, none read twice |

            Objects and fields are the CRM's API names (`AccountObj`, `account_no`, `ServiceRecord__c`), given by the
            caller's configuration; a name outside the API-name form is refused as invalid input before any call.
            Idempotency comes from the key lookup before every write: repeated deliveries and a redelivery after a
            lost answer find the record the first one made (a create whose answer is lost is never sent again
            blindly). Two deliveries of one new key at the very same moment can still both create; the hub's delivery
            contract processes one key at a time.

            ## Camel operations

            `fxiaoke:<instance>?operation=upsert | create-record | find | changed-since` (bodies in `CrmOperations`):
            `upsert` and `create-record` take `{"object","keyField","keyValue","fields":{..}}` and set
            `HubConnectorOutcome` (DONE, or FAILED for AMBIGUOUS and refusals), `HubDocumentNumber` (the record id)
            and `HubAlreadyExisted`; `find` takes `{"object","by":[{"field","value"},..],"max"}`; `changed-since`
            takes `{"object","cursor":{"modifiedAt","lastId"},"max"}` and answers a `ChangePage`.

            ## What the FXiaoKe implementation keeps to

            - **Tokens**: both generations (`fxiaoke.token-style`); one fetch at a time for all threads and, on the
              hub's shared token store, all hub instances — the token endpoint must never be called concurrently;
              renewed `fxiaoke.token-refresh-ahead-ms` before expiry, which is after the 6 600 s reuse window; a 20016
              answer drops the token, fetches once and repeats the call once.
            - **Envelope**: HTTP is always 200; the connector branches on `errorCode` only (20016/20005 re-auth,
              30004/14001 back off, -1/-2/50009 retry reads and report writes as unknown, 30002/30003 final).
            - **Budget**: `fxiaoke.api-calls-per-window` per API path (100 per 20 s), taken before every attempt and
              shared by hub instances through the hub's budget store.
            - **Paging**: `limit` ≤ 100, sorted by `_id`; offsets up to `fxiaoke.max-offset`, deeper pages by
              `_id GT <last id>` with offset 0; change polling uses the (`last_modified_time`, `_id`) keyset only.
            - **Writes**: `owner` (and the fields the CRM keeps itself) is never sent on update — FXiaoKe changes the
              owner only through `changeOwner`; `triggerWorkFlow` is `false` unless `fxiaoke.trigger-workflow`.
            - **Field ownership** (for the flows that use it): the CRM owns a customer's identity and contact
              fields, the hub owns service data; the flows decide which fields they pass.
            - **Callbacks**: `FxiaokeCallbackCrypto` (package `connection`) verifies and decrypts the data-change
              callback and signs the encrypted `success` reply (docs/vendor-apis/fxiaoke.md §6, vector §8); its keys
              (`FxiaokeCallbackConfig`: `aes-key`, `enterprise-account`) are set per instance under
              `hub.callbacks.instances`. The hub's flows, the callback endpoint and the polling cursor: docs/crm.md.
            - **Not yet**: invalidated (作废) records are not part of `changedSince`.
            """;

    private CrmReferencePage() {
    }
}
