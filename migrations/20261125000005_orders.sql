-- Orders: a customer's tickets from the hold to the paid hand-off, the payments that pay for
-- them, the webhook inbox that makes every provider event count once, and the outbox that hands
-- paid orders to the ticketing worker.

-- Stock. `held` counts the tickets of pending orders, `sold` those of paid ones; every change
-- to either is one conditional update inside the order's transaction, and this check makes an
-- oversell (or an admin shrinking capacity below what is taken) impossible, not just unlikely.
alter table ticket_type
    add column sold integer not null default 0 check (sold >= 0),
    add column held integer not null default 0 check (held >= 0),
    add constraint ticket_type_stock_check check (sold + held <= capacity);

create table customer_order (
    order_id uuid primary key,
    account_id uuid not null references account (account_id),
    event_id uuid not null references event (event_id),
    -- The state machine of ARCHITECTURE.md; every transition is an update guarded on the
    -- status it leaves (core/src/order/transition.rs).
    status text not null default 'pending_payment' check (status in (
        'pending_payment', 'paid', 'fulfilled', 'expired', 'cancelled', 'failed', 'refunded'
    )),
    -- Why it is where it is, for people: hold_expired, declined, provider_unavailable, ...
    status_reason text not null default '' check (length(status_reason) <= 200),
    payment_method text not null check (payment_method in ('card', 'btc', 'eth', 'usdc')),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    total_minor bigint not null check (total_minor >= 0),
    -- The hold lasts until then, unless a payment has been seen and is still settling.
    expires_at timestamptz not null,
    payment_detected boolean not null default false,
    paid_at timestamptz,
    -- The buyer's Idempotency-Key, and the SHA-256 of what was asked with it.
    idempotency_key text check (length(idempotency_key) between 1 and 255),
    request_hash bytea check (length(request_hash) = 32),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((idempotency_key is null) = (request_hash is null)),
    check (status not in ('paid', 'fulfilled') or paid_at is not null),
    check (expires_at > created_at)
);

create unique index customer_order_idempotency_key on customer_order (account_id, idempotency_key);
create index customer_order_account_idx on customer_order (account_id, created_at desc);
create index customer_order_event_idx on customer_order (event_id, status);
-- Holds past their time: the sweeper looks across events, buyers and the buy page within one
-- event (usually finding none, in one index probe).
create index customer_order_expiring_idx on customer_order (expires_at)
    where status = 'pending_payment' and not payment_detected;
create index customer_order_event_expiring_idx on customer_order (event_id, expires_at)
    where status = 'pending_payment' and not payment_detected;

create table order_item (
    order_id uuid not null references customer_order (order_id) on delete cascade,
    -- No cascade: a ticket type (or event) that has been ordered cannot be deleted.
    ticket_type_id uuid not null references ticket_type (ticket_type_id),
    -- What the customer saw when buying: later renames and repricing do not change the order.
    ticket_type_name text not null check (length(ticket_type_name) between 1 and 100),
    unit_price_minor bigint not null check (unit_price_minor >= 0),
    quantity integer not null check (quantity between 1 and 100),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (order_id, ticket_type_id)
);

create index order_item_ticket_type_idx on order_item (ticket_type_id);

-- A payment attempt with a provider: a Checkout Session for cards. Created with the order
-- ('creating'), 'open' once the provider has it, then final. Money that came in but cannot pay
-- its order (the tickets sold out after the hold expired, a second payment, a wrong amount) is
-- 'refund_due' with the reason, and listed for admins: never dropped.
create table payment (
    payment_id uuid primary key,
    order_id uuid not null references customer_order (order_id),
    -- 'free' for an order that costs nothing: settled at once, no provider involved.
    provider text not null check (provider in ('stripe', 'free')),
    provider_ref text check (length(provider_ref) between 1 and 255),
    redirect_url text check (length(redirect_url) <= 2048),
    status text not null check (status in (
        'creating', 'open', 'succeeded', 'failed', 'expired', 'refund_due', 'refunded'
    )),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint not null check (amount_minor >= 0),
    -- What the provider says it collected, once it has.
    received_minor bigint check (received_minor >= 0),
    -- The provider's id of the money movement (a PaymentIntent), for finance.
    provider_payment_ref text check (length(provider_payment_ref) <= 255),
    refund_reason text check (refund_reason in (
        'sold_out_after_expiry', 'event_closed', 'order_closed', 'duplicate_payment', 'amount_mismatch'
    )),
    -- When we last asked the provider to close this checkout and it could not (yet): the
    -- sweeper waits a while before asking again, and moves on to others meanwhile.
    close_attempted_at timestamptz,
    received_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (provider, provider_ref),
    check (status <> 'refund_due' or refund_reason is not null),
    check (status not in ('succeeded', 'refund_due') or received_at is not null)
);

