use alloy::contract::Error as CallError;
use alloy::sol_types::SolInterface;
use alloy::transports::TransportError;

use crate::TesseraPay::TesseraPayErrors;

/// What can go wrong talking to the contract. A revert of TesseraPay's own comes back decoded
/// (`Reverted(TesseraPayErrors::AlreadyPaid(..))`), so callers match on the rule that refused
/// the call instead of parsing node messages.
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    #[error("TesseraPay refused the call: {}", revert_name(.0))]
    Reverted(TesseraPayErrors),
    #[error("calling the contract failed")]
    Call(#[source] CallError),
    #[error("the RPC URL is not valid")]
    RpcUrl(#[source] url::ParseError),
    #[error("building the HTTP client for the Ethereum node failed")]
    HttpClient(#[source] reqwest::Error),
    #[error("the private key is not a valid secp256k1 key")]
    PrivateKey(#[source] alloy::signers::local::LocalSignerError),
    #[error("signing failed")]
    Signing(#[from] alloy::signers::Error),
}

impl ContractError {
    /// TesseraPay's error, if the contract itself refused the call.
    pub fn revert(&self) -> Option<&TesseraPayErrors> {
        match self {
            ContractError::Reverted(revert) => Some(revert),
            _ => None,
        }
    }

    /// The Solidity name of TesseraPay's error (`"AlreadyPaid"`), if the contract refused.
    pub fn revert_name(&self) -> Option<&'static str> {
        self.revert().map(revert_name)
    }
}

impl From<CallError> for ContractError {
    /// Decodes TesseraPay's custom errors out of a revert, wherever the node reported it (the
    /// gas estimate, a call, or the transaction).
    fn from(error: CallError) -> Self {
        match error.as_decoded_interface_error::<TesseraPayErrors>() {
            Some(revert) => ContractError::Reverted(revert),
            None => ContractError::Call(error),
        }
    }
}

impl From<TransportError> for ContractError {
    /// A plain transaction to the contract (not through the bindings) reports its revert as
    /// an RPC error; it is decoded the same way.
    fn from(error: TransportError) -> Self {
        CallError::TransportError(error).into()
    }
}

fn revert_name(revert: &TesseraPayErrors) -> &'static str {
    TesseraPayErrors::name_by_selector(revert.selector()).unwrap_or("unknown")
}
