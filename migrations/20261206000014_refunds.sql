-- Money goes back: a refund is a record of its own, with its own state machine
--
--   requested ──sent to the provider──▶ sent ──▶ succeeded | failed
--       └──────────── cancelled (only before it was ever handed to the provider)
--
-- (a provider may answer "succeeded" or "failed" at once: requested moves straight there).
-- Amounts are in the unit the money goes back in: minor units of the payment's currency for
-- cards (converted to Stripe's own unit when sent), satoshis for bitcoin, wei or token units
-- for the contract. The refunds of one payment never add up to more than it received; that
-- is checked, under a lock of the payment row, by the statement that records the request
-- (core/src/refund).
create table refund (
    refund_id uuid primary key,
    -- What the money answers: an order's payment, or card money for no order of ours.
    order_id uuid references customer_order (order_id),
    payment_id uuid references payment (payment_id),
    unmatched_payment_id uuid references unmatched_payment (unmatched_payment_id),
    rail text not null check (rail in ('card', 'btc', 'eth')),
    -- `EUR`, `BTC`, `ETH`, `USDC`, ...; decimals is the exponent of the amount's unit.
    asset text not null check (asset ~ '^[A-Z0-9]{1,11}$'),
    decimals integer not null check (decimals between 0 and 36),
    amount numeric(78, 0) not null check (amount > 0),
    reason text not null check (reason in (
        'requested_by_customer', 'admin', 'event_cancelled', 'money_due_back', 'outside'
    )),
    -- What made the money due back, for `money_due_back` (payment.refund_reason, `overpaid`,
    -- `unmatched`).
    detail text check (length(detail) <= 200),
    -- Who asked; null for refunds the provider reported (made in its dashboard).
    requested_by uuid references account (account_id) on delete set null,
    -- Double clicks and retries ask once.
    idempotency_key text not null unique check (length(idempotency_key) between 1 and 255),
    status text not null default 'requested'
        check (status in ('requested', 'sent', 'succeeded', 'failed', 'cancelled')),
    -- The provider's name for it: Stripe's `re_…`, BTCPay's pull payment id.
    provider_ref text check (length(provider_ref) between 1 and 255),
    -- Bitcoin: where the customer claims it with their own address (BTCPay's pull payment
    -- page), and the transaction that sent it once paid out.
    claim_url text check (length(claim_url) between 1 and 2048),
    payout_txid text check (payout_txid ~ '^[0-9a-f]{64}$'),
    failure_reason text check (length(failure_reason) <= 500),
    -- The tickets it gives back (voided when it is requested).
    ticket_ids uuid[] not null default '{}',
    -- A checked-in ticket refunded anyway, by an admin's explicit choice.
    checked_in_override boolean not null default false,
    -- Handed to the provider at least once (from then on it may exist there, so it can no
    -- longer be cancelled), and the lease of whoever is sending it now.
    send_attempted_at timestamptz,
    sending_until timestamptz,
    sent_at timestamptz,
    settled_at timestamptz,
    -- The customer's email about it (sent by the ticketing process once it succeeded): when it
    -- was accepted, the attempts so far and the last error, and the lease of the worker on it.
    notified_at timestamptz,
    notice_attempts integer not null default 0 check (notice_attempts >= 0),
    notice_error text check (length(notice_error) <= 1000),
    notice_lease_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((payment_id is null) <> (unmatched_payment_id is null)),
    check ((payment_id is null) or (order_id is not null)),
    check (status not in ('succeeded', 'failed') or settled_at is not null),
    check (status <> 'sent' or provider_ref is not null),
    unique (rail, provider_ref)
);

create index refund_order_idx on refund (order_id, created_at);
create index refund_payment_idx on refund (payment_id) where payment_id is not null;
create index refund_open_idx on refund (created_at) where status in ('requested', 'sent');
create index refund_created_idx on refund (created_at desc, refund_id);
create index refund_notice_idx on refund (created_at)
    where status in ('sent', 'succeeded') and order_id is not null and notified_at is null;

-- A ticket stops admitting anyone when it is voided: refunded, or its payment disputed.
alter table ticket
    add column voided_at timestamptz,
    add column void_reason text check (void_reason in ('refunded', 'disputed', 'event_cancelled')),
    add check ((voided_at is null) = (void_reason is null));

-- A card payment the customer disputed with their bank: the dispute's state as Stripe gives
-- it, and its id; the order's tickets are voided while it is open and finance is told.
alter table payment
    add column dispute_ref text check (length(dispute_ref) between 1 and 255),
    add column dispute_status text check (length(dispute_status) between 1 and 60),
    add column dispute_amount_minor bigint check (dispute_amount_minor >= 0),
    add column disputed_at timestamptz,
    add check ((dispute_ref is null) = (dispute_status is null));

-- Refunds an admin asked for are audited, with the override of a checked-in ticket, and so are
-- changes of an event's refund policy.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check check (action in (
    'event.create', 'event.edit', 'event.delete', 'event.refund_policy', 'discrepancy.resolve',
    'refund.request', 'refund.cancel'
));
alter table audit_log drop constraint audit_log_about_check;
alter table audit_log add constraint audit_log_about_check check (
    (action like 'event.%' and event_id is not null)
    or (action in ('discrepancy.resolve', 'refund.request', 'refund.cancel') and subject is not null)
);

-- Finance resolves the refunds' own discrepancies too: on their way, failed, disputed.
alter table discrepancy_resolution drop constraint discrepancy_resolution_class_check;
alter table discrepancy_resolution add constraint discrepancy_resolution_class_check check (class in (
    'underpaid', 'overpaid', 'paid_late', 'sold_out', 'refund_due', 'reorged', 'orphan', 'not_confirmed',
    'refund_pending', 'refund_failed', 'disputed'
));

-- Whether customers may cancel their own orders of an event for a refund: until some hours
-- before it starts, less a fee (in hundredths of a percent of what they paid). No row: no
-- self-service refunds, the default.
create table event_refund_policy (
    event_id uuid primary key references event (event_id) on delete cascade,
    until_hours_before integer not null check (until_hours_before between 0 and 8760),
    fee_bps integer not null default 0 check (fee_bps between 0 and 10000),
    updated_by uuid references account (account_id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
