//! Tokens whose `transfer`, `transferFrom` and `approve` return nothing (USDT on mainnet): the
//! contract takes them for payments and sends refunds in them, and a transfer they refuse
//! (by reverting, as USDT does, never by returning false) leaves the order as it was.

use alloy::primitives::U256;
use alloy::primitives::aliases::U96;
use tessera_contracts::TesseraPay::{OrderPaid, OrderRefunded};

use crate::harness::{Chain, USDC, order_id, revert_name, send};

/// 1 USDT: 6 decimals, as USDC.
const USDT: u128 = USDC;

#[tokio::test]
async fn paying_in_a_token_that_returns_nothing_forwards_it_to_the_treasury() {
    let chain = Chain::start().await;
    let usdt = chain.usdt(100 * USDT).await;
    let quote = chain.quote(1, *usdt.address(), 25 * USDT).await;

    let receipt = send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer))
        .await
        .expect("payment");

    let event = receipt.decoded_log::<OrderPaid>().expect("an OrderPaid event");
    assert_eq!((event.orderId, event.payer, event.token), (order_id(1), chain.customer, *usdt.address()));
    assert_eq!(event.amount, U256::from(25 * USDT));
    assert_eq!(usdt.balanceOf(chain.treasury).call().await.unwrap(), U256::from(25 * USDT));
    assert_eq!(usdt.balanceOf(chain.customer).call().await.unwrap(), U256::from(75 * USDT));
    assert_eq!(usdt.balanceOf(chain.contract()).call().await.unwrap(), U256::ZERO);
    assert!(chain.is_paid(1).await);
}

#[tokio::test]
async fn a_refund_in_a_token_that_returns_nothing_reaches_the_customer() {
    let chain = Chain::start().await;
    let usdt = chain.usdt(100 * USDT).await;
    let quote = chain.quote(1, *usdt.address(), 30 * USDT).await;
    send(chain.pay.payToken(quote.clone(), chain.sign(&quote)).from(chain.customer)).await.expect("payment");
    send(usdt.mint(chain.refunder, U256::from(1000 * USDT))).await.unwrap();
    let refund = |amount: u128| {
        send(
            chain
                .pay
                .refundToken(order_id(1), *usdt.address(), chain.customer, U256::from(amount))
                .from(chain.refunder),
        )
    };

    // The refunder has not approved the contract yet: the token reverts, and so does the
    // refund, which is then not counted against the order.
    assert_eq!(revert_name(refund(10 * USDT).await), "TransferFailed");
    assert_eq!(chain.pay.payments(order_id(1)).call().await.unwrap().refunded, U96::ZERO);

    send(usdt.approve(chain.contract(), U256::MAX).from(chain.refunder)).await.unwrap();
    let receipt = refund(10 * USDT).await.expect("a partial refund");
    let event = receipt.decoded_log::<OrderRefunded>().expect("an OrderRefunded event");
    assert_eq!((event.orderId, event.to, event.token), (order_id(1), chain.customer, *usdt.address()));
    assert_eq!(event.amount, U256::from(10 * USDT));
    assert_eq!(usdt.balanceOf(chain.customer).call().await.unwrap(), U256::from(80 * USDT));

    refund(20 * USDT).await.expect("the rest");
    assert_eq!(usdt.balanceOf(chain.customer).call().await.unwrap(), U256::from(100 * USDT));
    assert_eq!(usdt.balanceOf(chain.refunder).call().await.unwrap(), U256::from(970 * USDT));
    assert_eq!(usdt.balanceOf(chain.contract()).call().await.unwrap(), U256::ZERO);
    assert_eq!(chain.pay.payments(order_id(1)).call().await.unwrap().refunded, U96::from(30 * USDT));
}

#[tokio::test]
async fn a_payment_a_token_that_returns_nothing_refuses_reverts_with_transfer_failed() {
    let chain = Chain::start().await;
    let usdt = chain.usdt(100 * USDT).await;
    let over_balance = chain.quote(1, *usdt.address(), 101 * USDT).await;

    let no_balance =
        send(chain.pay.payToken(over_balance.clone(), chain.sign(&over_balance)).from(chain.customer)).await;

    // Like USDT, the token only changes a non-zero allowance after it was set back to zero.
    send(usdt.approve(chain.contract(), U256::ZERO).from(chain.customer)).await.unwrap();
    send(usdt.approve(chain.contract(), U256::from(USDT)).from(chain.customer)).await.unwrap();
    let over_allowance = chain.quote(2, *usdt.address(), 25 * USDT).await;
    let no_allowance =
        send(chain.pay.payToken(over_allowance.clone(), chain.sign(&over_allowance)).from(chain.customer))
            .await;

    assert_eq!(revert_name(no_balance), "TransferFailed");
    assert_eq!(revert_name(no_allowance), "TransferFailed");
    let paid = chain.pay.OrderPaid_filter().from_block(0u64).query().await.expect("the OrderPaid logs");
    assert!(paid.is_empty(), "no order was paid, yet: {paid:?}");
    assert!(!chain.is_paid(1).await);
    assert!(!chain.is_paid(2).await);
    assert_eq!(usdt.balanceOf(chain.customer).call().await.unwrap(), U256::from(100 * USDT));
    assert_eq!(usdt.balanceOf(chain.treasury).call().await.unwrap(), U256::ZERO);
    assert_eq!(usdt.allowance(chain.customer, chain.contract()).call().await.unwrap(), U256::from(USDT));
}
