//! What the watcher asks the node: the head, a block's header, and our contract's `OrderPaid`
//! logs, for a range of blocks or for one block by its hash. Everything comes back as the
//! lower-case 0x-hex and integers the database stores.

use alloy::eips::BlockNumberOrTag;
use alloy::hex;
use alloy::primitives::{Address, B256, U256};
use alloy::providers::{DynProvider, Provider as _};
use alloy::rpc::types::{Filter, Log};
use alloy::sol_types::SolEvent as _;
use alloy::transports::TransportError;
use tessera_contracts::TesseraPay::OrderPaid;

/// A block as the watcher remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    pub number: u64,
    pub hash: String,
    pub parent_hash: String,
    /// Unix seconds.
    pub timestamp: u64,
}

/// One `OrderPaid` log of our contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PaidLog {
    pub tx_hash: String,
    pub log_index: u64,
    pub block_number: u64,
    pub block_hash: String,
    /// Unix seconds; filled from the block's header when the node leaves it out of the log.
    pub block_time: Option<u64>,
    pub order_ref: String,
    pub payer: String,
    pub token: String,
    pub amount: U256,
}

pub(super) fn b256_hex(value: B256) -> String {
    format!("0x{}", hex::encode(value))
}

pub(super) fn address_hex(value: Address) -> String {
    format!("0x{}", hex::encode(value))
}

pub(super) async fn chain_id(node: &DynProvider) -> Result<u64, TransportError> {
    node.get_chain_id().await
}

pub(super) async fn head(node: &DynProvider) -> Result<u64, TransportError> {
    node.get_block_number().await
}

/// The number of the newest block the node calls finalized, if it knows one.
pub(super) async fn finalized(node: &DynProvider) -> Result<Option<u64>, TransportError> {
    Ok(node.get_block_by_number(BlockNumberOrTag::Finalized).await?.map(|b| b.header.number))
}

/// The canonical block at `number`, if the chain is that long.
pub(super) async fn header(node: &DynProvider, number: u64) -> Result<Option<Header>, TransportError> {
    let block = node.get_block_by_number(BlockNumberOrTag::Number(number)).await?;
    Ok(block.map(|b| Header {
        number: b.header.number,
        hash: b256_hex(b.header.hash),
        parent_hash: b256_hex(b.header.parent_hash),
        timestamp: b.header.timestamp,
    }))
}

/// The contract's `OrderPaid` logs in blocks `from..=to`.
pub(super) async fn logs_in_range(
    node: &DynProvider,
    contract: Address,
    from: u64,
    to: u64,
) -> Result<Vec<PaidLog>, TransportError> {
    let filter = Filter::new()
        .address(contract)
        .event_signature(OrderPaid::SIGNATURE_HASH)
        .from_block(from)
        .to_block(to);
    Ok(node.get_logs(&filter).await?.iter().filter_map(paid_log).collect())
}

/// The contract's `OrderPaid` logs of the block with this hash: they and its header are
/// certainly of the same block, even if the chain reorganises between the two calls.
pub(super) async fn logs_of_block(
    node: &DynProvider,
    contract: Address,
    block_hash: &str,
) -> Result<Vec<PaidLog>, TransportError> {
    let hash: B256 = block_hash.parse().unwrap_or_default();
    let filter =
        Filter::new().address(contract).event_signature(OrderPaid::SIGNATURE_HASH).at_block_hash(hash);
    Ok(node.get_logs(&filter).await?.iter().filter_map(paid_log).collect())
}

/// Our reading of a log; none for one that is not a mined `OrderPaid` (a node's pending or
/// removed log, or one that does not decode), which is logged.
fn paid_log(log: &Log) -> Option<PaidLog> {
    if log.removed {
        return None;
    }
    let (Some(tx_hash), Some(log_index), Some(block_number), Some(block_hash)) =
        (log.transaction_hash, log.log_index, log.block_number, log.block_hash)
    else {
        tracing::warn!(?log, "the node returned an OrderPaid log without its block or transaction; skipped");
        return None;
    };
    let event = match log.log_decode::<OrderPaid>() {
        Ok(decoded) => decoded.inner.data,
        Err(err) => {
            tracing::error!(chain.tx_hash = %tx_hash, error = %err, "an OrderPaid log of our contract does not decode");
            return None;
        }
    };
    Some(PaidLog {
        tx_hash: b256_hex(tx_hash),
        log_index,
        block_number,
        block_hash: b256_hex(block_hash),
        block_time: log.block_timestamp,
        order_ref: b256_hex(event.orderId),
        payer: address_hex(event.payer),
        token: address_hex(event.token),
        amount: event.amount,
    })
}
