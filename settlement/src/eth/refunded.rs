//! Money going back on Ethereum: the refund wallet (the contract's refunder, whose key only the
//! chain-watcher holds) sends each requested refund through the contract's `refundEth` /
//! `refundToken`, to the address that paid, in the asset it paid; the refund is settled when
//! the contract's `OrderRefunded` log of that transaction is deep enough, as a payment is by its
//! `OrderPaid` log.
//!
//! Never twice: a refund's transaction is signed and stored with its nonce before it is
//! broadcast, so a crash or a lost answer broadcasts the same transaction again, which the chain
//! takes at most once. Only a transaction that can no longer be mined (its nonce taken by another
//! and no receipt of its own) is replaced by a new one. The contract caps what an order's
//! refunds add up to at what it paid.

use alloy::eips::BlockNumberOrTag;
use alloy::eips::eip2718::Encodable2718 as _;
use alloy::network::{EthereumWallet, TransactionBuilder as _};
use alloy::primitives::{Address, B256, U256};
use alloy::providers::{DynProvider, Provider as _};
use alloy::signers::local::PrivateKeySigner;
use sqlx::PgPool;
use tessera_contracts::TesseraPay::{self, TesseraPayErrors};
use tessera_contracts::{ContractError, IERC20};
use tessera_core::refund::{self, EthRefund, RefundLog, Settled};
use tessera_payments::eth::Confirmations;
use uuid::Uuid;

use crate::SettleError;

/// At most this many refunds are sent, and as many followed, per round.
const BATCH: i64 = 50;

/// How long a token approval is waited for before the refund waits for the next round.
const APPROVAL_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The refund wallet: its key, and the node and contract it sends through.
#[derive(Debug, Clone)]
pub struct RefundWallet {
    node: DynProvider,
    wallet: EthereumWallet,
    from: Address,
    from_hex: String,
    contract: Address,
    /// How deep a block must be to count, as for payments: a transaction is only replaced,
    /// or a revert only fails its refund, once what shows it is that deep.
    confirmations: Confirmations,
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Refunds whose transaction was signed and broadcast.
    pub sent: usize,
    /// Transactions broadcast again (not mined yet) or replaced (their nonce was taken).
    pub rebroadcast: usize,
    pub replaced: usize,
    /// Transactions the chain left waiting, sent again with higher fees under the same nonce.
    pub bumped: usize,
    /// Refunds the contract refused for good (failed).
    pub failed: usize,
    /// Refunds that could not go out now (the wallet short of funds, the node down): retried.
    pub waiting: usize,
}

fn node_error(err: impl std::fmt::Display) -> SettleError {
    SettleError::Unavailable(format!("the Ethereum node: {err}"))
}

impl RefundWallet {
    /// The wallet of `signer`, sending through `node` (a read-only provider: transactions are
    /// signed here) to `contract`.
    pub fn new(
        node: DynProvider,
        signer: PrivateKeySigner,
        contract: Address,
        confirmations: Confirmations,
    ) -> Self {
        let from = signer.address();
        RefundWallet {
            node,
            wallet: EthereumWallet::from(signer),
            from,
            from_hex: format!("{from:#x}"),
            contract,
            confirmations,
        }
    }

    /// The newest block deep enough to count, if any yet.
    async fn deep_block(&self) -> Result<Option<u64>, SettleError> {
        match self.confirmations {
            Confirmations::Blocks(n) => {
                let head = self.node.get_block_number().await.map_err(node_error)?;
                Ok((head + 1).checked_sub(u64::from(n.max(1))))
            }
            Confirmations::Finalized | Confirmations::Safe => {
                let tag = match self.confirmations {
                    Confirmations::Safe => BlockNumberOrTag::Safe,
                    _ => BlockNumberOrTag::Finalized,
                };
                Ok(self.node.get_block_by_number(tag).await.map_err(node_error)?.map(|b| b.header.number))
            }
        }
    }

    /// The refund wallet's address (the contract's `refunder`).
    pub fn address(&self) -> Address {
        self.from
    }

