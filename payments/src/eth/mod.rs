//! ETH and stablecoin payments through our payment contract (`tessera-contracts`): an order is
//! offered a quote, the fiat total converted at a rate from the configured source into the
//! exact amount in wei or token units, bound to the chain, the contract and the order, and
//! signed by the operator key. The customer's wallet sends it to `pay` or `payToken`; the
//! chain-watcher sees the `OrderPaid` log.
//!
//! Nothing here waits for the chain: the chain id and token decimals are asked of the node once
//! and kept.

use std::collections::HashMap;
use std::sync::Arc;

use alloy::network::Ethereum;
use alloy::primitives::{Address, B256, Bytes, U256};
use alloy::providers::{DynProvider, PendingTransactionBuilder, Provider as _};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::SolCall as _;
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret as _, SecretString};
use tessera_contracts::{IERC20, Quote, TesseraPay};
use tessera_core::money::Currency;
use tessera_core::order::eth::{EthQuote, order_ref};
use tokio::sync::{Mutex, OnceCell};
use uuid::Uuid;

use crate::PaymentError;
use crate::rates::{HttpRates, RateError, RateSource};

mod settings;

pub use settings::{
    Confirmations, EthChainSettings, EthSettings, EthToken, LOCAL_CHAINS, RateSourceSettings, check_chain,
};

/// ETH's symbol and decimals.
pub const ETH: &str = "ETH";
const ETH_DECIMALS: u8 = 18;

/// What an order's quote is made from.
#[derive(Debug, Clone)]
pub struct QuoteRequest<'a> {
    pub order_id: Uuid,
    /// `ETH` or an allow-listed token's symbol.
    pub asset: &'a str,
    /// The chain to pay on (its id); none for the first configured chain.
    pub chain: Option<u64>,
    pub currency: &'a str,
    pub total_minor: i64,
    /// The hold's end: the quote's deadline.
    pub expires_at: DateTime<Utc>,
}

/// Quotes for our contract on each configured chain, and (in the sandbox) payments from a dev
/// account.
pub struct EthPayments {
    operator: PrivateKeySigner,
    rates: Box<dyn RateSource>,
    sandbox: bool,
    /// The first is the default chain. Never empty.
    chains: Vec<ChainNode>,
}

/// One chain: its node, our contract there and the tokens it takes.
struct ChainNode {
    key: String,
    /// `…_NAME`, or else its id in messages.
    name: Option<String>,
    node: DynProvider,
    rpc_url: SecretString,
    contract: Address,
    tokens: Vec<(String, Address)>,
    /// Whether the native coin is taken as ETH (`…_NATIVE_ETH`).
    native_eth: bool,
    chain_id: OnceCell<u64>,
    /// `…_CHAIN_ID` and the confirmations, which the node's chain must suit.
    chain_pin: Option<u64>,
    confirmations: Confirmations,
    decimals: Mutex<HashMap<Address, u8>>,
    /// The node's gas price (wei; none when it did not answer) and when it was asked, for fee
    /// estimates.
    gas_price: Mutex<Option<(std::time::Instant, Option<u128>)>>,
}

/// The most gas a payment to the contract takes (`contracts/tests/it/gas.rs` keeps `pay` and
/// `payToken` under it), and what a token's `approve` takes at most.
const PAYMENT_GAS: u64 = 120_000;
const APPROVE_GAS: u64 = 60_000;

/// How long a gas price read for a fee estimate is reused, and how long the node is waited for.
const GAS_PRICE_TTL: std::time::Duration = std::time::Duration::from_secs(30);
const GAS_PRICE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// What the network charges to pay a quote, at most about, at the chain's gas price now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFee {
    /// In the base units of the chain's native coin (wei).
    pub base_units: U256,
    /// Whether that coin is ether (else the chain's own coin, such as Polygon's POL).
    pub ether: bool,
    /// For a quote in ETH: about what it is worth in the quote's currency at the quote's rate,
    /// in minor units (rounded up).
    pub fiat_minor: Option<i64>,
}

