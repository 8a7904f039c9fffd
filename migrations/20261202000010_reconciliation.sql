-- Finance reconciliation: a discrepancy (an under- or overpayment, a late payment, a receipt
-- reorged out or for no order of ours, ...) that someone has dealt with is marked resolved with
-- a note, and the audit log records who did it.

-- One per receipt and discrepancy: `rail` and `receipt_ref` name the receipt as the
-- reconciliation ledger does (card: the checkout id; btc: txid:vout; eth: tx hash:log index;
-- card orphans: the webhook event). A receipt that later shows another discrepancy (reorged,
-- then confirmed short) is open again until that one is resolved too.
create table discrepancy_resolution (
    rail text not null check (rail in ('card', 'btc', 'eth')),
    receipt_ref text not null check (length(receipt_ref) between 1 and 300),
    -- The discrepancy as it was when resolved.
    class text not null check (class in (
        'underpaid', 'overpaid', 'paid_late', 'sold_out', 'refund_due', 'reorged', 'orphan', 'not_confirmed'
    )),
    note text not null check (length(btrim(note)) between 1 and 2000),
    resolved_by uuid references account (account_id) on delete set null,
    resolved_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (rail, receipt_ref, class)
);

-- The audit log records more than event changes now: what the entry is about, for entries
-- that are not about an event.
alter table audit_log alter column event_id drop not null,
    add column subject text check (length(subject) <= 300),
    drop constraint audit_log_action_check,
    add constraint audit_log_action_check check (action in (
        'event.create', 'event.edit', 'event.delete', 'discrepancy.resolve'
    )),
    add constraint audit_log_about_check check (
        (action like 'event.%' and event_id is not null) or (action = 'discrepancy.resolve' and subject is not null)
    );
