-- Admin sessions end after a while without use (issue 18): `session.last_seen_at` is when the
-- session was last used, kept (to the minute) for admin sessions only, whose lookups treat a
-- session idle longer than `TESSERA_ADMIN_IDLE_MINUTES` as over. Customers' sessions last
-- their 30 days as before.
alter table session add column last_seen_at timestamptz not null default now();
