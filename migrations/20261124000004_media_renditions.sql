-- Every image is kept only as renditions made from it: resized to a few widths, re-encoded
-- as WebP and as a JPEG fallback, stripped of all metadata. `media.blob_key` names the
-- default rendition (a JPEG about 800 px wide) that a plain <img> shows.

alter table media
    add column width integer check (width > 0),
    add column height integer check (height > 0);

create table media_rendition (
    media_id uuid not null references media (media_id) on delete cascade,
    format text not null check (format in ('webp', 'jpeg')),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    blob_key text not null unique check (blob_key ~ '^[a-z0-9/_.-]+$' and blob_key !~ '\.\.'),
    byte_size integer not null check (byte_size > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (media_id, format, width)
);