/// A chain customers may pay on, as the checkout offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainOffer {
    /// Its pinned chain id; none for a first chain whose id only its (local) node knows.
    pub chain_id: Option<u64>,
    /// Whether it is the first configured chain, where quotes go when no chain is named.
    pub primary: bool,
    /// Its `…_NAME`, if it was given one.
    pub name: Option<String>,
    /// `ETH`, then the allow-listed tokens' symbols.
    pub assets: Vec<String>,
}

impl std::fmt::Debug for EthPayments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EthPayments")
            .field("operator", &self.operator.address())
            .field(
                "chains",
                &self.chains.iter().map(|c| (c.chain_pin, c.contract, &c.tokens)).collect::<Vec<_>>(),
            )
            .field("sandbox", &self.sandbox)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EthSetupError {
    #[error("invalid {0}")]
    RpcUrl(String),
    #[error("invalid TESSERA_ETH_RATES: {0}")]
    Rates(RateError),
}

impl EthPayments {
    pub fn new(config: &EthSettings) -> Result<Arc<Self>, EthSetupError> {
        let rates: Box<dyn RateSource> = match &config.rates {
            RateSourceSettings::Fixed(table) => Box::new(table.clone()),
            RateSourceSettings::Http(url) => {
                Box::new(HttpRates::new(url, config.rates_ttl).map_err(EthSetupError::Rates)?)
            }
        };
        let mut chains = Vec::new();
        for chain in &config.chains {
            let node = tessera_contracts::connect_read(chain.rpc_url.expose_secret())
                .map_err(|_| EthSetupError::RpcUrl(chain.var("RPC_URL")))?;
            chains.push(ChainNode {
                key: chain.key.clone(),
                name: chain.name.clone(),
                node,
                rpc_url: chain.rpc_url.clone(),
                contract: chain.contract,
                tokens: chain.tokens.iter().map(|token| (token.symbol.clone(), token.address)).collect(),
                native_eth: chain.native_eth,
                chain_id: OnceCell::new(),
                chain_pin: chain.chain_id,
                confirmations: chain.confirmations,
                decimals: Mutex::new(HashMap::new()),
                gas_price: Mutex::new(None),
            });
        }
        Ok(Arc::new(EthPayments {
            operator: config.operator.clone(),
            rates,
            sandbox: config.sandbox,
            chains,
        }))
    }

    /// Whether customers can pay in `asset` (`ETH`, or an allow-listed token's symbol) on
    /// `chain` (none: the first chain).
    pub fn offers(&self, asset: &str, chain: Option<u64>) -> bool {
        self.node_named(chain).is_some_and(|node| node.takes(asset))
    }

    /// The chains customers may pay on, the first chain first.
    pub fn chains(&self) -> Vec<ChainOffer> {
        self.chains
            .iter()
            .enumerate()
            .map(|(i, node)| ChainOffer {
                chain_id: node.chain_pin,
                primary: i == 0,
                name: node.name.clone(),
                assets: node
                    .native_eth
                    .then(|| ETH.to_string())
                    .into_iter()
                    .chain(node.tokens.iter().map(|(s, _)| s.clone()))
                    .collect(),
            })
            .collect()
    }

    /// The name chain `chain_id` was given (`…_NAME`), if any.
    pub fn chain_name(&self, chain_id: i64) -> Option<&str> {
        self.node_of(chain_id).and_then(|node| node.name.as_deref())
    }

    /// What paying `quote` costs in network fees now, at most about (a token's approval and
    /// its payment, or an ETH payment, at the chain's gas price): none when the chain is not
    /// configured or its node does not say its gas price within two seconds.
    pub async fn network_fee(&self, quote: &EthQuote) -> Option<NetworkFee> {
        let node = self.node_of(quote.chain_id)?;
        let gas_price = node.gas_price().await?;
        let token = quote.token != lower_hex(Address::ZERO);
        let gas = if token { PAYMENT_GAS + APPROVE_GAS } else { PAYMENT_GAS };
        let base_units = U256::from(gas_price) * U256::from(gas);
        // In fiat at the quote's own rate, when the quote is in ETH (no rate is read for a
        // page: that is the quotes' business).
        let fiat_minor = match (node.native_eth && !token, quote.currency.parse::<Currency>()) {
            (true, Ok(currency)) => {
                // An estimate for the eye: a float is exact enough.
                let per_eth: f64 = quote.rate.parse().ok()?;
                let eth = u128::try_from(base_units).ok()? as f64 / 1e18;
                let minor = (eth * per_eth * 10f64.powi(currency.exponent() as i32)).ceil();
                (minor.is_finite() && minor < 1e15).then_some(minor as i64)
            }
            _ => None,
        };
        Some(NetworkFee { base_units, ether: node.native_eth, fiat_minor })
    }

