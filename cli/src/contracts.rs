//! `tessera contracts deploy`: puts our payment contract on a chain.

use alloy::primitives::Address;
use anyhow::Context as _;
use tessera_contracts::Roles;

/// Deploys TesseraPay from `private_key`'s account, with `roles` (owner, treasury, operator,
/// refunder) where given and that account otherwise, and prints the contract's address.
pub async fn deploy(rpc_url: &str, private_key: &str, roles: [Option<String>; 4]) -> anyhow::Result<()> {
    let [owner, treasury, operator, refunder] = roles;
    let explicit = owner.is_some() || treasury.is_some() || operator.is_some() || refunder.is_some();
    let parse = |flag: &str, value: Option<String>| -> anyhow::Result<Option<Address>> {
        value
            .map(|v| v.trim().parse::<Address>().with_context(|| format!("--{flag} {v:?} is not an address")))
            .transpose()
    };
    let (owner, treasury, operator, refunder) = (
        parse("owner", owner)?,
        parse("treasury", treasury)?,
        parse("operator", operator)?,
        parse("refunder", refunder)?,
    );
    let chain_id = {
        use alloy::providers::Provider as _;
        let node = tessera_contracts::connect_read(rpc_url).context("--rpc-url is not a URL")?;
        node.get_chain_id().await.map_err(|err| {
            anyhow::anyhow!(
                "cannot reach the node at --rpc-url (TESSERA_ETH_RPC_URL): {}",
                tessera_contracts::redact_rpc_url(&err.to_string(), rpc_url)
            )
        })?
    };
    roles_allowed(chain_id, [owner, treasury, operator, refunder]).map_err(anyhow::Error::msg)?;
    let roles = if explicit {
        let deployer: alloy::signers::local::PrivateKeySigner =
            private_key.trim().parse().context("--private-key is not a hex private key")?;
        let me = deployer.address();
        Some(Roles {
            owner: owner.unwrap_or(me),
            treasury: treasury.unwrap_or(me),
            operator: operator.unwrap_or(me),
            refunder: refunder.unwrap_or(me),
        })
    } else {
        None
    };
    // The node's URL is never repeated: providers put API keys in it.
    let address = tessera_contracts::deploy_with_key(rpc_url, private_key, roles).await.map_err(|err| {
        anyhow::anyhow!(
            "cannot deploy TesseraPay through the node at --rpc-url: {}",
            tessera_contracts::redact_rpc_url(&format!("{err:#}"), rpc_url)
        )
    })?;
    println!("{address}");
    Ok(())
}

/// Chains where one key may hold every role: anvil and hardhat (31337), ganache and geth's dev
/// mode (1337).
const LOCAL_CHAINS: [u64; 2] = [31337, 1337];

/// On a chain that is not a local one, no single key may own the money: owner, treasury,
/// operator and refunder are all given, and the operator (the web app's hot key) and the
/// refunder (the chain-watcher's) are each apart from the others; the owner and treasury apart
/// too. Says which flag is missing or shared.
fn roles_allowed(
    chain_id: u64,
    [owner, treasury, operator, refunder]: [Option<Address>; 4],
) -> Result<(), String> {
    if LOCAL_CHAINS.contains(&chain_id) {
        return Ok(());
    }
    let named =
        [("--owner", owner), ("--treasury", treasury), ("--operator", operator), ("--refunder", refunder)];
    if let Some((flag, _)) = named.iter().find(|(_, address)| address.is_none()) {
        return Err(format!(
            "chain {chain_id} is not a local chain: {flag} is required (give --owner, --treasury, --operator and --refunder, four different addresses)"
        ));
    }
    for (i, (a, left)) in named.iter().enumerate() {
        for (b, right) in &named[i + 1..] {
            if left == right {
                return Err(format!(
                    "chain {chain_id} is not a local chain: {a} and {b} are the same address; no single key may hold both"
                ));
            }
        }
    }
    Ok(())
}

