//! What an operator watches that only Postgres knows, read when `/metrics` is scraped: holds
//! (and holds past their time that nobody released: the sweeper is not running), deliveries
//! waiting and given up on, the outbox's backlog and the age of its oldest message, refunds
//! not yet handed to their provider, and how far the watcher of the configured contract is
//! behind. Every process reads the same figures, so alert rules take their `max`.

use sqlx::PgPool;

/// The figures, as two statements read them (each count from a partial index).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gauges {
    /// Unpaid orders whose hold still runs.
    pub holds_live: i64,
    /// Unpaid orders a minute or more past their hold that the sweeper has not released (it
    /// runs every 5 s: one that old means it is not running).
    pub holds_overdue: i64,
    pub deliveries_pending: i64,
    /// Deliveries given up on (dead-lettered) whose order is still paid and whose account still
    /// exists: tickets someone is owed, waiting for an admin's retry.
    pub deliveries_dead: i64,
    pub outbox_unpublished: i64,
    /// Seconds since the oldest unpublished outbox message was written (0 when none waits).
    pub outbox_oldest_seconds: f64,
    /// Refunds asked for and not yet handed to their provider (a provider that is down, a
    /// refund wallet short of funds).
    pub refunds_unsent: i64,
    /// Seconds since the oldest of them was asked for (0 when none).
    pub refunds_unsent_oldest_seconds: f64,
    /// Payments with money due back (it cannot pay its order, or paid too much) for which no
    /// refund has been asked yet: waiting for an admin on /admin/refunds.
    pub money_due_back: i64,
    /// Seconds since the oldest of them came in (0 when none).
    pub money_due_back_oldest_seconds: f64,
    pub chains: Vec<ChainLag>,
}

/// How far the Ethereum watcher of one contract is behind.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLag {
    pub chain_id: i64,
    /// `0x…`, lowercase.
    pub contract: String,
    /// Blocks between the newest head it saw and the next block it will read (0 when caught up).
    pub blocks: i64,
    /// Seconds since it last saw a new head or moved its cursor.
    pub seconds_since_progress: f64,
}

/// Reads the figures; the chain watchers' only for `contracts` (the ones this deployment
/// follows, so a contract or chain left behind raises no alarm: `0x…` lowercase, with the chain
/// id it is pinned to, or none for one followed on whatever chain its node is, reported on the
/// chain it was last followed on).
pub async fn read(db: &PgPool, contracts: &[(Option<i64>, String)]) -> sqlx::Result<Gauges> {
    type Row = (i64, i64, i64, i64, i64, f64, i64, f64, i64, f64);
    let (
        holds_live,
        holds_overdue,
        deliveries_pending,
        deliveries_dead,
        outbox_unpublished,
        outbox_oldest_seconds,
        refunds_unsent,
        refunds_unsent_oldest_seconds,
        money_due_back,
        money_due_back_oldest_seconds,
    ): Row = sqlx::query_as(
        "select
             (select count(*) from customer_order
              where status = 'pending_payment' and not payment_detected and expires_at > now()),
             (select count(*) from customer_order
              where status = 'pending_payment' and not payment_detected
                and expires_at <= now() - interval '1 minute'),
             (select count(*) from delivery where status = 'pending'),
             (select count(*) from delivery d
              join customer_order o using (order_id) join account a using (account_id)
              where d.status = 'failed' and o.status = 'paid' and a.deleted_at is null),
             (select count(*) from outbox where published_at is null),
             (select coalesce(extract(epoch from now() - min(created_at)), 0)::float8
              from outbox where published_at is null),
             (select count(*) from refund where status = 'requested'),
             (select coalesce(extract(epoch from now() - min(created_at)), 0)::float8
              from refund where status = 'requested'),
             due.waiting, due.oldest
         from (select count(*) as waiting,
                      coalesce(extract(epoch from now() - min(coalesce(p.received_at, p.created_at))), 0)::float8
                          as oldest
               from payment p
               where (p.status = 'refund_due' or (p.status = 'succeeded' and p.overpaid_minor > 0))
                 and not exists (select 1 from refund r
                                 where r.payment_id = p.payment_id and r.status not in ('failed', 'cancelled'))
              ) due",
    )
    .fetch_one(db)
    .await?;
    let (pins, addresses): (Vec<Option<i64>>, Vec<String>) = contracts.iter().cloned().unzip();
    let chains: Vec<(i64, String, i64, f64)> = sqlx::query_as(
        "select distinct on (coalesce(w.chain_id, -1), c.contract)
                c.chain_id, c.contract, greatest(c.head_block - c.next_block + 1, 0)::bigint,
                extract(epoch from now() - c.updated_at)::float8
         from eth_cursor c
         join unnest($1::bigint[], $2::text[]) as w(chain_id, contract)
           on w.contract = c.contract and (w.chain_id is null or w.chain_id = c.chain_id)
         order by coalesce(w.chain_id, -1), c.contract, c.updated_at desc",
    )
    .bind(pins)
    .bind(addresses)
    .fetch_all(db)
    .await?;
    Ok(Gauges {
        holds_live,
        holds_overdue,
        deliveries_pending,
        deliveries_dead,
        outbox_unpublished,
        outbox_oldest_seconds,
        refunds_unsent,
        refunds_unsent_oldest_seconds,
        money_due_back,
        money_due_back_oldest_seconds,
        chains: chains
            .into_iter()
            .map(|(chain_id, contract, blocks, seconds_since_progress)| ChainLag {
                chain_id,
                contract,
                blocks,
                seconds_since_progress,
            })
            .collect(),
    })
}

impl Gauges {
    /// Sets the process's gauges to these figures (`tessera_…`, see ARCHITECTURE.md).
    pub fn publish(&self) {
        use metrics::gauge;
        gauge!("tessera_holds", "state" => "live").set(self.holds_live as f64);
        gauge!("tessera_holds", "state" => "overdue").set(self.holds_overdue as f64);
        gauge!("tessera_deliveries", "status" => "pending").set(self.deliveries_pending as f64);
        gauge!("tessera_deliveries", "status" => "dead_letter").set(self.deliveries_dead as f64);
        gauge!("tessera_outbox_unpublished").set(self.outbox_unpublished as f64);
        gauge!("tessera_outbox_oldest_seconds").set(self.outbox_oldest_seconds);
        gauge!("tessera_refunds_unsent").set(self.refunds_unsent as f64);
        gauge!("tessera_refunds_unsent_oldest_seconds").set(self.refunds_unsent_oldest_seconds);
        gauge!("tessera_money_due_back").set(self.money_due_back as f64);
        gauge!("tessera_money_due_back_oldest_seconds").set(self.money_due_back_oldest_seconds);
        for chain in &self.chains {
            let labels = [("chain_id", chain.chain_id.to_string()), ("contract", chain.contract.clone())];
            gauge!("tessera_chain_watcher_lag_blocks", &labels).set(chain.blocks as f64);
            gauge!("tessera_chain_watcher_progress_age_seconds", &labels).set(chain.seconds_since_progress);
        }
    }
}
