-- Instant search (issue 20): each web process keeps the upcoming catalog in memory
-- (tessera_core::search) and follows its changes. Every change to what a search shows of an
-- event announces the event's id on the `tessera_catalog` channel when its transaction commits
-- (Postgres sends one notification per distinct payload per transaction). The counters that
-- purchases move (ticket_type.held, .sold) announce nothing: search does not show them, and a
-- flash sale must not rebuild anyone's index.

create function notify_catalog_event() returns trigger
    language plpgsql
as $$
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

create trigger event_notify_catalog
    after insert or update or delete on event
    for each row execute function notify_catalog_event();

create trigger event_translation_notify_catalog
    after insert or update or delete on event_translation
    for each row execute function notify_catalog_event();

create trigger ticket_type_notify_catalog
    after insert or delete or update of event_id, currency, name, price_minor, capacity, position
    on ticket_type
    for each row execute function notify_catalog_event();

create function notify_catalog_ticket_type_translation() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('tessera_catalog', t.event_id::text)
    from ticket_type t
    where t.ticket_type_id in (old.ticket_type_id, new.ticket_type_id);
    return null;
end
$$;

create trigger ticket_type_translation_notify_catalog
    after insert or update or delete on ticket_type_translation
    for each row execute function notify_catalog_ticket_type_translation();

-- An image's renditions are written after the event points at it.
create function notify_catalog_media_rendition() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('tessera_catalog', e.event_id::text)
    from event e
    where e.image_id in (old.media_id, new.media_id);
    return null;
end
$$;

create trigger media_rendition_notify_catalog
    after insert or update or delete on media_rendition
    for each row execute function notify_catalog_media_rendition();
