use alloy::primitives::{Address, U256};
use tessera_contracts::TesseraPay::{OrderRefunded, TesseraPayErrors};

use crate::harness::{Chain, ETH, USDC, order_id, revert_name, send};

fn refund_too_large(error: tessera_contracts::ContractError) -> (U256, U256) {
    match error.revert() {
        Some(TesseraPayErrors::RefundTooLarge(e)) => (e.refundable, e.requested),
        other => panic!("expected RefundTooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn eth_refunds_reach_the_customer_and_never_exceed_what_the_order_paid() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH).await;
    chain.pay_eth(&quote, quote.amount).await.expect("payment");
    let customer_before = chain.balance(chain.customer).await;
    let refund = |wei: u128| {
        send(chain.pay.refundEth(order_id(1), chain.customer).value(U256::from(wei)).from(chain.refunder))
    };

    let receipt = refund(4 * ETH / 10).await.expect("a partial refund");
    let event = receipt.decoded_log::<OrderRefunded>().expect("an OrderRefunded event");
    assert_eq!((event.orderId, event.to, event.token), (order_id(1), chain.customer, Address::ZERO));
    assert_eq!(event.amount, U256::from(4 * ETH / 10));
    assert_eq!(chain.balance(chain.customer).await - customer_before, U256::from(4 * ETH / 10));

    let too_much = refund(7 * ETH / 10).await.expect_err("more than is left");
    assert_eq!(refund_too_large(too_much), (U256::from(6 * ETH / 10), U256::from(7 * ETH / 10)));

    refund(6 * ETH / 10).await.expect("the rest");
    let nothing_left = refund(1).await.expect_err("nothing is left");
    assert_eq!(refund_too_large(nothing_left), (U256::ZERO, U256::from(1)));
    assert_eq!(chain.balance(chain.customer).await - customer_before, U256::from(ETH));
    assert_eq!(chain.balance(chain.contract()).await, U256::ZERO);
}

#[tokio::test]
async fn token_refunds_are_pulled_from_the_refunder_and_capped_at_the_payment() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let quote = chain.quote(1, *usdc.address(), 30 * USDC).await;
    send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await.expect("payment");
    send(usdc.mint(chain.refunder, U256::from(1000 * USDC))).await.unwrap();
    send(usdc.approve(chain.contract(), U256::MAX).from(chain.refunder)).await.unwrap();
    let refund = |amount: u128| {
        send(
            chain
                .pay
                .refundToken(order_id(1), *usdc.address(), chain.customer, U256::from(amount))
                .from(chain.refunder),
        )
    };

    let receipt = refund(10 * USDC).await.expect("a partial refund");
    let event = receipt.decoded_log::<OrderRefunded>().expect("an OrderRefunded event");
    assert_eq!((event.token, event.amount), (*usdc.address(), U256::from(10 * USDC)));
    assert_eq!(usdc.balanceOf(chain.customer).call().await.unwrap(), U256::from(80 * USDC));

    let too_much = refund(21 * USDC).await.expect_err("more than is left");
    assert_eq!(refund_too_large(too_much), (U256::from(20 * USDC), U256::from(21 * USDC)));
    refund(20 * USDC).await.expect("the rest");
    assert_eq!(usdc.balanceOf(chain.customer).call().await.unwrap(), U256::from(100 * USDC));
    assert_eq!(usdc.balanceOf(chain.refunder).call().await.unwrap(), U256::from(970 * USDC));
}

#[tokio::test]
async fn refunds_of_unpaid_orders_or_in_another_currency_are_refused() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * USDC).await;
    let quote = chain.quote(1, Address::ZERO, ETH).await;
    chain.pay_eth(&quote, quote.amount).await.expect("payment");

    let unpaid =
        send(chain.pay.refundEth(order_id(9), chain.customer).value(U256::from(1)).from(chain.owner)).await;
    let in_tokens = send(
        chain.pay.refundToken(order_id(1), *usdc.address(), chain.customer, U256::from(1)).from(chain.owner),
    )
    .await;

    assert_eq!(revert_name(unpaid), "NotPaid");
    assert_eq!(revert_name(in_tokens), "WrongToken");
}

#[tokio::test]
async fn the_owner_may_refund_too_and_rotates_the_refunder() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH).await;
    chain.pay_eth(&quote, quote.amount).await.expect("payment");
    let refund = |from: Address, wei: u128| {
        send(chain.pay.refundEth(order_id(1), chain.customer).value(U256::from(wei)).from(from))
    };

    refund(chain.owner, ETH / 10).await.expect("the owner cleans up by hand");
    send(chain.pay.setRefunder(chain.stranger).from(chain.owner)).await.expect("setRefunder");
    assert_eq!(chain.pay.refunder().call().await.unwrap(), chain.stranger);
    assert_eq!(revert_name(refund(chain.refunder, ETH / 10).await), "NotRefunder");
    refund(chain.stranger, ETH / 10).await.expect("the new refunder");
    assert_eq!(
        revert_name(send(chain.pay.setRefunder(Address::ZERO).from(chain.owner)).await),
        "ZeroAddress"
    );
}
