//! Ethereum for the tests and the catch-up benchmark: a real anvil of our own with TesseraPay
//! deployed, an operator who signs quotes, a customer who pays them, and orders quoted exactly
//! as the buy path quotes them (`record_quote`).

use alloy::network::{Ethereum, EthereumWallet};
use alloy::primitives::{Address, B256, Bytes, U256};
use alloy::providers::{DynProvider, PendingTransactionBuilder, Provider as _};
use alloy::signers::local::PrivateKeySigner;
use secrecy::SecretString;
use sqlx::PgPool;
use tessera_chain_watcher::eth::EthWatcher;
use tessera_contracts::TesseraPay::{self, TesseraPayInstance};
use tessera_contracts::anvil::Anvil;
use tessera_contracts::demo::MockERC20;
use tessera_contracts::{Quote, Roles, sign_quote};
use tessera_core::order::eth::{EthQuote, order_ref, record_quote};
use tessera_payments::eth::{Confirmations, EthChainSettings, EthSettings, RateSourceSettings};
use tessera_payments::rates::FixedRates;
use uuid::Uuid;

alloy::sol!(
    /// A USDT-like token (`contracts/test/NoReturnToken.sol`): `transfer`, `transferFrom` and
    /// `approve` return nothing, and a non-zero allowance changes only through zero.
    #[sol(rpc)]
    #[allow(missing_docs)]
    NoReturnToken,
    "../contracts/artifacts/NoReturnToken.json"
);

/// Anvil's first three dev accounts (10,000 ETH each): the shop (owner, operator, treasury),
/// the customer, and the refund wallet (the contract's refunder).
pub const SHOP_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
pub const CUSTOMER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
pub const REFUND_KEY: &str = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/// A chain with TesseraPay deployed. One provider holds both keys; `.from(..)` picks the sender.
pub struct EthChain {
    pub anvil: Anvil,
    pub provider: DynProvider,
    pub chain_id: u64,
    pub shop: Address,
    pub customer: Address,
    pub refunder: Address,
    pub operator: PrivateKeySigner,
    pub pay: TesseraPayInstance<DynProvider>,
}

impl EthChain {
    /// Starts anvil and deploys the contract, every role held by the shop's account but the
    /// refunder's.
    pub async fn start() -> EthChain {
        Self::start_on(None).await
    }

    /// [`EthChain::start`] on chain `chain_id` (anvil's 31337 when none).
    pub async fn start_on(chain_id: Option<u64>) -> EthChain {
        let anvil = Anvil::start_on(chain_id);
        let shop: PrivateKeySigner = SHOP_KEY.parse().expect("dev key");
        let customer: PrivateKeySigner = CUSTOMER_KEY.parse().expect("dev key");
        let refunder: PrivateKeySigner = REFUND_KEY.parse().expect("dev key");
        let (shop_address, customer_address, refunder_address) =
            (shop.address(), customer.address(), refunder.address());
        let mut wallet = EthereumWallet::from(shop.clone());
        wallet.register_signer(customer);
        let provider = tessera_contracts::connect_wallet(&anvil.url, wallet).expect("a provider");
        let chain_id = provider.get_chain_id().await.expect("chain id");
        let roles = Roles { refunder: refunder_address, ..Roles::all(shop_address) };
        let address = tessera_contracts::deploy(provider.clone(), roles).await.expect("TesseraPay deploys");
        let pay = TesseraPay::new(address, provider.clone());
        EthChain {
            anvil,
            provider,
            chain_id,
            shop: shop_address,
            customer: customer_address,
            refunder: refunder_address,
            operator: shop,
            pay,
        }
    }

    pub fn contract(&self) -> Address {
        *self.pay.address()
    }

    /// The contract's address as the configuration and the database hold it.
    pub fn contract_hex(&self) -> String {
        format!("{:#x}", self.contract())
    }

    /// The settings a shop on this chain (alone) would have.
    pub fn config(&self, confirmations: Confirmations, max_block_range: u64) -> EthSettings {
        EthSettings {
            operator: SHOP_KEY.parse().expect("dev key"),
            refund_signer: Some(REFUND_KEY.parse().expect("dev key")),
            rates: RateSourceSettings::Fixed(FixedRates::parse("ETH/EUR=2000,USDC/EUR=0.5").expect("rates")),
            rates_ttl: std::time::Duration::from_secs(60),
            poll_interval: std::time::Duration::from_secs(1),
            sandbox: false,
            chains: vec![self.chain_config("", confirmations, max_block_range)],
        }
    }

