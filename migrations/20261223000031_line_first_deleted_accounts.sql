-- Waiting lists come first (issue 21): tickets that come back to a sold-out ticket type (a
-- hold runs out, an order is cancelled or refunded, capacity is raised) belong to its line
-- until the offer round has placed them, not to whoever buys in the seconds before. While
-- someone waits for no more tickets than are free, `place_orders` counts the type as sold out
-- for every purchase but the waiting list's own offers (idempotency keys `waitlist-…`, which
-- clients cannot send); what no place in the line fits stays on open sale. A place the round
-- had to pass over (its account has too many unpaid orders just now) is left out for a while
-- (`passed_until`), so one such place cannot keep the tickets from everyone.
alter table waitlist_entry add column passed_until timestamptz;

-- The smallest number of tickets a place in the line of `p_ticket_type` waits for (null when
-- nobody does): while that many are free, they are the line's.
create function waitlist_smallest(p_ticket_type uuid) returns integer
    language sql stable
as $$
    select min(w.quantity) from waitlist_entry w
    where w.ticket_type_id = p_ticket_type and w.status = 'waiting'
      and (w.passed_until is null or w.passed_until <= now())
$$;
--
-- Accounts can be deleted (issue 21): what is personal goes (sessions, links, demand records,
-- requests, places in lines; the address, name, password and home are overwritten) and the
-- row stays as a tombstone with `deleted_at`, because orders, tickets and payments are kept for
-- the books and the door. `place_orders` places nothing more for a deleted account: a purchase
-- that was waiting on the account's lock while it was deleted finds it gone (`not_found`).
alter table account add column deleted_at timestamptz;

-- `place_orders` as migration 22 left it, with those two rules added.
create or replace function place_orders(
    p_purchases purchase[], p_lines purchase_line[], p_max_open integer[] default null,
    p_locales text[] default null
)
returns table (
    r_order_index integer, r_line_index integer, r_outcome place_outcome, r_bad_type uuid,
    r_expires_at timestamptz, r_title text, r_currency text, r_total_minor bigint, r_name text,
    r_price_minor bigint, r_available integer, r_expired_holds boolean, r_limit integer,
    r_already integer
)
    language plpgsql
as $$
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
    -- The smallest place waiting in each type's line (null: nobody waits).
    type_wait integer[];
    -- Whether the purchase being decided is a waiting list's offer.
    from_line boolean;
    -- The batch's accounts that are deleted.
    deleted_accounts uuid[];
    expired_types uuid[];
    expired_quantities integer[];
    -- The batch's events.
    events uuid[];
    event_status text[];
    event_starts timestamptz[];
    event_currency text[];
    event_title text[];
    event_max integer[];
    -- Per account and event of the batch: tickets held or bought ("account event" keys); per
    -- account: its open unpaid orders. Both grow as the batch places purchases.
    own_keys text[];
    own_counts integer[];
    open_accounts uuid[];
    open_counts integer[];
    own_key text;
    own_pos integer;
    open_pos integer;
    wanted integer;
    result_limit integer;
    result_already integer;
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
    -- The purchase being decided, and its line being looked at.
    p purchase;
    l purchase_line;
    event_ids uuid[];
    line_types uuid[];
    i integer;
    j integer;
    first_line integer := 1;
    last_line integer;
    ev integer;
    pos integer;
    result_outcome place_outcome;
    total numeric;
    short boolean;
    covered boolean;
