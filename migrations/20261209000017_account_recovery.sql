-- Accounts people can recover (issue 18): an email address is verified by a link sent to it,
-- and a forgotten password is reset by one.
--
-- `account.email_verified_at`: when the owner proved the address is theirs (a verification
-- or reset link used, or an admin made by the command line). Tickets are only bought, and so
-- only emailed, with it set. Accounts made before verification existed are taken as verified
-- from their creation: they have been receiving tickets at that address all along.
--
-- `account_token`: single-use links, stored as the SHA-256 of the token in the link (a copy
-- of this table opens nothing), each for one purpose, until `expires_at`; `used_at` is set by
-- the guarded update that uses it, so a link works once however often it is clicked.
alter table account add column email_verified_at timestamptz;
update account set email_verified_at = created_at;

create table account_token (
    token_hash bytea primary key check (length(token_hash) = 32),
    account_id uuid not null references account (account_id) on delete cascade,
    purpose text not null check (purpose in ('verify_email', 'reset_password')),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    check (expires_at > created_at)
);

create index account_token_account_idx on account_token (account_id, purpose);
create index account_token_expires_at_idx on account_token (expires_at);