    /// One round: the refunds on their way are followed (broadcast again, or replaced when their
    /// transaction can no longer be mined, or failed when the contract reverted it), then the
    /// requested ones are sent, oldest first.
    pub async fn send_due(
        &self,
        db: &PgPool,
        chain_id: i64,
        contract_hex: &str,
    ) -> Result<Round, SettleError> {
        let mut round = Round::default();
        for refund in refund::eth_in_flight(db, chain_id, contract_hex, &self.from_hex, BATCH).await? {
            match self.follow(db, &refund, chain_id, &mut round).await {
                Ok(()) => {}
                // This one waits (its replacement cannot be signed now, the node is down); the
                // others go on.
                Err(SettleError::Unavailable(why)) => {
                    refund::note_send_error(db, refund.refund_id, Some(&why)).await?;
                    tracing::warn!(refund.id = %refund.refund_id, error = %why, "an Ethereum refund on its way could not be followed now");
                    round.waiting += 1;
                }
                Err(err) => return Err(err),
            }
        }
        for refund in refund::eth_to_send(db, chain_id, contract_hex, BATCH).await? {
            match self.send(db, &refund, chain_id).await {
                Ok(Some(true)) => round.sent += 1,
                Ok(Some(false)) => round.failed += 1,
                Ok(None) => {}
                Err(SettleError::Unavailable(why)) => {
                    refund::note_send_error(db, refund.refund_id, Some(&why)).await?;
                    tracing::warn!(refund.id = %refund.refund_id, error = %why, "an Ethereum refund could not go out now; retried");
                    round.waiting += 1;
                }
                Err(err) => return Err(err),
            }
        }
        Ok(round)
    }

    /// A refund whose transaction was signed: mined (the watcher settles it by its log),
    /// reverted (failed), pending (broadcast again, in case the node lost it), or never to be
    /// mined (replaced).
    async fn follow(
        &self,
        db: &PgPool,
        refund: &EthRefund,
        chain_id: i64,
        round: &mut Round,
    ) -> Result<(), SettleError> {
        let (Some(hash), Some(nonce), Some(raw)) = (&refund.tx_hash, refund.nonce, &refund.raw_tx) else {
            return Ok(());
        };
        let Ok(tx_hash) = hash.parse::<B256>() else { return Ok(()) };
        // A transaction it was signed in before (replaced by this one) may be the one mined:
        // then its log settles the refund, and nothing is sent again.
        for earlier in &refund.earlier_txs {
            let Ok(earlier_hash) = earlier.parse::<B256>() else { continue };
            if self
                .node
                .get_transaction_receipt(earlier_hash)
                .await
                .map_err(node_error)?
                .is_some_and(|receipt| receipt.status())
            {
                return Ok(());
            }
        }
        // The count before the receipt, and at a block deep enough that no reorg takes it back:
        // if the nonce was used there and it was by this transaction, its receipt is there when
        // asked next.
        let deep = self.deep_block().await?;
        let used_deep = match deep {
            Some(block) => self
                .node
                .get_transaction_count(self.from)
                .block_id(BlockNumberOrTag::Number(block).into())
                .await
                .map_err(node_error)?,
            None => 0,
        };
        match self.node.get_transaction_receipt(tx_hash).await.map_err(node_error)? {
            Some(receipt) if receipt.status() => {}
            // A revert counts once it is deep: a reorg could still replay the transaction.
            Some(receipt) if deep.is_none_or(|d| receipt.block_number.unwrap_or(u64::MAX) > d) => {}
            Some(receipt) => {
                let why = format!(
                    "its transaction {hash} was reverted by the contract in block {}",
                    receipt.block_number.unwrap_or_default()
                );
                fail(db, refund.refund_id, &why).await?;
                tracing::error!(refund.id = %refund.refund_id, chain.tx_hash = %hash, "an Ethereum refund's transaction reverted");
                round.failed += 1;
            }
            None if used_deep > u64::try_from(nonce).unwrap_or(u64::MAX) => {
                // Its nonce went to another transaction, deep in the chain: this one can never
                // be mined.
                let node_chain = self.node.get_chain_id().await.map_err(node_error)?;
                let signed = match self.sign(refund, node_chain, chain_id, db, None).await {
                    Ok(signed) => signed,
                    Err(Refusal::Retry(why)) => return Err(SettleError::Unavailable(why)),
                    Err(Refusal::Final(why)) => {
                        fail(db, refund.refund_id, &why).await?;
                        round.failed += 1;
                        return Ok(());
                    }
                };
                if self.take_place_of(db, refund.refund_id, hash, &signed).await? {
                    tracing::warn!(refund.id = %refund.refund_id, chain.tx_hash = %hash, chain.new_tx_hash = %signed.hash,
                        "an Ethereum refund's transaction lost its nonce to another; sent again in a new one");
                    round.replaced += 1;
                }
            }
            None if stuck(refund) => {
                // The chain leaves it waiting (its fees too low now): the same nonce, higher fees.
                let bump = bump_of(raw, nonce).ok_or_else(|| {
                    SettleError::Unavailable(format!("its stored transaction {hash} does not decode"))
                })?;
                let node_chain = self.node.get_chain_id().await.map_err(node_error)?;
                let signed = match self.sign(refund, node_chain, chain_id, db, Some(bump)).await {
                    Ok(signed) => signed,
                    Err(Refusal::Retry(why) | Refusal::Final(why)) => {
                        // Not failed: the waiting transaction may still be mined.
                        self.broadcast(db, refund.refund_id, raw).await?;
                        return Err(SettleError::Unavailable(format!("paying more gas for it: {why}")));
                    }
                };
                if self.take_place_of(db, refund.refund_id, hash, &signed).await? {
                    tracing::warn!(refund.id = %refund.refund_id, chain.tx_hash = %hash, chain.new_tx_hash = %signed.hash,
                        "an Ethereum refund's transaction waited too long; sent again with higher fees, same nonce");
                    round.bumped += 1;
                }
            }
            None => {
                self.broadcast(db, refund.refund_id, raw).await?;
                round.rebroadcast += 1;
            }
        }
        Ok(())
    }