    /// The first chain's id, asked of its node once (and checked: see [`EthPayments::quote`]).
    pub async fn chain_id(&self) -> Result<u64, PaymentError> {
        self.chains[0].chain_id(&self.operator).await
    }

    /// Whether the demo's "pay from a dev account" is on.
    pub fn is_sandbox(&self) -> bool {
        self.sandbox
    }

    /// The chain a buyer named: the one pinned to that id; none names the first (a lone
    /// unpinned local chain is only ever named so).
    fn node_named(&self, chain: Option<u64>) -> Option<&ChainNode> {
        match chain {
            None => self.chains.first(),
            Some(id) => self.chains.iter().find(|node| node.chain_pin == Some(id)),
        }
    }

    /// The chain a stored quote is on: the one pinned to its id, else a lone unpinned first
    /// chain; none for a chain no longer configured.
    fn node_of(&self, chain_id: i64) -> Option<&ChainNode> {
        self.chains
            .iter()
            .find(|node| node.chain_pin.and_then(|id| i64::try_from(id).ok()) == Some(chain_id))
            .or_else(|| self.chains.first().filter(|first| first.chain_pin.is_none()))
    }

    /// What `tessera serve` checks before it starts, on every chain: the node on the pinned
    /// chain with enough confirmations, and (off local chains) an operator that is not the
    /// owner. `Err` is a refusal to start, saying why; a node that cannot be reached now is
    /// only logged (quotes check again when it answers).
    pub async fn check_at_start(&self) -> Result<(), String> {
        let mut seen: Vec<u64> = Vec::new();
        for node in &self.chains {
            let chain = match node.node.get_chain_id().await {
                Ok(chain) => chain,
                Err(err) => {
                    tracing::warn!(
                        "{}",
                        node.node_error(
                            &format!("the node at {} did not answer at start", node.var("RPC_URL")),
                            &err
                        )
                    );
                    continue;
                }
            };
            if seen.contains(&chain) {
                return Err(format!(
                    "{} leads to chain {chain}, which another configured chain is on already",
                    node.var("RPC_URL")
                ));
            }
            seen.push(chain);
            check_chain(&node.key, node.chain_pin, node.confirmations, chain)?;
            if !LOCAL_CHAINS.contains(&chain) {
                match node.check_roles(&self.operator).await {
                    Ok(()) => {}
                    Err(PaymentError::Rejected(why)) => return Err(why),
                    Err(other) => tracing::warn!("{other}"),
                }
            }
        }
        Ok(())
    }

