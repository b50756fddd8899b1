-- A replayed 201 must carry the same Location header as the first answer.
alter table idempotency_record add column response_location varchar(1024);
