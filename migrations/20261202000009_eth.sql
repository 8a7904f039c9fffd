-- Ethereum payments through our payment contract (contracts/src/TesseraPay.sol): the quote an
-- order is paid against, every `OrderPaid` log the chain-watcher has seen, and the watcher's
-- place on the chain.
--
-- Addresses, hashes and signatures are stored as lower-case 0x-hex text; amounts in the asset's
-- base units (wei, token units) as numeric(78,0), which holds any uint256.

alter table payment drop constraint payment_provider_check,
    add constraint payment_provider_check check (provider in ('stripe', 'free', 'btcpay', 'ethereum'));

-- A paid log whose amount differs from the quote (a stale or foreign quote signed by our
-- operator key): less than asked cannot pay the order and goes back whole.
alter table payment drop constraint payment_refund_reason_check,
    add constraint payment_refund_reason_check check (refund_reason in (
        'sold_out_after_expiry', 'event_closed', 'order_closed', 'duplicate_payment', 'amount_mismatch',
        'partial_payment', 'invoice_invalid', 'underpaid'
    ));

-- The quote an order was offered: what the operator key signed, exactly as the contract will
-- check it. One per order; `order_ref` is the order id as the contract sees it (bytes32).
create table eth_quote (
    order_id uuid primary key references customer_order (order_id),
    chain_id bigint not null check (chain_id > 0),
    contract text not null check (contract ~ '^0x[0-9a-f]{40}$'),
    order_ref text not null unique check (order_ref ~ '^0x[0-9a-f]{64}$'),
    -- 'ETH', or the allow-listed token's symbol; the zero address for ETH.
    asset text not null check (asset ~ '^[A-Z0-9]{1,11}$'),
    token text not null check (token ~ '^0x[0-9a-f]{40}$'),
    decimals smallint not null check (decimals between 0 and 36),
    amount numeric(78, 0) not null check (amount > 0),
    -- The rate the fiat total was converted at: units of `currency` per whole unit of `asset`.
    rate numeric not null check (rate > 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    total_minor bigint not null check (total_minor > 0),
    deadline timestamptz not null,
    signature text not null check (signature ~ '^0x[0-9a-f]{130}$'),
    created_at timestamptz not null default now()
);

-- One row per `OrderPaid` log of our contract, as the chain-watcher read it. A log is named by
-- (chain, transaction, log index): reading it again (a restart, a rescan after a reorg) updates
-- the row, never adds a second.
create table eth_receipt (
    eth_receipt_id uuid primary key,
    chain_id bigint not null check (chain_id > 0),
    contract text not null check (contract ~ '^0x[0-9a-f]{40}$'),
    tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    log_index integer not null check (log_index >= 0),
    block_number bigint not null check (block_number >= 0),
    block_hash text not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
    -- The order id the log names, and our order when a quote of ours has that id (null: an
    -- orphan, money for no order we know).
    order_ref text not null check (order_ref ~ '^0x[0-9a-f]{64}$'),
    order_id uuid references customer_order (order_id),
    payer text not null check (payer ~ '^0x[0-9a-f]{40}$'),
    token text not null check (token ~ '^0x[0-9a-f]{40}$'),
    amount numeric(78, 0) not null check (amount >= 0),
    -- seen: in a canonical block, not yet deep enough; confirmed: deep enough (or finalized) and
    -- applied to its order; reorged: its block left the canonical chain (it may come back).
    status text not null check (status in ('seen', 'confirmed', 'reorged')),
    -- What confirming it did to the order: paid, paid_late, overpaid, underpaid, refund_due
    -- (sold out after expiry, duplicate, closed), orphan.
    outcome text check (outcome in ('paid', 'paid_late', 'overpaid', 'underpaid', 'refund_due', 'orphan')),
    -- The chain's time for the block.
    block_time timestamptz not null,
    seen_at timestamptz not null default now(),
    confirmed_at timestamptz,
    reorged_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (chain_id, tx_hash, log_index),
    check (status <> 'confirmed' or (confirmed_at is not null and outcome is not null))
);

create index eth_receipt_order_idx on eth_receipt (order_id);
create index eth_receipt_seen_idx on eth_receipt (chain_id, contract, block_number) where status = 'seen';
-- A reorg marks every receipt above the common ancestor, whatever its status.
create index eth_receipt_block_idx on eth_receipt (chain_id, contract, block_number);
create index eth_receipt_block_time_idx on eth_receipt (block_time);

-- Where the watcher is: the next block to read, per chain and contract. Advanced in the
-- transaction that records what the blocks before it held, so a restart resumes exactly.
create table eth_cursor (
    chain_id bigint not null check (chain_id > 0),
    contract text not null check (contract ~ '^0x[0-9a-f]{40}$'),
    next_block bigint not null check (next_block >= 0),
    -- The chain's head when the watcher last asked, so pages can count confirmations without
    -- asking the node.
    head_block bigint not null default 0 check (head_block >= 0),
    updated_at timestamptz not null default now(),
    primary key (chain_id, contract)
);

-- The hashes of the recent blocks the watcher has read (and of the last block of each range it
-- read further back): a block whose parent hash is not the one recorded here means a reorg, and
-- the newest block still recorded with the chain's hash is the common ancestor.
create table eth_block (
    chain_id bigint not null check (chain_id > 0),
    contract text not null check (contract ~ '^0x[0-9a-f]{40}$'),
    number bigint not null check (number >= 0),
    hash text not null check (hash ~ '^0x[0-9a-f]{64}$'),
    parent_hash text not null check (parent_hash ~ '^0x[0-9a-f]{64}$'),
    created_at timestamptz not null default now(),
    primary key (chain_id, contract, number)
);
