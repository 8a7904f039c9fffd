//! Ethereum settings (`TESSERA_ETH_*`): the node, our payment contract, its operator key, where
//! rates come from and the tokens we take, parsed once at start-up into the types they are used
//! as (addresses, the operator's signer, the rate table). They live apart because they are
//! all-or-nothing and checked against each other, and only the chain-watcher and the quote code
//! read most of them.

use std::time::Duration;

use alloy::primitives::Address;
use alloy::signers::local::PrivateKeySigner;
use secrecy::SecretString;
use tessera_core::config::{ConfigError, Lookup, check_url_scheme};

use crate::rates::FixedRates;

/// Ethereum payments through our payment contract (`TESSERA_ETH_*`): what all chains share (the
/// operator's key, the refund wallet's, the rates) and each chain the contract is deployed on.
#[derive(Debug, Clone)]
pub struct EthSettings {
    /// `TESSERA_ETH_OPERATOR_KEY`: the private key (0x-hex) whose address is the contract's
    /// operator on every chain; it signs every quote (the signature binds the chain). (Its
    /// `Debug` shows the address, never the key.)
    pub operator: PrivateKeySigner,
    /// `TESSERA_ETH_REFUND_KEY`: the private key (0x-hex) of the contract's refunder on every
    /// chain, the refund wallet Ethereum refunds are sent from. Only the chain-watcher uses it
    /// (the web app never does: leave it out of the web app's environment); without it,
    /// Ethereum refunds are recorded and wait for a chain-watcher that has it. Never the
    /// operator's key.
    pub refund_signer: Option<PrivateKeySigner>,
    /// `TESSERA_ETH_RATES`: where prices are converted: a fixed table (`ETH/EUR=3000,USDC/EUR=0.92`,
    /// for the demo and tests) or an http(s) URL with `{asset}` in it answering in the shape of
    /// Coinbase's exchange-rates API.
    pub rates: RateSourceSettings,
    /// `TESSERA_ETH_RATES_TTL_SECONDS` (default 60): how long a rate read over HTTP is reused.
    pub rates_ttl: Duration,
    /// `TESSERA_ETH_POLL_SECONDS` (default 4): how often each chain's watcher asks for the head.
    pub poll_interval: Duration,
    /// `TESSERA_ETH_SANDBOX=on`: order pages get a button that pays from a dev account of a local
    /// `anvil` node (local chains only), for the demo.
    pub sandbox: bool,
    /// The chains, the first one the `TESSERA_ETH_RPC_URL` one (quotes go there unless the
    /// buyer picks another), then those named in `TESSERA_ETH_CHAINS`. Never empty.
    pub chains: Vec<EthChainSettings>,
}

/// One chain our contract is deployed on: `TESSERA_ETH_*` for the first, `TESSERA_ETH_<KEY>_*`
/// for each key in `TESSERA_ETH_CHAINS`.
#[derive(Debug, Clone)]
pub struct EthChainSettings {
    /// Empty for the first chain; else the key in `TESSERA_ETH_CHAINS` (upper case).
    pub key: String,
    /// `…_NAME`: what customers and finance read; by default the chain's well-known name
    /// ("Base") in the reader's language, or its id.
    pub name: Option<String>,
    /// `…_RPC_URL`: the node's JSON-RPC over http(s). Secret: providers put API keys in it.
    pub rpc_url: SecretString,
    /// `…_CONTRACT`: the address of our TesseraPay contract on this chain.
    pub contract: Address,
    /// `…_TOKENS`: the allow-listed ERC-20 tokens customers may pay in on this chain, as
    /// `SYMBOL=0xaddress` pairs separated by commas (`USDC=0xa0b8…`); decimals are read from
    /// the token. `USDC` is offered as the `usdc` payment method.
    pub tokens: Vec<EthToken>,
    /// `…_CONFIRMATIONS` (default 12): how deep a payment's log must be before its order is
    /// paid (1 = in the newest block), or `finalized` (or `safe`) to wait for the node's
    /// finalized (or safe) block.
    pub confirmations: Confirmations,
    /// `…_START_BLOCK` (default 0): where a watcher with no cursor yet begins (the contract's
    /// deployment block).
    pub start_block: u64,
    /// `…_MAX_BLOCK_RANGE` (default 2000): the most blocks asked for in one `eth_getLogs`
    /// (providers limit it).
    pub max_block_range: u64,
    /// `…_CHAIN_ID`: the chain the node must be on. Required for every chain but a lone local
    /// first one (31337, 1337): a node on another chain is refused with a clear message, before
    /// a quote is signed or a block read.
    pub chain_id: Option<u64>,
    /// `…_NATIVE_ETH` (`on` or `off`): whether the chain's native coin is taken as ETH. By default on
    /// chains whose native coin is ether (mainnet, OP, Base, Arbitrum, their testnets, local
    /// chains) and off elsewhere: Polygon's native coin is POL, which must never be priced as
    /// ETH.
    pub native_eth: bool,
}

