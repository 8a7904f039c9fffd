use alloy::primitives::{Address, U256};

use crate::harness::{Chain, ETH, order_id, revert_name, send};

#[tokio::test]
async fn while_paused_payments_revert_and_after_unpausing_they_go_through() {
    let chain = Chain::start().await;
    let usdc = chain.usdc(100 * crate::harness::USDC).await;
    send(chain.pay.pause().from(chain.owner)).await.expect("pause");
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let token_quote = chain.quote(2, *usdc.address(), 5 * crate::harness::USDC).await;

    let paused_eth = chain.pay_eth(&quote, quote.amount).await;
    let paused_token =
        send(chain.pay.payToken(token_quote.clone(), chain.sign(&token_quote)).from(chain.customer)).await;
    assert_eq!(revert_name(paused_eth), "ContractPaused");
    assert_eq!(revert_name(paused_token), "ContractPaused");
    assert!(chain.pay.paused().call().await.unwrap());

    send(chain.pay.unpause().from(chain.owner)).await.expect("unpause");

    chain.pay_eth(&quote, quote.amount).await.expect("paying after unpause");
    send(chain.pay.payToken(token_quote.clone(), chain.sign(&token_quote)).from(chain.customer))
        .await
        .expect("paying in tokens after unpause");
}

#[tokio::test]
async fn every_owner_function_reverts_with_not_owner_for_anyone_else() {
    let chain = Chain::start().await;
    let who = chain.stranger;
    let p = &chain.pay;

    assert_eq!(revert_name(send(p.setTreasury(who).from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.setOperator(who).from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.setRefunder(who).from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.setTokenAllowed(who, true).from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.pause().from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.unpause().from(who)).await), "NotOwner");
    assert_eq!(revert_name(send(p.transferOwnership(who).from(who)).await), "NotOwner");
    assert_eq!(
        revert_name(send(p.refundEth(order_id(1), who).value(U256::from(1)).from(who)).await),
        "NotRefunder"
    );
    assert_eq!(
        revert_name(send(p.refundToken(order_id(1), who, who, U256::from(1)).from(who)).await),
        "NotRefunder"
    );
    // The refunder sends refunds and nothing else.
    assert_eq!(revert_name(send(p.pause().from(chain.refunder)).await), "NotOwner");
    assert_eq!(revert_name(send(p.setRefunder(who).from(chain.refunder)).await), "NotOwner");
    assert_eq!(p.owner().call().await.unwrap(), chain.owner);
    assert_eq!(p.treasury().call().await.unwrap(), chain.treasury);
    assert_eq!(p.operator().call().await.unwrap(), chain.operator.address());
    assert_eq!(p.refunder().call().await.unwrap(), chain.refunder);
}

#[tokio::test]
async fn a_new_owner_takes_over_and_the_old_one_is_locked_out() {
    let chain = Chain::start().await;

    send(chain.pay.transferOwnership(chain.stranger).from(chain.owner)).await.expect("transferOwnership");
    // Named, not yet owner: the old owner still is, and nobody else can accept.
    assert_eq!(chain.pay.owner().call().await.unwrap(), chain.owner);
    assert_eq!(chain.pay.pendingOwner().call().await.unwrap(), chain.stranger);
    assert_eq!(revert_name(send(chain.pay.acceptOwnership().from(chain.customer)).await), "NotPendingOwner");
    send(chain.pay.acceptOwnership().from(chain.stranger)).await.expect("acceptOwnership");
    assert_eq!(chain.pay.pendingOwner().call().await.unwrap(), Address::ZERO);

    assert_eq!(chain.pay.owner().call().await.unwrap(), chain.stranger);
    assert_eq!(revert_name(send(chain.pay.pause().from(chain.owner)).await), "NotOwner");
    send(chain.pay.pause().from(chain.stranger)).await.expect("the new owner pauses");
}

#[tokio::test]
async fn the_owner_can_move_the_treasury_and_payments_follow() {
    let chain = Chain::start().await;
    let new_treasury = Address::with_last_byte(0x77);
    send(chain.pay.setTreasury(new_treasury).from(chain.owner)).await.expect("setTreasury");
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;

    chain.pay_eth(&quote, quote.amount).await.expect("payment");

    assert_eq!(chain.balance(new_treasury).await, U256::from(ETH / 10));
}

#[tokio::test]
async fn zero_addresses_are_refused_for_every_role() {
    let chain = Chain::start().await;
    let (p, owner) = (&chain.pay, chain.owner);

    assert_eq!(revert_name(send(p.setTreasury(Address::ZERO).from(owner)).await), "ZeroAddress");
    assert_eq!(revert_name(send(p.setOperator(Address::ZERO).from(owner)).await), "ZeroAddress");
    assert_eq!(revert_name(send(p.transferOwnership(Address::ZERO).from(owner)).await), "ZeroAddress");
    assert_eq!(revert_name(send(p.setTokenAllowed(Address::ZERO, true).from(owner)).await), "ZeroAddress");
}
