-- Rate budgets, access tokens and quota counts shared by every hub instance on this database (budget package).
-- Plain SQL, the same on H2 and PostgreSQL. No row holds personal data; token values are encrypted by the hub.

-- A rate budget of N permits per period is N slots, each holding the time it was last granted (the database's
-- clock). A grant takes a slot whose time has left the window, with a conditional UPDATE on its use counter, so
-- at most N grants ever fall into one period, whichever instance makes them (a sliding window, as the platforms
-- count). Rows are created on a budget's first use and never deleted: a few dozen per budget.
create table budget_slot (
    budget     varchar(200) not null,
    slot       integer      not null,
    granted_at timestamp(6) with time zone not null,
    uses       bigint       not null,
    primary key (budget, slot)
);
create index budget_slot_oldest_idx on budget_slot (budget, granted_at);

-- One access token or session per app (TokenCache.Key: system/tenant/app). version changes with every change of the
-- token; the refresh lease (lease_owner, lease_until) is taken with a conditional UPDATE on the version the caller
-- saw, so one instance fetches while the others wait and read. failures counts fetches that failed, so waiters
-- learn of it. token_value is "v1:" + AES-GCM ciphertext (hub.budgets.token-key) or "plain:" + the token.
create table shared_token (
    token_key    varchar(512) primary key,
    token_value  varchar(4000),
    expires_at   timestamp(6) with time zone,
    version      bigint       not null,
    lease_owner  varchar(100),
    lease_until  timestamp(6) with time zone,
    failures     bigint       not null,
    refreshed_at timestamp(6) with time zone,
    refreshes    bigint       not null
);

-- Calls counted per quota and period (DingTalk's monthly API quota per app), with the limit the connector declared
-- and the connector instance counting, for hub_quota_used / hub_quota_limit and the quotas health.
create table quota_count (
    quota       varchar(200) not null,
    period      varchar(16)  not null,
    used        bigint       not null,
    quota_limit bigint       not null,
    instance    varchar(64)  not null,
    updated_at  timestamp(6) with time zone not null,
    primary key (quota, period)
);
