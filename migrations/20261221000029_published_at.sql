-- When an event first went on sale (issue 21): "tell me when" answers a request with events
-- published after it was made, not with older ones an organiser happened to edit since.
alter table event add column published_at timestamptz;

update event set published_at = created_at where status <> 'draft';

create function event_mark_published() returns trigger
    language plpgsql
as $$
begin
    if new.status = 'published' and new.published_at is null then
        new.published_at := clock_timestamp();
    end if;
    return new;
end
$$;

create trigger event_mark_published before insert or update of status on event
    for each row execute function event_mark_published();

create index event_published_at_idx on event (published_at) where status = 'published';
