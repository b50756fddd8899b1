-- The retention purger (ops.RetentionPurger) deletes rows older than their retention, in small batches, by their
-- timestamp: these let it find them without reading the whole table. audit_log (at), idempotency_record
-- (created_at) and outbox (published_at, id) have such an index already. Plain CREATE INDEX: the same statement on
-- H2 and PostgreSQL.
create index delivery_journal_occurred_idx on delivery_journal (occurred_at);
create index dead_letter_created_idx on dead_letter (created_at);
