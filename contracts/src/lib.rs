#![doc = include_str!("../README.md")]

pub mod anvil;
mod bindings;
pub mod demo;
mod deploy;
mod erc20;
mod error;
mod quote;

pub use bindings::TesseraPay;
pub use deploy::{Roles, connect, connect_read, connect_wallet, deploy, deploy_with_key, redact_rpc_url};
pub use erc20::IERC20;
pub use error::ContractError;
pub use quote::{DOMAIN_NAME, DOMAIN_VERSION, Quote, domain, quote_digest, sign_quote};
