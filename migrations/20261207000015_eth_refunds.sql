-- Ethereum refunds: sent by the refund wallet (the contract's refunder) through the contract's
-- refundEth / refundToken, to the address that paid, in the asset it paid; followed on chain by
-- their OrderRefunded logs, as payments are by their OrderPaid logs. And, at the end, bitcoin
-- payments BTCPay reported that we could not read, kept raw for finance.

-- The payment log a refund answers (every Ethereum refund has one: an order's payment, or money
-- for an order id we never quoted, which has no payment of ours), where the money goes, and the
-- transaction that sends it: signed and stored before it is broadcast, so a crash between the
-- two broadcasts the same transaction again (same nonce) instead of a second refund.
alter table refund
    add column eth_receipt_id uuid references eth_receipt (eth_receipt_id),
    add column eth_to text check (eth_to ~ '^0x[0-9a-f]{40}$'),
    add column eth_token text check (eth_token ~ '^0x[0-9a-f]{40}$'),
    -- The wallet that signed it (nonces are the wallet's), and the hashes of transactions it
    -- was signed in before (replaced: their nonce went to another), whose logs still settle it.
    add column eth_from text check (eth_from ~ '^0x[0-9a-f]{40}$'),
    add column eth_nonce bigint check (eth_nonce >= 0),
    add column eth_raw_tx text check (eth_raw_tx ~ '^0x[0-9a-f]+$'),
    add column eth_prior_txs text[] not null default '{}',
    -- When its current transaction was signed: how long it has waited unmined.
    add column eth_signed_at timestamptz,
    -- Why the last try to send it did not go out (the refund wallet is short of funds, the node
    -- is down): shown to admins while it waits; cleared once it is sent.
    add column send_error text check (length(send_error) <= 500),
    add constraint refund_eth_fields check (
        rail <> 'eth' or (eth_receipt_id is not null and eth_to is not null and eth_token is not null)
    ),
    add constraint refund_eth_tx check ((eth_raw_tx is null) = (eth_nonce is null) and (eth_raw_tx is null) = (eth_from is null));

-- An Ethereum orphan's refund has neither a payment of ours nor card money for no order: its
-- payment log says what it answers.
alter table refund drop constraint refund_check;
alter table refund add constraint refund_answers check (
    num_nonnulls(payment_id, unmatched_payment_id) = 1
    or (payment_id is null and unmatched_payment_id is null and eth_receipt_id is not null and order_id is null)
);

create index refund_eth_receipt_idx on refund (eth_receipt_id) where eth_receipt_id is not null;
create index refund_eth_prior_idx on refund using gin (eth_prior_txs) where rail = 'eth';

-- The contract's OrderRefunded logs, recorded by the chain-watcher with the blocks it reads and
-- rolled back with them, as eth_receipt is for OrderPaid. `refund_id` is the refund the log
-- settles: ours, matched by its transaction, or one recorded as made outside Tessera (the owner
-- refunding by hand).
create table eth_refund_log (
    eth_refund_log_id uuid primary key,
    chain_id bigint not null check (chain_id > 0),
    contract text not null check (contract ~ '^0x[0-9a-f]{40}$'),
    tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    log_index integer not null check (log_index >= 0),
    block_number bigint not null check (block_number >= 0),
    block_hash text not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
    block_time timestamptz not null,
    order_ref text not null check (order_ref ~ '^0x[0-9a-f]{64}$'),
    recipient text not null check (recipient ~ '^0x[0-9a-f]{40}$'),
    token text not null check (token ~ '^0x[0-9a-f]{40}$'),
    amount numeric(78, 0) not null check (amount >= 0),
    -- seen: in a canonical block, not yet deep enough; confirmed: deep enough, and its refund
    -- settled; reorged: its block left the canonical chain (it may come back).
    status text not null check (status in ('seen', 'confirmed', 'reorged')),
    refund_id uuid references refund (refund_id),
    confirmed_at timestamptz,
    reorged_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (chain_id, tx_hash, log_index),
    check (status <> 'confirmed' or confirmed_at is not null)
);

create index eth_refund_log_due_idx on eth_refund_log (chain_id, contract, block_number) where status = 'seen';
create index eth_refund_log_refund_idx on eth_refund_log (refund_id) where refund_id is not null;
create index eth_refund_log_tx_idx on eth_refund_log (tx_hash);

-- A payment BTCPay reported on one of our invoices that we could not read (an outpoint, an
-- amount, an address or a rate spelt in a way we do not take, or payment methods that do not
-- parse): kept raw for finance instead of failing the invoice's whole read, so its order is
-- still settled by what BTCPay says of the invoice. `resolved_at` is set once the payment reads
-- and is recorded as a receipt.
create table btc_unreadable_payment (
    btc_unreadable_payment_id uuid primary key,
    provider text not null default 'btcpay' check (provider = 'btcpay'),
    -- The invoice, and BTCPay's id of the payment as given ('' when the payment methods
    -- themselves did not read).
    provider_ref text not null check (length(provider_ref) between 1 and 255),
    payment_ref text not null check (length(payment_ref) <= 255),
    order_id uuid references customer_order (order_id),
    problem text not null check (length(problem) between 1 and 500),
    raw jsonb not null,
    first_seen_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    resolved_at timestamptz,
    unique (provider_ref, payment_ref)
);

create index btc_unreadable_payment_open_idx on btc_unreadable_payment (first_seen_at) where resolved_at is null;
