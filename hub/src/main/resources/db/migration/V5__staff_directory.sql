-- Staff directory (人员目录): engineers, supervisors, service directors. Filled by the REST API now, later by the
-- DingTalk / WeCom contacts sync and the master-data import; each of those upserts by its own key, so each key is
-- unique when present (a unique constraint lets any number of NULLs through on both H2 and PostgreSQL).
-- Rows are never deleted: tickets keep referring to people who left (active = false).

create table staff (
    id                varchar(36)  primary key,
    employee_no       varchar(64)  unique,
    name              varchar(64)  not null,
    phone             varchar(32),
    region            varchar(64),
    team              varchar(64),
    supervisor_id     varchar(36)  references staff (id),
    dingtalk_user_id  varchar(64)  unique,
    wecom_user_id     varchar(64)  unique,
    preferred_channel varchar(16)  not null,
    active            boolean      not null,
    source            varchar(16)  not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    deactivated_at    timestamp with time zone,
    version           bigint       not null
);
create index staff_name_idx on staff (name, id);
create index staff_region_idx on staff (region);
create index staff_team_idx on staff (team);
create index staff_supervisor_idx on staff (supervisor_id);

-- Skills and roles are lists searched by value, so they are rows, not a joined string.
create table staff_skill (
    staff_id varchar(36) not null references staff (id),
    skill    varchar(64) not null,
    primary key (staff_id, skill)
);
create index staff_skill_idx on staff_skill (skill);

create table staff_role (
    staff_id varchar(36) not null references staff (id),
    role     varchar(32) not null,
    primary key (staff_id, role)
);
create index staff_role_idx on staff_role (role);