    /// The order's quote, signed by the operator key, on the chain asked for.
    pub async fn quote(&self, request: &QuoteRequest<'_>) -> Result<EthQuote, PaymentError> {
        let node = self
            .node_named(request.chain)
            .ok_or_else(|| PaymentError::Rejected("no such chain is configured".into()))?;
        let asset = request.asset.to_ascii_uppercase();
        let token = if asset == ETH {
            if !node.native_eth {
                return Err(PaymentError::Rejected("ETH is not taken on that chain".into()));
            }
            Address::ZERO
        } else {
            node.token(&asset).ok_or_else(|| {
                PaymentError::Rejected(format!("{asset} is not a token we accept on that chain"))
            })?
        };
        let currency: Currency = request
            .currency
            .parse()
            .map_err(|_| PaymentError::Rejected(format!("{} is not a currency", request.currency)))?;
        let chain_id = node.chain_id(&self.operator).await?;
        let decimals = node.decimals_of(token).await?;
        let rate = self.rates.rate(&asset, currency).await.map_err(|err| match err {
            RateError::Unavailable(message) => PaymentError::Unavailable(message),
            RateError::Unknown { .. } => {
                PaymentError::Rejected(format!("prices in {currency} cannot be paid in {asset} yet"))
            }
            RateError::Malformed(message) | RateError::OutOfBand(message) => {
                PaymentError::Unavailable(message)
            }
        })?;
        let exact = rate
            .quote(request.total_minor, u32::from(decimals))
            .map_err(|err| PaymentError::Rejected(err.to_string()))?;
        let amount = round_up_to_quote_decimals(exact, decimals);
        let order_ref = order_ref(request.order_id);
        let quote = Quote {
            orderId: order_ref.parse::<B256>().map_err(|err| PaymentError::Rejected(err.to_string()))?,
            token,
            amount,
            deadline: U256::from(request.expires_at.timestamp().max(0)),
        };
        let signature = tessera_contracts::sign_quote(&self.operator, chain_id, node.contract, &quote)
            .map_err(|err| PaymentError::Rejected(format!("cannot sign the quote: {err}")))?;
        Ok(EthQuote {
            order_id: request.order_id,
            chain_id: i64::try_from(chain_id)
                .map_err(|_| PaymentError::Rejected("chain id too large".into()))?,
            contract: lower_hex(node.contract),
            order_ref,
            asset,
            token: lower_hex(token),
            decimals: i16::from(decimals),
            amount: amount.to_string(),
            rate: rate.to_decimal(),
            currency: currency.code().to_string(),
            total_minor: request.total_minor,
            deadline: DateTime::from_timestamp(request.expires_at.timestamp(), 0)
                .unwrap_or(request.expires_at),
            signature: format!("0x{}", hex::encode(&signature)),
        })
    }

    /// In the sandbox: pays the quote from one of anvil's dev accounts (minting the demo token
    /// first), as a customer's wallet would, on the quote's chain, and returns the transaction
    /// hash. Only on a local chain.
    pub async fn sandbox_pay(&self, quote: &EthQuote) -> Result<B256, PaymentError> {
        if !self.sandbox {
            return Err(PaymentError::Rejected("the Ethereum sandbox is off".into()));
        }
        let node = self
            .node_of(quote.chain_id)
            .ok_or_else(|| PaymentError::Rejected("the quote's chain is not configured".into()))?;
        let chain_id = node.chain_id(&self.operator).await?;
        if !LOCAL_CHAINS.contains(&chain_id) || i64::try_from(chain_id).ok() != Some(quote.chain_id) {
            return Err(PaymentError::Rejected("the sandbox pays on a local anvil chain only".into()));
        }
        if quote.deadline <= Utc::now() {
            return Err(PaymentError::Rejected("the quote has expired".into()));
        }
        let (contract_quote, signature) = contract_quote(quote)?;
        let provider = tessera_contracts::connect(node.rpc_url.expose_secret(), SANDBOX_PAYER_KEY)
            .map_err(|err| node.node_error("cannot connect to the node", &err))?;
        let unavailable = |err: &dyn std::fmt::Display| node.node_error("the local chain refused", err);
        // A transaction sent, waited for until mined.
        let mined = async |sent: Result<PendingTransactionBuilder<Ethereum>, alloy::contract::Error>| {
            sent.map_err(|e| unavailable(&e))?.get_receipt().await.map_err(|e| unavailable(&e)).map(drop)
        };
        let pay = TesseraPay::new(node.contract, &provider);
        let pending = if contract_quote.token == Address::ZERO {
            pay.pay(contract_quote.clone(), signature).value(contract_quote.amount).send().await
        } else {
            let payer = sandbox_payer();
            let token = tessera_contracts::demo::MockERC20::new(contract_quote.token, &provider);
            mined(token.mint(payer, contract_quote.amount).send().await).await?;
            // A token like USDT changes an allowance left over (an earlier payment that did not
            // go through) only through zero.
            let allowed = token.allowance(payer, node.contract).call().await.map_err(|e| unavailable(&e))?;
            if allowed < contract_quote.amount {
                let steps = if allowed > U256::ZERO {
                    vec![U256::ZERO, contract_quote.amount]
                } else {
                    vec![contract_quote.amount]
                };
                for allowance in steps {
                    mined(token.approve(node.contract, allowance).send().await).await?;
                }
            }
            pay.payToken(contract_quote.clone(), signature).send().await
        };
        let pending = pending.map_err(|err| {
            let err = tessera_contracts::ContractError::from(err);
            match err.revert_name() {
                Some(name) => PaymentError::Rejected(format!("the contract refused the payment ({name})")),
                None => node.node_error("the payment was not sent", &err),
            }
        })?;
        Ok(*pending.tx_hash())
    }
}