    /// Sends a requested refund: Some(true) when its transaction went out, Some(false) when the
    /// contract refused it for good (failed), None when it was cancelled meanwhile.
    async fn send(
        &self,
        db: &PgPool,
        refund: &EthRefund,
        chain_id: i64,
    ) -> Result<Option<bool>, SettleError> {
        let node_chain = self.node.get_chain_id().await.map_err(node_error)?;
        if i64::try_from(node_chain).ok() != Some(chain_id) {
            return Err(SettleError::Unavailable(format!(
                "the node is on chain {node_chain}, not on chain {chain_id} where this payment was made"
            )));
        }
        let signed = match self.sign(refund, node_chain, chain_id, db, None).await {
            Ok(signed) => signed,
            Err(Refusal::Retry(why)) => return Err(SettleError::Unavailable(why)),
            Err(Refusal::Final(why)) => {
                fail(db, refund.refund_id, &why).await?;
                tracing::error!(refund.id = %refund.refund_id, reason = %why, "the contract refuses an Ethereum refund");
                return Ok(Some(false));
            }
        };
        if refund::eth_mark_signed(db, refund.refund_id, &signed.tx(&self.from_hex)).await?
            == Settled::Unchanged
        {
            return Ok(None);
        }
        tracing::info!(refund.id = %refund.refund_id, chain.tx_hash = %signed.hash, chain.nonce = signed.nonce,
            "Ethereum refund sent");
        self.broadcast(db, refund.refund_id, &signed.raw).await?;
        Ok(Some(true))
    }

