-- One KPI fact row per ticket (docs/console.md, docs/console-benchmark.md): what the dashboard's first-response,
-- resolution and first-fix figures need, written by TicketService in the same transaction as the creation or status
-- change that sets it (ticket.TicketKpiFacts), so the figures read one narrow table by creation time instead of
-- aggregating the status history (about one second at 1,000,000 tickets).
create table ticket_kpi (
    ticket_id   varchar(36) primary key references ticket (id),
    created_at  timestamp with time zone not null,
    channel     varchar(16) not null,
    region      varchar(64) not null,
    -- first time the ticket reached ACCEPTED (首次响应) and RESOLVED (解决); later ones do not move them
    accepted_at timestamp with time zone,
    resolved_at timestamp with time zone,
    -- arrivals (到场): entries into IN_PROGRESS from ACCEPTED or back from WAITING_PARTS; a reopen is not counted
    arrivals    integer not null default 0,
    -- RESOLVED → IN_PROGRESS (重新打开) happened at least once
    reopened    boolean not null default false
);
-- The period's rows by creation time, with every column the figures read: an index-only range scan on PostgreSQL.
create index ticket_kpi_created_idx on ticket_kpi (created_at, region, channel, accepted_at, resolved_at, arrivals,
                                                   reopened);

-- Backfill from the history of existing tickets (one pass, grouped by ticket).
insert into ticket_kpi (ticket_id, created_at, channel, region, accepted_at, resolved_at, arrivals, reopened)
select t.id, t.created_at, t.channel, t.region, h.accepted_at, h.resolved_at, coalesce(h.arrivals, 0),
       coalesce(h.reopens, 0) > 0
from ticket t
left join (select ticket_id,
                  min(case when to_status = 'ACCEPTED' then changed_at end) as accepted_at,
                  min(case when to_status = 'RESOLVED' then changed_at end) as resolved_at,
                  sum(case when to_status = 'IN_PROGRESS' and from_status in ('ACCEPTED', 'WAITING_PARTS')
                           then 1 else 0 end) as arrivals,
                  sum(case when to_status = 'IN_PROGRESS' and from_status = 'RESOLVED' then 1 else 0 end) as reopens
           from status_history
           group by ticket_id) h on h.ticket_id = t.id;
