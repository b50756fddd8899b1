-- Customers kept in step with the CRM (package crm, docs/crm.md). Same SQL on H2 and PostgreSQL (see V1).

-- Where the polling reconciliation of one CRM object stands, per connector instance: after the record last_id
-- modified at modified_at (epoch ms, the CRM's last_modified_time). Written after each page is applied, in the same
-- transaction as the customers it changed, so a restart goes on from there: no change skipped, none read twice.
create table crm_sync_cursor (
    instance_name varchar(63)  not null,
    object_name   varchar(100) not null,
    modified_at   bigint       not null,
    last_id       varchar(64)  not null,
    polled_at     timestamp with time zone not null,
    primary key (instance_name, object_name)
);

-- ShedLock's table, as staff_sync_lock (V8): crm-poll:<instance> is held while one hub instance polls, so all hub
-- instances together run one poll at a time.
create table crm_sync_lock (
    name       varchar(128) primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- What the hub last wrote to the CRM for a customer (CustomerChanged -> upsert): a hash of the fields sent. An
-- event whose fields hash the same sends nothing again (repeated events, and a change that came from the CRM and
-- leaves the hub's own fields as they were).
create table crm_customer_sent (
    customer_id   varchar(64)  primary key references customer (id),
    instance_name varchar(63)  not null,
    sent_hash     varchar(64)  not null,
    crm_id        varchar(64),
    sent_at       timestamp with time zone not null
);
