-- People who sign in to the operations console (/console, docs/console.md). API keys stay for automation.
-- password_hash is Spring Security's delegating format ({bcrypt}...). Failed sign-ins and the lock live here, not in
-- memory, so every hub instance refuses a locked account alike.
create table console_user (
    username        varchar(64)  primary key,
    password_hash   varchar(255) not null,
    role            varchar(16)  not null,
    -- supervisor scope: comma-separated service regions and staff teams (empty for admin and viewer)
    regions         varchar(1000),
    teams           varchar(1000),
    failed_attempts integer      not null default 0,
    locked_until    timestamp with time zone,
    created_at      timestamp with time zone not null,
    created_by      varchar(128) not null
);

-- The KPI figures read the history of the period by status and time (when tickets first reached ACCEPTED / RESOLVED,
-- how often they entered IN_PROGRESS) instead of grouping the whole history (docs/console-benchmark.md).
create index status_history_reached_idx on status_history (to_status, changed_at, ticket_id);