/// Chains whose native coin is ether: their native payments are ETH by default.
pub const ETHER_CHAINS: [u64; 12] =
    [1, 10, 8453, 42161, 42170, 59144, 534352, 11155111, 17000, 84532, 31337, 1337];

impl EthSettings {
    /// The first chain's settings: where quotes go unless the buyer picks another chain.
    pub fn primary(&self) -> &EthChainSettings {
        &self.chains[0]
    }

    /// The settings of the chain `chain_id`: the one pinned to it, else a lone unpinned first
    /// chain (whose id is whatever its local node says); none for a chain not configured (any
    /// more).
    pub fn chain(&self, chain_id: i64) -> Option<&EthChainSettings> {
        self.chains
            .iter()
            .find(|chain| chain.chain_id.and_then(|id| i64::try_from(id).ok()) == Some(chain_id))
            .or_else(|| self.chains.first().filter(|first| first.chain_id.is_none()))
    }
}

impl EthChainSettings {
    /// The name of this chain's setting `suffix` (`RPC_URL`): `TESSERA_ETH_RPC_URL` for the
    /// first chain, `TESSERA_ETH_<KEY>_RPC_URL` for the others.
    pub fn var(&self, suffix: &str) -> String {
        var_name(&self.key, suffix)
    }

    /// Whether a node on `node_chain` may be used for this chain: the pinned chain, or a local
    /// one when none is pinned, with at least the chain's minimum confirmations. The message
    /// says what to set (and never the node's URL).
    pub fn check_chain(&self, node_chain: u64) -> Result<(), String> {
        check_chain(&self.key, self.chain_id, self.confirmations, node_chain)
    }
}

/// The name of setting `suffix` of the chain `key` (empty for the first chain).
pub(crate) fn var_name(key: &str, suffix: &str) -> String {
    if key.is_empty() { format!("TESSERA_ETH_{suffix}") } else { format!("TESSERA_ETH_{key}_{suffix}") }
}