    /// Stores `signed` in place of the refund's transaction `old_hash` (kept among its earlier
    /// ones) and broadcasts it; false when the refund had moved on meanwhile.
    async fn take_place_of(
        &self,
        db: &PgPool,
        refund_id: Uuid,
        old_hash: &str,
        signed: &Signed,
    ) -> Result<bool, SettleError> {
        if refund::eth_replace_tx(db, refund_id, old_hash, &signed.tx(&self.from_hex)).await?
            == Settled::Unchanged
        {
            return Ok(false);
        }
        self.broadcast(db, refund_id, &signed.raw).await?;
        Ok(true)
    }

    /// Hands a signed transaction to the node. One the node already has, or has mined, is fine;
    /// any other refusal is noted on the refund, and the next round tries again.
    async fn broadcast(&self, db: &PgPool, refund_id: Uuid, raw: &str) -> Result<(), SettleError> {
        let bytes = alloy::hex::decode(raw).unwrap_or_default();
        match self.node.send_raw_transaction(&bytes).await {
            Ok(_) => refund::note_send_error(db, refund_id, None).await?,
            Err(err) => {
                let text = err.to_string();
                let known = ["already known", "nonce too low", "already imported", "known transaction"]
                    .iter()
                    .any(|k| text.to_ascii_lowercase().contains(k));
                if !known {
                    tracing::warn!(refund.id = %refund_id, error = %text, "the node did not take an Ethereum refund's transaction; tried again next round");
                    refund::note_send_error(
                        db,
                        refund_id,
                        Some(&format!("the node did not take its transaction: {text}")),
                    )
                    .await?;
                }
            }
        }
        Ok(())
    }

