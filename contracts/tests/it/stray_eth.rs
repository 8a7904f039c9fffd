use alloy::primitives::{Bytes, U256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use tessera_contracts::ContractError;

use crate::harness::{Chain, ETH, revert_name};

async fn send_raw(chain: &Chain, data: Bytes, value: U256) -> Result<(), ContractError> {
    let tx = TransactionRequest::default()
        .from(chain.customer)
        .to(chain.contract())
        .input(data.into())
        .value(value);
    let receipt = chain
        .provider
        .send_transaction(tx)
        .await?
        .get_receipt()
        .await
        .map_err(alloy::contract::Error::from)?;
    assert!(receipt.status(), "mined but reverted: {receipt:?}");
    Ok(())
}

#[tokio::test]
async fn a_plain_eth_transfer_to_the_contract_reverts_with_eth_not_accepted() {
    let chain = Chain::start().await;

    let result = send_raw(&chain, Bytes::new(), U256::from(ETH)).await;

    assert_eq!(revert_name(result), "EthNotAccepted");
    assert_eq!(chain.balance(chain.contract()).await, U256::ZERO);
}

#[tokio::test]
async fn eth_sent_with_unknown_calldata_reverts_with_unknown_call() {
    let chain = Chain::start().await;

    let with_value = send_raw(&chain, Bytes::from_static(&[0xde, 0xad, 0xbe, 0xef]), U256::from(ETH)).await;
    let without_value = send_raw(&chain, Bytes::from_static(&[0x12, 0x34, 0x56, 0x78]), U256::ZERO).await;

    assert_eq!(revert_name(with_value), "UnknownCall");
    assert_eq!(revert_name(without_value), "UnknownCall");
    assert_eq!(chain.balance(chain.contract()).await, U256::ZERO);
}
