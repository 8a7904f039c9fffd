use alloy::primitives::U256;
use tessera_contracts::TesseraPay::{OrderPaid, TesseraPayErrors};

use crate::harness::{Chain, FeeOnTransferToken, MockERC20, USDC, order_id, revert_name, send};

#[tokio::test]
async fn paying_in_an_allow_listed_token_forwards_it_to_the_treasury() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let quote = chain.quote(1, *usdc.address(), 25 * USDC).await;

    let receipt = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer))
        .await
        .expect("payment");

    let event = receipt.decoded_log::<OrderPaid>().expect("an OrderPaid event");
    assert_eq!((event.orderId, event.payer, event.token), (order_id(1), chain.customer, *usdc.address()));
    assert_eq!(event.amount, U256::from(25 * USDC));
    assert_eq!(usdc.balanceOf(chain.treasury).call().await.unwrap(), U256::from(25 * USDC));
    assert_eq!(usdc.balanceOf(chain.customer).call().await.unwrap(), U256::from(75 * USDC));
    assert_eq!(usdc.balanceOf(chain.contract()).call().await.unwrap(), U256::ZERO);
    assert!(chain.is_paid(1).await);
}

#[tokio::test]
async fn a_token_order_paid_once_cannot_be_paid_again() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let quote = chain.quote(1, *usdc.address(), 25 * USDC).await;
    send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await.expect("payment");

    let again = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await;

    assert_eq!(revert_name(again), "AlreadyPaid");
    assert_eq!(usdc.balanceOf(chain.treasury).call().await.unwrap(), U256::from(25 * USDC));
}

#[tokio::test]
async fn paying_in_a_token_that_is_not_allow_listed_reverts_with_token_not_allowed() {
    let chain = Chain::start().await;
    let token = MockERC20::deploy(chain.provider.clone(), "Other".into(), "OTH".into()).await.unwrap();
    send(token.mint(chain.customer, U256::from(100 * USDC))).await.unwrap();
    send(token.approve(chain.contract(), U256::MAX).from(chain.customer)).await.unwrap();
    let quote = chain.quote(1, *token.address(), 25 * USDC).await;

    let result = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await;

    assert_eq!(revert_name(result), "TokenNotAllowed");
    assert_eq!(token.balanceOf(chain.customer).call().await.unwrap(), U256::from(100 * USDC));
}

#[tokio::test]
async fn a_token_removed_from_the_allow_list_is_refused() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    send(chain.pay.setTokenAllowed(*usdc.address(), false).from(chain.owner)).await.unwrap();
    let quote = chain.quote(1, *usdc.address(), 25 * USDC).await;

    let result = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await;

    assert_eq!(revert_name(result), "TokenNotAllowed");
}

#[tokio::test]
async fn a_fee_on_transfer_token_is_refused_because_less_than_the_quote_arrives() {
    let chain = Chain::start().await;
    let fee = FeeOnTransferToken::deploy(chain.provider.clone()).await.unwrap();
    send(fee.mint(chain.customer, U256::from(100 * USDC))).await.unwrap();
    send(fee.approve(chain.contract(), U256::MAX).from(chain.customer)).await.unwrap();
    send(chain.pay.setTokenAllowed(*fee.address(), true).from(chain.owner)).await.unwrap();
    let quote = chain.quote(1, *fee.address(), 10 * USDC).await;

    let error = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer))
        .await
        .expect_err("a fee-on-transfer token is refused");

    match error.revert() {
        Some(TesseraPayErrors::WrongAmount(e)) => {
            assert_eq!((e.quoted, e.received), (U256::from(10 * USDC), U256::from(10 * USDC * 99 / 100)));
        }
        other => panic!("expected WrongAmount, got {other:?}"),
    }
    assert_eq!(fee.balanceOf(chain.treasury).call().await.unwrap(), U256::ZERO);
    assert!(!chain.is_paid(1).await);
}

#[tokio::test]
async fn paying_without_enough_allowance_reverts_with_transfer_failed() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    send(usdc.approve(chain.contract(), U256::from(USDC)).from(chain.customer)).await.unwrap();
    let quote = chain.quote(1, *usdc.address(), 25 * USDC).await;

    let result = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await;

    assert_eq!(revert_name(result), "TransferFailed");
}

#[tokio::test]
async fn a_token_quote_cannot_be_paid_in_eth_nor_an_eth_quote_in_tokens() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let token_quote = chain.quote(1, *usdc.address(), 25 * USDC).await;
    let eth_quote = chain.quote(2, alloy::primitives::Address::ZERO, 25 * USDC).await;

    let in_eth = chain.pay_eth(&token_quote, token_quote.amount).await;
    let in_tokens =
        send(chain.pay.payToken(eth_quote.clone(), chain.sign(&eth_quote)).from(chain.customer)).await;

    assert_eq!(revert_name(in_eth), "WrongToken");
    assert_eq!(revert_name(in_tokens), "TokenNotAllowed");
}

#[tokio::test]
async fn pay_token_with_takes_the_quote_as_plain_arguments_for_payment_links() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let quote = chain.quote(1, *usdc.address(), 25 * USDC).await;
    let signature = chain.sign(&quote);
    let call = |amount: U256| {
        send(
            chain
                .pay
                .payTokenWith(quote.orderId, quote.token, amount, quote.deadline, signature.clone())
                .from(chain.customer),
        )
    };
    assert_eq!(revert_name(call(quote.amount + U256::from(1)).await), "InvalidSignature");
    let receipt = call(quote.amount).await.expect("payment");
    let event = receipt.decoded_log::<OrderPaid>().expect("an OrderPaid event");
    assert_eq!((event.orderId, event.token, event.amount), (order_id(1), *usdc.address(), quote.amount));
    assert_eq!(usdc.balanceOf(chain.treasury).call().await.unwrap(), U256::from(25 * USDC));
}
