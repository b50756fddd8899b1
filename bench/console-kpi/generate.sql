-- 1,000,000 tickets over 365 days; 70 % resolved (1 in 7 of those with a WAITING_PARTS round trip, 1 in 20
-- reopened and resolved again), 10 % in progress. Run on the schema of V1–V16; V17 (ticket_kpi) is applied after it.
insert into ticket (id, number, channel, customer_id, fault_type, priority, region, status, assignee_id, created_at,
                    updated_at, version, response_due_at, resolution_due_at)
select 't' || g, 'T' || g, (array['WEB','MOBILE_APP','CALL_CENTER','WECHAT','DINGTALK'])[1 + g % 5], 'C' || (g % 50000),
       '制冷异常', 'NORMAL', (array['华东','华南','华北','西南','华中','西北'])[1 + g % 6],
       case when g % 10 < 7 then 'RESOLVED' when g % 10 = 7 then 'IN_PROGRESS' when g % 10 = 8 then 'ASSIGNED' else 'NEW' end,
       case when g % 10 < 9 then 'eng-' || (g % 400) end,
       now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
       now(), 1,
       -- SLA deadlines (V15 era): 4 h to accept, 48 h to resolve; 1 in 10 tickets without a policy (no deadlines)
       case when g % 10 <> 3 then now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second'
                                  + interval '4 hours' end,
       case when g % 10 <> 3 then now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second'
                                  + interval '48 hours' end
from generate_series(1, 1000000) g;
-- the SLA row of every ticket with a policy (the compliance query joins it for the pause)
insert into ticket_sla (ticket_id, policy_id, paused_seconds, updated_at)
select id, 'standard', 0, now() from ticket where response_due_at is not null;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, null, 'NEW', null, 'api', id, created_at from ticket;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'NEW', 'ASSIGNED', assignee_id, 'api', id, created_at + interval '5 minutes' from ticket where assignee_id is not null;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'ASSIGNED', 'ACCEPTED', assignee_id, 'api', id, created_at + (10 + (hashtext(id) & 255)) * interval '1 minute'
from ticket where status in ('RESOLVED', 'IN_PROGRESS');
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'ACCEPTED', 'IN_PROGRESS', assignee_id, 'api', id, created_at + interval '6 hours' from ticket where status in ('RESOLVED', 'IN_PROGRESS');
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'IN_PROGRESS', 'WAITING_PARTS', assignee_id, 'api', id, created_at + interval '7 hours' from ticket
where status = 'RESOLVED' and hashtext(id) % 7 = 0;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'WAITING_PARTS', 'IN_PROGRESS', assignee_id, 'api', id, created_at + interval '30 hours' from ticket
where status = 'RESOLVED' and hashtext(id) % 7 = 0;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'IN_PROGRESS', 'RESOLVED', assignee_id, 'api', id, created_at + (20 + (hashtext(id) & 63)) * interval '1 hour'
from ticket where status = 'RESOLVED';
-- 1 in 20 resolved tickets reopened (重新打开) a day later and resolved again
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'RESOLVED', 'IN_PROGRESS', assignee_id, 'api', id, created_at + interval '90 hours' from ticket
where status = 'RESOLVED' and hashtext(id) % 20 = 1;
insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, event_id, changed_at)
select id, 'IN_PROGRESS', 'RESOLVED', assignee_id, 'api', id, created_at + interval '100 hours' from ticket
where status = 'RESOLVED' and hashtext(id) % 20 = 1;
insert into delivery_journal (event_id, ticket_id, event_type, route_id, target, idempotency_key, attempt, outcome,
                              latency_ms, occurred_at)
select id || '-' || k, id, 'TicketCreated', 'outbound-webhook', 'erp-bridge', id, 1,
       case when hashtext(id || k) % 33 = 0 then 'FAILED' else 'SUCCESS' end, 40, created_at + interval '1 second'
from ticket, generate_series(1, 2) k;
insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target, idempotency_key, payload,
                         error, attempts, status, created_at)
select id, id, 'TicketCreated', 'outbound-webhook', 'q', 'erp-bridge', id, '{}', 'HTTP 500', 6, 'OPEN', created_at
from ticket where hashtext(id) % 500 = 0;
insert into part_usage (id, ticket_id, part_sku, quantity, unit, warehouse, state, recorded_at, updated_at)
select 'u' || id, id, 'SP-' || (hashtext(id) & 127), 1 + (hashtext(id) & 3), 'PCS', 'WH01', 'DEDUCTED',
       created_at + interval '8 hours', now()
from ticket where status = 'RESOLVED' and hashtext(id) % 3 = 0;
-- satisfaction surveys: 1 in 3 resolved tickets answered three days after creation, scores 1 to 5
insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score)
select id, created_at + interval '2 days', created_at + interval '9 days', created_at + interval '3 days',
       1 + abs(hashtext(id || 's')) % 5
from ticket where status = 'RESOLVED' and hashtext(id) % 3 = 1;
analyze;
