//! Connecting to a node with a key, and deploying the contract.

use std::time::Duration;

use alloy::network::EthereumWallet;
use alloy::primitives::Address;
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::signers::local::PrivateKeySigner;

use crate::{ContractError, TesseraPay};

/// A node that does not answer in this time is treated as down, rather than hanging a deploy
/// or a payment check.
const RPC_TIMEOUT: Duration = Duration::from_secs(30);

/// Who holds which role in a new deployment. They may all be one address on a dev chain; in
/// production the owner is a cold key or multisig, the operator the shop's hot signing key
/// (the web app's), the refunder the refund wallet (the chain-watcher's), and the treasury
/// where the money is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    /// Pauses, rotates keys, manages the token allow-list, refunds.
    pub owner: Address,
    /// Receives every payment.
    pub treasury: Address,
    /// Signs quotes.
    pub operator: Address,
    /// Sends refunds, from its own balance (the owner may too).
    pub refunder: Address,
}

impl Roles {
    /// Every role held by one address: for local chains and the demo.
    pub fn all(address: Address) -> Self {
        Roles { owner: address, treasury: address, operator: address, refunder: address }
    }
}

/// A provider for the node at `rpc_url` that signs and sends transactions with
/// `private_key` (hex, with or without `0x`).
pub fn connect(rpc_url: &str, private_key: &str) -> Result<DynProvider, ContractError> {
    let signer: PrivateKeySigner = private_key.trim().parse().map_err(ContractError::PrivateKey)?;
    connect_wallet(rpc_url, EthereumWallet::from(signer))
}

/// A provider for the node at `rpc_url` that signs with any key of `wallet` (the default
/// signer unless a call says `.from(..)`), over the workspace's reqwest (rustls).
///
/// The nonce is asked of the node for every transaction. alloy's default, a cached nonce
/// filled while the gas is being estimated, counts a nonce for a transaction whose estimate
/// then fails (any revert), and every later transaction of that sender waits forever behind
/// the gap.
pub fn connect_wallet(rpc_url: &str, wallet: EthereumWallet) -> Result<DynProvider, ContractError> {
    let url = rpc_url.parse().map_err(ContractError::RpcUrl)?;
    let http = reqwest::Client::builder().timeout(RPC_TIMEOUT).build().map_err(ContractError::HttpClient)?;
    let provider = ProviderBuilder::new()
        .disable_recommended_fillers()
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .wallet(wallet)
        .connect_reqwest(http, url)
        .erased();
    Ok(provider)
}

/// `text` (an error's message) without `rpc_url` in it: providers put API keys in their URLs,
/// and HTTP errors name the URL they failed on.
pub fn redact_rpc_url(text: &str, rpc_url: &str) -> String {
    let bare = rpc_url.trim().trim_end_matches('/');
    if bare.is_empty() {
        return text.to_string();
    }
    text.replace(&format!("{bare}/"), "[TESSERA_ETH_RPC_URL]").replace(bare, "[TESSERA_ETH_RPC_URL]")
}

/// A read-only provider for the node at `rpc_url` (no key): for quotes' chain id and token
/// decimals, and for following the chain.
pub fn connect_read(rpc_url: &str) -> Result<DynProvider, ContractError> {
    let url = rpc_url.parse().map_err(ContractError::RpcUrl)?;
    let http = reqwest::Client::builder().timeout(RPC_TIMEOUT).build().map_err(ContractError::HttpClient)?;
    Ok(ProviderBuilder::new().disable_recommended_fillers().connect_reqwest(http, url).erased())
}

/// Deploys TesseraPay with `roles` from the provider's default sender and returns its
/// address once the deployment is mined.
pub async fn deploy<P: Provider>(provider: P, roles: Roles) -> Result<Address, ContractError> {
    let address =
        TesseraPay::deploy_builder(provider, roles.owner, roles.treasury, roles.operator, roles.refunder)
            .deploy()
            .await?;
    Ok(address)
}

/// What `tessera contracts deploy --rpc-url URL --private-key KEY` does: deploys from the key's
/// address with `roles`, or with every role held by that address when `None` (a dev chain).
pub async fn deploy_with_key(
    rpc_url: &str,
    private_key: &str,
    roles: Option<Roles>,
) -> Result<Address, ContractError> {
    let signer: PrivateKeySigner = private_key.trim().parse().map_err(ContractError::PrivateKey)?;
    let roles = roles.unwrap_or_else(|| Roles::all(signer.address()));
    let provider = connect_wallet(rpc_url, EthereumWallet::from(signer))?;
    deploy(provider, roles).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rpc_url_is_taken_out_of_error_messages() {
        let text = "error sending request for url (https://mainnet.example.org/v3/s3cret/)";
        assert_eq!(
            super::redact_rpc_url(text, "https://mainnet.example.org/v3/s3cret"),
            "error sending request for url ([TESSERA_ETH_RPC_URL])"
        );
        assert_eq!(super::redact_rpc_url("plain", ""), "plain");
    }
}
