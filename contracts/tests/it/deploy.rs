use alloy::primitives::U256;
use alloy::providers::Provider;
use alloy::signers::local::PrivateKeySigner;
use tessera_contracts::{ContractError, TesseraPay};

use crate::harness::{Anvil, ETH};

#[tokio::test]
async fn deploying_with_a_key_gives_that_key_every_role_on_a_dev_chain() {
    let anvil = Anvil::start();
    let deployer = PrivateKeySigner::random();
    let key = alloy::hex::encode_prefixed(deployer.to_bytes());
    let provider = tessera_contracts::connect(&anvil.url, &key).expect("a provider");
    let () = provider
        .raw_request("anvil_setBalance".into(), (deployer.address(), U256::from(ETH)))
        .await
        .expect("anvil_setBalance");

    let address = tessera_contracts::deploy_with_key(&anvil.url, &key, None).await.expect("deploys");

    assert!(!provider.get_code_at(address).await.unwrap().is_empty());
    let pay = TesseraPay::new(address, &provider);
    assert_eq!(pay.owner().call().await.unwrap(), deployer.address());
    assert_eq!(pay.treasury().call().await.unwrap(), deployer.address());
    assert_eq!(pay.operator().call().await.unwrap(), deployer.address());
}

#[tokio::test]
async fn a_malformed_private_key_or_url_is_refused_before_anything_is_sent() {
    let bad_key = tessera_contracts::connect("http://127.0.0.1:1", "0xnot-a-key");
    let bad_url = tessera_contracts::connect("not a url", &alloy::hex::encode([7u8; 32]));

    assert!(matches!(bad_key, Err(ContractError::PrivateKey(_))));
    assert!(matches!(bad_url, Err(ContractError::RpcUrl(_))));
}