create index payment_order_idx on payment (order_id);
create index payment_refund_due_idx on payment (created_at) where status = 'refund_due';
-- Payments still open at the provider whose order has ended: the sweeper closes them.
create index payment_open_idx on payment (order_id) where status in ('creating', 'open');

-- Money a provider says it collected for an order we do not have (another integration on the
-- same account, a deleted database, a bug): recorded so that someone refunds it.
create table unmatched_payment (
    unmatched_payment_id uuid primary key,
    provider text not null check (provider in ('stripe')),
    provider_event_id text not null check (length(provider_event_id) between 1 and 255),
    provider_ref text not null check (length(provider_ref) between 1 and 255),
    provider_payment_ref text check (length(provider_payment_ref) <= 255),
    -- What the provider sent as our order reference, verbatim (possibly nothing).
    claimed_order_ref text check (length(claimed_order_ref) <= 255),
    currency text not null check (length(currency) <= 10),
    amount_minor bigint not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (provider, provider_event_id)
);

-- Every webhook event we have acted on, once. Inserted in the transaction that acts on it, so
-- a replay (or a retry after a crash) either finds it and changes nothing, or finds nothing
-- because nothing was done.
create table webhook_inbox (
    provider text not null check (provider in ('stripe')),
    event_id text not null check (length(event_id) between 1 and 255),
    event_type text not null check (length(event_type) between 1 and 255),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (provider, event_id)
);

-- Messages to other processes, written in the transaction of the change they announce and
-- relayed to Redis streams afterwards (api/src/tasks/relay.rs): a crash in between loses
-- nothing.
create table outbox (
    outbox_id bigint generated always as identity primary key,
    topic text not null check (topic in ('orders.paid')),
    order_id uuid not null references customer_order (order_id),
    payload jsonb not null,
    published_at timestamptz,
    attempts integer not null default 0 check (attempts >= 0),
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- An order is paid once, so it is announced once.
    unique (topic, order_id)
);

create index outbox_unpublished_idx on outbox (outbox_id) where published_at is null;

-- Places an order and holds its tickets in one call, because it is the hottest path in the
-- shop (core/src/order/place.rs): takes each ticket type's hold with one conditional update,
-- in the order given (the caller sorts by ticket type, so concurrent buyers lock rows in the
-- same order), then inserts the order, its items and its payment row. If any hold falls short
-- it raises TSOLD and, the call being one statement, nothing of it is kept. The commit does
-- not wait for the disk: the order becomes durable with the next synchronous commit, which
-- records its checkout before anyone is sent to pay for it.
create function place_order(
    p_order_id uuid, p_account_id uuid, p_event_id uuid, p_payment_method text, p_currency text,
    p_total_minor bigint, p_hold interval, p_idempotency_key text, p_request_hash bytea,
    p_ticket_type_ids uuid[], p_names text[], p_prices bigint[], p_quantities integer[],
    p_payment_id uuid, p_provider text
) returns timestamptz
    language plpgsql
as $$
declare
    held_until timestamptz;
begin
    perform set_config('synchronous_commit', 'off', true);
    -- The holds first: a buyer who falls short writes nothing, and the items' foreign-key
    -- checks then find ticket-type rows this transaction already holds.
    for i in 1 .. cardinality(p_ticket_type_ids) loop
        update ticket_type set held = held + p_quantities[i], updated_at = now()
        where ticket_type_id = p_ticket_type_ids[i] and capacity - sold - held >= p_quantities[i];
        if not found then
            raise exception 'not enough tickets of %', p_ticket_type_ids[i] using errcode = 'TSOLD';
        end if;
    end loop;
    insert into customer_order
        (order_id, account_id, event_id, payment_method, currency, total_minor, expires_at,
         idempotency_key, request_hash)
    values (p_order_id, p_account_id, p_event_id, p_payment_method, p_currency, p_total_minor,
            now() + p_hold, p_idempotency_key, p_request_hash)
    returning expires_at into held_until;
    insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity)
    select p_order_id, t.id, t.name, t.price, t.quantity
    from unnest(p_ticket_type_ids, p_names, p_prices, p_quantities) as t (id, name, price, quantity);
    insert into payment (payment_id, order_id, provider, status, currency, amount_minor)
    values (p_payment_id, p_order_id, p_provider, 'creating', p_currency, p_total_minor);
    return held_until;
end
$$;