impl ChainNode {
    fn var(&self, suffix: &str) -> String {
        settings::var_name(&self.key, suffix)
    }

    /// Whether `asset` is taken here: ETH where the native coin is ether, or an allow-listed
    /// token.
    fn takes(&self, asset: &str) -> bool {
        if asset.eq_ignore_ascii_case(ETH) { self.native_eth } else { self.token(asset).is_some() }
    }

    fn token(&self, symbol: &str) -> Option<Address> {
        self.tokens.iter().find(|(s, _)| s.eq_ignore_ascii_case(symbol)).map(|(_, address)| *address)
    }

    /// An error of the node's, without the node's URL (providers put API keys in it, and
    /// alloy's errors name the URL).
    fn node_error(&self, what: &str, err: &dyn std::fmt::Display) -> PaymentError {
        let text = tessera_contracts::redact_rpc_url(&err.to_string(), self.rpc_url.expose_secret());
        PaymentError::Unavailable(format!("{what}: {text}"))
    }

    /// The node's chain id, asked once; a node on another chain than the pinned one (or on a
    /// public chain with none pinned) quotes nothing, and off a local chain neither does an
    /// operator key that is also the contract's owner (one stolen hot key must not own the
    /// money: see [`ChainNode::check_roles`]).
    async fn chain_id(&self, operator: &PrivateKeySigner) -> Result<u64, PaymentError> {
        self.chain_id
            .get_or_try_init(|| async {
                let chain = self.node.get_chain_id().await.map_err(|err| {
                    self.node_error(
                        &format!("the node at {} did not say its chain id", self.var("RPC_URL")),
                        &err,
                    )
                })?;
                check_chain(&self.key, self.chain_pin, self.confirmations, chain).map_err(|why| {
                    tracing::error!("{why}");
                    PaymentError::Unavailable(why)
                })?;
                if !LOCAL_CHAINS.contains(&chain) {
                    self.check_roles(operator).await?;
                }
                Ok(chain)
            })
            .await
            .copied()
    }

    /// Refuses an operator key that is also the contract's owner: the web app holds the
    /// operator key, and must not be able to rotate roles or withdraw. (Local chains are
    /// exempt: the demo deploys with one dev account in every role.)
    async fn check_roles(&self, operator: &PrivateKeySigner) -> Result<(), PaymentError> {
        let owner = TesseraPay::new(self.contract, &self.node)
            .owner()
            .call()
            .await
            .map_err(|err| self.node_error("the contract did not say its owner", &err))?;
        if owner == operator.address() {
            let why = format!(
                "TESSERA_ETH_OPERATOR_KEY is the owner of the contract at {}: give the operator a key of its own (transferOwnership to a cold key or multisig, then acceptOwnership)",
                self.var("CONTRACT")
            );
            tracing::error!("{why}");
            return Err(PaymentError::Rejected(why));
        }
        Ok(())
    }

    /// The node's gas price, asked at most every [`GAS_PRICE_TTL`] (a node that did not answer
    /// in time is not asked again before either); none when it did not answer.
    async fn gas_price(&self) -> Option<u128> {
        if let Some((asked, price)) = *self.gas_price.lock().await
            && asked.elapsed() < GAS_PRICE_TTL
        {
            return price;
        }
        let price =
            tokio::time::timeout(GAS_PRICE_WAIT, self.node.get_gas_price()).await.ok().and_then(Result::ok);
        *self.gas_price.lock().await = Some((std::time::Instant::now(), price));
        price
    }

