-- Generated from a freshly migrated database by pg_dump --schema-only --no-owner --no-privileges
-- (migrations/tests/drift.rs). Never edit it by hand; regenerate it with
--   TESSERA_BLESS_MIGRATIONS=1 cargo test -p tessera-migrations
--
-- PostgreSQL database dump
--

--
-- Name: fuzzystrmatch; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS fuzzystrmatch WITH SCHEMA public;

--
-- Name: EXTENSION fuzzystrmatch; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION fuzzystrmatch IS 'determine similarities and distance between strings';

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

--
-- Name: unaccent; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

--
-- Name: EXTENSION unaccent; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';

--
-- Name: place_outcome; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.place_outcome AS ENUM (
    'placed',
    'sold_out',
    'replay',
    'not_found',
    'cancelled',
    'started',
    'unknown_type',
    'too_large',
    'over_limit',
    'too_many_open'
);

--
-- Name: purchase; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.purchase AS (
	order_id uuid,
	account_id uuid,
	event_id uuid,
	method text,
	provider text,
	hold interval,
	idempotency_key text,
	request_hash bytea,
	payment_id uuid
);

--
-- Name: purchase_line; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.purchase_line AS (
	purchase_index integer,
	ticket_type_id uuid,
	quantity integer
);

--
-- Name: currency_exponent(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.currency_exponent(code text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (code = ANY (ARRAY['BIF'::text, 'CLP'::text, 'DJF'::text, 'GNF'::text, 'ISK'::text, 'JPY'::text, 'KMF'::text, 'KRW'::text, 'PYG'::text, 'RWF'::text, 'UGX'::text, 'UYI'::text, 'VND'::text, 'VUV'::text, 'XAF'::text, 'XOF'::text, 'XPF'::text])) THEN 0 WHEN (code = ANY (ARRAY['BHD'::text, 'IQD'::text, 'JOD'::text, 'KWD'::text, 'LYD'::text, 'OMR'::text, 'TND'::text])) THEN 3 WHEN (code = ANY (ARRAY['CLF'::text, 'UYW'::text])) THEN 4 ELSE 2 END;

--
-- Name: demand_days(date, date, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.demand_days(p_from date, p_to date, p_zone text) RETURNS TABLE(day date, kind text, event_id uuid, city text, category text, words text, results integer, lang text, source text, medium text, campaign text, records bigint, visitors bigint, anonymous bigint)
    LANGUAGE sql STABLE
    AS $$
    select d.day, d.kind, d.event_id, d.city, d.category, d.words, d.results, d.lang,
           d.source, d.medium, d.campaign, d.records::bigint, d.visitors::bigint, d.anonymous::bigint
    from demand_daily d
    where d.day between p_from and p_to
    union all
    select (e.at at time zone p_zone)::date, e.kind, e.event_id, e.city, e.category, e.words,
           least(e.results, 10), e.lang, e.source, e.medium, e.campaign,
           count(*), count(distinct e.visitor), count(*) filter (where e.visitor is null)
    from demand_event e
    where e.at >= (p_from::timestamp at time zone p_zone)
      and e.at < ((p_to + 1)::timestamp at time zone p_zone)
      and not exists (select 1 from demand_rollup r where r.day = (e.at at time zone p_zone)::date)
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
$$;

--
-- Name: event_collect_search_words(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.event_collect_search_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if new.status = 'published' then
        insert into search_word (word)
        select w from search_words(concat_ws(' ', new.title, new.category, new.venue_name, new.city,
                                             new.region, array_to_string(new.tags, ' '),
                                             new.description, new.translated_titles,
                                             new.translated_descriptions)) as w
        on conflict do nothing;
    end if;
    return new;
end
$$;

--
-- Name: event_mark_published(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.event_mark_published() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if new.status = 'published' and new.published_at is null then
        new.published_at := clock_timestamp();
    end if;
    return new;
end
$$;

--
-- Name: tessera_search; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.tessera_search (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR asciiword WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR word WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR numword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR email WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR url WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR host WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR sfloat WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR version WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR hword_numpart WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR hword_part WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR hword_asciipart WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR numhword WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR asciihword WITH english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR hword WITH public.unaccent, english_stem;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR url_path WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR file WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR "float" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR "int" WITH simple;

ALTER TEXT SEARCH CONFIGURATION public.tessera_search
    ADD MAPPING FOR uint WITH simple;

--
-- Name: event_search_vector(text, text, text, text, text, text[], text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.event_search_vector(title text, category text, venue_name text, city text, region text, tags text[], description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((setweight(to_tsvector('public.tessera_search'::regconfig, COALESCE(title, ''::text)), 'A'::"char") || setweight(to_tsvector('public.tessera_search'::regconfig, ((((((((COALESCE(category, ''::text) || ' '::text) || COALESCE(venue_name, ''::text)) || ' '::text) || COALESCE(city, ''::text)) || ' '::text) || COALESCE(region, ''::text)) || ' '::text) || COALESCE(array_to_string(tags, ' '::text), ''::text))), 'B'::"char")) || setweight(to_tsvector('public.tessera_search'::regconfig, COALESCE(description, ''::text)), 'C'::"char"));

--
-- Name: immutable_unaccent(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

--
-- Name: is_iana_timezone(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.is_iana_timezone(tz text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
begin
    if tz !~ '^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+)$' then
        return false;
    end if;
    perform now() at time zone tz;
    return true;
exception when invalid_parameter_value then
    return false;
end
$_$;

--
-- Name: notify_catalog_event(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_catalog_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if tg_op <> 'INSERT' then
        perform pg_notify('tessera_catalog', old.event_id::text);
    end if;
    if tg_op <> 'DELETE' then
        perform pg_notify('tessera_catalog', new.event_id::text);
    end if;
    return null;
end
$$;

--
-- Name: notify_catalog_media_rendition(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_catalog_media_rendition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    perform pg_notify('tessera_catalog', e.event_id::text)
    from event e
    where e.image_id in (old.media_id, new.media_id);
    return null;
end
$$;

--
-- Name: notify_catalog_ticket_type_translation(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_catalog_ticket_type_translation() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    perform pg_notify('tessera_catalog', t.event_id::text)
    from ticket_type t
    where t.ticket_type_id in (old.ticket_type_id, new.ticket_type_id);
    return null;
end
$$;

--
-- Name: place_orders(public.purchase[], public.purchase_line[], integer[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.place_orders(p_purchases public.purchase[], p_lines public.purchase_line[], p_max_open integer[] DEFAULT NULL::integer[], p_locales text[] DEFAULT NULL::text[]) RETURNS TABLE(r_order_index integer, r_line_index integer, r_outcome public.place_outcome, r_bad_type uuid, r_expires_at timestamp with time zone, r_title text, r_currency text, r_total_minor bigint, r_name text, r_price_minor bigint, r_available integer, r_expired_holds boolean, r_limit integer, r_already integer)
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: search_correct(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_correct(q text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    AS $$
declare
    w text;
    fixed text;
    words text[] := '{}';
    corrections integer := 0;
begin
    foreach w in array regexp_split_to_array(lower(public.immutable_unaccent(q)), '[^[:alnum:]]+') loop
        continue when w = '';
        if length(w) >= 5 and corrections < 4
           and not exists (select 1 from public.search_word k where k.word = w) then
            corrections := corrections + 1;
            select s.word into fixed
            from public.search_word s
            where s.word operator(public.%) w and public.levenshtein(s.word, w) <= 2
            order by public.levenshtein(s.word, w), s.word operator(public.<->) w, s.word
            limit 1;
            w := coalesce(fixed, w);
        end if;
        words := words || w;
    end loop;
    return array_to_string(words, ' ');
end
$$;

--
-- Name: search_normalize(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_normalize(q text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array_to_string(array_remove(regexp_split_to_array(lower(public.immutable_unaccent(q)), '[^[:alnum:]]+'::text), ''::text), ' '::text);

--
-- Name: search_words(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_words(doc text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    select distinct w
    from regexp_split_to_table(lower(public.immutable_unaccent(doc)), '[^[:alnum:]]+') as w
    where length(w) between 3 and 40
$$;

--
-- Name: waitlist_smallest(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.waitlist_smallest(p_ticket_type uuid) RETURNS integer
    LANGUAGE sql STABLE
    AS $$
    select min(w.quantity) from waitlist_entry w
    where w.ticket_type_id = p_ticket_type and w.status = 'waiting'
      and (w.passed_until is null or w.passed_until <= now())
$$;

--
-- Name: account; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account (
    account_id uuid NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    password_hash text NOT NULL,
    role text DEFAULT 'customer'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    email_verified_at timestamp with time zone,
    locale text,
    home_country text,
    home_city text,
    home_asked_at timestamp with time zone,
    deleted_at timestamp with time zone,
    CONSTRAINT account_email_check CHECK (((length(email) <= 254) AND (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'::text))),
    CONSTRAINT account_home_city_check CHECK ((((length(btrim(home_city)) >= 1) AND (length(btrim(home_city)) <= 100)) AND (home_city = btrim(home_city)))),
    CONSTRAINT account_home_country_check CHECK ((home_country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT account_locale_check CHECK ((locale = ANY (ARRAY['en'::text, 'fr'::text, 'de'::text, 'es'::text, 'pt'::text, 'ja'::text, 'pl'::text]))),
    CONSTRAINT account_name_check CHECK ((((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100)) AND (name = btrim(name)))),
    CONSTRAINT account_password_hash_check CHECK ((password_hash ~~ '$argon2id$%'::text)),
    CONSTRAINT account_role_check CHECK ((role = ANY (ARRAY['customer'::text, 'admin'::text, 'door'::text])))
);

--
-- Name: account_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_token (
    token_hash bytea NOT NULL,
    account_id uuid NOT NULL,
    purpose text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_token_check CHECK ((expires_at > created_at)),
    CONSTRAINT account_token_purpose_check CHECK ((purpose = ANY (ARRAY['verify_email'::text, 'reset_password'::text]))),
    CONSTRAINT account_token_token_hash_check CHECK ((length(token_hash) = 32))
);

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    audit_log_id bigint NOT NULL,
    account_id uuid,
    action text NOT NULL,
    event_id uuid,
    before jsonb,
    after jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    subject text,
    CONSTRAINT audit_log_about_check CHECK ((((action ~~ 'event.%'::text) AND (event_id IS NOT NULL)) OR ((action = ANY (ARRAY['discrepancy.resolve'::text, 'refund.request'::text, 'refund.cancel'::text, 'account.role'::text])) AND (subject IS NOT NULL)))),
    CONSTRAINT audit_log_action_check CHECK ((action = ANY (ARRAY['event.create'::text, 'event.edit'::text, 'event.delete'::text, 'event.refund_policy'::text, 'event.limits'::text, 'event.release_holds'::text, 'discrepancy.resolve'::text, 'refund.request'::text, 'refund.cancel'::text, 'account.role'::text]))),
    CONSTRAINT audit_log_check CHECK (((before IS NOT NULL) OR (after IS NOT NULL))),
    CONSTRAINT audit_log_subject_check CHECK ((length(subject) <= 300))
);

--
-- Name: audit_log_audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN audit_log_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: btc_receipt; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.btc_receipt (
    btc_receipt_id uuid NOT NULL,
    network text NOT NULL,
    txid text,
    vout integer,
    provider text NOT NULL,
    provider_ref text NOT NULL,
    order_id uuid,
    amount_sat bigint NOT NULL,
    rate numeric NOT NULL,
    currency text NOT NULL,
    destination text NOT NULL,
    status text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    settled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    rail text DEFAULT 'chain'::text NOT NULL,
    payment_hash text,
    amount_msat bigint,
    CONSTRAINT btc_receipt_amount_msat_check CHECK ((amount_msat > 0)),
    CONSTRAINT btc_receipt_amount_sat_check CHECK (((amount_sat >= 0) AND ((rail = 'lightning'::text) OR (amount_sat > 0)))),
    CONSTRAINT btc_receipt_check CHECK (((status <> 'settled'::text) OR (settled_at IS NOT NULL))),
    CONSTRAINT btc_receipt_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT btc_receipt_destination_check CHECK (((length(destination) >= 1) AND (length(destination) <= 4096))),
    CONSTRAINT btc_receipt_network_check CHECK ((network = ANY (ARRAY['bitcoin'::text, 'testnet'::text, 'testnet4'::text, 'signet'::text, 'regtest'::text]))),
    CONSTRAINT btc_receipt_payment_hash_check CHECK ((payment_hash ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT btc_receipt_provider_check CHECK ((provider = 'btcpay'::text)),
    CONSTRAINT btc_receipt_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255))),
    CONSTRAINT btc_receipt_rail_check CHECK ((rail = ANY (ARRAY['chain'::text, 'lightning'::text]))),
    CONSTRAINT btc_receipt_rail_fields_check CHECK ((((rail = 'chain'::text) AND (txid IS NOT NULL) AND (vout IS NOT NULL) AND (payment_hash IS NULL) AND (amount_msat IS NULL)) OR ((rail = 'lightning'::text) AND (txid IS NULL) AND (vout IS NULL) AND (payment_hash IS NOT NULL) AND (amount_msat IS NOT NULL) AND (amount_sat = (amount_msat / 1000))))),
    CONSTRAINT btc_receipt_rate_check CHECK ((rate > (0)::numeric)),
    CONSTRAINT btc_receipt_status_check CHECK ((status = ANY (ARRAY['processing'::text, 'settled'::text, 'invalid'::text]))),
    CONSTRAINT btc_receipt_txid_check CHECK ((txid ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT btc_receipt_vout_check CHECK ((vout >= 0))
);

--
-- Name: btc_unreadable_payment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.btc_unreadable_payment (
    btc_unreadable_payment_id uuid NOT NULL,
    provider text DEFAULT 'btcpay'::text NOT NULL,
    provider_ref text NOT NULL,
    payment_ref text NOT NULL,
    order_id uuid,
    problem text NOT NULL,
    raw jsonb NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    CONSTRAINT btc_unreadable_payment_payment_ref_check CHECK ((length(payment_ref) <= 255)),
    CONSTRAINT btc_unreadable_payment_problem_check CHECK (((length(problem) >= 1) AND (length(problem) <= 500))),
    CONSTRAINT btc_unreadable_payment_provider_check CHECK ((provider = 'btcpay'::text)),
    CONSTRAINT btc_unreadable_payment_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255)))
);

--
-- Name: customer_order; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customer_order (
    order_id uuid NOT NULL,
    account_id uuid NOT NULL,
    event_id uuid NOT NULL,
    status text DEFAULT 'pending_payment'::text NOT NULL,
    status_reason text DEFAULT ''::text NOT NULL,
    payment_method text NOT NULL,
    currency text NOT NULL,
    total_minor bigint NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    payment_detected boolean DEFAULT false NOT NULL,
    paid_at timestamp with time zone,
    idempotency_key text,
    request_hash bytea,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    locale text DEFAULT 'en'::text NOT NULL,
    CONSTRAINT customer_order_check CHECK (((idempotency_key IS NULL) = (request_hash IS NULL))),
    CONSTRAINT customer_order_check1 CHECK (((status <> ALL (ARRAY['paid'::text, 'fulfilled'::text])) OR (paid_at IS NOT NULL))),
    CONSTRAINT customer_order_check2 CHECK ((expires_at > created_at)),
    CONSTRAINT customer_order_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT customer_order_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 255))),
    CONSTRAINT customer_order_locale_check CHECK ((locale = ANY (ARRAY['en'::text, 'fr'::text, 'de'::text, 'es'::text, 'pt'::text, 'ja'::text, 'pl'::text]))),
    CONSTRAINT customer_order_payment_method_check CHECK ((payment_method = ANY (ARRAY['card'::text, 'btc'::text, 'lightning'::text, 'eth'::text, 'usdc'::text, 'usdt'::text, 'eurc'::text]))),
    CONSTRAINT customer_order_request_hash_check CHECK ((length(request_hash) = 32)),
    CONSTRAINT customer_order_status_check CHECK ((status = ANY (ARRAY['pending_payment'::text, 'paid'::text, 'fulfilled'::text, 'expired'::text, 'cancelled'::text, 'failed'::text, 'refunded'::text]))),
    CONSTRAINT customer_order_status_reason_check CHECK ((length(status_reason) <= 200)),
    CONSTRAINT customer_order_total_minor_check CHECK ((total_minor >= 0))
);

--
-- Name: delivery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.delivery (
    order_id uuid NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    next_attempt_at timestamp with time zone,
    lease_owner text,
    lease_until timestamp with time zone,
    pdf_key text,
    pdf_bytes integer,
    recipient text,
    email_started_at timestamp with time zone,
    sent_at timestamp with time zone,
    republished integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT delivery_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT delivery_check CHECK (((status <> 'sent'::text) OR ((sent_at IS NOT NULL) AND (pdf_key IS NOT NULL)))),
    CONSTRAINT delivery_check1 CHECK (((lease_owner IS NULL) = (lease_until IS NULL))),
    CONSTRAINT delivery_last_error_check CHECK ((length(last_error) <= 2000)),
    CONSTRAINT delivery_lease_owner_check CHECK ((length(lease_owner) <= 200)),
    CONSTRAINT delivery_pdf_bytes_check CHECK ((pdf_bytes > 0)),
    CONSTRAINT delivery_pdf_key_check CHECK ((length(pdf_key) <= 300)),
    CONSTRAINT delivery_recipient_check CHECK ((length(recipient) <= 254)),
    CONSTRAINT delivery_republished_check CHECK ((republished >= 0)),
    CONSTRAINT delivery_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text])))
);

--
-- Name: demand_daily; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.demand_daily (
    day date NOT NULL,
    kind text NOT NULL,
    event_id uuid,
    city text NOT NULL,
    category text NOT NULL,
    words text NOT NULL,
    results integer,
    lang text NOT NULL,
    source text NOT NULL,
    medium text NOT NULL,
    campaign text NOT NULL,
    records integer NOT NULL,
    visitors integer NOT NULL,
    anonymous integer NOT NULL,
    CONSTRAINT demand_daily_anonymous_check CHECK ((anonymous >= 0)),
    CONSTRAINT demand_daily_kind_check CHECK ((kind = ANY (ARRAY['search'::text, 'event_view'::text, 'buy_view'::text]))),
    CONSTRAINT demand_daily_records_check CHECK ((records > 0)),
    CONSTRAINT demand_daily_results_check CHECK (((results >= 0) AND (results <= 10))),
    CONSTRAINT demand_daily_visitors_check CHECK ((visitors >= 0))
);

--
-- Name: demand_event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.demand_event (
    demand_id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    visitor bytea,
    account_id uuid,
    event_id uuid,
    city text DEFAULT ''::text NOT NULL,
    category text DEFAULT ''::text NOT NULL,
    words text DEFAULT ''::text NOT NULL,
    results integer,
    lang text NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    medium text DEFAULT ''::text NOT NULL,
    campaign text DEFAULT ''::text NOT NULL,
    CONSTRAINT demand_event_campaign_check CHECK ((length(campaign) <= 100)),
    CONSTRAINT demand_event_category_check CHECK ((length(category) <= 40)),
    CONSTRAINT demand_event_check CHECK (((kind = 'search'::text) = (results IS NOT NULL))),
    CONSTRAINT demand_event_city_check CHECK ((length(city) <= 100)),
    CONSTRAINT demand_event_kind_check CHECK ((kind = ANY (ARRAY['search'::text, 'event_view'::text, 'buy_view'::text]))),
    CONSTRAINT demand_event_lang_check CHECK ((lang = ANY (ARRAY['en'::text, 'fr'::text, 'de'::text, 'es'::text, 'pt'::text, 'ja'::text, 'pl'::text]))),
    CONSTRAINT demand_event_medium_check CHECK ((length(medium) <= 100)),
    CONSTRAINT demand_event_results_check CHECK ((results >= 0)),
    CONSTRAINT demand_event_source_check CHECK ((length(source) <= 100)),
    CONSTRAINT demand_event_visitor_check CHECK ((length(visitor) = 16)),
    CONSTRAINT demand_event_words_check CHECK ((length(words) <= 200))
);

--
-- Name: demand_event_demand_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.demand_event ALTER COLUMN demand_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.demand_event_demand_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: demand_rollup; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.demand_rollup (
    day date NOT NULL,
    time_zone text NOT NULL,
    rolled_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: demand_salt; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.demand_salt (
    day date NOT NULL,
    salt bytea NOT NULL,
    CONSTRAINT demand_salt_salt_check CHECK ((length(salt) = 32))
);

--
-- Name: discrepancy_resolution; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.discrepancy_resolution (
    rail text NOT NULL,
    receipt_ref text NOT NULL,
    class text NOT NULL,
    note text NOT NULL,
    resolved_by uuid,
    resolved_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT discrepancy_resolution_class_check CHECK ((class = ANY (ARRAY['underpaid'::text, 'overpaid'::text, 'paid_late'::text, 'sold_out'::text, 'refund_due'::text, 'reorged'::text, 'orphan'::text, 'not_confirmed'::text, 'refund_pending'::text, 'refund_failed'::text, 'disputed'::text]))),
    CONSTRAINT discrepancy_resolution_note_check CHECK (((length(btrim(note)) >= 1) AND (length(btrim(note)) <= 2000))),
    CONSTRAINT discrepancy_resolution_rail_check CHECK ((rail = ANY (ARRAY['card'::text, 'btc'::text, 'eth'::text]))),
    CONSTRAINT discrepancy_resolution_receipt_ref_check CHECK (((length(receipt_ref) >= 1) AND (length(receipt_ref) <= 300)))
);

--
-- Name: eth_block; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.eth_block (
    chain_id bigint NOT NULL,
    contract text NOT NULL,
    number bigint NOT NULL,
    hash text NOT NULL,
    parent_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT eth_block_chain_id_check CHECK ((chain_id > 0)),
    CONSTRAINT eth_block_contract_check CHECK ((contract ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_block_hash_check CHECK ((hash ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_block_number_check CHECK ((number >= 0)),
    CONSTRAINT eth_block_parent_hash_check CHECK ((parent_hash ~ '^0x[0-9a-f]{64}$'::text))
);

--
-- Name: eth_cursor; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.eth_cursor (
    chain_id bigint NOT NULL,
    contract text NOT NULL,
    next_block bigint NOT NULL,
    head_block bigint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT eth_cursor_chain_id_check CHECK ((chain_id > 0)),
    CONSTRAINT eth_cursor_contract_check CHECK ((contract ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_cursor_head_block_check CHECK ((head_block >= 0)),
    CONSTRAINT eth_cursor_next_block_check CHECK ((next_block >= 0))
);

--
-- Name: eth_quote; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.eth_quote (
    order_id uuid NOT NULL,
    chain_id bigint NOT NULL,
    contract text NOT NULL,
    order_ref text NOT NULL,
    asset text NOT NULL,
    token text NOT NULL,
    decimals smallint NOT NULL,
    amount numeric(78,0) NOT NULL,
    rate numeric NOT NULL,
    currency text NOT NULL,
    total_minor bigint NOT NULL,
    deadline timestamp with time zone NOT NULL,
    signature text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT eth_quote_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT eth_quote_asset_check CHECK ((asset ~ '^[A-Z0-9]{1,11}$'::text)),
    CONSTRAINT eth_quote_chain_id_check CHECK ((chain_id > 0)),
    CONSTRAINT eth_quote_contract_check CHECK ((contract ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_quote_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT eth_quote_decimals_check CHECK (((decimals >= 0) AND (decimals <= 36))),
    CONSTRAINT eth_quote_order_ref_check CHECK ((order_ref ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_quote_rate_check CHECK ((rate > (0)::numeric)),
    CONSTRAINT eth_quote_signature_check CHECK ((signature ~ '^0x[0-9a-f]{130}$'::text)),
    CONSTRAINT eth_quote_token_check CHECK ((token ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_quote_total_minor_check CHECK ((total_minor > 0))
);

--
-- Name: eth_receipt; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.eth_receipt (
    eth_receipt_id uuid NOT NULL,
    chain_id bigint NOT NULL,
    contract text NOT NULL,
    tx_hash text NOT NULL,
    log_index integer NOT NULL,
    block_number bigint NOT NULL,
    block_hash text NOT NULL,
    order_ref text NOT NULL,
    order_id uuid,
    payer text NOT NULL,
    token text NOT NULL,
    amount numeric(78,0) NOT NULL,
    status text NOT NULL,
    outcome text,
    block_time timestamp with time zone NOT NULL,
    seen_at timestamp with time zone DEFAULT now() NOT NULL,
    confirmed_at timestamp with time zone,
    reorged_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT eth_receipt_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT eth_receipt_block_hash_check CHECK ((block_hash ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_receipt_block_number_check CHECK ((block_number >= 0)),
    CONSTRAINT eth_receipt_chain_id_check CHECK ((chain_id > 0)),
    CONSTRAINT eth_receipt_check CHECK (((status <> 'confirmed'::text) OR ((confirmed_at IS NOT NULL) AND (outcome IS NOT NULL)))),
    CONSTRAINT eth_receipt_contract_check CHECK ((contract ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_receipt_log_index_check CHECK ((log_index >= 0)),
    CONSTRAINT eth_receipt_order_ref_check CHECK ((order_ref ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_receipt_outcome_check CHECK ((outcome = ANY (ARRAY['paid'::text, 'paid_late'::text, 'overpaid'::text, 'underpaid'::text, 'refund_due'::text, 'orphan'::text]))),
    CONSTRAINT eth_receipt_payer_check CHECK ((payer ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_receipt_status_check CHECK ((status = ANY (ARRAY['seen'::text, 'confirmed'::text, 'reorged'::text]))),
    CONSTRAINT eth_receipt_token_check CHECK ((token ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_receipt_tx_hash_check CHECK ((tx_hash ~ '^0x[0-9a-f]{64}$'::text))
);

--
-- Name: eth_refund_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.eth_refund_log (
    eth_refund_log_id uuid NOT NULL,
    chain_id bigint NOT NULL,
    contract text NOT NULL,
    tx_hash text NOT NULL,
    log_index integer NOT NULL,
    block_number bigint NOT NULL,
    block_hash text NOT NULL,
    block_time timestamp with time zone NOT NULL,
    order_ref text NOT NULL,
    recipient text NOT NULL,
    token text NOT NULL,
    amount numeric(78,0) NOT NULL,
    status text NOT NULL,
    refund_id uuid,
    confirmed_at timestamp with time zone,
    reorged_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT eth_refund_log_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT eth_refund_log_block_hash_check CHECK ((block_hash ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_refund_log_block_number_check CHECK ((block_number >= 0)),
    CONSTRAINT eth_refund_log_chain_id_check CHECK ((chain_id > 0)),
    CONSTRAINT eth_refund_log_check CHECK (((status <> 'confirmed'::text) OR (confirmed_at IS NOT NULL))),
    CONSTRAINT eth_refund_log_contract_check CHECK ((contract ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_refund_log_log_index_check CHECK ((log_index >= 0)),
    CONSTRAINT eth_refund_log_order_ref_check CHECK ((order_ref ~ '^0x[0-9a-f]{64}$'::text)),
    CONSTRAINT eth_refund_log_recipient_check CHECK ((recipient ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_refund_log_status_check CHECK ((status = ANY (ARRAY['seen'::text, 'confirmed'::text, 'reorged'::text]))),
    CONSTRAINT eth_refund_log_token_check CHECK ((token ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT eth_refund_log_tx_hash_check CHECK ((tx_hash ~ '^0x[0-9a-f]{64}$'::text))
);

--
-- Name: event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event (
    event_id uuid NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    category text NOT NULL,
    city text NOT NULL,
    region text DEFAULT ''::text NOT NULL,
    country text NOT NULL,
    venue_name text NOT NULL,
    address text NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    timezone text NOT NULL,
    language text NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    image_id uuid,
    image_alt text DEFAULT ''::text NOT NULL,
    currency text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    city_key text GENERATED ALWAYS AS (lower(public.immutable_unaccent(city))) STORED,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    translated_titles text DEFAULT ''::text NOT NULL,
    translated_descriptions text DEFAULT ''::text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (public.event_search_vector(((title || ' '::text) || translated_titles), category, venue_name, city, region, tags, ((description || ' '::text) || translated_descriptions))) STORED,
    rank_vector tsvector GENERATED ALWAYS AS (public.event_search_vector(((title || ' '::text) || translated_titles), category, venue_name, city, region, tags, ''::text)) STORED,
    neighbourhood text DEFAULT ''::text NOT NULL,
    neighbourhood_key text GENERATED ALWAYS AS (lower(public.immutable_unaccent(neighbourhood))) STORED,
    published_at timestamp with time zone,
    CONSTRAINT event_address_check CHECK (((length(btrim(address)) >= 1) AND (length(btrim(address)) <= 300))),
    CONSTRAINT event_category_check CHECK ((category = ANY (ARRAY['festival'::text, 'concert'::text, 'comedy'::text, 'theatre'::text, 'food'::text, 'workshop'::text, 'tour'::text, 'exhibition'::text, 'market'::text, 'dance'::text]))),
    CONSTRAINT event_check CHECK ((ends_at > starts_at)),
    CONSTRAINT event_city_check CHECK ((((length(btrim(city)) >= 1) AND (length(btrim(city)) <= 100)) AND (city = btrim(city)))),
    CONSTRAINT event_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT event_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT event_description_check CHECK ((length(description) <= 20000)),
    CONSTRAINT event_image_alt_check CHECK ((length(image_alt) <= 300)),
    CONSTRAINT event_language_check CHECK ((language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'::text)),
    CONSTRAINT event_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT event_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT event_neighbourhood_check CHECK (((length(neighbourhood) <= 100) AND (neighbourhood = btrim(neighbourhood)))),
    CONSTRAINT event_region_check CHECK ((length(region) <= 100)),
    CONSTRAINT event_slug_check CHECK (((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text) AND (length(slug) <= 120))),
    CONSTRAINT event_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'published'::text, 'cancelled'::text]))),
    CONSTRAINT event_tags_check CHECK (((cardinality(tags) <= 20) AND (array_position(tags, NULL::text) IS NULL))),
    CONSTRAINT event_timezone_check CHECK (public.is_iana_timezone(timezone)),
    CONSTRAINT event_title_check CHECK ((((length(btrim(title)) >= 1) AND (length(btrim(title)) <= 200)) AND (title = btrim(title)))),
    CONSTRAINT event_venue_name_check CHECK (((length(btrim(venue_name)) >= 1) AND (length(btrim(venue_name)) <= 200))),
    CONSTRAINT event_version_check CHECK ((version > 0))
);

--
-- Name: event_purchase_limit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_purchase_limit (
    event_id uuid NOT NULL,
    max_tickets_per_account integer DEFAULT 10 NOT NULL,
    allow_delayed_methods boolean DEFAULT false NOT NULL,
    updated_by uuid,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT event_purchase_limit_max_tickets_per_account_check CHECK (((max_tickets_per_account >= 1) AND (max_tickets_per_account <= 10000)))
);

--
-- Name: event_refund_policy; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_refund_policy (
    event_id uuid NOT NULL,
    until_hours_before integer NOT NULL,
    fee_bps integer DEFAULT 0 NOT NULL,
    updated_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT event_refund_policy_fee_bps_check CHECK (((fee_bps >= 0) AND (fee_bps <= 10000))),
    CONSTRAINT event_refund_policy_until_hours_before_check CHECK (((until_hours_before >= 0) AND (until_hours_before <= 8760)))
);

--
-- Name: event_translation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_translation (
    event_id uuid NOT NULL,
    language text NOT NULL,
    title text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT event_translation_description_check CHECK ((length(description) <= 20000)),
    CONSTRAINT event_translation_language_check CHECK ((language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'::text)),
    CONSTRAINT event_translation_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);

--
-- Name: interest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.interest (
    interest_id uuid NOT NULL,
    account_id uuid NOT NULL,
    city text DEFAULT ''::text NOT NULL,
    city_key text GENERATED ALWAYS AS (lower(public.immutable_unaccent(city))) STORED,
    category text DEFAULT ''::text NOT NULL,
    words text DEFAULT ''::text NOT NULL,
    locale text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    event_id uuid,
    notified_at timestamp with time zone,
    CONSTRAINT interest_category_check CHECK (((category = ''::text) OR (category = ANY (ARRAY['festival'::text, 'concert'::text, 'comedy'::text, 'theatre'::text, 'food'::text, 'workshop'::text, 'tour'::text, 'exhibition'::text, 'market'::text, 'dance'::text])))),
    CONSTRAINT interest_check CHECK (((city <> ''::text) OR (category <> ''::text) OR (words <> ''::text))),
    CONSTRAINT interest_city_check CHECK ((length(city) <= 100)),
    CONSTRAINT interest_locale_check CHECK ((locale = ANY (ARRAY['en'::text, 'fr'::text, 'de'::text, 'es'::text, 'pt'::text, 'ja'::text, 'pl'::text]))),
    CONSTRAINT interest_words_check CHECK ((length(words) <= 200))
);

--
-- Name: media; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media (
    media_id uuid NOT NULL,
    sha256 text NOT NULL,
    blob_key text NOT NULL,
    content_type text NOT NULL,
    byte_size integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    width integer,
    height integer,
    CONSTRAINT media_blob_key_check CHECK (((blob_key ~ '^[a-z0-9/_.-]+$'::text) AND (blob_key !~ '\.\.'::text))),
    CONSTRAINT media_byte_size_check CHECK ((byte_size > 0)),
    CONSTRAINT media_content_type_check CHECK ((content_type = ANY (ARRAY['image/jpeg'::text, 'image/png'::text, 'image/webp'::text]))),
    CONSTRAINT media_height_check CHECK ((height > 0)),
    CONSTRAINT media_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT media_width_check CHECK ((width > 0))
);

--
-- Name: media_rendition; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media_rendition (
    media_id uuid NOT NULL,
    format text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    blob_key text NOT NULL,
    byte_size integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT media_rendition_blob_key_check CHECK (((blob_key ~ '^[a-z0-9/_.-]+$'::text) AND (blob_key !~ '\.\.'::text))),
    CONSTRAINT media_rendition_byte_size_check CHECK ((byte_size > 0)),
    CONSTRAINT media_rendition_format_check CHECK ((format = ANY (ARRAY['webp'::text, 'jpeg'::text]))),
    CONSTRAINT media_rendition_height_check CHECK ((height > 0)),
    CONSTRAINT media_rendition_width_check CHECK ((width > 0))
);

--
-- Name: order_channel; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_channel (
    order_id uuid NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    medium text DEFAULT ''::text NOT NULL,
    campaign text DEFAULT ''::text NOT NULL,
    CONSTRAINT order_channel_campaign_check CHECK ((length(campaign) <= 100)),
    CONSTRAINT order_channel_medium_check CHECK ((length(medium) <= 100)),
    CONSTRAINT order_channel_source_check CHECK ((length(source) <= 100))
);

--
-- Name: order_item; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_item (
    order_id uuid NOT NULL,
    ticket_type_id uuid NOT NULL,
    ticket_type_name text NOT NULL,
    unit_price_minor bigint NOT NULL,
    quantity integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT order_item_quantity_check CHECK (((quantity >= 1) AND (quantity <= 100))),
    CONSTRAINT order_item_ticket_type_name_check CHECK (((length(ticket_type_name) >= 1) AND (length(ticket_type_name) <= 100))),
    CONSTRAINT order_item_unit_price_minor_check CHECK ((unit_price_minor >= 0))
);

--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    outbox_id bigint NOT NULL,
    topic text NOT NULL,
    order_id uuid NOT NULL,
    payload jsonb NOT NULL,
    published_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT outbox_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT outbox_topic_check CHECK ((topic = 'orders.paid'::text))
);

--
-- Name: outbox_outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.outbox ALTER COLUMN outbox_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.outbox_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: payment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payment (
    payment_id uuid NOT NULL,
    order_id uuid NOT NULL,
    provider text NOT NULL,
    provider_ref text,
    redirect_url text,
    status text NOT NULL,
    currency text NOT NULL,
    amount_minor bigint NOT NULL,
    received_minor bigint,
    provider_payment_ref text,
    refund_reason text,
    close_attempted_at timestamp with time zone,
    received_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    overpaid_minor bigint DEFAULT 0 NOT NULL,
    seen_minor bigint,
    dispute_ref text,
    dispute_status text,
    dispute_amount_minor bigint,
    disputed_at timestamp with time zone,
    payment_request text,
    superseded_at timestamp with time zone,
    CONSTRAINT payment_amount_minor_check CHECK ((amount_minor >= 0)),
    CONSTRAINT payment_check CHECK (((status <> 'refund_due'::text) OR (refund_reason IS NOT NULL))),
    CONSTRAINT payment_check1 CHECK (((status <> ALL (ARRAY['succeeded'::text, 'refund_due'::text])) OR (received_at IS NOT NULL))),
    CONSTRAINT payment_check2 CHECK (((dispute_ref IS NULL) = (dispute_status IS NULL))),
    CONSTRAINT payment_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT payment_dispute_amount_minor_check CHECK ((dispute_amount_minor >= 0)),
    CONSTRAINT payment_dispute_ref_check CHECK (((length(dispute_ref) >= 1) AND (length(dispute_ref) <= 255))),
    CONSTRAINT payment_dispute_status_check CHECK (((length(dispute_status) >= 1) AND (length(dispute_status) <= 60))),
    CONSTRAINT payment_overpaid_minor_check CHECK ((overpaid_minor >= 0)),
    CONSTRAINT payment_payment_request_check CHECK (((length(payment_request) >= 1) AND (length(payment_request) <= 4096))),
    CONSTRAINT payment_provider_check CHECK ((provider = ANY (ARRAY['stripe'::text, 'free'::text, 'btcpay'::text, 'ethereum'::text]))),
    CONSTRAINT payment_provider_payment_ref_check CHECK ((length(provider_payment_ref) <= 255)),
    CONSTRAINT payment_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255))),
    CONSTRAINT payment_received_minor_check CHECK ((received_minor >= 0)),
    CONSTRAINT payment_redirect_url_check CHECK ((length(redirect_url) <= 2048)),
    CONSTRAINT payment_refund_reason_check CHECK ((refund_reason = ANY (ARRAY['sold_out_after_expiry'::text, 'event_closed'::text, 'order_closed'::text, 'duplicate_payment'::text, 'amount_mismatch'::text, 'partial_payment'::text, 'invoice_invalid'::text, 'underpaid'::text, 'wrong_rail'::text]))),
    CONSTRAINT payment_seen_minor_check CHECK ((seen_minor >= 0)),
    CONSTRAINT payment_status_check CHECK ((status = ANY (ARRAY['creating'::text, 'open'::text, 'succeeded'::text, 'failed'::text, 'expired'::text, 'refund_due'::text, 'refunded'::text])))
);

--
-- Name: unmatched_payment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unmatched_payment (
    unmatched_payment_id uuid NOT NULL,
    provider text NOT NULL,
    provider_event_id text NOT NULL,
    provider_ref text NOT NULL,
    provider_payment_ref text,
    claimed_order_ref text,
    currency text NOT NULL,
    amount_minor bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT unmatched_payment_claimed_order_ref_check CHECK ((length(claimed_order_ref) <= 255)),
    CONSTRAINT unmatched_payment_currency_check CHECK ((length(currency) <= 10)),
    CONSTRAINT unmatched_payment_provider_check CHECK ((provider = ANY (ARRAY['stripe'::text, 'btcpay'::text]))),
    CONSTRAINT unmatched_payment_provider_event_id_check CHECK (((length(provider_event_id) >= 1) AND (length(provider_event_id) <= 255))),
    CONSTRAINT unmatched_payment_provider_payment_ref_check CHECK ((length(provider_payment_ref) <= 255)),
    CONSTRAINT unmatched_payment_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255)))
);

--
-- Name: receipt; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.receipt AS
 SELECT 'card'::text AS rail,
    p.provider_ref AS receipt_ref,
    p.received_at,
        CASE
            WHEN (p.status = ANY (ARRAY['succeeded'::text, 'refunded'::text])) THEN p.received_at
            ELSE NULL::timestamp with time zone
        END AS settled_at,
    o.order_id,
    o.status AS order_status,
    o.status_reason AS order_reason,
    p.currency AS asset,
    0 AS decimals,
    (p.received_minor)::text AS amount_base,
    (o.total_minor)::text AS quoted_base,
    o.currency AS fiat_currency,
    o.total_minor AS order_total_minor,
    p.received_minor,
    NULL::text AS rate,
    p.status,
    p.status AS payment_status,
    p.refund_reason,
    p.overpaid_minor,
    NULL::text AS outcome,
    false AS was_confirmed,
    NULL::bigint AS block_number,
    NULL::text AS block_hash,
    NULL::text AS payer,
    NULL::text AS token,
    true AS first_of_payment,
    true AS counted,
    NULL::bigint AS chain_id
   FROM (public.payment p
     JOIN public.customer_order o USING (order_id))
  WHERE ((p.provider = 'stripe'::text) AND (p.received_at IS NOT NULL))
UNION ALL
 SELECT 'card'::text AS rail,
    ('unmatched:'::text || u.provider_event_id) AS receipt_ref,
    u.created_at AS received_at,
    u.created_at AS settled_at,
    NULL::uuid AS order_id,
    NULL::text AS order_status,
    NULL::text AS order_reason,
    upper(u.currency) AS asset,
    0 AS decimals,
    (u.amount_minor)::text AS amount_base,
    NULL::text AS quoted_base,
    upper(u.currency) AS fiat_currency,
    NULL::bigint AS order_total_minor,
    u.amount_minor AS received_minor,
    NULL::text AS rate,
    'unmatched'::text AS status,
    NULL::text AS payment_status,
    NULL::text AS refund_reason,
    NULL::bigint AS overpaid_minor,
    NULL::text AS outcome,
    false AS was_confirmed,
    NULL::bigint AS block_number,
    NULL::text AS block_hash,
    NULL::text AS payer,
    NULL::text AS token,
    true AS first_of_payment,
    true AS counted,
    NULL::bigint AS chain_id
   FROM public.unmatched_payment u
  WHERE (u.provider = 'stripe'::text)
UNION ALL
 SELECT 'btc'::text AS rail,
    COALESCE(((r.txid || ':'::text) || r.vout), ('ln:'::text || r.payment_hash)) AS receipt_ref,
    r.received_at,
    r.settled_at,
    r.order_id,
    o.status AS order_status,
    o.status_reason AS order_reason,
    'BTC'::text AS asset,
    8 AS decimals,
    (r.amount_sat)::text AS amount_base,
    NULL::text AS quoted_base,
    r.currency AS fiat_currency,
        CASE
            WHEN (row_number() OVER invoice = 1) THEN o.total_minor
            ELSE NULL::bigint
        END AS order_total_minor,
        CASE
            WHEN (row_number() OVER invoice = 1) THEN p.received_minor
            ELSE NULL::bigint
        END AS received_minor,
    (r.rate)::text AS rate,
    r.status,
    p.status AS payment_status,
    p.refund_reason,
    p.overpaid_minor,
    NULL::text AS outcome,
    (r.settled_at IS NOT NULL) AS was_confirmed,
    NULL::bigint AS block_number,
    NULL::text AS block_hash,
    NULL::text AS payer,
    NULL::text AS token,
    (row_number() OVER invoice = 1) AS first_of_payment,
    (r.status = 'settled'::text) AS counted,
    NULL::bigint AS chain_id
   FROM ((public.btc_receipt r
     LEFT JOIN public.customer_order o USING (order_id))
     LEFT JOIN public.payment p ON (((p.order_id = r.order_id) AND (p.provider = r.provider) AND (p.provider_ref = r.provider_ref))))
  WINDOW invoice AS (PARTITION BY r.provider, r.provider_ref ORDER BY (r.status = 'invalid'::text), r.received_at, r.txid, r.vout, r.payment_hash)
UNION ALL
 SELECT 'eth'::text AS rail,
    ((r.tx_hash || ':'::text) || r.log_index) AS receipt_ref,
    r.block_time AS received_at,
    r.confirmed_at AS settled_at,
    r.order_id,
    o.status AS order_status,
    o.status_reason AS order_reason,
        CASE
            WHEN (r.token = q.token) THEN q.asset
            WHEN (r.token = '0x0000000000000000000000000000000000000000'::text) THEN 'ETH'::text
            ELSE r.token
        END AS asset,
        CASE
            WHEN (r.token = q.token) THEN (q.decimals)::integer
            WHEN (r.token = '0x0000000000000000000000000000000000000000'::text) THEN 18
            ELSE 0
        END AS decimals,
    (r.amount)::text AS amount_base,
        CASE
            WHEN (r.token = q.token) THEN (q.amount)::text
            ELSE NULL::text
        END AS quoted_base,
    q.currency AS fiat_currency,
    o.total_minor AS order_total_minor,
    p.received_minor,
    (q.rate)::text AS rate,
    r.status,
    p.status AS payment_status,
    p.refund_reason,
    p.overpaid_minor,
    r.outcome,
    (r.confirmed_at IS NOT NULL) AS was_confirmed,
    r.block_number,
    r.block_hash,
    r.payer,
    r.token,
    true AS first_of_payment,
    (r.status = 'confirmed'::text) AS counted,
    r.chain_id
   FROM (((public.eth_receipt r
     LEFT JOIN public.customer_order o USING (order_id))
     LEFT JOIN public.eth_quote q USING (order_id))
     LEFT JOIN public.payment p ON (((p.order_id = r.order_id) AND (p.provider = 'ethereum'::text) AND (p.provider_ref = q.order_ref))));

--
-- Name: refund; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.refund (
    refund_id uuid NOT NULL,
    order_id uuid,
    payment_id uuid,
    unmatched_payment_id uuid,
    rail text NOT NULL,
    asset text NOT NULL,
    decimals integer NOT NULL,
    amount numeric(78,0) NOT NULL,
    reason text NOT NULL,
    detail text,
    requested_by uuid,
    idempotency_key text NOT NULL,
    status text DEFAULT 'requested'::text NOT NULL,
    provider_ref text,
    claim_url text,
    payout_txid text,
    failure_reason text,
    ticket_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    checked_in_override boolean DEFAULT false NOT NULL,
    send_attempted_at timestamp with time zone,
    sending_until timestamp with time zone,
    sent_at timestamp with time zone,
    settled_at timestamp with time zone,
    notified_at timestamp with time zone,
    notice_attempts integer DEFAULT 0 NOT NULL,
    notice_error text,
    notice_lease_until timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    eth_receipt_id uuid,
    eth_to text,
    eth_token text,
    eth_from text,
    eth_nonce bigint,
    eth_raw_tx text,
    eth_prior_txs text[] DEFAULT '{}'::text[] NOT NULL,
    eth_signed_at timestamp with time zone,
    send_error text,
    CONSTRAINT refund_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT refund_answers CHECK (((num_nonnulls(payment_id, unmatched_payment_id) = 1) OR ((payment_id IS NULL) AND (unmatched_payment_id IS NULL) AND (eth_receipt_id IS NOT NULL) AND (order_id IS NULL)))),
    CONSTRAINT refund_asset_check CHECK ((asset ~ '^[A-Z0-9]{1,11}$'::text)),
    CONSTRAINT refund_check1 CHECK (((payment_id IS NULL) OR (order_id IS NOT NULL))),
    CONSTRAINT refund_check2 CHECK (((status <> ALL (ARRAY['succeeded'::text, 'failed'::text])) OR (settled_at IS NOT NULL))),
    CONSTRAINT refund_check3 CHECK (((status <> 'sent'::text) OR (provider_ref IS NOT NULL))),
    CONSTRAINT refund_claim_url_check CHECK (((length(claim_url) >= 1) AND (length(claim_url) <= 2048))),
    CONSTRAINT refund_decimals_check CHECK (((decimals >= 0) AND (decimals <= 36))),
    CONSTRAINT refund_detail_check CHECK ((length(detail) <= 200)),
    CONSTRAINT refund_eth_fields CHECK (((rail <> 'eth'::text) OR ((eth_receipt_id IS NOT NULL) AND (eth_to IS NOT NULL) AND (eth_token IS NOT NULL)))),
    CONSTRAINT refund_eth_from_check CHECK ((eth_from ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT refund_eth_nonce_check CHECK ((eth_nonce >= 0)),
    CONSTRAINT refund_eth_raw_tx_check CHECK ((eth_raw_tx ~ '^0x[0-9a-f]+$'::text)),
    CONSTRAINT refund_eth_to_check CHECK ((eth_to ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT refund_eth_token_check CHECK ((eth_token ~ '^0x[0-9a-f]{40}$'::text)),
    CONSTRAINT refund_eth_tx CHECK ((((eth_raw_tx IS NULL) = (eth_nonce IS NULL)) AND ((eth_raw_tx IS NULL) = (eth_from IS NULL)))),
    CONSTRAINT refund_failure_reason_check CHECK ((length(failure_reason) <= 500)),
    CONSTRAINT refund_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 255))),
    CONSTRAINT refund_notice_attempts_check CHECK ((notice_attempts >= 0)),
    CONSTRAINT refund_notice_error_check CHECK ((length(notice_error) <= 1000)),
    CONSTRAINT refund_payout_txid_check CHECK ((payout_txid ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT refund_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255))),
    CONSTRAINT refund_rail_check CHECK ((rail = ANY (ARRAY['card'::text, 'btc'::text, 'eth'::text]))),
    CONSTRAINT refund_reason_check CHECK ((reason = ANY (ARRAY['requested_by_customer'::text, 'admin'::text, 'event_cancelled'::text, 'money_due_back'::text, 'outside'::text]))),
    CONSTRAINT refund_send_error_check CHECK ((length(send_error) <= 500)),
    CONSTRAINT refund_status_check CHECK ((status = ANY (ARRAY['requested'::text, 'sent'::text, 'succeeded'::text, 'failed'::text, 'cancelled'::text])))
);

--
-- Name: search_word; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.search_word (
    word text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT search_word_word_check CHECK ((((length(word) >= 3) AND (length(word) <= 40)) AND (word = lower(word))))
);

--
-- Name: session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.session (
    session_id text NOT NULL,
    account_id uuid NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT session_check CHECK ((expires_at > created_at)),
    CONSTRAINT session_session_id_check CHECK ((session_id ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: ticket; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket (
    ticket_id uuid NOT NULL,
    order_id uuid NOT NULL,
    "position" integer NOT NULL,
    event_id uuid NOT NULL,
    ticket_type_id uuid NOT NULL,
    ticket_type_name text NOT NULL,
    price_minor bigint NOT NULL,
    currency text NOT NULL,
    serial text NOT NULL,
    holder_name text NOT NULL,
    checked_in_at timestamp with time zone,
    checked_in_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    voided_at timestamp with time zone,
    void_reason text,
    CONSTRAINT ticket_check CHECK (((checked_in_at IS NULL) = (checked_in_by IS NULL))),
    CONSTRAINT ticket_check1 CHECK (((voided_at IS NULL) = (void_reason IS NULL))),
    CONSTRAINT ticket_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ticket_holder_name_check CHECK (((length(btrim(holder_name)) >= 1) AND (length(btrim(holder_name)) <= 100))),
    CONSTRAINT ticket_position_check CHECK ((("position" >= 1) AND ("position" <= 1000))),
    CONSTRAINT ticket_price_minor_check CHECK ((price_minor >= 0)),
    CONSTRAINT ticket_serial_check CHECK ((serial ~ '^[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}-[0-9A-HJ-NP-Z]{4}$'::text)),
    CONSTRAINT ticket_ticket_type_name_check CHECK (((length(ticket_type_name) >= 1) AND (length(ticket_type_name) <= 100))),
    CONSTRAINT ticket_void_reason_check CHECK ((void_reason = ANY (ARRAY['refunded'::text, 'disputed'::text, 'event_cancelled'::text])))
);

--
-- Name: ticket_type; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_type (
    ticket_type_id uuid NOT NULL,
    event_id uuid NOT NULL,
    currency text NOT NULL,
    name text NOT NULL,
    price_minor bigint NOT NULL,
    capacity integer NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    sold integer DEFAULT 0 NOT NULL,
    held integer DEFAULT 0 NOT NULL,
    CONSTRAINT ticket_type_capacity_check CHECK ((capacity >= 0)),
    CONSTRAINT ticket_type_held_check CHECK ((held >= 0)),
    CONSTRAINT ticket_type_name_check CHECK ((((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100)) AND (name = btrim(name)))),
    CONSTRAINT ticket_type_position_check CHECK (("position" >= 0)),
    CONSTRAINT ticket_type_price_minor_check CHECK ((price_minor >= 0)),
    CONSTRAINT ticket_type_sold_check CHECK ((sold >= 0)),
    CONSTRAINT ticket_type_stock_check CHECK (((sold + held) <= capacity))
);

--
-- Name: ticket_type_translation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ticket_type_translation (
    ticket_type_id uuid NOT NULL,
    language text NOT NULL,
    name text NOT NULL,
    CONSTRAINT ticket_type_translation_language_check CHECK ((language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'::text)),
    CONSTRAINT ticket_type_translation_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100)))
);

--
-- Name: tracking_link; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tracking_link (
    link_id uuid NOT NULL,
    event_id uuid NOT NULL,
    source text NOT NULL,
    medium text NOT NULL,
    campaign text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tracking_link_campaign_check CHECK ((campaign ~ '^[a-z0-9][a-z0-9._-]{0,59}$'::text)),
    CONSTRAINT tracking_link_medium_check CHECK ((medium ~ '^[a-z0-9][a-z0-9._-]{0,59}$'::text)),
    CONSTRAINT tracking_link_source_check CHECK ((source ~ '^[a-z0-9][a-z0-9._-]{0,59}$'::text))
);

--
-- Name: waitlist_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.waitlist_entry (
    entry_id uuid NOT NULL,
    event_id uuid NOT NULL,
    ticket_type_id uuid NOT NULL,
    account_id uuid NOT NULL,
    quantity integer NOT NULL,
    payment_method text NOT NULL,
    locale text NOT NULL,
    joined_at timestamp with time zone DEFAULT now() NOT NULL,
    status text DEFAULT 'waiting'::text NOT NULL,
    order_id uuid,
    offered_at timestamp with time zone,
    offer_emailed_at timestamp with time zone,
    ended_at timestamp with time zone,
    passed_until timestamp with time zone,
    CONSTRAINT waitlist_entry_check CHECK (((status <> 'offered'::text) OR ((offered_at IS NOT NULL) AND (order_id IS NOT NULL)))),
    CONSTRAINT waitlist_entry_check1 CHECK (((status = ANY (ARRAY['waiting'::text, 'offered'::text])) = (ended_at IS NULL))),
    CONSTRAINT waitlist_entry_locale_check CHECK ((locale = ANY (ARRAY['en'::text, 'fr'::text, 'de'::text, 'es'::text, 'pt'::text, 'ja'::text, 'pl'::text]))),
    CONSTRAINT waitlist_entry_payment_method_check CHECK ((payment_method = ANY (ARRAY['card'::text, 'btc'::text, 'lightning'::text, 'eth'::text, 'usdc'::text, 'usdt'::text, 'eurc'::text]))),
    CONSTRAINT waitlist_entry_quantity_check CHECK (((quantity >= 1) AND (quantity <= 10))),
    CONSTRAINT waitlist_entry_status_check CHECK ((status = ANY (ARRAY['waiting'::text, 'offered'::text, 'claimed'::text, 'lapsed'::text, 'left'::text])))
);

--
-- Name: webhook_inbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_inbox (
    provider text NOT NULL,
    event_id text NOT NULL,
    event_type text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT webhook_inbox_event_id_check CHECK (((length(event_id) >= 1) AND (length(event_id) <= 255))),
    CONSTRAINT webhook_inbox_event_type_check CHECK (((length(event_type) >= 1) AND (length(event_type) <= 255))),
    CONSTRAINT webhook_inbox_provider_check CHECK ((provider = ANY (ARRAY['stripe'::text, 'btcpay'::text])))
);

--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (account_id);

--
-- Name: account_token account_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_token
    ADD CONSTRAINT account_token_pkey PRIMARY KEY (token_hash);

--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (audit_log_id);

--
-- Name: btc_receipt btc_receipt_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_receipt
    ADD CONSTRAINT btc_receipt_pkey PRIMARY KEY (btc_receipt_id);

--
-- Name: btc_receipt btc_receipt_txid_vout_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_receipt
    ADD CONSTRAINT btc_receipt_txid_vout_key UNIQUE (txid, vout);

--
-- Name: btc_unreadable_payment btc_unreadable_payment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_unreadable_payment
    ADD CONSTRAINT btc_unreadable_payment_pkey PRIMARY KEY (btc_unreadable_payment_id);

--
-- Name: btc_unreadable_payment btc_unreadable_payment_provider_ref_payment_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_unreadable_payment
    ADD CONSTRAINT btc_unreadable_payment_provider_ref_payment_ref_key UNIQUE (provider_ref, payment_ref);

--
-- Name: customer_order customer_order_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_order
    ADD CONSTRAINT customer_order_pkey PRIMARY KEY (order_id);

--
-- Name: delivery delivery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_pkey PRIMARY KEY (order_id);

--
-- Name: demand_event demand_event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.demand_event
    ADD CONSTRAINT demand_event_pkey PRIMARY KEY (demand_id);

--
-- Name: demand_rollup demand_rollup_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.demand_rollup
    ADD CONSTRAINT demand_rollup_pkey PRIMARY KEY (day);

--
-- Name: demand_salt demand_salt_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.demand_salt
    ADD CONSTRAINT demand_salt_pkey PRIMARY KEY (day);

--
-- Name: discrepancy_resolution discrepancy_resolution_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.discrepancy_resolution
    ADD CONSTRAINT discrepancy_resolution_pkey PRIMARY KEY (rail, receipt_ref, class);

--
-- Name: eth_block eth_block_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_block
    ADD CONSTRAINT eth_block_pkey PRIMARY KEY (chain_id, contract, number);

--
-- Name: eth_cursor eth_cursor_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_cursor
    ADD CONSTRAINT eth_cursor_pkey PRIMARY KEY (chain_id, contract);

--
-- Name: eth_quote eth_quote_order_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_quote
    ADD CONSTRAINT eth_quote_order_ref_key UNIQUE (order_ref);

--
-- Name: eth_quote eth_quote_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_quote
    ADD CONSTRAINT eth_quote_pkey PRIMARY KEY (order_id);

--
-- Name: eth_receipt eth_receipt_chain_id_tx_hash_log_index_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_receipt
    ADD CONSTRAINT eth_receipt_chain_id_tx_hash_log_index_key UNIQUE (chain_id, tx_hash, log_index);

--
-- Name: eth_receipt eth_receipt_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_receipt
    ADD CONSTRAINT eth_receipt_pkey PRIMARY KEY (eth_receipt_id);

--
-- Name: eth_refund_log eth_refund_log_chain_id_tx_hash_log_index_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_refund_log
    ADD CONSTRAINT eth_refund_log_chain_id_tx_hash_log_index_key UNIQUE (chain_id, tx_hash, log_index);

--
-- Name: eth_refund_log eth_refund_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_refund_log
    ADD CONSTRAINT eth_refund_log_pkey PRIMARY KEY (eth_refund_log_id);

--
-- Name: event event_event_id_currency_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_event_id_currency_key UNIQUE (event_id, currency);

--
-- Name: event event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_pkey PRIMARY KEY (event_id);

--
-- Name: event_purchase_limit event_purchase_limit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_purchase_limit
    ADD CONSTRAINT event_purchase_limit_pkey PRIMARY KEY (event_id);

--
-- Name: event_refund_policy event_refund_policy_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_refund_policy
    ADD CONSTRAINT event_refund_policy_pkey PRIMARY KEY (event_id);

--
-- Name: event event_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_slug_key UNIQUE (slug);

--
-- Name: event_translation event_translation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_translation
    ADD CONSTRAINT event_translation_pkey PRIMARY KEY (event_id, language);

--
-- Name: interest interest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.interest
    ADD CONSTRAINT interest_pkey PRIMARY KEY (interest_id);

--
-- Name: media media_blob_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_blob_key_key UNIQUE (blob_key);

--
-- Name: media media_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_pkey PRIMARY KEY (media_id);

--
-- Name: media_rendition media_rendition_blob_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_rendition
    ADD CONSTRAINT media_rendition_blob_key_key UNIQUE (blob_key);

--
-- Name: media_rendition media_rendition_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_rendition
    ADD CONSTRAINT media_rendition_pkey PRIMARY KEY (media_id, format, width);

--
-- Name: media media_sha256_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_sha256_key UNIQUE (sha256);

--
-- Name: order_channel order_channel_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_channel
    ADD CONSTRAINT order_channel_pkey PRIMARY KEY (order_id);

--
-- Name: order_item order_item_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_item
    ADD CONSTRAINT order_item_pkey PRIMARY KEY (order_id, ticket_type_id);

--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (outbox_id);

--
-- Name: outbox outbox_topic_order_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_topic_order_id_key UNIQUE (topic, order_id);

--
-- Name: payment payment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_id);

--
-- Name: payment payment_provider_provider_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_provider_provider_ref_key UNIQUE (provider, provider_ref);

--
-- Name: refund refund_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_idempotency_key_key UNIQUE (idempotency_key);

--
-- Name: refund refund_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_pkey PRIMARY KEY (refund_id);

--
-- Name: refund refund_rail_provider_ref_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_rail_provider_ref_key UNIQUE (rail, provider_ref);

--
-- Name: search_word search_word_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.search_word
    ADD CONSTRAINT search_word_pkey PRIMARY KEY (word);

--
-- Name: session session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session
    ADD CONSTRAINT session_pkey PRIMARY KEY (session_id);

--
-- Name: ticket ticket_order_id_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_order_id_position_key UNIQUE (order_id, "position");

--
-- Name: ticket ticket_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_pkey PRIMARY KEY (ticket_id);

--
-- Name: ticket ticket_serial_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_serial_key UNIQUE (serial);

--
-- Name: ticket_type ticket_type_event_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_type
    ADD CONSTRAINT ticket_type_event_id_name_key UNIQUE (event_id, name);

--
-- Name: ticket_type ticket_type_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_type
    ADD CONSTRAINT ticket_type_pkey PRIMARY KEY (ticket_type_id);

--
-- Name: ticket_type_translation ticket_type_translation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_type_translation
    ADD CONSTRAINT ticket_type_translation_pkey PRIMARY KEY (ticket_type_id, language);

--
-- Name: tracking_link tracking_link_event_id_source_medium_campaign_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracking_link
    ADD CONSTRAINT tracking_link_event_id_source_medium_campaign_key UNIQUE (event_id, source, medium, campaign);

--
-- Name: tracking_link tracking_link_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracking_link
    ADD CONSTRAINT tracking_link_pkey PRIMARY KEY (link_id);

--
-- Name: unmatched_payment unmatched_payment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unmatched_payment
    ADD CONSTRAINT unmatched_payment_pkey PRIMARY KEY (unmatched_payment_id);

--
-- Name: unmatched_payment unmatched_payment_provider_provider_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unmatched_payment
    ADD CONSTRAINT unmatched_payment_provider_provider_event_id_key UNIQUE (provider, provider_event_id);

--
-- Name: waitlist_entry waitlist_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entry
    ADD CONSTRAINT waitlist_entry_pkey PRIMARY KEY (entry_id);

--
-- Name: webhook_inbox webhook_inbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_inbox
    ADD CONSTRAINT webhook_inbox_pkey PRIMARY KEY (provider, event_id);

--
-- Name: account_email_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX account_email_key ON public.account USING btree (lower(email));

--
-- Name: account_token_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_token_account_idx ON public.account_token USING btree (account_id, purpose);

--
-- Name: account_token_expires_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_token_expires_at_idx ON public.account_token USING btree (expires_at);

--
-- Name: audit_log_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_created_at_idx ON public.audit_log USING btree (created_at DESC);

--
-- Name: audit_log_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_event_idx ON public.audit_log USING btree (event_id, created_at);

--
-- Name: audit_log_subject_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_subject_idx ON public.audit_log USING btree (subject, created_at) WHERE (subject IS NOT NULL);

--
-- Name: btc_receipt_invoice_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX btc_receipt_invoice_idx ON public.btc_receipt USING btree (provider, provider_ref);

--
-- Name: btc_receipt_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX btc_receipt_order_idx ON public.btc_receipt USING btree (order_id);

--
-- Name: btc_receipt_payment_hash_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX btc_receipt_payment_hash_key ON public.btc_receipt USING btree (payment_hash) WHERE (payment_hash IS NOT NULL);

--
-- Name: btc_receipt_received_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX btc_receipt_received_idx ON public.btc_receipt USING btree (received_at);

--
-- Name: btc_unreadable_payment_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX btc_unreadable_payment_open_idx ON public.btc_unreadable_payment USING btree (first_seen_at) WHERE (resolved_at IS NULL);

--
-- Name: customer_order_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_order_account_idx ON public.customer_order USING btree (account_id, created_at DESC);

--
-- Name: customer_order_event_expiring_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_order_event_expiring_idx ON public.customer_order USING btree (event_id, expires_at) WHERE ((status = 'pending_payment'::text) AND (NOT payment_detected));

--
-- Name: customer_order_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_order_event_idx ON public.customer_order USING btree (event_id, status);

--
-- Name: customer_order_expiring_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_order_expiring_idx ON public.customer_order USING btree (expires_at) WHERE ((status = 'pending_payment'::text) AND (NOT payment_detected));

--
-- Name: customer_order_idempotency_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX customer_order_idempotency_key ON public.customer_order USING btree (account_id, idempotency_key);

--
-- Name: customer_order_paid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX customer_order_paid_idx ON public.customer_order USING btree (paid_at) WHERE (status = 'paid'::text);

--
-- Name: delivery_attention_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX delivery_attention_idx ON public.delivery USING btree (updated_at) WHERE (status <> 'sent'::text);

--
-- Name: demand_daily_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX demand_daily_day_idx ON public.demand_daily USING btree (day);

--
-- Name: demand_event_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX demand_event_account_idx ON public.demand_event USING btree (account_id) WHERE (account_id IS NOT NULL);

--
-- Name: demand_event_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX demand_event_at_idx ON public.demand_event USING btree (at);

--
-- Name: eth_receipt_block_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_receipt_block_idx ON public.eth_receipt USING btree (chain_id, contract, block_number);

--
-- Name: eth_receipt_block_time_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_receipt_block_time_idx ON public.eth_receipt USING btree (block_time);

--
-- Name: eth_receipt_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_receipt_order_idx ON public.eth_receipt USING btree (order_id);

--
-- Name: eth_receipt_seen_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_receipt_seen_idx ON public.eth_receipt USING btree (chain_id, contract, block_number) WHERE (status = 'seen'::text);

--
-- Name: eth_refund_log_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_refund_log_due_idx ON public.eth_refund_log USING btree (chain_id, contract, block_number) WHERE (status = 'seen'::text);

--
-- Name: eth_refund_log_refund_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_refund_log_refund_idx ON public.eth_refund_log USING btree (refund_id) WHERE (refund_id IS NOT NULL);

--
-- Name: eth_refund_log_tx_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX eth_refund_log_tx_idx ON public.eth_refund_log USING btree (tx_hash);

--
-- Name: event_city_neighbourhood_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_city_neighbourhood_idx ON public.event USING btree (city_key, neighbourhood_key, starts_at) WHERE (status = 'published'::text);

--
-- Name: event_published_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_published_at_idx ON public.event USING btree (published_at) WHERE (status = 'published'::text);

--
-- Name: event_published_category_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_published_category_idx ON public.event USING btree (category, starts_at) WHERE (status = 'published'::text);

--
-- Name: event_published_city_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_published_city_idx ON public.event USING btree (city_key, starts_at) WHERE (status = 'published'::text);

--
-- Name: event_published_starts_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_published_starts_at_idx ON public.event USING btree (starts_at, event_id) WHERE (status = 'published'::text);

--
-- Name: event_search_vector_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_search_vector_idx ON public.event USING gin (search_vector);

--
-- Name: interest_once_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX interest_once_idx ON public.interest USING btree (account_id, city_key, category, words) WHERE (notified_at IS NULL);

--
-- Name: interest_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX interest_open_idx ON public.interest USING btree (created_at) WHERE (notified_at IS NULL);

--
-- Name: order_item_ticket_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX order_item_ticket_type_idx ON public.order_item USING btree (ticket_type_id);

--
-- Name: outbox_unpublished_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_unpublished_idx ON public.outbox USING btree (outbox_id) WHERE (published_at IS NULL);

--
-- Name: payment_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_open_idx ON public.payment USING btree (order_id) WHERE (status = ANY (ARRAY['creating'::text, 'open'::text]));

--
-- Name: payment_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_order_idx ON public.payment USING btree (order_id);

--
-- Name: payment_overpaid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_overpaid_idx ON public.payment USING btree (created_at) WHERE (overpaid_minor > 0);

--
-- Name: payment_refund_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_refund_due_idx ON public.payment USING btree (created_at) WHERE (status = 'refund_due'::text);

--
-- Name: payment_superseded_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payment_superseded_idx ON public.payment USING btree (order_id) WHERE (superseded_at IS NOT NULL);

--
-- Name: refund_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_created_idx ON public.refund USING btree (created_at DESC, refund_id);

--
-- Name: refund_eth_prior_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_eth_prior_idx ON public.refund USING gin (eth_prior_txs) WHERE (rail = 'eth'::text);

--
-- Name: refund_eth_receipt_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_eth_receipt_idx ON public.refund USING btree (eth_receipt_id) WHERE (eth_receipt_id IS NOT NULL);

--
-- Name: refund_notice_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_notice_idx ON public.refund USING btree (created_at) WHERE ((status = ANY (ARRAY['sent'::text, 'succeeded'::text])) AND (order_id IS NOT NULL) AND (notified_at IS NULL));

--
-- Name: refund_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_open_idx ON public.refund USING btree (created_at) WHERE (status = ANY (ARRAY['requested'::text, 'sent'::text]));

--
-- Name: refund_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_order_idx ON public.refund USING btree (order_id, created_at);

--
-- Name: refund_payment_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX refund_payment_idx ON public.refund USING btree (payment_id) WHERE (payment_id IS NOT NULL);

--
-- Name: search_word_trgm_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX search_word_trgm_idx ON public.search_word USING gin (word public.gin_trgm_ops);

--
-- Name: session_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX session_account_idx ON public.session USING btree (account_id);

--
-- Name: session_expires_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX session_expires_at_idx ON public.session USING btree (expires_at);

--
-- Name: ticket_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_event_idx ON public.ticket USING btree (event_id);

--
-- Name: ticket_type_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ticket_type_event_idx ON public.ticket_type USING btree (event_id, "position", price_minor);

--
-- Name: waitlist_line_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX waitlist_line_idx ON public.waitlist_entry USING btree (ticket_type_id, joined_at, entry_id) WHERE (status = 'waiting'::text);

--
-- Name: waitlist_offered_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX waitlist_offered_idx ON public.waitlist_entry USING btree (order_id) WHERE (status = 'offered'::text);

--
-- Name: waitlist_one_place_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX waitlist_one_place_idx ON public.waitlist_entry USING btree (ticket_type_id, account_id) WHERE (status = ANY (ARRAY['waiting'::text, 'offered'::text]));

--
-- Name: event event_collect_search_words; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_collect_search_words AFTER INSERT OR UPDATE OF title, category, venue_name, city, region, tags, description, status, translated_titles, translated_descriptions ON public.event FOR EACH ROW EXECUTE FUNCTION public.event_collect_search_words();

--
-- Name: event event_mark_published; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_mark_published BEFORE INSERT OR UPDATE OF status ON public.event FOR EACH ROW EXECUTE FUNCTION public.event_mark_published();

--
-- Name: event event_notify_catalog; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_notify_catalog AFTER INSERT OR DELETE OR UPDATE ON public.event FOR EACH ROW EXECUTE FUNCTION public.notify_catalog_event();

--
-- Name: event_translation event_translation_notify_catalog; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_translation_notify_catalog AFTER INSERT OR DELETE OR UPDATE ON public.event_translation FOR EACH ROW EXECUTE FUNCTION public.notify_catalog_event();

--
-- Name: media_rendition media_rendition_notify_catalog; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER media_rendition_notify_catalog AFTER INSERT OR DELETE OR UPDATE ON public.media_rendition FOR EACH ROW EXECUTE FUNCTION public.notify_catalog_media_rendition();

--
-- Name: ticket_type ticket_type_notify_catalog; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticket_type_notify_catalog AFTER INSERT OR DELETE OR UPDATE OF event_id, currency, name, price_minor, capacity, "position" ON public.ticket_type FOR EACH ROW EXECUTE FUNCTION public.notify_catalog_event();

--
-- Name: ticket_type_translation ticket_type_translation_notify_catalog; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ticket_type_translation_notify_catalog AFTER INSERT OR DELETE OR UPDATE ON public.ticket_type_translation FOR EACH ROW EXECUTE FUNCTION public.notify_catalog_ticket_type_translation();

--
-- Name: account_token account_token_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_token
    ADD CONSTRAINT account_token_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE CASCADE;

--
-- Name: audit_log audit_log_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: btc_receipt btc_receipt_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_receipt
    ADD CONSTRAINT btc_receipt_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: btc_unreadable_payment btc_unreadable_payment_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.btc_unreadable_payment
    ADD CONSTRAINT btc_unreadable_payment_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: customer_order customer_order_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_order
    ADD CONSTRAINT customer_order_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id);

--
-- Name: customer_order customer_order_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customer_order
    ADD CONSTRAINT customer_order_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id);

--
-- Name: delivery delivery_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery
    ADD CONSTRAINT delivery_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: demand_event demand_event_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.demand_event
    ADD CONSTRAINT demand_event_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE CASCADE;

--
-- Name: discrepancy_resolution discrepancy_resolution_resolved_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.discrepancy_resolution
    ADD CONSTRAINT discrepancy_resolution_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: eth_quote eth_quote_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_quote
    ADD CONSTRAINT eth_quote_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: eth_receipt eth_receipt_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_receipt
    ADD CONSTRAINT eth_receipt_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: eth_refund_log eth_refund_log_refund_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.eth_refund_log
    ADD CONSTRAINT eth_refund_log_refund_id_fkey FOREIGN KEY (refund_id) REFERENCES public.refund(refund_id);

--
-- Name: event event_image_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_image_id_fkey FOREIGN KEY (image_id) REFERENCES public.media(media_id) ON DELETE SET NULL;

--
-- Name: event_purchase_limit event_purchase_limit_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_purchase_limit
    ADD CONSTRAINT event_purchase_limit_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE CASCADE;

--
-- Name: event_purchase_limit event_purchase_limit_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_purchase_limit
    ADD CONSTRAINT event_purchase_limit_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: event_refund_policy event_refund_policy_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_refund_policy
    ADD CONSTRAINT event_refund_policy_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE CASCADE;

--
-- Name: event_refund_policy event_refund_policy_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_refund_policy
    ADD CONSTRAINT event_refund_policy_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: event_translation event_translation_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_translation
    ADD CONSTRAINT event_translation_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE CASCADE;

--
-- Name: interest interest_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.interest
    ADD CONSTRAINT interest_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE CASCADE;

--
-- Name: interest interest_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.interest
    ADD CONSTRAINT interest_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE SET NULL;

--
-- Name: media_rendition media_rendition_media_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_rendition
    ADD CONSTRAINT media_rendition_media_id_fkey FOREIGN KEY (media_id) REFERENCES public.media(media_id) ON DELETE CASCADE;

--
-- Name: order_item order_item_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_item
    ADD CONSTRAINT order_item_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id) ON DELETE CASCADE;

--
-- Name: order_item order_item_ticket_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_item
    ADD CONSTRAINT order_item_ticket_type_id_fkey FOREIGN KEY (ticket_type_id) REFERENCES public.ticket_type(ticket_type_id);

--
-- Name: outbox outbox_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: payment payment_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: refund refund_eth_receipt_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_eth_receipt_id_fkey FOREIGN KEY (eth_receipt_id) REFERENCES public.eth_receipt(eth_receipt_id);

--
-- Name: refund refund_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: refund refund_payment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES public.payment(payment_id);

--
-- Name: refund refund_requested_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: refund refund_unmatched_payment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refund
    ADD CONSTRAINT refund_unmatched_payment_id_fkey FOREIGN KEY (unmatched_payment_id) REFERENCES public.unmatched_payment(unmatched_payment_id);

--
-- Name: session session_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.session
    ADD CONSTRAINT session_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE CASCADE;

--
-- Name: ticket ticket_checked_in_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_checked_in_by_fkey FOREIGN KEY (checked_in_by) REFERENCES public.account(account_id);

--
-- Name: ticket ticket_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id);

--
-- Name: ticket ticket_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id);

--
-- Name: ticket ticket_ticket_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket
    ADD CONSTRAINT ticket_ticket_type_id_fkey FOREIGN KEY (ticket_type_id) REFERENCES public.ticket_type(ticket_type_id);

--
-- Name: ticket_type ticket_type_event_id_currency_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_type
    ADD CONSTRAINT ticket_type_event_id_currency_fkey FOREIGN KEY (event_id, currency) REFERENCES public.event(event_id, currency) ON UPDATE CASCADE ON DELETE CASCADE;

--
-- Name: ticket_type_translation ticket_type_translation_ticket_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ticket_type_translation
    ADD CONSTRAINT ticket_type_translation_ticket_type_id_fkey FOREIGN KEY (ticket_type_id) REFERENCES public.ticket_type(ticket_type_id) ON DELETE CASCADE;

--
-- Name: tracking_link tracking_link_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracking_link
    ADD CONSTRAINT tracking_link_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.account(account_id) ON DELETE SET NULL;

--
-- Name: tracking_link tracking_link_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tracking_link
    ADD CONSTRAINT tracking_link_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE CASCADE;

--
-- Name: waitlist_entry waitlist_entry_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entry
    ADD CONSTRAINT waitlist_entry_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.account(account_id) ON DELETE CASCADE;

--
-- Name: waitlist_entry waitlist_entry_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entry
    ADD CONSTRAINT waitlist_entry_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(event_id) ON DELETE CASCADE;

--
-- Name: waitlist_entry waitlist_entry_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entry
    ADD CONSTRAINT waitlist_entry_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.customer_order(order_id) ON DELETE SET NULL;

--
-- Name: waitlist_entry waitlist_entry_ticket_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.waitlist_entry
    ADD CONSTRAINT waitlist_entry_ticket_type_id_fkey FOREIGN KEY (ticket_type_id) REFERENCES public.ticket_type(ticket_type_id) ON DELETE CASCADE;

--
-- PostgreSQL database dump complete
--