begin
    perform set_config('synchronous_commit', 'off', true);
    event_ids := array(select x.event_id from unnest(p_purchases) as x);

    -- The buyers first, in id order (before any ticket type, like every batch): two batches
    -- placing for one account wait for each other, so neither can miss what the other holds.
    perform 1 from account a
    where a.account_id = any(array(select x.account_id from unnest(p_purchases) as x))
    order by a.account_id
    for no key update;
    deleted_accounts := array(
        select a.account_id from account a
        where a.account_id = any(array(select x.account_id from unnest(p_purchases) as x))
          and a.deleted_at is not null
    );

    select array_agg(x.account_id::text || ' ' || x.event_id::text), array_agg(x.quantity)
    into own_keys, own_counts
    from (
        select o.account_id, o.event_id, sum(oi.quantity)::integer as quantity
        from customer_order o join order_item oi using (order_id)
        where o.account_id = any(array(select x.account_id from unnest(p_purchases) as x))
          and o.event_id = any(event_ids)
          and (o.status in ('paid', 'fulfilled')
               or (o.status = 'pending_payment' and (o.payment_detected or o.expires_at > now())))
        group by o.account_id, o.event_id
    ) x;
    own_keys := coalesce(own_keys, '{}');
    own_counts := coalesce(own_counts, '{}');

    select array_agg(x.account_id), array_agg(x.open)
    into open_accounts, open_counts
    from (
        select o.account_id, count(*)::integer as open
        from customer_order o
        where o.account_id = any(array(select x.account_id from unnest(p_purchases) as x))
          and o.status = 'pending_payment' and (o.payment_detected or o.expires_at > now())
        group by o.account_id
    ) x;
    open_accounts := coalesce(open_accounts, '{}');
    open_counts := coalesce(open_counts, '{}');
    line_types := array(select x.ticket_type_id from unnest(p_lines) as x);

    select array_agg(x.ticket_type_id), array_agg(x.quantity)
    into expired_types, expired_quantities
    from (
        select oi.ticket_type_id, sum(oi.quantity)::integer as quantity
        from customer_order o join order_item oi using (order_id)
        where o.event_id = any(event_ids) and o.status = 'pending_payment'
          and not o.payment_detected and o.expires_at <= now()
          and oi.ticket_type_id = any(line_types)
        group by oi.ticket_type_id
    ) x;
    expired_types := coalesce(expired_types, '{}');

    select array_agg(e.event_id order by e.event_id), array_agg(e.status order by e.event_id),
           array_agg(e.starts_at order by e.event_id), array_agg(e.currency order by e.event_id),
           array_agg(e.title order by e.event_id), array_agg(e.max_per_account order by e.event_id)
    into events, event_status, event_starts, event_currency, event_title, event_max
    from (
        select e0.event_id, e0.status, e0.starts_at, e0.currency, e0.title,
               coalesce(lim.max_tickets_per_account, 10) as max_per_account
        from event e0 left join event_purchase_limit lim using (event_id)
        where e0.event_id = any(event_ids) and e0.status <> 'draft'
        order by e0.event_id
        for key share of e0
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
        where tt.ticket_type_id = any(line_types)
        order by tt.ticket_type_id
        for update
    ) t;
    types := coalesce(types, '{}');
    type_taken := array_fill(0, array[cardinality(types)]);
    type_expired := array_fill(0, array[cardinality(types)]);
    type_wait := array(
        select waitlist_smallest(x.id) from unnest(types) with ordinality as x (id, n) order by x.n
    );
    for pos in 1 .. cardinality(types) loop
        type_expired[pos] := coalesce(expired_quantities[array_position(expired_types, types[pos])], 0);
    end loop;

    for i in 1 .. cardinality(p_purchases) loop
        p := p_purchases[i];
        from_line := coalesce(p.idempotency_key like 'waitlist-%', false);
        -- The purchase's lines follow each other, in ticket-type order.
        last_line := first_line - 1;
        while last_line < cardinality(p_lines) and (p_lines[last_line + 1]).purchase_index = i loop
            last_line := last_line + 1;
        end loop;
        result_outcome := 'placed';
        total := 0;
        short := false;
        covered := true;
        result_limit := null;
        wanted := 0;
        result_already := null;
        ev := array_position(events, p.event_id);
        own_key := p.account_id::text || ' ' || p.event_id::text;
        own_pos := array_position(own_keys, own_key);
        open_pos := array_position(open_accounts, p.account_id);
        -- A key seen before answers with its order, whatever became of the event since.
        if p.idempotency_key is not null and (
            p.account_id::text || ' ' || p.idempotency_key = any(keys_taken)
            or exists (select 1 from customer_order o
                       where o.account_id = p.account_id
                         and o.idempotency_key = p.idempotency_key)
        ) then
            result_outcome := 'replay';
        elsif ev is null or p.account_id = any(deleted_accounts) then
            result_outcome := 'not_found';
        elsif event_status[ev] = 'cancelled' then
            result_outcome := 'cancelled';
        elsif event_starts[ev] <= now() then
            result_outcome := 'started';
        else
            for j in first_line .. last_line loop
                l := p_lines[j];
                pos := array_position(types, l.ticket_type_id);
                if pos is null or type_events[pos] <> p.event_id then
                    result_outcome := 'unknown_type';
                    continue;
                end if;
                total := total + type_prices[pos]::numeric * l.quantity;
                wanted := wanted + l.quantity;
                if not from_line and type_wait[pos] is not null
                   and type_left[pos] + type_expired[pos] >= type_wait[pos] then
                    -- Tickets back while someone waits for as many: the line's first, until
                    -- the offer round has placed them.
                    short := true;
                    covered := false;
                else
                    if type_left[pos] < l.quantity then
                        short := true;
                    end if;
                    if type_left[pos] + type_expired[pos] < l.quantity then
                        covered := false;
                    end if;
                end if;
            end loop;
            if result_outcome = 'placed' and total > 9223372036854775807 then
                result_outcome := 'too_large';
            elsif result_outcome = 'placed'
                  and coalesce(own_counts[own_pos], 0) + wanted > event_max[ev] then
                result_outcome := 'over_limit';
                result_limit := event_max[ev];
                result_already := coalesce(own_counts[own_pos], 0);
            elsif result_outcome = 'placed' and coalesce(open_counts[open_pos], 0) >= coalesce(p_max_open[i], 3) then
                result_outcome := 'too_many_open';
                result_limit := coalesce(p_max_open[i], 3);
                result_already := coalesce(open_counts[open_pos], 0);
            elsif result_outcome = 'placed' and short then
                result_outcome := 'sold_out';
            end if;
        end if;

        if result_outcome = 'placed' then
            for j in first_line .. last_line loop
                l := p_lines[j];
                pos := array_position(types, l.ticket_type_id);
                type_left[pos] := type_left[pos] - l.quantity;
                type_taken[pos] := type_taken[pos] + l.quantity;
                item_order := item_order || p.order_id;
                item_type := item_type || l.ticket_type_id;
                item_name := item_name || type_names[pos];
                item_price := item_price || type_prices[pos];
                item_quantity := item_quantity || l.quantity;
            end loop;
            placed := placed || i;
            if own_pos is null then
                own_keys := own_keys || own_key;
                own_counts := own_counts || wanted;
            else
                own_counts[own_pos] := own_counts[own_pos] + wanted;
            end if;
            if open_pos is null then
                open_accounts := open_accounts || p.account_id;
                open_counts := open_counts || 1;
            else
                open_counts[open_pos] := open_counts[open_pos] + 1;
            end if;
            placed_expiry := placed_expiry || (now() + p.hold);
            placed_total := placed_total || total::bigint;
            placed_currency := placed_currency || event_currency[ev];
            if p.idempotency_key is not null then
                keys_taken := keys_taken || (p.account_id::text || ' ' || p.idempotency_key);
            end if;
        end if;

        for j in first_line .. last_line loop
            l := p_lines[j];
            pos := array_position(types, l.ticket_type_id);
            r_order_index := i;
            r_line_index := j - first_line + 1;
            r_outcome := result_outcome;
            r_bad_type := case when pos is null or type_events[pos] <> p.event_id then l.ticket_type_id end;
            r_expires_at := case when result_outcome = 'placed' then now() + p.hold end;
            r_title := case when ev is not null then event_title[ev] end;
            r_currency := case when ev is not null then event_currency[ev] end;
            r_total_minor := case when result_outcome = 'placed' then total::bigint end;
            r_name := case when pos is not null then type_names[pos] end;
            r_price_minor := case when pos is not null then type_prices[pos] end;
            r_available := case
                when pos is null then null
                when not from_line and type_wait[pos] is not null
                     and type_left[pos] + type_expired[pos] >= type_wait[pos] then 0
                else greatest(type_left[pos] + type_expired[pos], 0)
            end;
            r_expired_holds := result_outcome = 'sold_out' and covered;
            r_limit := result_limit;
            r_already := result_already;
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
         idempotency_key, request_hash, locale)
    select (p_purchases[k]).order_id, (p_purchases[k]).account_id, (p_purchases[k]).event_id,
           (p_purchases[k]).method, c, t, x, (p_purchases[k]).idempotency_key, (p_purchases[k]).request_hash,
           coalesce(p_locales[k], 'en')
    from unnest(placed, placed_currency, placed_total, placed_expiry) as w (k, c, t, x);
    insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity)
    select * from unnest(item_order, item_type, item_name, item_price, item_quantity);
    insert into payment (payment_id, order_id, provider, status, currency, amount_minor)
    select (p_purchases[k]).payment_id, (p_purchases[k]).order_id,
           case when t = 0 then 'free' else (p_purchases[k]).provider end, 'creating', c, t
    from unnest(placed, placed_currency, placed_total) as w (k, c, t);
end
$$;