    /// The refund's transaction, checked against the contract (a dry run) and signed with the
    /// next nonce. Token refunds first make sure the contract may pull the tokens from the
    /// wallet.
    async fn sign(
        &self,
        refund: &EthRefund,
        chain_id: u64,
        db_chain: i64,
        db: &PgPool,
        bump: Option<Bump>,
    ) -> Result<Signed, Refusal> {
        let retry = |what: &str, err: &dyn std::fmt::Display| Refusal::Retry(format!("{what}: {err}"));
        let order_id: B256 =
            refund.order_ref.parse().map_err(|_| Refusal::Final("its order id is not 32 bytes".into()))?;
        let to: Address =
            refund.to.parse().map_err(|_| Refusal::Final("its address is not an address".into()))?;
        let token: Address =
            refund.token.parse().map_err(|_| Refusal::Final("its token is not an address".into()))?;
        let amount = U256::from_str_radix(&refund.amount, 10)
            .map_err(|_| Refusal::Final("its amount is not a whole number".into()))?;
        let pay = TesseraPay::new(self.contract, &self.node);
        let estimate =
            self.node.estimate_eip1559_fees().await.map_err(|e| retry("the Ethereum node's fees", &e))?;
        // A bump pays at least an eighth more than the transaction it replaces (nodes take a
        // replacement for at least a tenth more).
        let (max_fee, tip) = match bump {
            // Already well above what the network asks: it waits for another reason (a nonce
            // gap, a node that dropped it), and paying more would not help.
            Some(b) if b.max_fee >= estimate.max_fee_per_gas.saturating_mul(4) => {
                return Err(Refusal::Retry(format!(
                    "its transaction already offers {} wei of gas fees, four times the network's {}; it waits",
                    b.max_fee, estimate.max_fee_per_gas
                )));
            }
            Some(b) => (
                estimate.max_fee_per_gas.max(b.max_fee + b.max_fee / 8 + 1),
                estimate.max_priority_fee_per_gas.max(b.tip + b.tip / 8 + 1),
            ),
            None => (estimate.max_fee_per_gas, estimate.max_priority_fee_per_gas),
        };
        let request = if token == Address::ZERO {
            let balance =
                self.node.get_balance(self.from).await.map_err(|e| retry("the Ethereum node", &e))?;
            if balance < amount {
                return Err(Refusal::Retry(format!(
                    "the refund wallet {:#x} holds {balance} wei, less than the {amount} wei to send back: top it up",
                    self.from
                )));
            }
            let call = pay.refundEth(order_id, to).value(amount).from(self.from);
            let gas =
                call.estimate_gas().await.map_err(|e| refusal(ContractError::from(e), self.from, true))?;
            let needed = amount + U256::from(gas + gas / 5) * U256::from(max_fee);
            if balance < needed {
                return Err(Refusal::Retry(format!(
                    "the refund wallet {:#x} holds {balance} wei, less than the {amount} wei to send back and its gas: top it up",
                    self.from
                )));
            }
            call.into_transaction_request().with_gas_limit(gas + gas / 5)
        } else {
            let erc20 = IERC20::new(token, &self.node);
            let held = erc20
                .balanceOf(self.from)
                .call()
                .await
                .map_err(|e| retry("reading the token balance", &e))?;
            if held < amount {
                return Err(Refusal::Retry(format!(
                    "the refund wallet {:#x} holds {held} of token {token:#x}, less than the {amount} to send back: top it up",
                    self.from
                )));
            }
            let allowed = erc20
                .allowance(self.from, self.contract)
                .call()
                .await
                .map_err(|e| retry("reading the token allowance", &e))?;
            if allowed < amount {
                // USDT (and tokens like it) refuse to change an allowance but from or to zero:
                // one left part-spent that the token will not raise is reset first. (Tried
                // straight first: a few tokens refuse an approval of zero instead.)
                let raised = self.approve(token, U256::MAX, chain_id, db_chain, db).await;
                if raised.is_err() && allowed > U256::ZERO {
                    self.approve(token, U256::ZERO, chain_id, db_chain, db).await?;
                    self.approve(token, U256::MAX, chain_id, db_chain, db).await?;
                } else {
                    raised?;
                }
            }
            let call = pay.refundToken(order_id, token, to, amount).from(self.from);
            let gas =
                call.estimate_gas().await.map_err(|e| refusal(ContractError::from(e), self.from, false))?;
            call.into_transaction_request().with_gas_limit(gas + gas / 5)
        };
        let nonce = match bump {
            Some(b) => b.nonce,
            None => self.next_nonce(db, db_chain).await?,
        };
        let envelope = request
            .with_nonce(nonce)
            .with_chain_id(chain_id)
            .with_max_fee_per_gas(max_fee)
            .with_max_priority_fee_per_gas(tip)
            .build(&self.wallet)
            .await
            .map_err(|e| Refusal::Retry(format!("signing the refund's transaction: {e}")))?;
        Ok(Signed {
            nonce: i64::try_from(nonce).unwrap_or(i64::MAX),
            raw: format!("0x{}", alloy::hex::encode(envelope.encoded_2718())),
            hash: format!("{:#x}", envelope.tx_hash()),
        })
    }

    /// The next nonce of the wallet: past every transaction the node has for it, pending ones
    /// included, and past every one stored for a refund on its way (signed but perhaps never
    /// broadcast).
    async fn next_nonce(&self, db: &PgPool, chain_id: i64) -> Result<u64, Refusal> {
        let pending = self
            .node
            .get_transaction_count(self.from)
            .pending()
            .await
            .map_err(|e| Refusal::Retry(format!("the Ethereum node: {e}")))?;
        let stored = refund::eth_highest_nonce_in_flight(db, chain_id, &self.from_hex)
            .await
            .map_err(|e| Refusal::Retry(format!("the database: {e}")))?;
        Ok(stored.map_or(pending, |n| pending.max(u64::try_from(n).unwrap_or(0) + 1)))
    }

