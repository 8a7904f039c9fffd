use alloy::primitives::{Address, U256};
use alloy::sol_types::SolInterface;
use tessera_contracts::TesseraPay::TesseraPayErrors;

use crate::harness::{Chain, ETH, ReentrantTreasury, send};

#[tokio::test]
async fn a_treasury_that_calls_back_into_pay_is_stopped_by_the_reentrancy_guard() {
    let chain = Chain::start().await;
    let attacker = ReentrantTreasury::deploy(chain.provider.clone()).await.expect("attacker deploys");
    send(chain.pay.setTreasury(*attacker.address()).from(chain.owner)).await.expect("setTreasury");
    // A second, validly signed order that the attacker tries to pay from inside the first.
    let inner = chain.quote(2, Address::ZERO, ETH / 100).await;
    let inner_for_attacker = crate::harness::mocks::TesseraPay::Quote {
        orderId: inner.orderId,
        token: inner.token,
        amount: inner.amount,
        deadline: inner.deadline,
    };
    send(attacker.arm(inner_for_attacker, chain.sign(&inner))).await.expect("arm");
    let outer = chain.quote(1, Address::ZERO, ETH / 10).await;

    chain.pay_eth(&outer, outer.amount).await.expect("the outer payment goes through");

    let reason = attacker.lastError().call().await.expect("lastError");
    let decoded = TesseraPayErrors::abi_decode(&reason).expect("a TesseraPay error");
    assert!(matches!(decoded, TesseraPayErrors::Reentrancy(_)), "{decoded:?}");
    assert!(!attacker.reentered().call().await.unwrap());
    assert!(chain.is_paid(1).await);
    assert!(!chain.is_paid(2).await, "the reentrant order was not paid");
    assert_eq!(chain.balance(*attacker.address()).await, U256::from(ETH / 10));
}
