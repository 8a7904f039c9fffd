//! The demo stablecoin: `contracts/test/MockERC20.sol`, a 6-decimal, USDC-like ERC-20 anyone can
//! mint. `make demo` and the tests deploy it on a local anvil so stablecoin payments can be
//! tried end to end. Never deploy it anywhere that matters.

use alloy::primitives::Address;
use alloy::providers::Provider;

use crate::ContractError;

alloy::sol!(
    #[sol(rpc, all_derives)]
    #[allow(missing_docs)]
    MockERC20,
    "artifacts/MockERC20.json"
);

alloy::sol!(
    /// The demo's USDT: `contracts/test/NoReturnToken.sol`, 6 decimals, anyone can mint, and
    /// like Tether's its `transfer`, `transferFrom` and `approve` return nothing.
    #[sol(rpc, all_derives)]
    #[allow(missing_docs)]
    NoReturnToken,
    "artifacts/NoReturnToken.json"
);

/// Deploys the demo USDT ([`NoReturnToken`]) and returns its address.
pub async fn deploy_usdt<P: Provider>(provider: P) -> Result<Address, ContractError> {
    let token = NoReturnToken::deploy(provider).await?;
    Ok(*token.address())
}

/// Deploys a demo token called `name` with the ticker `symbol` and returns its address.
pub async fn deploy_token<P: Provider>(
    provider: P,
    name: &str,
    symbol: &str,
) -> Result<Address, ContractError> {
    let token = MockERC20::deploy(provider, name.to_string(), symbol.to_string()).await?;
    Ok(*token.address())
}
