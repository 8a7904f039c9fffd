-- The market (issue 21): demand recorded first-party, by our own server, without tracking
-- anyone. What the ledger already holds (orders placed, paid, checked in, with their rail) is
-- read from the ledger; this records what it does not: searches, event page views and buy page
-- views, and where each visit came from.

-- A random salt per day of the reporting time zone. A visitor's id is a keyed hash of their
-- address and user agent with that day's salt, so it changes every day; the salt is deleted
-- once its day is over, and with it any way of linking the id back to an address. No address
-- is stored anywhere.
create table demand_salt (
    day date primary key,
    salt bytea not null check (length(salt) = 32)
);

-- One row per thing a visitor did, kept `TESSERA_DEMAND_RETENTION_DAYS` (then only
-- `demand_daily` keeps it, counted). `visitor` is null for visitors who ask not to be tracked
-- (`Sec-GPC: 1`, `DNT: 1`): they are counted, without any id. A signed-in customer's rows
-- carry their account and go with it.
create table demand_event (
    demand_id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    kind text not null check (kind in ('search', 'event_view', 'buy_view')),
    visitor bytea check (length(visitor) = 16),
    account_id uuid references account on delete cascade,
    -- The event looked at (none for a search). Not a foreign key: an event deleted later
    -- keeps its counted views, with the city and category it had.
    event_id uuid,
    city text not null default '' check (length(city) <= 100),
    category text not null default '' check (length(category) <= 40),
    -- A search's words, folded (lower case, no accents, single spaces), and how many events it
    -- found.
    words text not null default '' check (length(words) <= 200),
    results integer check (results >= 0),
    lang text not null check (lang in ('en', 'fr', 'de', 'es', 'pt', 'ja', 'pl')),
    -- Where the visit came from: `utm_*` on the landing address, else the referring site's
    -- host (`source`, medium `referral`), else nothing (direct).
    source text not null default '' check (length(source) <= 100),
    medium text not null default '' check (length(medium) <= 100),
    campaign text not null default '' check (length(campaign) <= 100),
    check ((kind = 'search') = (results is not null))
);

create index demand_event_at_idx on demand_event (at);
create index demand_event_account_idx on demand_event (account_id) where account_id is not null;

-- The same, counted per day once the day is over (`demand_rollup` says which days are), so the
-- Market page still has them after the rows are gone. `visitors` counts distinct visitor ids
-- (which only ever live a day), `anonymous` the rows of visitors without one.
create table demand_daily (
    day date not null,
    kind text not null check (kind in ('search', 'event_view', 'buy_view')),
    event_id uuid,
    city text not null,
    category text not null,
    words text not null,
    -- For searches: how many events they found, 10 standing for "10 or more".
    results integer check (results between 0 and 10),
    lang text not null,
    source text not null,
    medium text not null,
    campaign text not null,
    records integer not null check (records > 0),
    visitors integer not null check (visitors >= 0),
    anonymous integer not null check (anonymous >= 0)
);

create index demand_daily_day_idx on demand_daily (day);

create table demand_rollup (
    day date primary key,
    -- The zone whose day it is (`TESSERA_REPORTING_TIME_ZONE` when it was counted).
    time_zone text not null,
    rolled_at timestamptz not null default now()
);

-- The channel an order came through, from the visit that placed it: attached to the order and
-- kept with it. All three empty: direct (or placed through the API with no visit to go by);
-- orders placed before this table have no row.
create table order_channel (
    order_id uuid primary key references customer_order on delete cascade,
    source text not null default '' check (length(source) <= 100),
    medium text not null default '' check (length(medium) <= 100),
    campaign text not null default '' check (length(campaign) <= 100)
);

-- Links organisers hand out for an event: its address with `utm_source`, `utm_medium` and
-- `utm_campaign`, ranked on the Market page by the visits, orders and money they brought.
create table tracking_link (
    link_id uuid primary key,
    event_id uuid not null references event on delete cascade,
    source text not null check (source ~ '^[a-z0-9][a-z0-9._-]{0,59}$'),
    medium text not null check (medium ~ '^[a-z0-9][a-z0-9._-]{0,59}$'),
    campaign text not null check (campaign ~ '^[a-z0-9][a-z0-9._-]{0,59}$'),
    created_by uuid references account on delete set null,
    created_at timestamptz not null default now(),
    unique (event_id, source, medium, campaign)
);

-- Where a customer lives, if they care to say: asked once, after their first purchase, so the
-- Market page can tell locals from visitors without guessing from addresses.
alter table account
    add column home_country text check (home_country ~ '^[A-Z]{2}$'),
    add column home_city text
        check (length(btrim(home_city)) between 1 and 100 and home_city = btrim(home_city)),
    add column home_asked_at timestamptz;

-- What was recorded on the days `p_from` to `p_to` of the zone `p_zone`, counted per day:
-- the days already rolled up from `demand_daily`, the others from `demand_event`, so every
-- figure of the Market page reads one function whichever of the two holds a day.
create function demand_days(p_from date, p_to date, p_zone text)
    returns table (
        day date, kind text, event_id uuid, city text, category text, words text, results integer,
        lang text, source text, medium text, campaign text,
        records bigint, visitors bigint, anonymous bigint
    )
    language sql stable
as $$
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
