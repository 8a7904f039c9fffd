//! `tessera reconcile`: finance's ledger on the command line, as CSV or JSON, and with
//! `--verify-chain` every ETH receipt re-read from the node and compared with the ledger.

use alloy::primitives::{Address, B256, U256};
use alloy::providers::Provider as _;
use alloy::sol_types::SolEvent as _;
use anyhow::Context as _;
use secrecy::ExposeSecret as _;
use tessera_api::settings::Settings;
use tessera_core::reconcile::{self, EthLedgerEntry, Filter, summarise};
use tessera_payments::eth::EthSettings;

/// Prints the ledger of receipts received `from..=to` (days in the reporting time zone), and
/// with `verify_chain` checks the ETH receipts against the node (exit 1 if one disagrees).
pub async fn run(
    settings: &Settings,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    format: &str,
    verify_chain: bool,
) -> anyhow::Result<()> {
    let config = &settings.config;
    let db = tessera_core::db::connect_lazy(config).context("invalid DATABASE_URL")?;
    let filter =
        Filter { from, to, time_zone: config.reporting_time_zone.name().to_string(), ..Filter::default() };
    print!("{}", render(&db, &filter, format).await?);
    if !verify_chain {
        return Ok(());
    }
    let (checked, problems) = verify(settings.eth.as_ref(), &db, &filter).await?;
    for problem in &problems {
        eprintln!("verify-chain: {problem}");
    }
    anyhow::ensure!(
        problems.is_empty(),
        "{} of {checked} ETH receipts disagree with the chain (listed above)",
        problems.len()
    );
    eprintln!("verify-chain: all {checked} ETH receipts agree with the chain");
    Ok(())
}

/// The ledger as `csv` or `json` (rows, totals per asset, counts per discrepancy).
pub async fn render(db: &sqlx::PgPool, filter: &Filter, format: &str) -> anyhow::Result<String> {
    let rows = reconcile::ledger(db, filter).await.context("cannot read the ledger from Postgres")?;
    match format {
        "csv" => Ok(reconcile::to_csv(&rows)),
        "json" => {
            let (totals, discrepancies) = summarise(&rows);
            let body = serde_json::json!({"rows": rows, "totals": totals, "discrepancies": discrepancies});
            Ok(format!("{}\n", serde_json::to_string_pretty(&body)?))
        }
        other => anyhow::bail!("--format {other:?} is not csv or json"),
    }
}

/// Re-reads every ETH receipt the ledger counts as on a chain from that chain's node: how many
/// were checked, and one line for each that disagrees (or is on a chain not configured).
pub async fn verify(
    eth: Option<&EthSettings>,
    db: &sqlx::PgPool,
    filter: &Filter,
) -> anyhow::Result<(usize, Vec<String>)> {
    let eth = eth.context("--verify-chain needs the node: set TESSERA_ETH_RPC_URL and the rest")?;
    let entries = reconcile::eth_entries(db, filter).await.context("cannot read the ETH receipts")?;
    // Each chain's node, by the chain it says it is on. Its URL never goes into a message.
    let redact = |text: String, url: &str| tessera_contracts::redact_rpc_url(&text, url);
    let mut nodes = Vec::new();
    let mut problems = Vec::new();
    for chain in &eth.chains {
        let url = chain.rpc_url.expose_secret();
        let node = tessera_contracts::connect_read(url)
            .map_err(|_| anyhow::anyhow!("invalid {}", chain.var("RPC_URL")))?;
        match node.get_chain_id().await {
            Ok(chain_id) => nodes.push((chain_id, node, url)),
            Err(err) => problems.push(format!(
                "the node at {} did not answer ({}): the receipts of its chain are not checked",
                chain.var("RPC_URL"),
                redact(err.to_string(), url)
            )),
        }
    }
    for entry in &entries {
        let Some((chain_id, node, url)) =
            nodes.iter().find(|(id, ..)| i64::try_from(*id).ok() == Some(entry.chain_id))
        else {
            problems.push(format!(
                "eth {}:{} ({}) is on chain {}, which no configured node that answered is on",
                entry.tx_hash, entry.log_index, entry.status, entry.chain_id
            ));
            continue;
        };
        let checked = check(node, *chain_id, entry)
            .await
            .map_err(|err| anyhow::anyhow!(redact(format!("{err:#}"), url)))?;
        if let Some(problem) = checked {
            problems.push(format!("eth {}:{} ({}) {problem}", entry.tx_hash, entry.log_index, entry.status));
        }
    }
    Ok((entries.len(), problems))
}

/// What is wrong with the ledger's entry, as the chain has it now; None when they agree.
async fn check(
    node: &alloy::providers::DynProvider,
    chain_id: u64,
    entry: &EthLedgerEntry,
) -> anyhow::Result<Option<String>> {
    if u64::try_from(entry.chain_id).ok() != Some(chain_id) {
        return Ok(Some(format!("is on chain {}, the node is on chain {chain_id}", entry.chain_id)));
    }
    let hash: B256 = entry.tx_hash.parse().context("a malformed tx hash in the ledger")?;
    let Some(receipt) =
        node.get_transaction_receipt(hash).await.context("cannot read from the Ethereum node")?
    else {
        return Ok(Some("is not on the chain: no such transaction".into()));
    };
    let block_hash = receipt.block_hash.map(|h| format!("{h:#x}")).unwrap_or_default();
    if block_hash != entry.block_hash {
        return Ok(Some(format!("is in block {block_hash}, the ledger says {}", entry.block_hash)));
    }
    if receipt.block_number != u64::try_from(entry.block_number).ok() {
        return Ok(Some(format!(
            "is in block number {:?}, the ledger says {}",
            receipt.block_number, entry.block_number
        )));
    }
    let log = receipt.inner.logs().iter().find(|log| log.log_index == u64::try_from(entry.log_index).ok());
    let Some(log) = log else {
        return Ok(Some(format!("has no log {} in its transaction", entry.log_index)));
    };
    let contract: Address = entry.contract.parse().context("a malformed contract in the ledger")?;
    if log.address() != contract {
        return Ok(Some(format!(
            "log {} is from {}, not our contract {contract:#x}",
            entry.log_index,
            log.address()
        )));
    }
    let Ok(paid) = tessera_contracts::TesseraPay::OrderPaid::decode_log(&log.inner) else {
        return Ok(Some(format!("log {} is not an OrderPaid", entry.log_index)));
    };
    let mut problems = Vec::new();
    if format!("{:#x}", paid.orderId) != entry.order_ref {
        problems.push(format!("order id {:#x}, the ledger says {}", paid.orderId, entry.order_ref));
    }
    if format!("{:#x}", paid.payer) != entry.payer {
        problems.push(format!("payer {:#x}, the ledger says {}", paid.payer, entry.payer));
    }
    if format!("{:#x}", paid.token) != entry.token {
        problems.push(format!("token {:#x}, the ledger says {}", paid.token, entry.token));
    }
    if Some(paid.amount) != entry.amount.parse::<U256>().ok() {
        problems.push(format!("amount {}, the ledger says {}", paid.amount, entry.amount));
    }
    Ok((!problems.is_empty()).then(|| format!("differs: {}", problems.join("; "))))
}
