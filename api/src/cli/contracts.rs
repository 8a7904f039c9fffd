//! `tessera contracts deploy`: puts our payment contract on a chain.

use alloy::primitives::Address;
use anyhow::Context as _;
use tessera_contracts::Roles;

/// Deploys TesseraPay from `private_key`'s account, with `roles` (owner, treasury, operator)
/// where given and that account otherwise, and prints the contract's address.
pub async fn deploy(rpc_url: &str, private_key: &str, roles: [Option<String>; 3]) -> anyhow::Result<()> {
    let [owner, treasury, operator] = roles;
    let explicit = owner.is_some() || treasury.is_some() || operator.is_some();
    let parse = |flag: &str, value: Option<String>| -> anyhow::Result<Option<Address>> {
        value
            .map(|v| v.trim().parse::<Address>().with_context(|| format!("--{flag} {v:?} is not an address")))
            .transpose()
    };
    let (owner, treasury, operator) =
        (parse("owner", owner)?, parse("treasury", treasury)?, parse("operator", operator)?);
    let roles = if explicit {
        let deployer: alloy::signers::local::PrivateKeySigner =
            private_key.trim().parse().context("--private-key is not a hex private key")?;
        let me = deployer.address();
        Some(Roles {
            owner: owner.unwrap_or(me),
            treasury: treasury.unwrap_or(me),
            operator: operator.unwrap_or(me),
        })
    } else {
        None
    };
    let address = tessera_contracts::deploy_with_key(rpc_url, private_key, roles)
        .await
        .with_context(|| format!("cannot deploy TesseraPay through {rpc_url}"))?;
    println!("{address}");
    Ok(())
}
