-- "Tell me when" (issue 21): a customer asks to hear, once, when an event is published that
-- matches a city, a category and some words (any of them may be left open, not all). Kept until
-- it is answered; the Market page counts them per city and category, answered or not.
create table interest (
    interest_id uuid primary key,
    account_id uuid not null references account on delete cascade,
    -- The city as typed, and compared without case or accents.
    city text not null default '' check (length(city) <= 100),
    city_key text generated always as (lower(immutable_unaccent(city))) stored,
    category text not null default '' check (category = '' or category in (
        'festival', 'concert', 'comedy', 'theatre', 'food', 'workshop', 'tour', 'exhibition', 'market', 'dance')),
    -- Search words, folded.
    words text not null default '' check (length(words) <= 200),
    locale text not null check (locale in ('en', 'fr', 'de', 'es', 'pt', 'ja', 'pl')),
    created_at timestamptz not null default now(),
    -- The event it was answered with, and when the email went.
    event_id uuid references event on delete set null,
    notified_at timestamptz,
    check (city <> '' or category <> '' or words <> '')
);

-- One open request per account for the same thing.
create unique index interest_once_idx on interest (account_id, city_key, category, words)
    where notified_at is null;
create index interest_open_idx on interest (created_at) where notified_at is null;
