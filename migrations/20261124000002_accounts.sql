-- Accounts and their sessions.
--
-- Emails are unique without regard to case ("Ana@Example.org" and "ana@example.org" are one
-- person) but kept as typed. Passwords are stored only as argon2id PHC strings. A session is
-- stored under the SHA-256 of its cookie value, so a copy of this table opens no session.

create table account (
    account_id uuid primary key,
    email text not null
        check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    name text not null check (length(btrim(name)) between 1 and 100 and name = btrim(name)),
    password_hash text not null check (password_hash like '$argon2id$%'),
    role text not null default 'customer' check (role in ('customer', 'admin')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create unique index account_email_key on account (lower(email));

create table session (
    -- hex SHA-256 of the cookie's random token.
    session_id text primary key check (session_id ~ '^[0-9a-f]{64}$'),
    account_id uuid not null references account (account_id) on delete cascade,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (expires_at > created_at)
);

create index session_account_idx on session (account_id);
create index session_expires_at_idx on session (expires_at);