    async fn decimals_of(&self, token: Address) -> Result<u8, PaymentError> {
        if token == Address::ZERO {
            return Ok(ETH_DECIMALS);
        }
        if let Some(decimals) = self.decimals.lock().await.get(&token) {
            return Ok(*decimals);
        }
        let decimals =
            IERC20::new(token, &self.node).decimals().call().await.map_err(|err| {
                self.node_error(&format!("cannot read the decimals of token {token}"), &err)
            })?;
        self.decimals.lock().await.insert(token, decimals);
        Ok(decimals)
    }
}

/// Quotes carry at most this many decimals of their asset: a wei-exact 1/300 ETH is eighteen
/// digits nobody can read back or type into a wallet; rounding up to 10^-8 ETH costs the
/// customer less than a thousandth of a cent. Tokens with fewer decimals are quoted exactly.
pub const QUOTE_DECIMALS: u8 = 8;

/// `amount` base units rounded up to a whole number of 10^-[`QUOTE_DECIMALS`] units.
fn round_up_to_quote_decimals(amount: U256, decimals: u8) -> U256 {
    let step = U256::from(10u8).pow(U256::from(decimals.saturating_sub(QUOTE_DECIMALS)));
    amount.div_ceil(step) * step
}

/// Anvil's dev account #9 (of the well-known test mnemonic): the sandbox's customer wallet.
const SANDBOX_PAYER_KEY: &str = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

fn sandbox_payer() -> Address {
    SANDBOX_PAYER_KEY.parse::<PrivateKeySigner>().map(|s| s.address()).unwrap_or(Address::ZERO)
}

fn lower_hex(address: Address) -> String {
    format!("{address:#x}")
}

/// The quote as the contract takes it, and its signature.
fn contract_quote(quote: &EthQuote) -> Result<(Quote, Bytes), PaymentError> {
    let bad = |what: &str| PaymentError::Rejected(format!("the stored quote has a malformed {what}"));
    let contract_quote = Quote {
        orderId: quote.order_ref.parse().map_err(|_| bad("order id"))?,
        token: quote.token.parse().map_err(|_| bad("token"))?,
        amount: quote.amount.parse().map_err(|_| bad("amount"))?,
        deadline: U256::from(quote.deadline.timestamp().max(0)),
    };
    let signature: Bytes = quote.signature.parse().map_err(|_| bad("signature"))?;
    Ok((contract_quote, signature))
}

/// How a wallet pays a quote: the transactions to send, in order (a token's `approve` first),
/// and an EIP-681 link for the payment call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletCall {
    /// For tokens: `approve(contract, amount)` on the token, sent before the payment.
    pub approve: Option<Transaction>,
    /// `pay` (with `value` = the amount) or `payToken` on the contract.
    pub pay: Transaction,
    /// `ethereum:` URI (EIP-681) of the payment: `payEth` (ETH, the amount as the value) or
    /// `payTokenWith`, which take the quote's fields as plain arguments.
    pub payment_uri: String,
    /// For tokens: the `approve` a wallet app sends first, as an EIP-681 URI.
    pub approve_uri: Option<String>,
}

/// One transaction, as `eth_sendTransaction` takes it (0x-hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub to: String,
    pub value: String,
    pub data: String,
}