    /// This chain's settings under `key` (empty: the first chain; else pinned to its id).
    pub fn chain_config(
        &self,
        key: &str,
        confirmations: Confirmations,
        max_block_range: u64,
    ) -> EthChainSettings {
        EthChainSettings {
            key: key.to_string(),
            name: (!key.is_empty()).then(|| format!("Chain {key}")),
            rpc_url: SecretString::from(self.anvil.url.clone()),
            contract: self.contract(),
            tokens: Vec::new(),
            confirmations,
            start_block: 0,
            max_block_range,
            chain_id: (!key.is_empty()).then_some(self.chain_id),
            native_eth: true,
        }
    }

    /// A watcher of this chain's contract recording in `db`.
    pub fn watcher(&self, db: PgPool, confirmations: Confirmations, max_block_range: u64) -> EthWatcher {
        let config = self.config(confirmations, max_block_range);
        EthWatcher::new(db, &config, config.primary()).expect("a watcher")
    }

    /// Waits (up to five seconds) until the node has mined every transaction the refund wallet
    /// sent: anvil mines each as it arrives, but not always before it answers.
    pub async fn refunds_mined(&self) {
        for _ in 0..100 {
            let mined = self.provider.get_transaction_count(self.refunder).await.expect("nonce");
            let sent = self.provider.get_transaction_count(self.refunder).pending().await.expect("nonce");
            if mined == sent {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// The newest block's number.
    pub async fn head(&self) -> u64 {
        self.provider.get_block_number().await.expect("block number")
    }

    /// Mines `blocks` empty blocks.
    pub async fn mine(&self, blocks: u64) {
        let () =
            self.provider.raw_request("anvil_mine".into(), (U256::from(blocks),)).await.expect("anvil_mine");
    }

    /// A quote for the order known to the contract as `order_ref`, valid for an hour of the
    /// chain's clock, and the operator's signature over it.
    pub async fn sign(&self, order_ref: &str, token: Address, amount: U256) -> (Quote, Bytes) {
        let block =
            self.provider.get_block_by_number(Default::default()).await.expect("rpc").expect("a block");
        let quote = Quote {
            orderId: order_ref.parse::<B256>().expect("bytes32"),
            token,
            amount,
            deadline: U256::from(block.header.timestamp + 3600),
        };
        let signature = sign_quote(&self.operator, self.chain_id, self.contract(), &quote).expect("signing");
        (quote, signature)
    }

    /// Quotes `order_id` (whose total is `total_minor` EUR) `amount` base units of `asset` at
    /// `rate`, signs it and records it as the buy path does. Returns what was recorded and the
    /// signed quote.
    pub async fn quote_order(
        &self,
        db: &PgPool,
        order_id: Uuid,
        total_minor: i64,
        (asset, token, decimals): (&str, Address, i16),
        amount: U256,
        rate: &str,
    ) -> (EthQuote, Quote, Bytes) {
        let reference = order_ref(order_id);
        let (quote, signature) = self.sign(&reference, token, amount).await;
        let eth_quote = EthQuote {
            order_id,
            chain_id: i64::try_from(self.chain_id).expect("chain id"),
            contract: self.contract_hex(),
            order_ref: reference,
            asset: asset.to_string(),
            token: format!("{token:#x}"),
            decimals,
            amount: amount.to_string(),
            rate: rate.to_string(),
            currency: "EUR".into(),
            total_minor,
            deadline: chrono::Utc::now() + chrono::Duration::minutes(15),
            signature: format!("0x{}", alloy::hex::encode(&signature)),
        };
        let mut conn = db.acquire().await.expect("connection");
        assert!(record_quote(&mut conn, &eth_quote, "http://127.0.0.1/orders").await.expect("record quote"));
        (eth_quote, quote, signature)
    }

    /// The customer pays `quote` in ETH; returns the transaction's hash once it is mined
    /// (anvil mines each transaction into a block of its own as it arrives).
    pub async fn pay_eth(&self, quote: &Quote, signature: &Bytes) -> B256 {
        let call = self.pay.pay(quote.clone(), signature.clone()).value(quote.amount).from(self.customer);
        mined(call.send().await.expect("pay")).await
    }

    /// The customer pays `quote` in its token (approved beforehand, see [`EthChain::token`]).
    pub async fn pay_token(&self, quote: &Quote, signature: &Bytes) -> B256 {
        let call = self.pay.payToken(quote.clone(), signature.clone()).from(self.customer);
        mined(call.send().await.expect("payToken")).await
    }

    /// The customer pays `quote` in ETH without waiting for anything but the node's answer.
    pub async fn send_pay_eth(&self, quote: &Quote, signature: &Bytes) -> B256 {
        let call = self.pay.pay(quote.clone(), signature.clone()).value(quote.amount).from(self.customer);
        *call.send().await.expect("pay").tx_hash()
    }

    /// A USDT-like token ([`NoReturnToken`]), `amount` of it minted to the customer (approved
    /// for the contract) and as much to the refund wallet, which has already let the contract
    /// take one unit of it (an allowance left part-spent, which USDT will not change but
    /// through zero); allow-listed on the contract.
    pub async fn usdt(&self, amount: U256) -> Address {
        let token = NoReturnToken::deploy(self.provider.clone()).await.expect("NoReturnToken deploys");
        mined(token.mint(self.customer, amount).send().await.expect("mint")).await;
        mined(token.mint(self.refunder, amount).send().await.expect("mint")).await;
        mined(token.approve(self.contract(), U256::MAX).from(self.customer).send().await.expect("approve"))
            .await;
        let refunder = EthereumWallet::from(REFUND_KEY.parse::<PrivateKeySigner>().expect("dev key"));
        let wallet = tessera_contracts::connect_wallet(&self.anvil.url, refunder).expect("a provider");
        let from_refunder = NoReturnToken::new(*token.address(), wallet);
        mined(from_refunder.approve(self.contract(), U256::from(1u8)).send().await.expect("approve")).await;
        mined(self.pay.setTokenAllowed(*token.address(), true).from(self.shop).send().await.expect("allow"))
            .await;
        *token.address()
    }

    /// A demo 6-decimal token, `amount` of it minted to the customer (approved for the contract)
    /// and as much to the refund wallet (not approved: the refund wallet approves it itself),
    /// allow-listed on the contract.
    pub async fn token(&self, amount: U256) -> Address {
        let address = tessera_contracts::demo::deploy_token(self.provider.clone(), "USD Coin", "USDC")
            .await
            .expect("MockERC20 deploys");
        let token = MockERC20::new(address, self.provider.clone());
        mined(token.mint(self.customer, amount).send().await.expect("mint")).await;
        mined(token.mint(self.refunder, amount).send().await.expect("mint")).await;
        mined(token.approve(self.contract(), U256::MAX).from(self.customer).send().await.expect("approve"))
            .await;
        mined(self.pay.setTokenAllowed(address, true).from(self.shop).send().await.expect("allow")).await;
        address
    }
}

/// Waits for the node to mine the transaction (its receipt) and checks it did not revert.
async fn mined(pending: PendingTransactionBuilder<Ethereum>) -> B256 {
    let receipt = pending.get_receipt().await.expect("mined");
    assert!(receipt.status(), "the transaction reverted: {receipt:?}");
    receipt.transaction_hash
}

/// The order id as the contract takes it.
pub fn order_ref_b256(order_id: Uuid) -> B256 {
    order_ref(order_id).parse().expect("bytes32")
}

/// A customer account made straight in the database; returns its id.
pub async fn account(db: &PgPool) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into account (account_id, email, name, password_hash, email_verified_at) values ($1, $2, 'Eth Buyer', $3, now())",
    )
    .bind(id)
    .bind(crate::unique_email("eth"))
    // Nobody logs in with it: any well-formed hash.
    .bind("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")
    .execute(db)
    .await
    .expect("insert account");
    id
}

/// Places an order of `quantity` tickets of the ticket type, to be paid in ETH (or a token,
/// which takes the same path); returns its id and total.
pub async fn place_eth_order(
    db: &PgPool,
    account_id: Uuid,
    event_id: Uuid,
    ticket_type: Uuid,
    quantity: i32,
) -> (Uuid, i64) {
    use tessera_core::order::{BuyItem, NewOrder, PaymentMethod, place_order};
    let items = [BuyItem { ticket_type_id: ticket_type, quantity }];
    let placed = place_order(
        db,
        &NewOrder {
            account_id,
            event_id,
            items: &items,
            method: PaymentMethod::Eth,
            idempotency_key: None,
            hold: chrono::Duration::minutes(15),
            max_open_orders: 100,
            locale: "en",
        },
    )
    .await
    .expect("order placed");
    let fresh = placed.fresh.expect("a new order");
    (placed.order_id, fresh.total_minor)
}
