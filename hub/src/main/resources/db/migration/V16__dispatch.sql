-- Dispatch (自动派工) by the rules in rules/dispatch.yaml. Both tables are written in the transaction that assigns
-- the ticket, so every hub instance sees one round-robin position and one decision per ticket.

-- Where each rule's round robin stands (per rule and region of choice): the last engineer it picked among equally
-- loaded candidates. Locked (select ... for update) by the assigning transaction, never held in JVM memory.
create table dispatch_round_robin (
    position_key  varchar(200) primary key,
    last_staff_id varchar(36),
    turns         bigint       not null,
    updated_at    timestamp with time zone not null
);

-- What dispatch did with a ticket, once: ASSIGNED by a rule (or the fallback team), or QUEUED in the fallback queue
-- (待分派) for a person to pick up. The primary key makes a second dispatch of the same ticket a no-op.
create table dispatch_decision (
    ticket_id  varchar(36)  primary key references ticket (id),
    outcome    varchar(16)  not null,
    rule_name  varchar(128),
    staff_id   varchar(36),
    queue      varchar(64),
    decided_at timestamp with time zone not null
);
create index dispatch_decision_queue_idx on dispatch_decision (queue, decided_at);
