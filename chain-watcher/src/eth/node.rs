//! What the watcher asks the node: the head, a block's header, and our contract's `OrderPaid`
//! and `OrderRefunded` logs, for a range of blocks or for one block by its hash. Everything comes back as the
//! lower-case 0x-hex and integers the database stores.

use alloy::eips::BlockNumberOrTag;
use alloy::hex;
use alloy::primitives::{Address, B256, U256};
use alloy::providers::{DynProvider, Provider as _};
use alloy::rpc::types::{Filter, Log};
use alloy::sol_types::SolEvent as _;
use alloy::transports::TransportError;
use tessera_contracts::TesseraPay::{OrderPaid, OrderRefunded};

/// A block as the watcher remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Header {
    pub number: u64,
    pub hash: String,
    pub parent_hash: String,
    /// Unix seconds.
    pub timestamp: u64,
}

/// Which of our contract's events a log is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LogKind {
    /// `OrderPaid`: money in.
    Paid,
    /// `OrderRefunded`: money back out.
    Refunded,
}

/// One `OrderPaid` or `OrderRefunded` log of our contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ContractLog {
    pub kind: LogKind,
    pub tx_hash: String,
    pub log_index: u64,
    pub block_number: u64,
    pub block_hash: String,
    /// Unix seconds; filled from the block's header when the node leaves it out of the log.
    pub block_time: Option<u64>,
    pub order_ref: String,
    /// Who paid (`OrderPaid`), or who the money went back to (`OrderRefunded`).
    pub party: String,
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

/// The number of the newest block the node calls safe, if it knows one.
pub(super) async fn safe(node: &DynProvider) -> Result<Option<u64>, TransportError> {
    Ok(node.get_block_by_number(BlockNumberOrTag::Safe).await?.map(|b| b.header.number))
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

/// The events the watcher follows.
const EVENTS: [B256; 2] = [OrderPaid::SIGNATURE_HASH, OrderRefunded::SIGNATURE_HASH];

/// The contract's `OrderPaid` and `OrderRefunded` logs in blocks `from..=to`.
pub(super) async fn logs_in_range(
    node: &DynProvider,
    contract: Address,
    from: u64,
    to: u64,
) -> Result<Vec<ContractLog>, TransportError> {
    let filter =
        Filter::new().address(contract).event_signature(EVENTS.to_vec()).from_block(from).to_block(to);
    Ok(node.get_logs(&filter).await?.iter().filter_map(|log| contract_log(log, contract)).collect())
}

/// The contract's `OrderPaid` and `OrderRefunded` logs of the block with this hash: they and its header are
/// certainly of the same block, even if the chain reorganises between the two calls.
pub(super) async fn logs_of_block(
    node: &DynProvider,
    contract: Address,
    block_hash: &str,
) -> Result<Vec<ContractLog>, TransportError> {
    let hash: B256 = block_hash.parse().unwrap_or_default();
    let filter = Filter::new().address(contract).event_signature(EVENTS.to_vec()).at_block_hash(hash);
    Ok(node.get_logs(&filter).await?.iter().filter_map(|log| contract_log(log, contract)).collect())
}

/// Our reading of a log; none for one that is not a mined `OrderPaid` or `OrderRefunded` of
/// our contract (a node's pending or removed log, another address's, or one that does not
/// decode), which is logged.
fn contract_log(log: &Log, contract: Address) -> Option<ContractLog> {
    if log.removed {
        return None;
    }
    // The filter named our contract, but a node's answer is not trusted for it: a log of any
    // other address is no payment of ours.
    if log.address() != contract {
        tracing::error!(log.address = %log.address(), contract = %contract,
            "the node returned a log of another contract for our filter; ignored");
        return None;
    }
    let (Some(tx_hash), Some(log_index), Some(block_number), Some(block_hash)) =
        (log.transaction_hash, log.log_index, log.block_number, log.block_hash)
    else {
        tracing::warn!(?log, "the node returned a log without its block or transaction; skipped");
        return None;
    };
    let decoded = match log.topic0() {
        Some(&OrderPaid::SIGNATURE_HASH) => log.log_decode::<OrderPaid>().map(|d| {
            let e = d.inner.data;
            (LogKind::Paid, e.orderId, e.payer, e.token, e.amount)
        }),
        Some(&OrderRefunded::SIGNATURE_HASH) => log.log_decode::<OrderRefunded>().map(|d| {
            let e = d.inner.data;
            (LogKind::Refunded, e.orderId, e.to, e.token, e.amount)
        }),
        _ => return None,
    };
    let (kind, order_id, party, token, amount) = match decoded {
        Ok(decoded) => decoded,
        Err(err) => {
            tracing::error!(chain.tx_hash = %tx_hash, error = %err, "a log of our contract does not decode");
            return None;
        }
    };
    Some(ContractLog {
        kind,
        tx_hash: b256_hex(tx_hash),
        log_index,
        block_number,
        block_hash: b256_hex(block_hash),
        block_time: log.block_timestamp,
        order_ref: b256_hex(order_id),
        party: address_hex(party),
        token: address_hex(token),
        amount,
    })
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{LogData, U256};
    use alloy::sol_types::SolEvent as _;

    use super::*;

    fn paid_log(address: Address) -> Log {
        let event = OrderPaid {
            orderId: B256::repeat_byte(7),
            payer: Address::with_last_byte(1),
            token: Address::ZERO,
            amount: U256::from(5),
        };
        let data: LogData = event.encode_log_data();
        Log {
            inner: alloy::primitives::Log { address, data },
            block_hash: Some(B256::repeat_byte(1)),
            block_number: Some(10),
            transaction_hash: Some(B256::repeat_byte(2)),
            log_index: Some(0),
            ..Log::default()
        }
    }

    #[test]
    fn a_log_is_read_only_when_it_is_our_contracts() {
        let ours = Address::with_last_byte(0xaa);
        let read = contract_log(&paid_log(ours), ours).expect("our contract's log");
        assert_eq!((read.kind, read.amount), (LogKind::Paid, U256::from(5)));
        assert!(contract_log(&paid_log(Address::with_last_byte(0xbb)), ours).is_none(), "another contract's");
    }
}
