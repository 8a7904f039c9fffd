//! Quotes and the operator's signature over them: EIP-712 typed data
//! `Quote(bytes32 orderId,address token,uint256 amount,uint256 deadline)` in the domain
//! {name "TesseraPay", version "1", chainId, verifyingContract}, exactly what
//! `TesseraPay.quoteDigest` computes on chain.

use alloy::primitives::{Address, B256, Bytes};
use alloy::signers::SignerSync;
use alloy::sol_types::{Eip712Domain, SolStruct, eip712_domain};

use crate::{ContractError, TesseraPay};

/// What the shop quotes for one order: `orderId`, `token` (`Address::ZERO` for ETH), `amount`
/// in the token's base units, and `deadline` in unix seconds. The contract's own struct.
pub type Quote = TesseraPay::Quote;

/// The EIP-712 domain name and version the contract was built with.
pub const DOMAIN_NAME: &str = "TesseraPay";
pub const DOMAIN_VERSION: &str = "1";

/// The signing domain of the contract at `contract` on chain `chain_id`. Binding both is what
/// stops a quote signed for a test network, or for another deployment, from paying here.
pub fn domain(chain_id: u64, contract: Address) -> Eip712Domain {
    eip712_domain! {
        name: DOMAIN_NAME,
        version: DOMAIN_VERSION,
        chain_id: chain_id,
        verifying_contract: contract,
    }
}

/// The digest the operator signs, equal to the contract's `quoteDigest(quote)`.
pub fn quote_digest(chain_id: u64, contract: Address, quote: &Quote) -> B256 {
    quote.eip712_signing_hash(&domain(chain_id, contract))
}

/// Signs `quote` for the contract at `contract` on chain `chain_id` with the operator's key.
/// Returns the 65 bytes `r ‖ s ‖ v` (v = 27 or 28, s in the lower half, as k256 produces) that
/// `pay` and `payToken` take.
pub fn sign_quote<S: SignerSync + ?Sized>(
    signer: &S,
    chain_id: u64,
    contract: Address,
    quote: &Quote,
) -> Result<Bytes, ContractError> {
    let signature = signer.sign_hash_sync(&quote_digest(chain_id, contract, quote))?;
    Ok(Bytes::copy_from_slice(&signature.as_bytes()))
}
