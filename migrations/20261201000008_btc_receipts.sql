-- What bitcoin invoices show while they are being paid, and every on-chain payment they
-- received, for the customer's order page and for finance.

-- What the provider has seen paid so far on the payment's invoice, confirmed or not (BTCPay's
-- `paidAmount`), in minor units of the payment's currency: the order page says what is still
-- missing from a part-paid invoice.
alter table payment add column seen_minor bigint check (seen_minor >= 0);

-- An invalid invoice (marked so at BTCPay, or its payment replaced) that still had money on
-- it: the money goes back.
alter table payment drop constraint payment_refund_reason_check,
    add constraint payment_refund_reason_check check (refund_reason in (
        'sold_out_after_expiry', 'event_closed', 'order_closed', 'duplicate_payment', 'amount_mismatch',
        'partial_payment', 'invoice_invalid'
    ));

-- One row per bitcoin transaction output that paid an invoice of ours, as BTCPay reports it
-- (`/invoices/{id}/payment-methods`, replaced transactions included). An outpoint can pay one
-- invoice only, so it is the key: reading the same payment again updates its status, never
-- adds a second row.
create table btc_receipt (
    btc_receipt_id uuid primary key,
    -- The bitcoin network the deployment is configured for.
    network text not null check (network in ('bitcoin', 'testnet', 'testnet4', 'signet', 'regtest')),
    -- The transaction id, hex in the usual (reversed) display order, and the output's index.
    txid text not null check (txid ~ '^[0-9a-f]{64}$'),
    vout integer not null check (vout >= 0),
    -- The invoice it paid, and that invoice's order (null when the invoice names no order of ours).
    provider text not null check (provider in ('btcpay')),
    provider_ref text not null check (length(provider_ref) between 1 and 255),
    order_id uuid references customer_order (order_id),
    amount_sat bigint not null check (amount_sat > 0),
    -- The invoice's exchange rate: units of `currency` per bitcoin, exact.
    rate numeric not null check (rate > 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    -- The address paid, as BTCPay gave it (checked to be an address of `network`).
    destination text not null check (length(destination) between 1 and 128),
    -- BTCPay's word on the payment: confirming, confirmed enough, or replaced/double-spent.
    status text not null check (status in ('processing', 'settled', 'invalid')),
    received_at timestamptz not null,
    -- When we first saw it settled.
    settled_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (txid, vout),
    check (status <> 'settled' or settled_at is not null)
);

create index btc_receipt_order_idx on btc_receipt (order_id);
create index btc_receipt_invoice_idx on btc_receipt (provider, provider_ref);
create index btc_receipt_received_idx on btc_receipt (received_at);
