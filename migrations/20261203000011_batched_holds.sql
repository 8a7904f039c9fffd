-- Holds in batches. In a flash sale hundreds of buyers ask for the same ticket type at once;
-- one statement per buyer spent the machine on round trips, lock hand-offs and foreign-key
-- checks rather than on selling. `place_orders` places every purchase that arrived while the
-- previous batch ran (`Placer` in core/src/order/place.rs) in one statement: it checks each
-- against its event, locks the batch's ticket types once, decides each purchase in arrival
-- order against what is left, and writes the holds, orders, items and payment rows in one
-- statement each.
--
-- Locks, in this order: the batch's events (`for key share`, in id order: what the orders'
-- foreign keys take anyway, taken first because an admin's edit locks the event before its
-- ticket types), then its ticket types (`for update`, in id order). Concurrent batches, other
-- processes' and the batch of one (`place_order`) thus never deadlock with each other or with
-- an admin's edit.
--
-- A purchase that cannot be had is refused on its own; the others go ahead. The commit does
-- not wait for the disk: an order becomes durable with the next synchronous commit, which
-- records its checkout before anyone is sent to pay for it.
--
-- Input: one entry per purchase in the p_order_* arrays; its lines follow each other in the
-- p_line_* arrays, p_line_counts[i] of them for purchase i, sorted by ticket type.
-- Output: one row per line, purchase by purchase, with the purchase's outcome:
--   placed        held; expires_at, title, currency, total_minor, name and price are set
--   sold_out      a line is short; available is what each line has left (holds past their
--                 time counted as free, as everywhere)
--   replay        the idempotency key already made an order (in an earlier batch or this one)
--   not_found     no such event (or a draft)
--   cancelled     the event was cancelled
--   started       the event has started
--   unknown_type  a line is not a ticket type of this event: its bad_type says so
--   too_large     the total does not fit
-- expired_holds says, for a sold-out purchase, that holds past their time which the sweeper has
-- not released yet would cover it: releasing them and asking again may succeed.
drop function place_order(
    uuid, uuid, uuid, text, text, bigint, interval, text, bytea, uuid[], text[], bigint[], integer[],
    uuid, text
);

create function place_orders(
    p_order_ids uuid[], p_account_ids uuid[], p_event_ids uuid[], p_methods text[],
    p_providers text[], p_holds interval[], p_idempotency_keys text[], p_request_hashes bytea[],
    p_payment_ids uuid[], p_line_counts integer[], p_line_types uuid[], p_line_quantities integer[]
) returns table (
    order_index integer, line_index integer, outcome text, bad_type uuid, expires_at timestamptz,
    title text, currency text, total_minor bigint, name text, price_minor bigint,
    available integer, expired_holds boolean
)
    language plpgsql
as $$
#variable_conflict use_column
declare
    -- The batch's ticket types, locked, in id order, with what each has left as the batch
    -- goes and what the batch takes of it.
    types uuid[];
    type_events uuid[];
    type_names text[];
    type_prices bigint[];
    type_left integer[];
    type_taken integer[];
    -- Tickets of the batch's ticket types in holds past their time, not yet released.
    type_expired integer[];
    expired_types uuid[];
    expired_quantities integer[];
    -- The batch's events.
    events uuid[];
    event_status text[];
    event_starts timestamptz[];
    event_currency text[];
    event_title text[];
    -- What is written, for the purchases placed.
    placed integer[] := '{}';
    placed_expiry timestamptz[] := '{}';
    placed_total bigint[] := '{}';
    placed_currency text[] := '{}';
    item_order uuid[] := '{}';
    item_type uuid[] := '{}';
    item_name text[] := '{}';
    item_price bigint[] := '{}';
    item_quantity integer[] := '{}';
    keys_taken text[] := '{}';
    i integer;
    j integer;
    first_line integer := 1;
    last_line integer;
    ev integer;
    pos integer;
    result_outcome text;
    total numeric;
    short boolean;
    covered boolean;