impl WalletCall {
    pub fn of(quote: &EthQuote) -> Result<WalletCall, PaymentError> {
        let (contract_quote, signature) = contract_quote(quote)?;
        let eth = contract_quote.token == Address::ZERO;
        let data = if eth {
            TesseraPay::payCall { quote: contract_quote.clone(), signature: signature.clone() }.abi_encode()
        } else {
            TesseraPay::payTokenCall { quote: contract_quote.clone(), signature: signature.clone() }
                .abi_encode()
        };
        let value = if eth { contract_quote.amount } else { U256::ZERO };
        let approve = (!eth).then(|| Transaction {
            to: quote.token.clone(),
            value: "0x0".into(),
            data: format!(
                "0x{}",
                hex::encode(
                    IERC20::approveCall {
                        spender: quote.contract.parse().unwrap_or(Address::ZERO),
                        amount: contract_quote.amount
                    }
                    .abi_encode()
                )
            ),
        });
        // EIP-681: `ethereum:<address>@<chain id>/<function>?<type>=<value>&...`, arguments in
        // the order the function takes them.
        let payment_uri = if eth {
            format!(
                "ethereum:{}@{}/payEth?bytes32={}&uint256={}&bytes={}&value={}",
                quote.contract,
                quote.chain_id,
                quote.order_ref,
                contract_quote.deadline,
                quote.signature,
                quote.amount
            )
        } else {
            format!(
                "ethereum:{}@{}/payTokenWith?bytes32={}&address={}&uint256={}&uint256={}&bytes={}",
                quote.contract,
                quote.chain_id,
                quote.order_ref,
                quote.token,
                quote.amount,
                contract_quote.deadline,
                quote.signature
            )
        };
        let approve_uri = (!eth).then(|| {
            format!(
                "ethereum:{}@{}/approve?address={}&uint256={}",
                quote.token, quote.chain_id, quote.contract, quote.amount
            )
        });
        Ok(WalletCall {
            approve,
            pay: Transaction {
                to: quote.contract.clone(),
                value: format!("{value:#x}"),
                data: format!("0x{}", hex::encode(data)),
            },
            payment_uri,
            approve_uri,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_rounded_up_to_eight_decimals_and_tokens_stay_exact() {
        let third = U256::from(3_333_333_333_333_334u64);
        assert_eq!(round_up_to_quote_decimals(third, 18), U256::from(3_333_340_000_000_000u64));
        assert_eq!(
            round_up_to_quote_decimals(U256::from(3_000_000_000_000_000u64), 18),
            U256::from(3_000_000_000_000_000u64)
        );
        assert_eq!(round_up_to_quote_decimals(U256::from(21_739_131u64), 6), U256::from(21_739_131u64));
        assert_eq!(round_up_to_quote_decimals(U256::from(1u8), 18), U256::from(10_000_000_000u64));
    }

    fn sample(token: &str) -> EthQuote {
        EthQuote {
            order_id: Uuid::nil(),
            chain_id: 31337,
            contract: "0x5fbdb2315678afecb367f032d93f642f64180aa3".into(),
            order_ref: order_ref(Uuid::nil()),
            asset: if token.ends_with("0000") { "ETH".into() } else { "USDC".into() },
            token: token.into(),
            decimals: 18,
            amount: "4000000000000000".into(),
            rate: "3000".into(),
            currency: "EUR".into(),
            total_minor: 1200,
            deadline: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            signature: format!("0x{}1b", "ab".repeat(64)),
        }
    }

    #[test]
    fn an_eth_quote_is_paid_with_value_and_a_token_quote_after_an_approval() {
        let eth = WalletCall::of(&sample("0x0000000000000000000000000000000000000000")).unwrap();
        assert!(eth.approve.is_none());
        assert_eq!(eth.pay.value, "0xe35fa931a0000");
        assert!(eth.pay.data.starts_with(&format!("0x{}", hex::encode(TesseraPay::payCall::SELECTOR))));
        assert!(
            eth.payment_uri.starts_with("ethereum:0x5fbdb2315678afecb367f032d93f642f64180aa3@31337/payEth?")
        );
        assert!(eth.payment_uri.ends_with("&value=4000000000000000"));
        assert!(eth.approve_uri.is_none());

        let usdc = WalletCall::of(&sample("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")).unwrap();
        let approve = usdc.approve.unwrap();
        assert_eq!(approve.to, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
        assert!(approve.data.starts_with(&format!("0x{}", hex::encode(IERC20::approveCall::SELECTOR))));
        assert_eq!(usdc.pay.value, "0x0");
        assert!(usdc.payment_uri.contains("/payTokenWith?"));
        assert_eq!(
            usdc.approve_uri.unwrap(),
            "ethereum:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48@31337/approve?address=0x5fbdb2315678afecb367f032d93f642f64180aa3&uint256=4000000000000000"
        );
    }
}