/// A setting's name as [`ConfigError`] holds it (`&'static`): the names of the chains'
/// settings are made from their keys at start-up, so each distinct one is kept once for good.
fn static_var(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.iter().find(|known| **known == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.push(leaked);
    leaked
}

/// Local development chains (anvil, Ganache): the only ones a node may be on without
/// `TESSERA_ETH_CHAIN_ID`.
pub const LOCAL_CHAINS: [u64; 2] = [31337, 1337];

/// The fewest confirmations accepted on known public chains (a reorg deeper than this has
/// happened, or the chain's own guidance says so); `finalized` and `safe` are always accepted.
pub const MIN_CONFIRMATIONS: [(u64, u32); 7] =
    [(1, 12), (11155111, 3), (17000, 3), (10, 10), (8453, 10), (42161, 10), (137, 128)];

/// [`EthChainSettings::check_chain`], for holders of the settings it reads (`key` names them).
pub fn check_chain(
    key: &str,
    pinned: Option<u64>,
    confirmations: Confirmations,
    node_chain: u64,
) -> Result<(), String> {
    let (rpc_url, chain_id) = (var_name(key, "RPC_URL"), var_name(key, "CHAIN_ID"));
    match pinned {
        Some(pinned) if pinned != node_chain => {
            return Err(format!(
                "the node at {rpc_url} is on chain {node_chain}, not {chain_id}={pinned}; nothing is quoted or read until it is"
            ));
        }
        None if !LOCAL_CHAINS.contains(&node_chain) => {
            return Err(format!(
                "the node at {rpc_url} is on chain {node_chain}, which is not a local one: set {chain_id}={node_chain} to pin it"
            ));
        }
        _ => {}
    }
    min_confirmations_ok(key, node_chain, confirmations)
}

fn min_confirmations_ok(key: &str, chain: u64, confirmations: Confirmations) -> Result<(), String> {
    let minimum = MIN_CONFIRMATIONS.iter().find(|(id, _)| *id == chain).map(|(_, n)| *n);
    match (confirmations, minimum) {
        (Confirmations::Blocks(n), Some(minimum)) if n < minimum => Err(format!(
            "{}={n} is too few on chain {chain}: at least {minimum}, or finalized (or safe)",
            var_name(key, "CONFIRMATIONS")
        )),
        _ => Ok(()),
    }
}

/// An allow-listed ERC-20 token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthToken {
    /// Upper case, as customers see it (`USDC`).
    pub symbol: String,
    pub address: Address,
}

/// When a payment's log counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmations {
    /// This many blocks deep, counting its own (1 = in the newest block).
    Blocks(u32),
    /// In a block the node reports as finalized.
    Finalized,
    /// In a block the node reports as safe (on mainnet a justified one, about an epoch behind
    /// the head; on a rollup one derived from data posted to its L1).
    Safe,
}

impl Confirmations {
    /// How many blocks deep a payment must be, when that is a number.
    pub fn blocks(self) -> Option<u32> {
        match self {
            Confirmations::Blocks(n) => Some(n),
            Confirmations::Finalized | Confirmations::Safe => None,
        }
    }
}

/// Where crypto quotes get their exchange rates.
#[derive(Debug, Clone)]
pub enum RateSourceSettings {
    /// A fixed table, `ETH/EUR=3000,USDC/EUR=0.92`.
    Fixed(FixedRates),
    /// An http(s) URL with `{asset}` where the asset's symbol goes.
    Http(String),
}

