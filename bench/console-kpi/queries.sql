-- The dashboard's queries as KpiService sends them (PostgreSQL), for the last 30 days and all regions;
-- :start and :end are the period's bounds. kpi-bench.sh runs each EXECUTE 20 times with \timing.
prepare created(timestamptz, timestamptz) as
  select count(*) from ticket t where t.created_at >= $1 and t.created_at < $2;
prepare per_day(timestamptz, timestamptz) as
  select cast(t.created_at as date), t.channel, count(*) from ticket t where t.created_at >= $1 and t.created_at < $2
  group by cast(t.created_at as date), t.channel order by 1, 2;
prepare backlog as
  select t.status, t.region, count(*) from ticket t where t.status not in ('RESOLVED', 'CLOSED', 'CANCELLED')
  group by t.status, t.region order by 1, 2;
prepare durations(timestamptz, timestamptz) as
  select count(x.acc), percentile_cont(0.5) within group (order by x.acc),
         percentile_cont(0.9) within group (order by x.acc), count(x.res),
         percentile_cont(0.5) within group (order by x.res), percentile_cont(0.9) within group (order by x.res),
         coalesce(sum(case when x.res is not null and x.arrivals = 1 and not x.reopened then 1 else 0 end), 0)
  from (select extract(epoch from (k.accepted_at - k.created_at)) as acc,
               extract(epoch from (k.resolved_at - k.created_at)) as res, k.arrivals, k.reopened
        from ticket_kpi k where k.created_at >= $1 and k.created_at < $2) x;
prepare durations_region(timestamptz, timestamptz, varchar) as
  select count(x.acc), percentile_cont(0.5) within group (order by x.acc),
         percentile_cont(0.9) within group (order by x.acc), count(x.res),
         percentile_cont(0.5) within group (order by x.res), percentile_cont(0.9) within group (order by x.res),
         coalesce(sum(case when x.res is not null and x.arrivals = 1 and not x.reopened then 1 else 0 end), 0)
  from (select extract(epoch from (k.accepted_at - k.created_at)) as acc,
               extract(epoch from (k.resolved_at - k.created_at)) as res, k.arrivals, k.reopened
        from ticket_kpi k where k.created_at >= $1 and k.created_at < $2 and k.region = $3) x;
prepare failures(timestamptz, timestamptz) as
  select cast(j.occurred_at as date), j.outcome, count(*) from delivery_journal j
  where j.occurred_at >= $1 and j.occurred_at < $2 and j.outcome in ('FAILED', 'DEAD_LETTER')
  group by cast(j.occurred_at as date), j.outcome order by 1, 2;
prepare dead_letters as
  select count(*) from dead_letter d where d.status = 'OPEN';
prepare engineer_load as
  select l.assignee_id, (select max(s.name) from staff s where s.id = l.assignee_id), l.open_tickets
  from (select t.assignee_id, count(*) as open_tickets from ticket t where t.assignee_id is not null
        and t.status in ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_PARTS')
        group by t.assignee_id order by 2 desc, 1 limit 10) l order by 3 desc, 1;
prepare top_parts(timestamptz, timestamptz) as
  select u.part_sku, sum(u.quantity) from part_usage u where u.recorded_at >= $1 and u.recorded_at < $2
  group by u.part_sku order by 2 desc, 1 limit 10;
prepare sla(timestamptz, timestamptz, timestamptz) as
  select count(*), count(k.response_due_at), sum(case when k.accepted_at <= k.response_due_at then 1 else 0 end),
         sum(case when k.accepted_at > k.response_due_at or (k.accepted_at is null and k.response_due_at < $3
             and not k.cancelled) then 1 else 0 end),
         sum(case when k.resolution_due_at is null and k.resolution_paused then 1 else 0 end),
         count(k.resolution_due_at), sum(case when k.resolved_at <= k.resolution_due_at then 1 else 0 end),
         sum(case when k.resolved_at > k.resolution_due_at or (k.resolved_at is null and k.resolution_due_at < $3
             and not k.cancelled) then 1 else 0 end)
  from ticket_kpi k
  where k.created_at >= $1 and k.created_at < $2;
prepare satisfaction(timestamptz, timestamptz) as
  select cast(s.answered_at as date), count(*), sum(s.score), sum(case when s.score <= 2 then 1 else 0 end)
  from ticket_survey s where s.answered_at >= $1 and s.answered_at < $2 and s.score is not null
  group by cast(s.answered_at as date);
