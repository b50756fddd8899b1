-- Photos an engineer adds on the field page (现场页面, docs/field-page.md). Kept in the database, not on a disk, because
-- several hub instances serve the same links; each photo is at most hub.field-page.max-photo-bytes (5 MB by default)
-- and a ticket holds at most hub.field-page.max-photos-per-ticket. The same picture sent twice (a double submit, a
-- re-sent form) is one row: the content hash is unique per ticket.

create table field_photo (
    id           varchar(36)  primary key,
    ticket_id    varchar(36)  not null references ticket (id),
    staff_id     varchar(64)  not null,   -- the engineer whose signed link added it
    content_type varchar(32)  not null,   -- image/jpeg | image/png | image/webp, from the file's own bytes
    size_bytes   integer      not null,
    sha256       varchar(64)  not null,
    file_name    varchar(255),            -- as the phone sent it, shown only
    content      bytea        not null,
    created_at   timestamp with time zone not null,
    constraint field_photo_content_uq unique (ticket_id, sha256)
);
create index field_photo_ticket_idx on field_photo (ticket_id, created_at);
