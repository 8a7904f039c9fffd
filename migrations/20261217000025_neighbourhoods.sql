-- City pages (issue 20): each city's events can be narrowed to a neighbourhood (Mouraria,
-- Kreuzberg, Gion), named by the organiser with the venue. Empty when not given. Compared
-- without case or accents, like the city (`neighbourhood_key`).
alter table event
    add column neighbourhood text not null default ''
        check (length(neighbourhood) <= 100 and neighbourhood = btrim(neighbourhood)),
    add column neighbourhood_key text generated always as (lower(immutable_unaccent(neighbourhood))) stored;

create index event_city_neighbourhood_idx on event (city_key, neighbourhood_key, starts_at)
    where status = 'published';
