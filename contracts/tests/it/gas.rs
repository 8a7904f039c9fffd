use alloy::primitives::Address;

use crate::harness::{Chain, ETH, USDC, send};

/// Comfortably above what a payment costs today; a change that crosses it deserves a look.
const GAS_CEILING: u64 = 120_000;

#[tokio::test]
async fn a_payment_costs_well_under_120k_gas_in_eth_and_in_tokens() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    // A first token payment warms the treasury's balance slot, as every payment after the
    // treasury's first does in production.
    let warm = chain.quote(9, *usdc.address(), USDC).await;
    send(chain.pay.payToken(warm.clone(), chain.sign(&warm)).from(chain.customer)).await.unwrap();

    let eth_quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let token_quote = chain.quote(2, *usdc.address(), 25 * USDC).await;
    let eth = chain.pay_eth(&eth_quote, eth_quote.amount).await.unwrap().gas_used;
    let token = send(chain.pay.payToken(token_quote.clone(), chain.sign(&token_quote)).from(chain.customer))
        .await
        .unwrap()
        .gas_used;

    println!("gas used: pay (ETH) {eth}, payToken (MockERC20) {token}");
    assert!(eth < GAS_CEILING, "pay used {eth} gas");
    assert!(token < GAS_CEILING, "payToken used {token} gas");
}
