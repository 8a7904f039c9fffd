-- A buyer may switch rail while the hold lasts (card → bitcoin → Lightning → ETH…): the
-- payment on the rail they left is superseded. It is closed at its provider, and its news no
-- longer moves the order (it is not the order's own checkout any more); money that still
-- arrives on it is paid late or refunded like any other, never counted twice.
alter table payment add column superseded_at timestamptz;

create index payment_superseded_idx on payment (order_id) where superseded_at is not null;
