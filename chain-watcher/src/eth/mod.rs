//! Our payment contract's logs on Ethereum: followed from the node by polling, `OrderPaid` ones
//! recorded as receipts and `OrderRefunded` ones as refund logs, and handed to settlement
//! (`tessera_settlement::eth`) to apply once deep enough. With the refund wallet's key
//! (`TESSERA_ETH_REFUND_KEY`), the watcher also sends the requested refunds
//! ([`EthWatcher::send_refunds`]).
//!
//! Each [`EthWatcher::step`] reads the head, checks that the newest block it remembers is still
//! canonical (if not, a reorg: it walks back to the newest remembered block the chain still has,
//! the common ancestor, and rolls back to it), then reads one range of blocks and records it in
//! one transaction with the cursor's move past it, then applies the receipts that are deep
//! enough. Far from the head a range is one `eth_getLogs` over at most `max_block_range` blocks
//! and only its last header is kept; within the reorg window it is read block by block, each
//! header's parent checked against the one before and its logs asked for by block hash, so logs
//! and headers always agree.

mod node;
mod run;
mod store;

pub use run::run;

use std::ops::RangeInclusive;

use alloy::primitives::Address;
use alloy::providers::DynProvider;
use alloy::transports::TransportError;
use secrecy::ExposeSecret as _;
use sqlx::PgPool;
use tessera_payments::eth::{Confirmations, EthChainSettings, EthSettings};
use tessera_settlement::eth::refunded::{self, RefundWallet, Round};
use tokio::sync::OnceCell;

use node::{ContractLog, Header};
use store::{Range, Recorded, Scope};

/// The fewest blocks below the head read one by one with their headers kept: deeper reorgs
/// than this are not seen on Ethereum mainnet since the merge, nor on the L2s we would use.
pub const MIN_REORG_WINDOW: u64 = 64;

/// Why a step did not finish. None of them leaves anything half written: what a step records
/// is one transaction per range and one per applied receipt, so the next step simply goes on.
#[derive(Debug, thiserror::Error)]
pub enum EthWatchError {
    /// The node is down, slow (30 s) or answered with an error: retried at the next tick.
    #[error("the Ethereum node did not answer as expected")]
    Node(#[from] TransportError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Sending refunds stopped at the database (a node or wallet problem is noted on the refund
    /// and retried instead).
    #[error(transparent)]
    Refunds(#[from] tessera_settlement::SettleError),
    /// At construction: the configured URL does not parse.
    #[error("invalid {0}")]
    RpcUrl(String),
    /// The URL now leads to another chain than at the first step (a misconfigured provider):
    /// its blocks must not be mixed with the ones recorded, so nothing is read until a restart.
    #[error("the node is on chain {now}, not chain {was} as before; the watcher stops reading it")]
    ChainChanged { was: u64, now: u64 },
    /// The node is not on the configured chain (`…_CHAIN_ID`), or the confirmations
    /// are too few for it: nothing is read until the configuration is fixed.
    #[error("{0}")]
    WrongChain(String),
}

/// Follows one contract on one chain. Cheap to share: the node is an HTTP client, the database
/// a pool. Run at most one per contract at a time ([`run`] takes a Postgres advisory lock);
/// even two at once never double a receipt, the second finding the cursor moved.
#[derive(Debug, Clone)]
pub struct EthWatcher {
    db: PgPool,
    node: DynProvider,
    contract: Address,
    contract_hex: String,
    confirmations: Confirmations,
    start_block: u64,
    max_block_range: u64,
    /// The chain id, asked of the node on the first step (the node may be down at start).
    chain_id: std::sync::Arc<OnceCell<u64>>,
    /// `…_CHAIN_ID`.
    chain_pin: Option<u64>,
    /// Which chain's settings (empty for the first), for messages.
    key: String,
    /// Kept only to take it out of error messages (it may hold an API key).
    rpc_url: secrecy::SecretString,
    /// The refund wallet, when this process holds its key.
    refund_wallet: Option<RefundWallet>,
}

/// What one step did: for tests and benchmarks to drive the watcher step by step and see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// The chain's head as read at the start of the step.
    pub head: u64,
    /// The blocks read and recorded, if any.
    pub read: Option<RangeInclusive<u64>>,
    /// Receipts recorded, or moved to another block, by this step.
    pub receipts: usize,
    /// Receipts applied to their orders (deep enough now).
    pub confirmed: usize,
    /// `OrderRefunded` logs deep enough now, their refunds settled.
    pub refunds_confirmed: usize,
    /// Receipts and refund logs marked reorged by a rollback to the common ancestor.
    pub reorged: usize,
    /// Nothing is left to read up to the head.
    pub caught_up: bool,
}

/// What [`EthWatcher::catch_up`] did, over all its steps (the fields sum [`Step`]'s; `head` is
/// the last one read), for the poller's log and the catch-up benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub steps: usize,
    pub blocks: u64,
    pub receipts: usize,
    pub confirmed: usize,
    pub reorged: usize,
    pub head: u64,
}