    /// Sets what the contract may pull of `token` from the wallet for refunds (`U256::MAX`: once,
    /// for any amount), and waits for it to be mined.
    async fn approve(
        &self,
        token: Address,
        allowance: U256,
        chain_id: u64,
        db_chain: i64,
        db: &PgPool,
    ) -> Result<(), Refusal> {
        let retry = |what: &str, err: &dyn std::fmt::Display| Refusal::Retry(format!("{what}: {err}"));
        let erc20 = IERC20::new(token, &self.node);
        let call = erc20.approve(self.contract, allowance).from(self.from);
        let gas = call.estimate_gas().await.map_err(|e| retry("approving the token for refunds", &e))?;
        let nonce = self.next_nonce(db, db_chain).await?;
        let fees =
            self.node.estimate_eip1559_fees().await.map_err(|e| retry("the Ethereum node's fees", &e))?;
        let envelope = call
            .into_transaction_request()
            .with_gas_limit(gas + gas / 5)
            .with_nonce(nonce)
            .with_chain_id(chain_id)
            .with_max_fee_per_gas(fees.max_fee_per_gas)
            .with_max_priority_fee_per_gas(fees.max_priority_fee_per_gas)
            .build(&self.wallet)
            .await
            .map_err(|e| retry("signing the token approval", &e))?;
        let pending = self
            .node
            .send_raw_transaction(&envelope.encoded_2718())
            .await
            .map_err(|e| retry("sending the token approval", &e))?;
        tracing::info!(chain.tx_hash = %pending.tx_hash(), token = %token, "the refund wallet approves the contract to send token refunds");
        let receipt = pending
            .with_timeout(Some(APPROVAL_WAIT))
            .get_receipt()
            .await
            .map_err(|e| retry("waiting for the token approval to be mined", &e))?;
        if !receipt.status() {
            return Err(Refusal::Retry(format!(
                "the token approval {:#x} reverted",
                receipt.transaction_hash
            )));
        }
        Ok(())
    }
}

/// The refund fails for good: the contract refuses it, or reverted it.
async fn fail(db: &PgPool, refund_id: Uuid, why: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    refund::mark_failed(&mut tx, refund_id, None, why).await?;
    tx.commit().await
}

/// How long a refund's transaction may wait unmined before it is sent again with higher fees,
/// and longer after each time.
const STUCK_AFTER_SECS: i64 = 180;

/// Whether the refund's current transaction has waited too long since it was signed: three
/// minutes, then six after a first replacement, twelve after a second, and so on.
fn stuck(refund: &EthRefund) -> bool {
    let bumps = u32::try_from(refund.earlier_txs.len()).unwrap_or(u32::MAX).min(10);
    refund.signed_at.is_some_and(|at| {
        let waited = chrono::Utc::now() - at;
        waited.num_seconds() > STUCK_AFTER_SECS.saturating_mul(1_i64 << bumps)
    })
}

/// A replacement of a waiting transaction: its nonce, and the fees it offered.
#[derive(Debug, Clone, Copy)]
struct Bump {
    nonce: u64,
    max_fee: u128,
    tip: u128,
}

/// The fees a stored transaction offered, to outbid.
fn bump_of(raw: &str, nonce: i64) -> Option<Bump> {
    use alloy::consensus::Transaction as _;
    use alloy::eips::eip2718::Decodable2718 as _;
    let bytes = alloy::hex::decode(raw).ok()?;
    let envelope = alloy::consensus::TxEnvelope::decode_2718(&mut bytes.as_slice()).ok()?;
    Some(Bump {
        nonce: u64::try_from(nonce).ok()?,
        max_fee: envelope.max_fee_per_gas(),
        tip: envelope.max_priority_fee_per_gas().unwrap_or(0),
    })
}

/// A signed refund transaction.
struct Signed {
    nonce: i64,
    raw: String,
    hash: String,
}

impl Signed {
    fn tx<'a>(&'a self, from: &'a str) -> refund::SignedTx<'a> {
        refund::SignedTx { from, nonce: self.nonce, raw: &self.raw, hash: &self.hash }
    }
}

/// Why a refund's transaction was not signed.
enum Refusal {
    /// Not now (funds, the node, the wallet's role): tried again next round.
    Retry(String),
    /// The contract refuses this refund itself: it fails, and finance looks.
    Final(String),
}