begin
    perform set_config('synchronous_commit', 'off', true);

    select array_agg(x.ticket_type_id), array_agg(x.quantity)
    into expired_types, expired_quantities
    from (
        select oi.ticket_type_id, sum(oi.quantity)::integer as quantity
        from customer_order o join order_item oi using (order_id)
        where o.event_id = any(p_event_ids) and o.status = 'pending_payment'
          and not o.payment_detected and o.expires_at <= now()
          and oi.ticket_type_id = any(p_line_types)
        group by oi.ticket_type_id
    ) x;
    expired_types := coalesce(expired_types, '{}');

    select array_agg(e.event_id order by e.event_id), array_agg(e.status order by e.event_id),
           array_agg(e.starts_at order by e.event_id), array_agg(e.currency order by e.event_id),
           array_agg(e.title order by e.event_id)
    into events, event_status, event_starts, event_currency, event_title
    from (
        select e0.event_id, e0.status, e0.starts_at, e0.currency, e0.title
        from event e0
        where e0.event_id = any(p_event_ids) and e0.status <> 'draft'
        order by e0.event_id
        for key share
    ) e;
    events := coalesce(events, '{}');

    select array_agg(t.ticket_type_id order by t.ticket_type_id),
           array_agg(t.event_id order by t.ticket_type_id),
           array_agg(t.name order by t.ticket_type_id),
           array_agg(t.price_minor order by t.ticket_type_id),
           array_agg(t.capacity - t.sold - t.held order by t.ticket_type_id)
    into types, type_events, type_names, type_prices, type_left
    from (
        select tt.ticket_type_id, tt.event_id, tt.name, tt.price_minor, tt.capacity, tt.sold, tt.held
        from ticket_type tt
        where tt.ticket_type_id = any(p_line_types)
        order by tt.ticket_type_id
        for update
    ) t;
    types := coalesce(types, '{}');
    type_taken := array_fill(0, array[cardinality(types)]);
    type_expired := array_fill(0, array[cardinality(types)]);
    for pos in 1 .. cardinality(types) loop
        type_expired[pos] := coalesce(expired_quantities[array_position(expired_types, types[pos])], 0);
    end loop;

    for i in 1 .. cardinality(p_order_ids) loop
        last_line := first_line + p_line_counts[i] - 1;
        result_outcome := 'placed';
        total := 0;
        short := false;
        covered := true;
        ev := array_position(events, p_event_ids[i]);
        -- A key seen before answers with its order, whatever became of the event since.
        if p_idempotency_keys[i] is not null and (
            p_account_ids[i]::text || ' ' || p_idempotency_keys[i] = any(keys_taken)
            or exists (select 1 from customer_order o
                       where o.account_id = p_account_ids[i]
                         and o.idempotency_key = p_idempotency_keys[i])
        ) then
            result_outcome := 'replay';
        elsif ev is null then
            result_outcome := 'not_found';
        elsif event_status[ev] = 'cancelled' then
            result_outcome := 'cancelled';
        elsif event_starts[ev] <= now() then
            result_outcome := 'started';
        else
            for j in first_line .. last_line loop
                pos := array_position(types, p_line_types[j]);
                if pos is null or type_events[pos] <> p_event_ids[i] then
                    result_outcome := 'unknown_type';
                    continue;
                end if;
                total := total + type_prices[pos]::numeric * p_line_quantities[j];
                if type_left[pos] < p_line_quantities[j] then
                    short := true;
                end if;
                if type_left[pos] + type_expired[pos] < p_line_quantities[j] then
                    covered := false;
                end if;
            end loop;
            if result_outcome = 'placed' and total > 9223372036854775807 then
                result_outcome := 'too_large';
            elsif result_outcome = 'placed' and short then
                result_outcome := 'sold_out';
            end if;
        end if;

        if result_outcome = 'placed' then
            for j in first_line .. last_line loop
                pos := array_position(types, p_line_types[j]);
                type_left[pos] := type_left[pos] - p_line_quantities[j];
                type_taken[pos] := type_taken[pos] + p_line_quantities[j];
                item_order := item_order || p_order_ids[i];
                item_type := item_type || p_line_types[j];
                item_name := item_name || type_names[pos];
                item_price := item_price || type_prices[pos];
                item_quantity := item_quantity || p_line_quantities[j];
            end loop;
            placed := placed || i;
            placed_expiry := placed_expiry || (now() + p_holds[i]);
            placed_total := placed_total || total::bigint;
            placed_currency := placed_currency || event_currency[ev];
            if p_idempotency_keys[i] is not null then
                keys_taken := keys_taken || (p_account_ids[i]::text || ' ' || p_idempotency_keys[i]);
            end if;
        end if;

        for j in first_line .. last_line loop
            pos := array_position(types, p_line_types[j]);
            order_index := i;
            line_index := j - first_line + 1;
            outcome := result_outcome;
            bad_type := case when pos is null or type_events[pos] <> p_event_ids[i] then p_line_types[j] end;
            expires_at := case when result_outcome = 'placed' then now() + p_holds[i] end;
            title := case when ev is not null then event_title[ev] end;
            currency := case when ev is not null then event_currency[ev] end;
            total_minor := case when result_outcome = 'placed' then total::bigint end;
            name := case when pos is not null then type_names[pos] end;
            price_minor := case when pos is not null then type_prices[pos] end;
            available := case when pos is not null then greatest(type_left[pos] + type_expired[pos], 0) end;
            expired_holds := result_outcome = 'sold_out' and covered;
            return next;
        end loop;
        first_line := last_line + 1;
    end loop;

    if cardinality(placed) = 0 then
        return;
    end if;
    update ticket_type t set held = t.held + x.taken, updated_at = now()
    from unnest(types, type_taken) as x (id, taken)
    where t.ticket_type_id = x.id and x.taken > 0;
    insert into customer_order
        (order_id, account_id, event_id, payment_method, currency, total_minor, expires_at,
         idempotency_key, request_hash)
    select p_order_ids[k], p_account_ids[k], p_event_ids[k], p_methods[k], c, t, x,
           p_idempotency_keys[k], p_request_hashes[k]
    from unnest(placed, placed_currency, placed_total, placed_expiry) as p (k, c, t, x);
    insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity)
    select * from unnest(item_order, item_type, item_name, item_price, item_quantity);
    insert into payment (payment_id, order_id, provider, status, currency, amount_minor)
    select p_payment_ids[k], p_order_ids[k], case when t = 0 then 'free' else p_providers[k] end,
           'creating', c, t
    from unnest(placed, placed_currency, placed_total) as p (k, c, t);
end
$$;