impl EthSettings {
    /// `TESSERA_ETH_*`: all of the first four, or none; then each chain of `TESSERA_ETH_CHAINS`.
    /// Read through [`tessera_core::config::Config::from_lookup_with`], so its errors come in
    /// their place.
    pub fn from_lookup(lookup: Lookup<'_>) -> Result<Option<Self>, ConfigError> {
        let names =
            ["TESSERA_ETH_RPC_URL", "TESSERA_ETH_CONTRACT", "TESSERA_ETH_OPERATOR_KEY", "TESSERA_ETH_RATES"];
        let values: Vec<Option<String>> =
            names.iter().map(|name| lookup.get(name).map(|v| v.trim().to_string())).collect();
        let [Some(_), Some(_), Some(operator_key), Some(rates)] = values.as_slice() else {
            if values.iter().all(Option::is_none) {
                if lookup.get("TESSERA_ETH_SANDBOX").is_some_and(|v| v.trim() == "on") {
                    return Err(ConfigError::new(
                        "TESSERA_ETH_SANDBOX",
                        "needs the node and contract it pays on (TESSERA_ETH_RPC_URL and the rest)",
                    ));
                }
                if lookup.get("TESSERA_ETH_CHAINS").is_some() {
                    return Err(ConfigError::new(
                        "TESSERA_ETH_CHAINS",
                        "needs the first chain and the keys (TESSERA_ETH_RPC_URL and the rest)",
                    ));
                }
                return Ok(None);
            }
            let missing =
                names.iter().zip(&values).find(|(_, v)| v.is_none()).map_or(names[0], |(name, _)| *name);
            return Err(ConfigError::new(
                missing,
                "is required with the other TESSERA_ETH_* settings (RPC URL, contract, operator key, rates)",
            ));
        };
        let operator = private_key("TESSERA_ETH_OPERATOR_KEY", operator_key)?;
        let refund_signer = match lookup.get("TESSERA_ETH_REFUND_KEY").map(|v| v.trim().to_string()) {
            None => None,
            Some(raw) if raw.is_empty() => None,
            Some(raw) => {
                let signer = private_key("TESSERA_ETH_REFUND_KEY", &raw)?;
                if signer.address() == operator.address() {
                    return Err(ConfigError::new(
                        "TESSERA_ETH_REFUND_KEY",
                        "must not be TESSERA_ETH_OPERATOR_KEY: the web app holds the quote key, and it must not be able to send money",
                    ));
                }
                Some(signer)
            }
        };
        let rates = rate_source(rates)?;
        let mut chains = vec![chain_from_lookup(&lookup, String::new())?];
        for key in lookup.get("TESSERA_ETH_CHAINS").iter().flat_map(|raw| raw.split(',')) {
            let key = key.trim().to_ascii_uppercase();
            if key.is_empty() {
                continue;
            }
            if key.len() > 20 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(ConfigError::new(
                    "TESSERA_ETH_CHAINS",
                    format!(
                        "{key:?} is not a chain key (letters and digits, as in TESSERA_ETH_<KEY>_RPC_URL)"
                    ),
                ));
            }
            if chains.iter().any(|chain| chain.key == key) {
                return Err(ConfigError::new("TESSERA_ETH_CHAINS", format!("{key} is listed twice")));
            }
            chains.push(chain_from_lookup(&lookup, key)?);
        }
        if chains.len() > 1 && chains[0].chain_id.is_none() {
            // Every chain's id must be known before a node answers: quotes, receipts and the
            // watchers' locks are told apart by it.
            return Err(ConfigError::new(
                "TESSERA_ETH_CHAIN_ID",
                "is required with TESSERA_ETH_CHAINS: every chain names its id",
            ));
        }
        for (i, chain) in chains.iter().enumerate() {
            let twice = chain.chain_id.is_some()
                && chains[..i].iter().any(|before| before.chain_id == chain.chain_id);
            if twice {
                return Err(ConfigError::new(
                    static_var(chain.var("CHAIN_ID")),
                    format!("chain {} is configured twice", chain.chain_id.unwrap_or_default()),
                ));
            }
        }
        Ok(Some(EthSettings {
            operator,
            refund_signer,
            rates,
            rates_ttl: Duration::from_secs(
                lookup.bounded("TESSERA_ETH_RATES_TTL_SECONDS", 60, 1, 3600)? as u64
            ),
            poll_interval: Duration::from_secs(lookup.bounded("TESSERA_ETH_POLL_SECONDS", 4, 1, 3600)? as u64),
            sandbox: lookup.on_off("TESSERA_ETH_SANDBOX")?,
            chains,
        }))
    }
}

