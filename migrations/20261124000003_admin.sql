-- The admin console: who changed what in the catalog, and when.

create table audit_log (
    audit_log_id bigint generated always as identity primary key,
    -- Kept when the admin's account is gone; the row still says what happened.
    account_id uuid references account (account_id) on delete set null,
    action text not null check (action in ('event.create', 'event.edit', 'event.delete')),
    event_id uuid not null,
    -- The event as JSON before and after the change (null before a create, after a delete).
    before jsonb,
    after jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (before is not null or after is not null)
);

create index audit_log_event_idx on audit_log (event_id, created_at);
create index audit_log_created_at_idx on audit_log (created_at desc);
