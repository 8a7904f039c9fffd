-- Money that came by another rail than its order's (issue 18): a BTCPay invoice, a Stripe
-- session or a contract payment naming an order that was to be paid another way never pays
-- it; the money is due back, for this reason.
alter table payment drop constraint payment_refund_reason_check;
alter table payment add constraint payment_refund_reason_check check (refund_reason in (
    'sold_out_after_expiry', 'event_closed', 'order_closed', 'duplicate_payment', 'amount_mismatch',
    'partial_payment', 'invoice_invalid', 'underpaid', 'wrong_rail'
));
