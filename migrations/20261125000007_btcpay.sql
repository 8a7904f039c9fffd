-- Bitcoin payments through BTCPay Server: a third provider, and the money a bitcoin invoice can
-- bring that a card cannot: more than asked (kept with the paid order, the excess due back),
-- and less than asked by the time the invoice expired (due back in full).

alter table payment drop constraint payment_provider_check,
    add constraint payment_provider_check check (provider in ('stripe', 'free', 'btcpay'));
alter table webhook_inbox drop constraint webhook_inbox_provider_check,
    add constraint webhook_inbox_provider_check check (provider in ('stripe', 'btcpay'));
alter table unmatched_payment drop constraint unmatched_payment_provider_check,
    add constraint unmatched_payment_provider_check check (provider in ('stripe', 'btcpay'));

alter table payment drop constraint payment_refund_reason_check,
    add constraint payment_refund_reason_check check (refund_reason in (
        'sold_out_after_expiry', 'event_closed', 'order_closed', 'duplicate_payment', 'amount_mismatch',
        'partial_payment'
    ));

-- Paid more than the order's total: the order is paid, the excess listed for refund until
-- someone refunds it (minor units of the payment's currency).
alter table payment add column overpaid_minor bigint not null default 0 check (overpaid_minor >= 0);

create index payment_overpaid_idx on payment (created_at) where overpaid_minor > 0;