/// One chain's settings: `TESSERA_ETH_*` for the first (`key` empty), `TESSERA_ETH_<KEY>_*` for
/// the others, which must name their chain id.
fn chain_from_lookup(lookup: &Lookup<'_>, key: String) -> Result<EthChainSettings, ConfigError> {
    let var = |suffix: &str| static_var(var_name(&key, suffix));
    let required = |suffix: &str| {
        lookup.get(var(suffix)).map(|v| v.trim().to_string()).ok_or_else(|| {
            ConfigError::new(var(suffix), format!("is required for the chain {key} of TESSERA_ETH_CHAINS"))
        })
    };
    let rpc_url = required("RPC_URL")?;
    // The message never repeats the URL: it may hold an API key.
    check_url_scheme(var("RPC_URL"), &rpc_url, &["http", "https"])?;
    let contract = eth_address(var("CONTRACT"), &required("CONTRACT")?)?;
    let mut tokens = Vec::new();
    for pair in lookup.get(var("TOKENS")).iter().flat_map(|raw| raw.split(',')) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((symbol, address)) = pair.split_once('=') else {
            return Err(ConfigError::new(var("TOKENS"), format!("{pair:?} is not SYMBOL=0xaddress")));
        };
        let symbol = symbol.trim().to_ascii_uppercase();
        if symbol.is_empty()
            || symbol.len() > 11
            || !symbol.bytes().all(|b| b.is_ascii_alphanumeric())
            || symbol == "ETH"
        {
            return Err(ConfigError::new(var("TOKENS"), format!("{symbol:?} is not a token symbol")));
        }
        let address = eth_address(var("TOKENS"), address)?;
        if tokens.iter().any(|t: &EthToken| t.symbol == symbol) {
            return Err(ConfigError::new(var("TOKENS"), format!("{symbol} is listed twice")));
        }
        tokens.push(EthToken { symbol, address });
    }
    let confirmations = match lookup.get(var("CONFIRMATIONS")).map(|v| v.trim().to_ascii_lowercase()) {
        None => Confirmations::Blocks(12),
        Some(v) if v == "finalized" => Confirmations::Finalized,
        Some(v) if v == "safe" => Confirmations::Safe,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => Confirmations::Blocks(n),
            _ => {
                return Err(ConfigError::new(
                    var("CONFIRMATIONS"),
                    format!("{v:?} is neither a number from 1 to 1000 nor \"finalized\" nor \"safe\""),
                ));
            }
        },
    };
    let chain_id = match lookup.get(var("CHAIN_ID")) {
        None if key.is_empty() => None,
        None => return Err(ConfigError::new(var("CHAIN_ID"), format!("is required for the chain {key}"))),
        // Kept as a bigint in Postgres.
        Some(raw) => Some(
            raw.trim()
                .parse::<u64>()
                .ok()
                .filter(|id| *id > 0 && i64::try_from(*id).is_ok())
                .ok_or_else(|| ConfigError::new(var("CHAIN_ID"), format!("{raw:?} is not a chain id")))?,
        ),
    };
    if let Some(chain) = chain_id {
        min_confirmations_ok(&key, chain, confirmations)
            .map_err(|why| ConfigError::new(var("CONFIRMATIONS"), why))?;
    }
    let native_eth = match lookup.get(var("NATIVE_ETH")).as_deref().map(str::trim) {
        None => chain_id.is_none_or(|id| ETHER_CHAINS.contains(&id)),
        Some("on") => true,
        Some("off") => false,
        Some(other) => {
            return Err(ConfigError::new(var("NATIVE_ETH"), format!("{other:?} is neither on nor off")));
        }
    };
    let name = lookup.get(var("NAME")).map(|name| name.trim().to_string());
    if name.as_ref().is_some_and(|name| name.chars().count() > 40) {
        return Err(ConfigError::new(var("NAME"), "is longer than 40 characters"));
    }
    Ok(EthChainSettings {
        rpc_url: SecretString::from(rpc_url),
        contract,
        tokens,
        confirmations,
        start_block: lookup.bounded(var("START_BLOCK"), 0, 0, i64::MAX)? as u64,
        max_block_range: lookup.bounded(var("MAX_BLOCK_RANGE"), 2000, 1, 100_000)? as u64,
        chain_id,
        native_eth,
        name,
        key,
    })
}

/// `TESSERA_ETH_RATES`: a fixed table or an http(s) URL with `{asset}` in it.
fn rate_source(rates: &str) -> Result<RateSourceSettings, ConfigError> {
    if rates.starts_with("http://") || rates.starts_with("https://") {
        if !rates.contains("{asset}") {
            return Err(ConfigError::new(
                "TESSERA_ETH_RATES",
                "an HTTP rate source needs {asset} in its URL",
            ));
        }
        if url::Url::parse(&rates.replace("{asset}", "ETH")).is_err() {
            return Err(ConfigError::new(
                "TESSERA_ETH_RATES",
                format!("{rates:?} is not a URL with {{asset}} in it"),
            ));
        }
        // A rate decides what a quote is worth: read it over TLS (plain http only from
        // this machine, a local fake).
        crate::rates::HttpRates::new(rates, std::time::Duration::ZERO)
            .map_err(|err| ConfigError::new("TESSERA_ETH_RATES", err.to_string()))?;
        Ok(RateSourceSettings::Http(rates.to_string()))
    } else {
        let well_formed = rates.split(',').all(|pair| {
            pair.split_once('=').is_some_and(|(names, rate)| {
                names.split_once('/').is_some_and(|(a, f)| !a.trim().is_empty() && !f.trim().is_empty())
                    && !rate.trim().is_empty()
            })
        });
        if !well_formed {
            return Err(ConfigError::new(
                "TESSERA_ETH_RATES",
                format!("{rates:?} is neither an http(s) URL nor a table like ETH/EUR=3000,USDC/EUR=0.92"),
            ));
        }
        // A table of the right shape can still name a currency we do not sell in, or a
        // rate that is not a positive decimal: refused here too, not when the app starts.
        let table =
            FixedRates::parse(rates).map_err(|err| ConfigError::new("TESSERA_ETH_RATES", err.to_string()))?;
        Ok(RateSourceSettings::Fixed(table))
    }
}

