-- Cluster-wide coordination of the contacts sync and the IT alerts, in the database every hub instance shares.

-- ShedLock's table (net.javacrumbs.shedlock, JdbcTemplateLockProvider with database time): one row per lock name.
-- staff-sync:<instance> is held while a sync of that connector instance runs (any hub instance, scheduled or on
-- demand); staff-sync-schedule:<instance> is held for half the interval after a scheduled sync started, so the
-- schedules of several hub instances make one sync per interval.
create table staff_sync_lock (
    name       varchar(128) primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- IT alerts (运维告警) already raised: an alert key (backlog:<queue>, credentials:<instance>) is announced by one
-- hub instance at most once per hub.notify.alerts.repeat-after; last_value is the highest dead-letter id announced
-- (key dead-letters), claimed by compare-and-set.
create table notify_alert (
    alert_key  varchar(200) primary key,
    raised_at  timestamp with time zone not null,
    last_value bigint
);