impl EthWatcher {
    /// A watcher of our contract on `chain`, through its node. Nothing is asked of the node
    /// yet, so a node that is down at start only delays the first step.
    pub fn new(db: PgPool, settings: &EthSettings, chain: &EthChainSettings) -> Result<Self, EthWatchError> {
        let config = chain;
        let node = tessera_contracts::connect_read(config.rpc_url.expose_secret())
            .map_err(|_| EthWatchError::RpcUrl(config.var("RPC_URL")))?;
        let contract = config.contract;
        let refund_wallet = settings
            .refund_signer
            .clone()
            .map(|signer| RefundWallet::new(node.clone(), signer, contract, config.confirmations));
        Ok(EthWatcher {
            refund_wallet,
            key: config.key.clone(),
            rpc_url: config.rpc_url.clone(),
            db,
            node,
            contract,
            contract_hex: node::address_hex(contract),
            confirmations: config.confirmations,
            start_block: config.start_block,
            max_block_range: config.max_block_range.max(1),
            chain_id: std::sync::Arc::default(),
            chain_pin: config.chain_id,
        })
    }

    /// The database the watcher records in.
    /// `err` for the logs, without the node's URL.
    pub fn describe(&self, err: &(dyn std::error::Error + 'static)) -> String {
        let mut text = err.to_string();
        let mut source = err.source();
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        tessera_contracts::redact_rpc_url(&text, self.rpc_url.expose_secret())
    }

    pub fn db(&self) -> &PgPool {
        &self.db
    }

    /// Whether this is the first configured chain's watcher (`TESSERA_ETH_*`).
    pub fn is_first(&self) -> bool {
        self.key.is_empty()
    }

    /// The chain id it was pinned to (`…_CHAIN_ID`), if any.
    pub fn chain_pin(&self) -> Option<u64> {
        self.chain_pin
    }

    /// Steps until nothing is left to read up to the head (or a step makes no progress: the
    /// chain moved under it, and the next poll goes on). What a poll does, and what a fresh
    /// watcher does to catch up.
    pub async fn catch_up(&self) -> Result<Progress, EthWatchError> {
        let mut progress = Progress::default();
        loop {
            let step = self.step().await?;
            progress.steps += 1;
            progress.blocks += step.read.as_ref().map_or(0, |r| r.end() - r.start() + 1);
            progress.receipts += step.receipts;
            progress.confirmed += step.confirmed + step.refunds_confirmed;
            progress.reorged += step.reorged;
            progress.head = step.head;
            if step.caught_up || (step.read.is_none() && step.reorged == 0) {
                return Ok(progress);
            }
        }
    }

    /// One step: the head, the continuity check (and a rollback if the chain reorganised), one
    /// range read and recorded, and the receipts now deep enough applied.
    pub async fn step(&self) -> Result<Step, EthWatchError> {
        let scope = self.scope().await?;
        let head = node::head(&self.node).await?;
        let finalized = match self.confirmations {
            Confirmations::Blocks(_) => None,
            Confirmations::Finalized => node::finalized(&self.node).await?,
            Confirmations::Safe => node::safe(&self.node).await?,
        };
        let (deep_tip, window) = depth(self.confirmations, head, finalized);
        let mut step = Step { head, ..Step::default() };

        if let Some(reorged) = self.roll_back_if_reorged(&scope).await? {
            step.reorged = reorged;
            return Ok(step);
        }

        let next = store::next_block(&self.db, &scope).await?.unwrap_or(self.start_block);
        if next > head {
            store::note_head(&self.db, &scope, next, head).await?;
            step.caught_up = true;
        } else {
            // The first block within the reorg window.
            let near = (head + 1).saturating_sub(window);
            let read = if next < near {
                self.read_far(next, (next + self.max_block_range - 1).min(near - 1)).await?
            } else {
                self.read_near(&scope, next, (next + self.max_block_range - 1).min(head)).await?
            };
            if let Some((to, headers, logs)) = read {
                let range =
                    Range { from: next, to, head, headers: &headers, logs: &logs, window_floor: near };
                match store::record_range(&self.db, &scope, &range).await? {
                    Recorded::Done { receipts_changed } => {
                        step.read = Some(next..=to);
                        step.receipts = receipts_changed;
                        step.caught_up = to >= head;
                    }
                    Recorded::CursorMoved => {
                        tracing::warn!(
                            chain.block = next,
                            "another watcher moved the cursor; this range is theirs"
                        );
                    }
                }
            }
        }

        if let Some(tip) = deep_tip {
            step.confirmed = tessera_settlement::eth::confirm_due(
                &self.db,
                scope.chain_id,
                &scope.contract,
                store::int(tip),
            )
            .await?;
            step.refunds_confirmed =
                refunded::confirm_refunds_due(&self.db, scope.chain_id, &scope.contract, store::int(tip))
                    .await?;
        }
        Ok(step)
    }

    /// Whether this watcher holds the refund wallet's key.
    pub fn sends_refunds(&self) -> bool {
        self.refund_wallet.is_some()
    }

    /// Sends the requested refunds of payments to this contract and follows those on their way
    /// (see `tessera_settlement::eth::refunded`); nothing without the refund wallet's key.
    pub async fn send_refunds(&self) -> Result<Round, EthWatchError> {
        let Some(wallet) = &self.refund_wallet else { return Ok(Round::default()) };
        let scope = self.scope().await?;
        Ok(wallet.send_due(&self.db, scope.chain_id, &scope.contract).await?)
    }

    async fn scope(&self) -> Result<Scope, EthWatchError> {
        let now = node::chain_id(&self.node).await?;
        tessera_payments::eth::check_chain(&self.key, self.chain_pin, self.confirmations, now)
            .map_err(EthWatchError::WrongChain)?;
        let was = *self.chain_id.get_or_init(|| async { now }).await;
        if was != now {
            return Err(EthWatchError::ChainChanged { was, now });
        }
        Ok(Scope { chain_id: store::int(now), contract: self.contract_hex.clone() })
    }

    /// Checks the newest remembered block against the chain. When the chain has another block
    /// there (or none: it got shorter), walks back to the newest remembered block it still has,
    /// the common ancestor, and rolls back to it. Returns how many receipts were marked
    /// reorged, or none when the chain is as remembered.
    async fn roll_back_if_reorged(&self, scope: &Scope) -> Result<Option<usize>, EthWatchError> {
        let remembered = store::blocks_newest_first(&self.db, scope, 1).await?;
        let Some((number, hash)) = remembered.first() else { return Ok(None) };
        if node::header(&self.node, *number).await?.is_some_and(|h| &h.hash == hash) {
            return Ok(None);
        }
        let mut ancestor = None;
        for (number, hash) in store::blocks_newest_first(&self.db, scope, i64::MAX).await?.iter().skip(1) {
            if node::header(&self.node, *number).await?.is_some_and(|h| &h.hash == hash) {
                ancestor = Some(*number);
                break;
            }
        }
        if ancestor.is_none() {
            tracing::error!(
                chain.block = number,
                chain.start_block = self.start_block,
                "no block the watcher remembers is still canonical; reading the chain again from the start block"
            );
        }
        let rolled = store::roll_back(&self.db, scope, ancestor, self.start_block).await?;
        tracing::warn!(chain.block = number, chain.ancestor = ?ancestor, receipt.reorged = rolled.receipts,
            receipt.confirmed_reorged = rolled.confirmed, "chain reorganisation: rolled back to the common ancestor");
        Ok(Some(rolled.receipts + rolled.refunds))
    }

    /// Blocks `from..=to`, far below the head: one `eth_getLogs`, and the last block's header
    /// to check continuity against next time. A node that refuses the range (providers limit
    /// the blocks or the results of one call) is asked for half of it, until it answers.
    async fn read_far(
        &self,
        from: u64,
        mut to: u64,
    ) -> Result<Option<(u64, Vec<Header>, Vec<ContractLog>)>, EthWatchError> {
        let mut logs = loop {
            match node::logs_in_range(&self.node, self.contract, from, to).await {
                Ok(logs) => break logs,
                Err(err) if err.is_error_resp() && to > from => {
                    tracing::info!(chain.from_block = from, chain.to_block = to, error = %err,
                        "the node refused the range of logs; asking for half of it");
                    to = from + (to - from) / 2;
                }
                Err(err) => return Err(err.into()),
            }
        };
        let Some(last) = node::header(&self.node, to).await? else { return Ok(None) };
        // Nodes that leave the block's time out of logs: one header per block with a payment.
        let mut times: Vec<(u64, u64)> = Vec::new();
        for log in logs.iter_mut().filter(|l| l.block_time.is_none()) {
            let known = times.iter().find(|(n, _)| *n == log.block_number).map(|(_, t)| *t);
            let time = match known {
                Some(time) => Some(time),
                None => node::header(&self.node, log.block_number).await?.map(|h| h.timestamp),
            };
            if let Some(time) = time {
                times.push((log.block_number, time));
            }
            log.block_time = time;
        }
        Ok(Some((to, vec![last], logs)))
    }

    /// Blocks `from..=to`, within the reorg window: each header, checked to follow the one
    /// before, and its logs by its hash. Stops before a block that does not follow (the chain
    /// is reorganising under us: the next step's check finds where); none when the first does
    /// not.
    async fn read_near(
        &self,
        scope: &Scope,
        from: u64,
        to: u64,
    ) -> Result<Option<(u64, Vec<Header>, Vec<ContractLog>)>, EthWatchError> {
        let mut parent = match from.checked_sub(1) {
            Some(before) => store::block_hash(&self.db, scope, before).await?,
            None => None,
        };
        let mut headers: Vec<Header> = Vec::new();
        let mut logs = Vec::new();
        for number in from..=to {
            let Some(header) = node::header(&self.node, number).await? else { break };
            if parent.as_ref().is_some_and(|p| *p != header.parent_hash) {
                tracing::info!(
                    chain.block = number,
                    "block does not follow the one read before it; stopping here"
                );
                break;
            }
            let mut of_block = node::logs_of_block(&self.node, self.contract, &header.hash).await?;
            for log in &mut of_block {
                log.block_time = Some(header.timestamp);
            }
            logs.extend(of_block);
            parent = Some(header.hash.clone());
            headers.push(header);
        }
        Ok(headers.last().map(|last| last.number).map(|to| (to, headers, logs)))
    }
}

/// The newest block deep enough to apply (none yet on a chain shorter than the confirmations,
/// or before the node knows a finalized block), and how many blocks below the head are read
/// one by one with their headers kept: the confirmations (or down to the finalized block), and
/// never fewer than [`MIN_REORG_WINDOW`].
fn depth(confirmations: Confirmations, head: u64, finalized: Option<u64>) -> (Option<u64>, u64) {
    match confirmations {
        Confirmations::Blocks(n) => {
            let n = u64::from(n.max(1));
            ((head + 1).checked_sub(n), n.max(MIN_REORG_WINDOW))
        }
        // `finalized` is then the safe block.
        Confirmations::Finalized | Confirmations::Safe => {
            let unfinalized = finalized.map_or(0, |f| head.saturating_sub(f) + 1);
            (finalized, unfinalized.max(MIN_REORG_WINDOW))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_counts_its_own_block_as_the_first_confirmation() {
        // Head 100, 12 confirmations: blocks up to 89 are 12 deep (89, 90, ..., 100).
        assert_eq!(depth(Confirmations::Blocks(12), 100, None), (Some(89), 64));
        assert_eq!(depth(Confirmations::Blocks(1), 100, None), (Some(100), 64));
    }

    #[test]
    fn nothing_is_deep_enough_on_a_chain_shorter_than_the_confirmations() {
        assert_eq!(depth(Confirmations::Blocks(12), 10, None), (None, 64));
        assert_eq!(depth(Confirmations::Blocks(12), 11, None), (Some(0), 64));
    }

    #[test]
    fn the_reorg_window_covers_the_confirmations_or_everything_above_the_finalized_block() {
        assert_eq!(depth(Confirmations::Blocks(200), 1000, None).1, 200);
        assert_eq!(depth(Confirmations::Finalized, 1000, Some(900)), (Some(900), 101));
        assert_eq!(depth(Confirmations::Finalized, 1000, Some(990)), (Some(990), 64));
        assert_eq!(depth(Confirmations::Finalized, 1000, None), (None, 64));
    }
}
