-- Ethereum payments come on several chains: the receipt view names the chain of each contract
-- log (`chain_id`, null for card and bitcoin receipts), so finance and analytics tell USDC on
-- one chain from USDC on another. Appended last, as `create or replace view` requires.
create or replace view receipt as
    select 'card' as rail, p.provider_ref as receipt_ref, p.received_at as received_at,
           case when p.status in ('succeeded', 'refunded') then p.received_at end as settled_at,
           o.order_id as order_id, o.status as order_status, o.status_reason as order_reason,
           p.currency as asset, 0 as decimals, p.received_minor::text as amount_base,
           o.total_minor::text as quoted_base, o.currency as fiat_currency,
           o.total_minor as order_total_minor, p.received_minor as received_minor, null::text as rate,
           p.status as status, p.status as payment_status, p.refund_reason as refund_reason,
           p.overpaid_minor as overpaid_minor, null::text as outcome, false as was_confirmed,
           null::bigint as block_number, null::text as block_hash, null::text as payer, null::text as token,
           true as first_of_payment, true as counted, null::bigint as chain_id
    from payment p join customer_order o using (order_id)
    where p.provider = 'stripe' and p.received_at is not null
    union all
    select 'card', 'unmatched:' || u.provider_event_id, u.created_at, u.created_at, null, null, null,
           upper(u.currency), 0, u.amount_minor::text, null, upper(u.currency), null, u.amount_minor, null,
           'unmatched', null, null, null, null, false, null, null, null, null, true, true, null
    from unmatched_payment u
    where u.provider = 'stripe'
    union all
    select 'btc', coalesce(r.txid || ':' || r.vout, 'ln:' || r.payment_hash), r.received_at, r.settled_at,
           r.order_id, o.status,
           o.status_reason, 'BTC', 8, r.amount_sat::text, null, r.currency,
           case when row_number() over invoice = 1 then o.total_minor end,
           case when row_number() over invoice = 1 then p.received_minor end,
           r.rate::text, r.status, p.status, p.refund_reason, p.overpaid_minor,
           null, r.settled_at is not null, null, null, null, null,
           row_number() over invoice = 1, r.status = 'settled', null
    from btc_receipt r
    left join customer_order o using (order_id)
    left join payment p on p.order_id = r.order_id and p.provider = r.provider
                       and p.provider_ref = r.provider_ref
    window invoice as (partition by r.provider, r.provider_ref
                       order by r.status = 'invalid', r.received_at, r.txid, r.vout, r.payment_hash)
    union all
    select 'eth', r.tx_hash || ':' || r.log_index, r.block_time, r.confirmed_at, r.order_id, o.status,
           o.status_reason,
           case when r.token = q.token then q.asset
                when r.token = '0x0000000000000000000000000000000000000000' then 'ETH'
                else r.token end,
           case when r.token = q.token then q.decimals::int
                when r.token = '0x0000000000000000000000000000000000000000' then 18
                else 0 end,
           r.amount::text, case when r.token = q.token then q.amount::text end, q.currency, o.total_minor,
           p.received_minor, q.rate::text, r.status, p.status, p.refund_reason, p.overpaid_minor,
           r.outcome, r.confirmed_at is not null, r.block_number, r.block_hash, r.payer, r.token,
           true, r.status = 'confirmed', r.chain_id
    from eth_receipt r
    left join customer_order o using (order_id)
    left join eth_quote q using (order_id)
    left join payment p on p.order_id = r.order_id and p.provider = 'ethereum' and p.provider_ref = q.order_ref;
