use alloy::primitives::{Address, U256};
use alloy::signers::local::PrivateKeySigner;
use tessera_contracts::{quote_digest, sign_quote};

use crate::harness::{Chain, ETH, order_id, revert_name, send};

/// secp256k1's group order.
const CURVE_ORDER: U256 =
    alloy::primitives::uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);

#[tokio::test]
async fn the_rust_digest_is_the_one_the_contract_computes() {
    let chain = Chain::start().await;
    let quote = chain.quote(7, Address::ZERO, ETH).await;

    let on_chain = chain.pay.quoteDigest(quote.clone()).call().await.expect("quoteDigest");

    assert_eq!(on_chain, quote_digest(chain.chain_id, chain.contract(), &quote));
}

#[tokio::test]
async fn a_quote_signed_by_anyone_but_the_operator_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let forger = PrivateKeySigner::random();
    let signature = sign_quote(&forger, chain.chain_id, chain.contract(), &quote).expect("signing");

    let result = send(chain.pay.pay(quote.clone(), signature).value(quote.amount).from(chain.customer)).await;

    assert_eq!(revert_name(result), "InvalidSignature");
}

#[tokio::test]
async fn a_quote_signed_for_another_chain_id_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let signature =
        sign_quote(&chain.operator, chain.chain_id + 1, chain.contract(), &quote).expect("signing");

    let result = send(chain.pay.pay(quote.clone(), signature).value(quote.amount).from(chain.customer)).await;

    assert_eq!(revert_name(result), "InvalidSignature");
}

#[tokio::test]
async fn a_quote_signed_for_another_contract_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let other = Address::with_last_byte(0x42);
    let signature = sign_quote(&chain.operator, chain.chain_id, other, &quote).expect("signing");

    let result = send(chain.pay.pay(quote.clone(), signature).value(quote.amount).from(chain.customer)).await;

    assert_eq!(revert_name(result), "InvalidSignature");
}

#[tokio::test]
async fn changing_any_field_of_a_signed_quote_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let signature = chain.sign(&quote);

    let mut cheaper = quote.clone();
    cheaper.amount = U256::from(1);
    let mut later = quote.clone();
    later.deadline += U256::from(86_400);
    let mut other_order = quote.clone();
    other_order.orderId = order_id(2);

    for tampered in [cheaper, later, other_order] {
        let call =
            chain.pay.pay(tampered.clone(), signature.clone()).value(tampered.amount).from(chain.customer);
        assert_eq!(revert_name(send(call).await), "InvalidSignature", "{tampered:?}");
    }
    assert!(!chain.is_paid(1).await && !chain.is_paid(2).await);
}

#[tokio::test]
async fn the_high_s_twin_of_a_valid_signature_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let mut twin = chain.sign(&quote).to_vec();
    // (r, n - s, flipped v) recovers the same signer; only the low-s form is accepted.
    let s = U256::from_be_slice(&twin[32..64]);
    twin[32..64].copy_from_slice(&(CURVE_ORDER - s).to_be_bytes::<32>());
    twin[64] = if twin[64] == 27 { 28 } else { 27 };

    let result =
        send(chain.pay.pay(quote.clone(), twin.into()).value(quote.amount).from(chain.customer)).await;

    assert_eq!(revert_name(result), "InvalidSignature");
}

#[tokio::test]
async fn a_signature_of_the_wrong_length_or_v_reverts_with_invalid_signature() {
    let chain = Chain::start().await;
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;
    let good = chain.sign(&quote).to_vec();
    let mut bad_v = good.clone();
    bad_v[64] = 1;
    let short = good[..64].to_vec();

    for signature in [bad_v, short] {
        let call = chain.pay.pay(quote.clone(), signature.into()).value(quote.amount).from(chain.customer);
        assert_eq!(revert_name(send(call).await), "InvalidSignature");
    }
}

#[tokio::test]
async fn after_the_operator_is_rotated_only_the_new_key_signs() {
    let chain = Chain::start().await;
    let new_operator = PrivateKeySigner::random();
    send(chain.pay.setOperator(new_operator.address()).from(chain.owner)).await.expect("setOperator");
    let quote = chain.quote(1, Address::ZERO, ETH / 10).await;

    let old = chain.pay_eth(&quote, quote.amount).await;
    assert_eq!(revert_name(old), "InvalidSignature");

    let signature = sign_quote(&new_operator, chain.chain_id, chain.contract(), &quote).expect("signing");
    send(chain.pay.pay(quote.clone(), signature).value(quote.amount).from(chain.customer))
        .await
        .expect("the new operator's quote pays");
}
