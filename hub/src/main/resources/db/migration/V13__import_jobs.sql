-- Excel / CSV imports of master data (导入任务, docs/import.md). A job row is the one place any hub instance reads an
-- import's progress and counts from; the instance that received the file runs it and beats heartbeat_at, so a job
-- whose instance died is found by its stale heartbeat and marked FAILED (at start and every minute).
create table import_job (
    id             varchar(36)   primary key,
    entity         varchar(32)   not null,
    mode           varchar(16)   not null,   -- ALL_OR_NOTHING | VALID_ROWS
    state          varchar(16)   not null,   -- QUEUED | RUNNING | SUCCEEDED | FAILED | PARTIAL
    phase          varchar(16),              -- CHECKING | WRITING while RUNNING
    rows_total     integer       not null,   -- data rows of the file (counted before the job is queued)
    rows_checked   integer       not null,
    rows_done      integer       not null,   -- rows written (created + updated + unchanged)
    rows_created   integer       not null,
    rows_updated   integer       not null,
    rows_unchanged integer       not null,
    rows_rejected  integer       not null,
    file_name      varchar(255),
    file_bytes     bigint        not null,
    sha256         varchar(64)   not null,
    actor          varchar(128)  not null,
    created_at     timestamp with time zone not null,
    started_at     timestamp with time zone,
    finished_at    timestamp with time zone,
    heartbeat_at   timestamp with time zone not null,
    error_summary  varchar(4000)
);
create index import_job_state_idx on import_job (state, heartbeat_at);

-- The refused rows of a job, for its error report (错误报告): the row's cells as the file had them (a JSON array of
-- strings, each cut to 1,000 characters) and its problems (a JSON array of {column, columnZh, rule, hintZh, hintEn}).
-- At most hub.imports.max-reported-rows per job; the job's rows_rejected counts them all.
create table import_row_problem (
    job_id     varchar(36)    not null references import_job (id),
    row_number integer        not null,
    cells      varchar(65536) not null,
    problems   varchar(16000) not null,
    primary key (job_id, row_number)
);
