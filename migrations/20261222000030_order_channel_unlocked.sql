-- Recording an order's channel must never hold the order up (issue 21): the foreign key made
-- each insert lock the order row (`for key share`), so the hold sweeper, which skips locked
-- orders, could miss an order expiring while its channel was being written, and a settlement
-- waited for it. The recorder only writes channels of orders that exist, and orders are never
-- deleted, so the key is dropped.
alter table order_channel drop constraint order_channel_order_id_fkey;