/// A 32-byte private key in hex (with or without `0x`). The message never repeats it.
fn private_key(var: &'static str, raw: &str) -> Result<PrivateKeySigner, ConfigError> {
    let key_hex = raw.strip_prefix("0x").unwrap_or(raw);
    (key_hex.len() == 64 && key_hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| key_hex.parse::<PrivateKeySigner>().ok())
        .flatten()
        .ok_or_else(|| ConfigError::new(var, "is not a 32-byte private key in hex"))
}

/// A 20-byte address in 0x-hex (either case).
fn eth_address(var: &'static str, raw: &str) -> Result<Address, ConfigError> {
    let raw = raw.trim();
    let hex = raw.strip_prefix("0x").unwrap_or("");
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ConfigError::new(var, format!("{raw:?} is not a 0x-prefixed 20-byte address")));
    }
    // Any case is taken, as before: no EIP-55 checksum is asked of a mixed-case address.
    let mut bytes = [0u8; 20];
    hex::decode_to_slice(hex, &mut bytes)
        .map_err(|_| ConfigError::new(var, format!("{raw:?} is not a 0x-prefixed 20-byte address")))?;
    Ok(Address::from(bytes))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_node_must_be_on_the_pinned_chain_with_enough_confirmations() {
        use super::{Confirmations, check_chain};
        assert!(check_chain("", None, Confirmations::Blocks(1), 31337).is_ok(), "local chains need no pin");
        assert!(
            check_chain("", None, Confirmations::Blocks(12), 1)
                .unwrap_err()
                .contains("TESSERA_ETH_CHAIN_ID=1")
        );
        assert!(
            check_chain("", Some(1), Confirmations::Blocks(12), 11155111)
                .unwrap_err()
                .contains("not TESSERA_ETH_CHAIN_ID=1")
        );
        assert!(check_chain("", Some(1), Confirmations::Blocks(3), 1).unwrap_err().contains("at least 12"));
        assert!(check_chain("", Some(1), Confirmations::Finalized, 1).is_ok());
        assert!(check_chain("", Some(10), Confirmations::Safe, 10).is_ok());
        assert!(check_chain("", Some(137), Confirmations::Blocks(128), 137).is_ok());
        assert!(
            check_chain("", Some(999_999), Confirmations::Blocks(1), 999_999).is_ok(),
            "an unknown chain, pinned"
        );
    }
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Option<EthSettings>, ConfigError> {
        let raw =
            |name: &str| vars.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string());
        EthSettings::from_lookup(Lookup::new(&raw))
    }

    #[test]
    fn ethereum_settings_come_together_and_keep_the_key_secret() {
        assert!(settings(&[]).unwrap().is_none());
        let key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        let contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        let all = [
            ("TESSERA_ETH_RPC_URL", "https://user:apikey@rpc.example.org/v3/k"),
            ("TESSERA_ETH_CONTRACT", contract),
            ("TESSERA_ETH_OPERATOR_KEY", key),
            ("TESSERA_ETH_RATES", "ETH/EUR=3000,USDC/EUR=0.92"),
        ];
        let err = settings(&all[..2]).unwrap_err();
        assert_eq!(err.var, "TESSERA_ETH_OPERATOR_KEY");
        let eth = settings(&all).unwrap().unwrap();
        assert_eq!(format!("{:#x}", eth.primary().contract), contract.to_ascii_lowercase());
        assert_eq!(eth.operator.address(), key.parse::<PrivateKeySigner>().unwrap().address());
        assert_eq!(eth.primary().confirmations, Confirmations::Blocks(12));
        assert!(matches!(eth.rates, RateSourceSettings::Fixed(_)));
        assert!(eth.primary().tokens.is_empty() && !eth.sandbox && eth.refund_signer.is_none());
        assert_eq!(eth.chains.len(), 1);
        let debug = format!("{eth:?}");
        assert!(!debug.contains(&key[2..]) && !debug.contains("apikey"), "{debug}");

        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars: Vec<_> =
                all.iter().filter(|(k, _)| extra.iter().all(|(e, _)| e != k)).copied().collect();
            vars.extend_from_slice(extra);
            settings(&vars)
        };
        let eth = with(&[
            ("TESSERA_ETH_TOKENS", "usdc=0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            ("TESSERA_ETH_CONFIRMATIONS", "finalized"),
            ("TESSERA_ETH_RATES", "https://api.example.org/rates?currency={asset}"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(eth.primary().tokens[0].symbol, "USDC");
        assert_eq!(
            format!("{:#x}", eth.primary().tokens[0].address),
            "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
        );
        assert_eq!(eth.primary().confirmations, Confirmations::Finalized);
        assert!(matches!(eth.rates, RateSourceSettings::Http(_)));

        for (var, value) in [
            ("TESSERA_ETH_CONTRACT", "0x1234"),
            ("TESSERA_ETH_OPERATOR_KEY", "hunter2"),
            (
                "TESSERA_ETH_OPERATOR_KEY",
                "0x0000000000000000000000000000000000000000000000000000000000000000",
            ),
            ("TESSERA_ETH_RATES", "https://api.example.org/rates"),
            ("TESSERA_ETH_RATES", "three thousand"),
            ("TESSERA_ETH_RATES", "ETH/XXX=3000"),
            ("TESSERA_ETH_TOKENS", "USDC"),
            ("TESSERA_ETH_TOKENS", "ETH=0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            ("TESSERA_ETH_CONFIRMATIONS", "0"),
            ("TESSERA_ETH_SANDBOX", "yes"),
            ("TESSERA_ETH_REFUND_KEY", "hunter2"),
            // The operator's key: the web app's key must not send money.
            ("TESSERA_ETH_REFUND_KEY", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
        ] {
            let err = with(&[(var, value)]).unwrap_err();
            assert_eq!(err.var, var, "{value}");
            assert!(!err.to_string().contains("hunter2"));
        }
        let refunder = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
        let eth = with(&[("TESSERA_ETH_REFUND_KEY", refunder)]).unwrap().unwrap();
        assert_eq!(
            eth.refund_signer.map(|s| s.address()),
            Some(refunder.parse::<PrivateKeySigner>().unwrap().address())
        );
        let err = settings(&[("TESSERA_ETH_SANDBOX", "on")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_ETH_SANDBOX");
    }

    #[test]
    fn more_chains_come_with_their_own_node_contract_tokens_and_pinned_chain_id() {
        let key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        let mut vars = vec![
            ("TESSERA_ETH_RPC_URL", "http://127.0.0.1:8545"),
            ("TESSERA_ETH_CONTRACT", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            ("TESSERA_ETH_OPERATOR_KEY", key),
            ("TESSERA_ETH_RATES", "ETH/EUR=3000,USDC/EUR=0.92"),
            ("TESSERA_ETH_CHAIN_ID", "31337"),
            ("TESSERA_ETH_CHAINS", "base, l2"),
            ("TESSERA_ETH_BASE_RPC_URL", "https://base.example.org/v2/secret"),
            ("TESSERA_ETH_BASE_CONTRACT", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            ("TESSERA_ETH_BASE_CHAIN_ID", "8453"),
            ("TESSERA_ETH_BASE_TOKENS", "USDC=0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
            ("TESSERA_ETH_BASE_CONFIRMATIONS", "safe"),
            ("TESSERA_ETH_L2_RPC_URL", "http://127.0.0.1:8546"),
            ("TESSERA_ETH_L2_CONTRACT", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            ("TESSERA_ETH_L2_CHAIN_ID", "1337"),
            ("TESSERA_ETH_L2_NAME", "Local L2"),
            ("TESSERA_ETH_L2_CONFIRMATIONS", "2"),
        ];
        let eth = settings(&vars).unwrap().unwrap();
        let names: Vec<_> =
            eth.chains.iter().map(|c| (c.key.as_str(), c.name.as_deref(), c.chain_id)).collect();
        assert_eq!(
            names,
            [("", None, Some(31337)), ("BASE", None, Some(8453)), ("L2", Some("Local L2"), Some(1337))]
        );
        assert!(eth.chains.iter().all(|chain| chain.native_eth), "ether is their native coin");
        assert_eq!(eth.chains[1].tokens[0].symbol, "USDC");
        assert_eq!(eth.chains[1].confirmations, Confirmations::Safe);
        assert_eq!(eth.chain(1337).map(|c| c.key.as_str()), Some("L2"));
        assert_eq!(eth.chain(31337).map(|c| c.key.as_str()), Some(""));
        assert!(eth.chain(10).is_none(), "a chain not configured");
        assert!(!format!("{eth:?}").contains("secret"));
        assert!(eth.chains[2].check_chain(31337).unwrap_err().contains("TESSERA_ETH_L2_CHAIN_ID=1337"));

        let without =
            |vars: &mut Vec<(&str, &str)>, names: &[&str]| vars.retain(|(name, _)| !names.contains(name));
        without(&mut vars, &["TESSERA_ETH_L2_CHAIN_ID"]);
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_L2_CHAIN_ID");
        vars.push(("TESSERA_ETH_L2_CHAIN_ID", "10"));
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_L2_CONFIRMATIONS", "OP needs 10");
        without(&mut vars, &["TESSERA_ETH_L2_CHAIN_ID", "TESSERA_ETH_L2_CONFIRMATIONS"]);
        vars.extend([("TESSERA_ETH_L2_CHAIN_ID", "8453"), ("TESSERA_ETH_L2_CONFIRMATIONS", "finalized")]);
        let twice = settings(&vars).unwrap_err();
        assert_eq!((twice.var, twice.message.contains("8453")), ("TESSERA_ETH_L2_CHAIN_ID", true));
        without(&mut vars, &["TESSERA_ETH_L2_CHAIN_ID"]);
        vars.push(("TESSERA_ETH_L2_CHAIN_ID", "137"));
        assert!(
            !settings(&vars).unwrap().unwrap().chains[2].native_eth,
            "Polygon's POL is never priced as ETH"
        );
        vars.push(("TESSERA_ETH_L2_NATIVE_ETH", "maybe"));
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_L2_NATIVE_ETH");
        without(&mut vars, &["TESSERA_ETH_L2_NATIVE_ETH", "TESSERA_ETH_L2_CHAIN_ID"]);
        vars.push(("TESSERA_ETH_L2_CHAIN_ID", "18446744073709551615"));
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_L2_CHAIN_ID", "beyond a bigint");
        vars.retain(|(name, _)| !name.starts_with("TESSERA_ETH_L2_"));
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_L2_RPC_URL");
        without(&mut vars, &["TESSERA_ETH_CHAINS", "TESSERA_ETH_CHAIN_ID"]);
        vars.push(("TESSERA_ETH_CHAINS", "base"));
        assert_eq!(
            settings(&vars).unwrap_err().var,
            "TESSERA_ETH_CHAIN_ID",
            "several chains each name their id"
        );
        without(&mut vars, &["TESSERA_ETH_CHAINS"]);
        vars.push(("TESSERA_ETH_CHAINS", "base-2"));
        assert_eq!(settings(&vars).unwrap_err().var, "TESSERA_ETH_CHAINS");
    }
}
