-- SLA compliance from the KPI fact row alone (docs/console.md, docs/console-benchmark.md): the ticket's current
-- deadlines, whether its resolution clock is paused (WAITING_PARTS, ticket_sla.paused_since) and whether it was
-- cancelled, kept in ticket_kpi by TicketService in the transaction of every change that sets or recomputes the
-- deadlines (creation, assignment, status and priority changes; the pause and resume are status changes). The
-- compliance query then reads one index-only range scan by created_at instead of 80,000 key lookups into ticket and
-- ticket_sla per call (1.5 s p95 at 1,000,000 tickets before).
alter table ticket_kpi add column response_due_at timestamp with time zone;
alter table ticket_kpi add column resolution_due_at timestamp with time zone;
-- the resolution clock is paused now (resolution_due_at is then null: it moves on at the resume)
alter table ticket_kpi add column resolution_paused boolean not null default false;
-- CANCELLED (final): a deadline not reached is not judged
alter table ticket_kpi add column cancelled boolean not null default false;

-- Rebuilt after the backfill rather than maintained through it.
drop index ticket_kpi_created_idx;

-- Backfill from the ticket and its SLA row (one key lookup each per fact row; standard SQL for H2 and PostgreSQL).
update ticket_kpi set (response_due_at, resolution_due_at, resolution_paused, cancelled) =
    (select t.response_due_at, t.resolution_due_at,
            coalesce((select s.paused_since is not null from ticket_sla s where s.ticket_id = t.id), false),
            t.status = 'CANCELLED'
     from ticket t where t.id = ticket_kpi.ticket_id);

-- The period's rows by creation time with every column the durations, first-fix and SLA figures read: both are
-- index-only range scans on PostgreSQL.
create index ticket_kpi_created_idx on ticket_kpi (created_at, region, channel, accepted_at, resolved_at, arrivals,
                                                   reopened, response_due_at, resolution_due_at, resolution_paused,
                                                   cancelled);
