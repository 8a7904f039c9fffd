-- Tickets and their delivery: what the ticketing worker issues for a paid order, the record of
-- getting them to the customer (PDF stored, email accepted), and the door's check-ins.

-- One row per admission. Issued once per order: (order_id, position) is the key the worker
-- inserts with, so a message handled twice, or by two workers, finds the tickets already there.
create table ticket (
    ticket_id uuid primary key,
    order_id uuid not null references customer_order (order_id),
    -- 1..n across the order, in ticket-type order: the n-th page of the PDF.
    position integer not null check (position between 1 and 1000),
    event_id uuid not null references event (event_id),
    ticket_type_id uuid not null references ticket_type (ticket_type_id),
    -- As bought (order_item), so a later rename does not change a printed ticket.
    ticket_type_name text not null check (length(ticket_type_name) between 1 and 100),
    price_minor bigint not null check (price_minor >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    -- What is printed and what the door reads out; people copy it, so no 0/O or 1/I.
    serial text not null unique check (serial ~ '^[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}$'),
    holder_name text not null check (length(btrim(holder_name)) between 1 and 100),
    checked_in_at timestamptz,
    checked_in_by uuid references account (account_id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (order_id, position),
    check ((checked_in_at is null) = (checked_in_by is null))
);

create index ticket_event_idx on ticket (event_id);

-- Getting an order's tickets to its customer, once. The worker takes a lease on the row before
-- working on the order, so two workers never work on one order at once; a worker that dies
-- loses the lease when it runs out and another carries on.
create table delivery (
    order_id uuid primary key references customer_order (order_id),
    status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    -- Failed attempts so far; at the limit the delivery is 'failed' (dead-lettered) until an
    -- admin retries it.
    attempts integer not null default 0 check (attempts >= 0),
    last_error text check (length(last_error) <= 2000),
    -- Not to be tried again before then (backoff after a failed attempt).
    next_attempt_at timestamptz,
    lease_owner text check (length(lease_owner) <= 200),
    lease_until timestamptz,
    -- The blob holding the order's PDF once rendered, and its size.
    pdf_key text check (length(pdf_key) <= 300),
    pdf_bytes integer check (pdf_bytes > 0),
    recipient text check (length(recipient) <= 254),
    -- Set just before handing the email to the SMTP server: if a worker dies between this and
    -- 'sent', the email may have gone out, and the next attempt resends it under the same
    -- Message-ID (made from the order id) and says so in the logs.
    email_started_at timestamptz,
    sent_at timestamptz,
    -- How often the sweeper re-published the order because nobody had delivered it.
    republished integer not null default 0 check (republished >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (status <> 'sent' or (sent_at is not null and pdf_key is not null)),
    check ((lease_owner is null) = (lease_until is null))
);

create index delivery_attention_idx on delivery (updated_at) where status <> 'sent';
-- Paid orders the sweeper checks for a missing delivery.
create index customer_order_paid_idx on customer_order (paid_at) where status = 'paid';
