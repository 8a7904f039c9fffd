-- Each event in its own language, and in yours (issue 19): an event's texts are written in its
-- original language (`event.language`); the organiser adds translations of its title and
-- description, and of its ticket types' names, one row per language. Pages show the buyer's
-- language when there is a translation, the original otherwise (and on request).
create table event_translation (
    event_id uuid not null references event (event_id) on delete cascade,
    language text not null check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    title text not null check (length(title) between 1 and 200),
    description text not null default '' check (length(description) <= 20000),
    updated_at timestamptz not null default now(),
    primary key (event_id, language)
);

create table ticket_type_translation (
    ticket_type_id uuid not null references ticket_type (ticket_type_id) on delete cascade,
    language text not null check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    name text not null check (length(name) between 1 and 100),
    primary key (ticket_type_id, language)
);

-- Translations are searched too: "tea ceremony" finds a Kyoto tea ceremony written in Japanese
-- with an English translation. The event keeps its translations' titles and descriptions
-- (written by the app whenever it saves them, `save_translations`), so that the search
-- document, a generated column, can weigh them as the original's.
alter table event
    add column translated_titles text not null default '',
    add column translated_descriptions text not null default '';

alter table event drop column search_vector, drop column rank_vector;
alter table event
    add column search_vector tsvector generated always as (
        event_search_vector(title || ' ' || translated_titles, category, venue_name, city, region,
                            tags, description || ' ' || translated_descriptions)
    ) stored,
    add column rank_vector tsvector generated always as (
        event_search_vector(title || ' ' || translated_titles, category, venue_name, city, region,
                            tags, '')
    ) stored;
create index event_search_vector_idx on event using gin (search_vector);

-- Spelling corrections know the translations' words as well.
create or replace function event_collect_search_words() returns trigger
    language plpgsql
as $$
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

drop trigger event_collect_search_words on event;
create trigger event_collect_search_words
    after insert or update of title, category, venue_name, city, region, tags, description, status,
        translated_titles, translated_descriptions
    on event
    for each row execute function event_collect_search_words();
