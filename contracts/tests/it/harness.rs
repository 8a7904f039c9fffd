//! A real anvil per test, the contract deployed on it, and the people around it.

use alloy::contract::{CallBuilder, CallDecoder};
use alloy::network::EthereumWallet;
use alloy::primitives::aliases::U96;
use alloy::primitives::{Address, B256, Bytes, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionReceipt;
use alloy::signers::local::PrivateKeySigner;
use tessera_contracts::TesseraPay::{self, TesseraPayInstance};
pub use tessera_contracts::anvil::Anvil;
use tessera_contracts::{ContractError, Quote, Roles, sign_quote};

/// The test-only contracts. Their own module: the ReentrantTreasury artifact brings its own
/// `TesseraPay` (holding the `Quote` struct its ABI mentions).
pub mod mocks {
    alloy::sol!(
        #[sol(rpc, all_derives)]
        MockERC20,
        "artifacts/MockERC20.json"
    );
    alloy::sol!(
        #[sol(rpc, all_derives)]
        FeeOnTransferToken,
        "artifacts/FeeOnTransferToken.json"
    );
    alloy::sol!(
        #[sol(rpc, all_derives)]
        NoReturnToken,
        "artifacts/NoReturnToken.json"
    );
    alloy::sol!(
        #[sol(rpc, all_derives)]
        ReentrantTreasury,
        "artifacts/ReentrantTreasury.json"
    );
}
pub use mocks::{FeeOnTransferToken, MockERC20, NoReturnToken, ReentrantTreasury};

/// 1 ETH in wei.
pub const ETH: u128 = 1_000_000_000_000_000_000;
/// 1 token of 6 decimals (USDC-like).
pub const USDC: u128 = 1_000_000;

/// A chain with TesseraPay deployed, an owner, an operator who signs quotes, a refunder who
/// sends refunds, a treasury, a customer and a stranger. One provider holds every key; `.from(..)` picks the sender.
pub struct Chain {
    _anvil: Anvil,
    pub provider: DynProvider,
    pub chain_id: u64,
    pub owner: Address,
    pub refunder: Address,
    pub customer: Address,
    pub stranger: Address,
    pub treasury: Address,
    pub operator: PrivateKeySigner,
    pub pay: TesseraPayInstance<DynProvider>,
}

impl Chain {
    pub async fn start() -> Chain {
        let anvil = Anvil::start();
        let owner = PrivateKeySigner::random();
        let customer = PrivateKeySigner::random();
        let stranger = PrivateKeySigner::random();
        let refunder = PrivateKeySigner::random();
        let operator = PrivateKeySigner::random();
        // An existing account, as a real treasury is: a first transfer to a fresh account
        // would cost 25,000 gas more than every later one and skew the gas figures.
        let treasury = PrivateKeySigner::random().address();
        let (owner_address, customer_address, stranger_address, refunder_address) =
            (owner.address(), customer.address(), stranger.address(), refunder.address());

        let mut wallet = EthereumWallet::from(owner);
        wallet.register_signer(customer);
        wallet.register_signer(stranger);
        wallet.register_signer(refunder);
        let provider = tessera_contracts::connect_wallet(&anvil.url, wallet).expect("a provider");
        for address in [owner_address, customer_address, stranger_address, refunder_address, treasury] {
            set_balance(&provider, address, U256::from(100 * ETH)).await;
        }
        let chain_id = provider.get_chain_id().await.expect("chain id");
        let roles = Roles {
            owner: owner_address,
            treasury,
            operator: operator.address(),
            refunder: refunder_address,
        };
        let address = tessera_contracts::deploy(provider.clone(), roles).await.expect("TesseraPay deploys");
        let pay = TesseraPay::new(address, provider.clone());
        Chain {
            _anvil: anvil,
            provider,
            chain_id,
            owner: owner_address,
            refunder: refunder_address,
            customer: customer_address,
            stranger: stranger_address,
            treasury,
            operator,
            pay,
        }
    }

    pub fn contract(&self) -> Address {
        *self.pay.address()
    }

    /// A quote for `order` valid for an hour from the chain's clock.
    pub async fn quote(&self, order: u8, token: Address, amount: u128) -> Quote {
        Quote {
            orderId: order_id(order),
            token,
            amount: U256::from(amount),
            deadline: U256::from(self.now().await + 3600),
        }
    }

    /// The operator's signature over `quote` for this contract on this chain.
    pub fn sign(&self, quote: &Quote) -> Bytes {
        sign_quote(&self.operator, self.chain_id, self.contract(), quote).expect("signing")
    }

    /// The latest block's timestamp.
    pub async fn now(&self) -> u64 {
        let block =
            self.provider.get_block_by_number(Default::default()).await.expect("rpc").expect("a block");
        block.header.timestamp
    }

    pub async fn balance(&self, address: Address) -> U256 {
        self.provider.get_balance(address).await.expect("balance")
    }

    /// The customer pays `quote` in ETH with `value` wei.
    pub async fn pay_eth(&self, quote: &Quote, value: U256) -> Result<TransactionReceipt, ContractError> {
        let signature = self.sign(quote);
        send(self.pay.pay(quote.clone(), signature).value(value).from(self.customer)).await
    }

    /// A MockERC20 with `amount` minted to the customer, approved for TesseraPay, and
    /// allow-listed by the owner.
    pub async fn usdc(&self, amount: u128) -> MockERC20::MockERC20Instance<DynProvider> {
        let token = MockERC20::deploy(self.provider.clone(), "USD Coin".into(), "USDC".into())
            .await
            .expect("MockERC20 deploys");
        send(token.mint(self.customer, U256::from(amount))).await.expect("mint");
        send(token.approve(self.contract(), U256::MAX).from(self.customer)).await.expect("approve");
        send(self.pay.setTokenAllowed(*token.address(), true).from(self.owner)).await.expect("allow-list");
        token
    }

    /// A NoReturnToken (USDT-like: `transfer`, `transferFrom` and `approve` return nothing)
    /// with `amount` minted to the customer, approved for TesseraPay, and allow-listed by the
    /// owner.
    pub async fn usdt(&self, amount: u128) -> NoReturnToken::NoReturnTokenInstance<DynProvider> {
        let token = NoReturnToken::deploy(self.provider.clone()).await.expect("NoReturnToken deploys");
        send(token.mint(self.customer, U256::from(amount))).await.expect("mint");
        send(token.approve(self.contract(), U256::MAX).from(self.customer)).await.expect("approve");
        send(self.pay.setTokenAllowed(*token.address(), true).from(self.owner)).await.expect("allow-list");
        token
    }

    pub async fn is_paid(&self, order: u8) -> bool {
        self.pay.payments(order_id(order)).call().await.expect("payments").amount != U96::ZERO
    }
}

pub fn order_id(n: u8) -> B256 {
    B256::with_last_byte(n)
}

async fn set_balance(provider: &DynProvider, address: Address, wei: U256) {
    let () = provider.raw_request("anvil_setBalance".into(), (address, wei)).await.expect("anvil_setBalance");
}

/// Sends a contract call and waits for its receipt; a revert comes back as
/// `ContractError::Reverted` with TesseraPay's error decoded.
pub async fn send<D: CallDecoder>(
    call: CallBuilder<&DynProvider, D>,
) -> Result<TransactionReceipt, ContractError> {
    let receipt = call.send().await?.get_receipt().await.map_err(alloy::contract::Error::from)?;
    assert!(receipt.status(), "the transaction was mined but reverted: {receipt:?}");
    Ok(receipt)
}

/// The name of TesseraPay's error a failed call reverted with, or a panic naming what else
/// went wrong.
pub fn revert_name<T: std::fmt::Debug>(result: Result<T, ContractError>) -> &'static str {
    match result {
        Ok(value) => panic!("expected a revert, the call succeeded: {value:?}"),
        Err(error) => {
            error.revert_name().unwrap_or_else(|| panic!("expected a TesseraPay revert, got {error:?}"))
        }
    }
}
