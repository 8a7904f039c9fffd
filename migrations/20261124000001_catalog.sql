-- The public catalog: events, their ticket types and the media they show.
--
-- Conventions (see STYLE.md): lowercase SQL, singular table names, `<table>_id` keys,
-- `created_at`/`updated_at` on every table, timestamptz everywhere, money as integers in the
-- currency's minor units, and a CHECK for every invariant the database can hold.

create extension if not exists unaccent;
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

-- unaccent() is only STABLE because its dictionary could be swapped at run time; naming the
-- dictionary explicitly makes the result fixed, so it may feed indexes and generated columns.
create function immutable_unaccent(text) returns text
    language sql immutable parallel safe strict
    return public.unaccent('public.unaccent'::regdictionary, $1);

-- Full-text configuration for event text: accents folded, then English stemming. Titles are in
-- many languages; stemming them as English is harmless and "concerts" still finds "concert".
create text search configuration tessera_search (copy = english);
alter text search configuration tessera_search
    alter mapping for hword, hword_part, word with unaccent, english_stem;

-- Digits after the decimal point in an ISO 4217 currency (JPY has none, KWD three). The Rust
-- side has the same table (tessera_core::money); a test checks the two agree for every code.
create function currency_exponent(code text) returns integer
    language sql immutable parallel safe strict
    return case
        when code in ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF',
                      'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF') then 0
        when code in ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') then 3
        when code in ('CLF', 'UYW') then 4
        else 2
    end;

-- True for names of the IANA time-zone database that this server knows ("Europe/Lisbon",
-- "UTC"), false for abbreviations and POSIX offsets that AT TIME ZONE would also accept.
-- Declared immutable so a CHECK may use it: the zone list only grows with tzdata updates.
create function is_iana_timezone(tz text) returns boolean
    language plpgsql immutable parallel safe strict
as $$
begin
    if tz !~ '^(UTC|[A-Z][A-Za-z_]+(/[A-Za-z0-9_+-]+)+)$' then
        return false;
    end if;
    perform now() at time zone tz;
    return true;
exception when invalid_parameter_value then
    return false;
end
$$;