/// Anvil's dev account #0 (of its well-known test mnemonic): the demo's deployer, owner,
/// treasury and quote signer. Only ever used on a local chain.
pub const ANVIL_DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/// Anvil's dev account #2: the demo's refund wallet (the contract's refunder), apart from the
/// quote signer as in production. Only ever used on a local chain.
pub const ANVIL_REFUND_KEY: &str = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/// The demo USDC the refund wallet holds, to send token refunds from (6 decimals: 1,000,000).
const DEMO_REFUND_USDC: u64 = 1_000_000 * 1_000_000;

/// The demo's fixed rates, for every currency the demo events are priced in.
pub const DEMO_RATES: &str = "ETH/EUR=3000,ETH/CAD=4400,ETH/JPY=480000,ETH/MXN=60000,ETH/PLN=13000,ETH/ZAR=57000,\
                              USDC/EUR=0.92,USDC/CAD=1.36,USDC/JPY=150,USDC/MXN=18.5,USDC/PLN=4,USDC/ZAR=18,\
                              USDT/EUR=0.92,USDT/CAD=1.36,USDT/JPY=150,USDT/MXN=18.5,USDT/PLN=4,USDT/ZAR=18";

/// `tessera contracts demo`: on a local anvil chain, makes sure TesseraPay and the demo USDC are
/// deployed from anvil's dev account #0 (reusing them when the chain already has them, as a
/// restarted demo's chain does) with the token allow-listed, and prints the settings that point
/// Tessera at them (and the demo's fixed rates), one `NAME=value` per line. The refund wallet is
/// anvil's dev account #2, given demo USDC to refund token payments from. With `chain_key`, the
/// chain is a further one of `TESSERA_ETH_CHAINS`: only its own `TESSERA_ETH_<KEY>_*` settings
/// are printed (the keys and rates are the first chain's).
pub async fn demo(rpc_url: &str, chain_key: Option<&str>) -> anyhow::Result<()> {
    use alloy::providers::Provider as _;
    let provider =
        tessera_contracts::connect(rpc_url, ANVIL_DEV_KEY).context("cannot connect to the node")?;
    let chain_id =
        provider.get_chain_id().await.with_context(|| format!("cannot reach the node at {rpc_url}"))?;
    anyhow::ensure!(
        LOCAL_CHAINS.contains(&chain_id),
        "chain {chain_id} is not a local chain (31337 or 1337): the demo contracts go on anvil only"
    );
    let key = match chain_key.map(|key| key.trim().to_ascii_uppercase()) {
        Some(key) if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            anyhow::bail!("--chain-key {key:?} is not a chain key (letters and digits)")
        }
        other => other,
    };
    let deployer: alloy::signers::local::PrivateKeySigner = ANVIL_DEV_KEY.parse().context("the dev key")?;
    let me = deployer.address();
    let refunder: alloy::signers::local::PrivateKeySigner =
        ANVIL_REFUND_KEY.parse().context("the dev refund key")?;
    // A fresh chain's first three transactions from the dev account create the contract, the
    // USDC and the USDT at addresses fixed by the account and its nonce (a chain kept from
    // before the demo had USDT has the first two only).
    let (contract, token, usdt) = (me.create(0), me.create(1), me.create(2));
    let deployed = !provider.get_code_at(contract).await.context("cannot read the chain")?.is_empty()
        && !provider.get_code_at(token).await.context("cannot read the chain")?.is_empty();
    if !deployed {
        anyhow::ensure!(
            provider.get_transaction_count(me).await.context("cannot read the chain")? == 0,
            "the dev account has sent transactions but the demo contracts are not where they belong; \
             restart anvil with a fresh chain"
        );
        let roles = Roles { refunder: refunder.address(), ..Roles::all(me) };
        let paid = tessera_contracts::deploy(&provider, roles).await.context("deploying TesseraPay")?;
        let usdc = tessera_contracts::demo::deploy_token(&provider, "Demo USD Coin", "USDC")
            .await
            .context("deploying the demo USDC")?;
        let tether =
            tessera_contracts::demo::deploy_usdt(&provider).await.context("deploying the demo USDT")?;
        anyhow::ensure!(
            (paid, usdc, tether) == (contract, token, usdt),
            "the demo contracts landed at unexpected addresses"
        );
    }
    let pay = tessera_contracts::TesseraPay::new(contract, &provider);
    anyhow::ensure!(
        pay.refunder().call().await.is_ok_and(|r| r == refunder.address()),
        "the contract on this chain is an older TesseraPay (no refund wallet): stop anvil, delete its state \
         (~/.cache/tessera/anvil-state.json, or anvil-l2-state.json for the L2, for make demo) and run again \
         for a fresh chain"
    );
    // The demo USDT, where the chain has it.
    let has_usdt = !provider.get_code_at(usdt).await.context("cannot read the chain")?.is_empty();
    let mut tokens = vec![("USDC", token)];
    if has_usdt {
        tokens.push(("USDT", usdt));
    } else {
        eprintln!(
            "contracts demo: this chain was kept from before the demo had a USDT (no code at {usdt:#x}): \
             USDC only; stop anvil and delete its state file (~/.cache/tessera/anvil-state.json or \
             anvil-l2-state.json) for a fresh chain with both"
        );
    }
    for (symbol, address) in &tokens {
        if !pay.tokenAllowed(*address).call().await.context("reading the token allow-list")? {
            pay.setTokenAllowed(*address, true)
                .send()
                .await
                .with_context(|| format!("allow-listing the demo {symbol}"))?
                .get_receipt()
                .await
                .with_context(|| format!("allow-listing the demo {symbol}"))?;
        }
        // Both mint alike (`mint(address,uint256)`), whatever their transfers return.
        let demo = tessera_contracts::demo::MockERC20::new(*address, &provider);
        let held = demo.balanceOf(refunder.address()).call().await.context("reading the refund wallet")?;
        if held < alloy::primitives::U256::from(DEMO_REFUND_USDC) {
            demo.mint(refunder.address(), alloy::primitives::U256::from(DEMO_REFUND_USDC))
                .send()
                .await
                .with_context(|| format!("giving the refund wallet demo {symbol}"))?
                .get_receipt()
                .await
                .with_context(|| format!("giving the refund wallet demo {symbol}"))?;
        }
    }
    let tokens =
        tokens.iter().map(|(symbol, address)| format!("{symbol}={address:#x}")).collect::<Vec<_>>().join(",");
    if let Some(key) = key {
        println!("TESSERA_ETH_{key}_CONTRACT={contract:#x}");
        println!("TESSERA_ETH_{key}_TOKENS={tokens}");
        println!("TESSERA_ETH_{key}_CHAIN_ID={chain_id}");
        return Ok(());
    }
    println!("TESSERA_ETH_CONTRACT={contract:#x}");
    println!("TESSERA_ETH_TOKENS={tokens}");
    println!("TESSERA_ETH_CHAIN_ID={chain_id}");
    println!("TESSERA_ETH_OPERATOR_KEY={ANVIL_DEV_KEY}");
    println!("TESSERA_ETH_REFUND_KEY={ANVIL_REFUND_KEY}");
    println!("TESSERA_ETH_RATES={DEMO_RATES}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_chains_let_one_key_hold_every_role() {
        let [a, b, c, d] = [1u8, 2, 3, 4].map(|n| Some(Address::with_last_byte(n)));
        assert_eq!(roles_allowed(31337, [None, None, None, None]), Ok(()));
        assert_eq!(roles_allowed(1337, [a, a, a, a]), Ok(()));
        assert_eq!(roles_allowed(1, [a, b, c, d]), Ok(()));
        assert!(roles_allowed(1, [None, None, None, None]).unwrap_err().contains("--owner is required"));
        assert!(roles_allowed(8453, [a, b, c, None]).unwrap_err().contains("--refunder is required"));
        let shared = roles_allowed(1, [a, b, a, d]).unwrap_err();
        assert!(shared.contains("--owner and --operator are the same"), "{shared}");
        let shared = roles_allowed(10, [a, b, c, c]).unwrap_err();
        assert!(shared.contains("--operator and --refunder"), "{shared}");
    }
}
