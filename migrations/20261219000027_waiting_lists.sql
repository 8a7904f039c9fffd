-- Waiting lists (issue 21): a sold-out ticket type takes names in arrival order, one place per
-- account. When tickets come back (a hold runs out, an order is cancelled or refunded, capacity
-- is raised), the next in line is offered them as a real order placed for them, which holds the
-- tickets for the offer's time like any other hold: never more offers than tickets. Paid, the
-- place is `claimed`; unpaid when the hold ends, it `lapsed` and the tickets pass to the next
-- (as it does when the order cannot be placed for them at all, over their limit say).
create table waitlist_entry (
    entry_id uuid primary key,
    event_id uuid not null references event on delete cascade,
    ticket_type_id uuid not null references ticket_type on delete cascade,
    account_id uuid not null references account on delete cascade,
    quantity integer not null check (quantity between 1 and 10),
    -- How they will pay when offered, chosen when joining.
    payment_method text not null check (payment_method in ('card', 'btc', 'eth', 'usdc')),
    -- The language of the offer's email.
    locale text not null check (locale in ('en', 'fr', 'de', 'es', 'pt', 'ja', 'pl')),
    joined_at timestamptz not null default now(),
    status text not null default 'waiting'
        check (status in ('waiting', 'offered', 'claimed', 'lapsed', 'left')),
    order_id uuid references customer_order on delete set null,
    offered_at timestamptz,
    offer_emailed_at timestamptz,
    ended_at timestamptz,
    check (status <> 'offered' or (offered_at is not null and order_id is not null)),
    check ((status in ('waiting', 'offered')) = (ended_at is null))
);

-- One place per account and ticket type while waiting or offered.
create unique index waitlist_one_place_idx on waitlist_entry (ticket_type_id, account_id)
    where status in ('waiting', 'offered');
-- The line, in arrival order.
create index waitlist_line_idx on waitlist_entry (ticket_type_id, joined_at, entry_id)
    where status = 'waiting';
create index waitlist_offered_idx on waitlist_entry (order_id) where status = 'offered';