-- An image in the blob store, addressed by the hash of its bytes so its URL can be cached
-- forever (`/media/<blob_key>`).
create table media (
    media_id uuid primary key,
    sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
    blob_key text not null unique check (blob_key ~ '^[a-z0-9/_.-]+$' and blob_key !~ '\.\.'),
    content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    byte_size integer not null check (byte_size > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Weighted document for full-text search: title (A) above venue, city, tags and the category
-- (B) above the description (C). A function, because array_to_string is not immutable on its
-- own.
create function event_search_vector(
    title text, category text, venue_name text, city text, region text, tags text[], description text
) returns tsvector
    language sql immutable parallel safe
    return setweight(to_tsvector('tessera_search', coalesce(title, '')), 'A')
        || setweight(to_tsvector('tessera_search',
               coalesce(category, '') || ' ' || coalesce(venue_name, '') || ' ' || coalesce(city, '')
               || ' ' || coalesce(region, '') || ' ' || coalesce(array_to_string(tags, ' '), '')), 'B')
        || setweight(to_tsvector('tessera_search', coalesce(description, '')), 'C');

create table event (
    event_id uuid primary key,
    slug text not null unique
        check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
    title text not null check (length(btrim(title)) between 1 and 200 and title = btrim(title)),
    description text not null check (length(description) <= 20000),
    category text not null check (category in (
        'festival', 'concert', 'comedy', 'theatre', 'food', 'workshop', 'tour', 'exhibition',
        'market', 'dance'
    )),
    city text not null check (length(btrim(city)) between 1 and 100 and city = btrim(city)),
    region text not null default '' check (length(region) <= 100),
    country text not null check (country ~ '^[A-Z]{2}$'),
    venue_name text not null check (length(btrim(venue_name)) between 1 and 200),
    address text not null check (length(btrim(address)) between 1 and 300),
    latitude double precision not null check (latitude between -90 and 90),
    longitude double precision not null check (longitude between -180 and 180),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    timezone text not null check (is_iana_timezone(timezone)),
    language text not null check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    tags text[] not null default '{}'
        check (cardinality(tags) <= 20 and array_position(tags, null) is null),
    image_id uuid references media (media_id) on delete set null,
    image_alt text not null default '' check (length(image_alt) <= 300),
    -- Every ticket type of an event is sold in the event's currency (enforced by the
    -- composite foreign key on ticket_type), so "from €18" is always a meaningful minimum.
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    status text not null default 'draft' check (status in ('draft', 'published', 'cancelled')),
    -- Bumped on every edit; an edit must name the version it read (optimistic concurrency).
    version integer not null default 1 check (version > 0),
    -- Lookup key for the city filter: "krakow" and "Kraków" are the same city.
    city_key text generated always as (lower(immutable_unaccent(city))) stored,
    search_vector tsvector generated always as (
        event_search_vector(title, category, venue_name, city, region, tags, description)
    ) stored,
    -- The same without the description, for ranking: scoring a few dozen lexemes instead of a
    -- whole description keeps broad searches fast, and a description-only hit still ranks
    -- below any hit in the title, venue, city or tags (it scores zero here).
    rank_vector tsvector generated always as (
        event_search_vector(title, category, venue_name, city, region, tags, '')
    ) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (ends_at > starts_at),
    unique (event_id, currency)
);

-- The public listing walks upcoming published events in start order (keyset pagination).
create index event_published_starts_at_idx on event (starts_at, event_id)
    where status = 'published';
create index event_published_city_idx on event (city_key, starts_at)
    where status = 'published';
create index event_published_category_idx on event (category, starts_at)
    where status = 'published';
create index event_search_vector_idx on event using gin (search_vector);

-- Every word that appears in a published event (accents folded, lowercased), so a search word
-- that matches nothing can be corrected to the nearest real word (trigram candidates, then
-- edit distance): "festvial" finds "Festival". Drafts contribute nothing, so a correction
-- never reveals what is not public yet. Words are only added; a word whose events are gone
-- just finds nothing.
create table search_word (
    word text primary key check (length(word) between 3 and 40 and word = lower(word)),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops);

create function search_words(doc text) returns setof text
    language sql immutable parallel safe strict
as $$
    select distinct w
    from regexp_split_to_table(lower(public.immutable_unaccent(doc)), '[^[:alnum:]]+') as w
    where length(w) between 3 and 40
$$;

create function event_collect_search_words() returns trigger
    language plpgsql
as $$
begin
    if new.status = 'published' then
        insert into search_word (word)
        select w from search_words(concat_ws(' ', new.title, new.category, new.venue_name, new.city,
                                             new.region, array_to_string(new.tags, ' '),
                                             new.description)) as w
        on conflict do nothing;
    end if;
    return new;
end
$$;

create trigger event_collect_search_words
    after insert or update of title, category, venue_name, city, region, tags, description, status
    on event
    for each row execute function event_collect_search_words();

create table ticket_type (
    ticket_type_id uuid primary key,
    event_id uuid not null,
    currency text not null,
    name text not null check (length(btrim(name)) between 1 and 100 and name = btrim(name)),
    price_minor bigint not null check (price_minor >= 0),
    capacity integer not null check (capacity >= 0),
    -- Display order on the event page; ties broken by price.
    position integer not null default 0 check (position >= 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (event_id, name),
    foreign key (event_id, currency) references event (event_id, currency)
        on update cascade on delete cascade
);

create index ticket_type_event_idx on ticket_type (event_id, position, price_minor);

-- A search query as words: accents folded, lowercased, split on anything not a letter or digit.
create function search_normalize(q text) returns text
    language sql immutable parallel safe strict
    return array_to_string(
        array_remove(regexp_split_to_array(lower(public.immutable_unaccent(q)), '[^[:alnum:]]+'), ''),
        ' ');

-- The query as words (see search_normalize), with each word of five letters or more that
-- appears in no event replaced by the closest word that does (trigram candidates, then at
-- most two edits), so one typo still finds the event. Shorter words are kept as typed: too
-- many real words are one edit apart, and at most four words are corrected per query, which
-- bounds the cost of a query full of gibberish. PL/pgSQL so its plans are cached per
-- connection; a known word costs one index probe.
create function search_correct(q text) returns text
    language plpgsql stable parallel safe strict
as $$
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
