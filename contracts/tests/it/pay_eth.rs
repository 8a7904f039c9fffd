use alloy::primitives::{Address, U256};
use tessera_contracts::TesseraPay::{OrderPaid, TesseraPayErrors};

use crate::harness::{Chain, ETH, order_id, revert_name};

#[tokio::test]
async fn paying_in_eth_emits_order_paid_and_forwards_the_money_to_the_treasury() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let treasury_before = chain.balance(chain.treasury).await;

    let receipt = chain.pay_eth(&quote, quote.amount).await.expect("payment");

    let event = receipt.decoded_log::<OrderPaid>().expect("an OrderPaid event");
    assert_eq!(event.address, chain.contract());
    assert_eq!(event.orderId, order_id(1));
    assert_eq!(event.payer, chain.customer);
    assert_eq!(event.token, Address::ZERO);
    assert_eq!(event.amount, U256::from(ETH / 10));
    assert_eq!(chain.balance(chain.treasury).await - treasury_before, U256::from(ETH / 10));
    assert_eq!(chain.balance(chain.contract()).await, U256::ZERO, "the contract keeps nothing");
    assert!(chain.is_paid(1).await);
}

#[tokio::test]
async fn paying_the_same_order_twice_reverts_with_already_paid() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    chain.pay_eth(&quote, quote.amount).await.expect("first payment");
    let treasury_after_first = chain.balance(chain.treasury).await;

    let second = chain.pay_eth(&quote, quote.amount).await;

    assert_eq!(revert_name(second), "AlreadyPaid");
    assert_eq!(chain.balance(chain.treasury).await, treasury_after_first);
}

#[tokio::test]
async fn paying_more_or_less_than_the_quote_reverts_with_wrong_amount() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;

    for value in [quote.amount + U256::from(1), quote.amount - U256::from(1)] {
        let error = chain.pay_eth(&quote, value).await.expect_err("a wrong amount is refused");
        match error.revert() {
            Some(TesseraPayErrors::WrongAmount(e)) => {
                assert_eq!((e.quoted, e.received), (quote.amount, value));
            }
            other => panic!("expected WrongAmount, got {other:?}"),
        }
    }
    assert!(!chain.is_paid(1).await);
}

#[tokio::test]
async fn paying_after_the_deadline_reverts_with_quote_expired() {
    let chain = Chain::start().await;
    let mut quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    quote.deadline = U256::from(chain.now().await - 1);

    let result = chain.pay_eth(&quote, quote.amount).await;

    assert_eq!(revert_name(result), "QuoteExpired");
}

#[tokio::test]
async fn paying_an_eth_quote_for_a_token_through_pay_reverts_with_wrong_token() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, chain.stranger, ETH / 10).await;

    let result = chain.pay_eth(&quote, quote.amount).await;

    assert_eq!(revert_name(result), "WrongToken");
}

#[tokio::test]
async fn a_zero_amount_quote_is_refused() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, 0).await;

    let result = chain.pay_eth(&quote, U256::ZERO).await;

    assert_eq!(revert_name(result), "AmountOutOfRange");
}

#[tokio::test]
async fn pay_eth_takes_the_quote_as_plain_arguments_for_payment_links() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let signature = chain.sign(&quote);
    let link_call = |value: U256| {
        crate::harness::send(
            chain
                .pay
                .payEth(quote.orderId, quote.deadline, signature.clone())
                .value(value)
                .from(chain.customer),
        )
    };

    // Another amount than the signed one is another quote, which nobody signed.
    assert_eq!(revert_name(link_call(quote.amount - U256::from(1)).await), "InvalidSignature");
    let receipt = link_call(quote.amount).await.expect("payment");
    let event = receipt.decoded_log::<OrderPaid>().expect("an OrderPaid event");
    assert_eq!(
        (event.orderId, event.payer, event.token, event.amount),
        (order_id(1), chain.customer, Address::ZERO, quote.amount)
    );
    assert!(chain.is_paid(1).await);
    assert_eq!(revert_name(link_call(quote.amount).await), "AlreadyPaid");
}