/// What the contract's refusal of a dry run means for the refund.
fn refusal(err: ContractError, from: Address, eth: bool) -> Refusal {
    match err.revert() {
        Some(TesseraPayErrors::RefundTooLarge(e)) => Refusal::Final(format!(
            "the contract says only {} of this payment is left to refund (asked {}): refunded outside Tessera?",
            e.refundable, e.requested
        )),
        Some(TesseraPayErrors::NotPaid(_)) => Refusal::Final("the contract has no payment for this order id".into()),
        Some(TesseraPayErrors::WrongToken(_)) => {
            Refusal::Final("the contract says this order was paid in another asset".into())
        }
        Some(TesseraPayErrors::NotRefunder(_)) => Refusal::Retry(format!(
            "the refund wallet {from:#x} is not the contract's refunder: the owner must call setRefunder, or TESSERA_ETH_REFUND_KEY must be the refunder's key"
        )),
        // Sending ETH to the address that paid failed: it is a contract that takes no ETH, and
        // will not start to.
        Some(TesseraPayErrors::TransferFailed(_)) if eth => Refusal::Final(
            "the address that paid does not accept ETH (a contract): refund it by hand to an address the customer gives"
                .into(),
        ),
        Some(TesseraPayErrors::TransferFailed(_)) => Refusal::Retry(
            "the token transfer from the refund wallet failed: check its balance and its approval of the contract".into(),
        ),
        Some(other) => Refusal::Retry(format!("the contract refused it now: {other:?}")),
        None => Refusal::Retry(format!("the Ethereum node refused the dry run: {err}")),
    }
}

/// Settles every seen `OrderRefunded` log of `contract` on `chain_id` in a block up to `tip`
/// (the newest block deep enough): its refund succeeds (ours, found by its transaction, or one
/// recorded as made outside Tessera), each in one transaction with the log marked confirmed.
/// Returns how many.
pub async fn confirm_refunds_due(
    db: &PgPool,
    chain_id: i64,
    contract: &str,
    tip: i64,
) -> sqlx::Result<usize> {
    let due = sqlx::query_scalar!(
        r#"select eth_refund_log_id from eth_refund_log
           where chain_id = $1 and contract = $2 and status = 'seen' and block_number <= $3
           order by block_number, log_index limit $4"#,
        chain_id,
        contract,
        tip,
        BATCH * 10
    )
    .fetch_all(db)
    .await?;
    let mut confirmed = 0;
    for id in due {
        let mut tx = db.begin().await?;
        let log = sqlx::query!(
            r#"select tx_hash, log_index, order_ref, recipient, token, amount::text as "amount!", status
               from eth_refund_log where eth_refund_log_id = $1 for update"#,
            id
        )
        .fetch_one(&mut *tx)
        .await?;
        if log.status != "seen" {
            continue;
        }
        let settled = refund::settle_refund_log(
            &mut tx,
            &RefundLog {
                chain_id,
                contract,
                tx_hash: &log.tx_hash,
                log_index: log.log_index,
                order_ref: &log.order_ref,
                recipient: &log.recipient,
                token: &log.token,
                amount: &log.amount,
            },
        )
        .await?;
        if settled.is_none() {
            // Its payment's log is not confirmed yet (read in the same range, or waiting
            // for its confirmations): the next round settles it.
            let waiting = sqlx::query_scalar!(
                r#"select exists (select 1 from eth_receipt where chain_id = $1 and contract = $2
                                  and order_ref = $3 and status = 'seen') as "waiting!""#,
                chain_id,
                contract,
                log.order_ref
            )
            .fetch_one(&mut *tx)
            .await?;
            if waiting {
                continue;
            }
            tracing::error!(chain.tx_hash = %log.tx_hash, order.r#ref = %log.order_ref,
                "an OrderRefunded log for a payment we have no confirmed record of; finance must look");
        }
        sqlx::query!(
            r#"update eth_refund_log set status = 'confirmed', refund_id = coalesce($2, refund_id), confirmed_at = now(),
                      updated_at = now()
               where eth_refund_log_id = $1"#,
            id,
            settled
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(chain.tx_hash = %log.tx_hash, refund.id = ?settled, "Ethereum refund confirmed");
        confirmed += 1;
    }
    Ok(confirmed)
}
