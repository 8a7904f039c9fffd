-- Stablecoins beside USDC: USDT (whose ERC-20 returns nothing from transfer and approve; the
-- contract takes it all the same) and EURC, each a payment method of its own, paid on whichever
-- configured chain allow-lists the token.

alter table customer_order drop constraint customer_order_payment_method_check,
    add constraint customer_order_payment_method_check
        check (payment_method in ('card', 'btc', 'lightning', 'eth', 'usdc', 'usdt', 'eurc'));

alter table waitlist_entry drop constraint waitlist_entry_payment_method_check,
    add constraint waitlist_entry_payment_method_check
        check (payment_method in ('card', 'btc', 'lightning', 'eth', 'usdc', 'usdt', 'eurc'));
