//! Our BTCPay Greenfield client against a fake server that checks both directions against
//! the vendor's OpenAPI schemas (BTCPay Server v2.4.1).

use secrecy::SecretString;
use serde_json::json;
use tessera_core::money::parse_decimal;
use tessera_payments::btcpay::{
    AdditionalStatus, BtcPayClient, BtcPayError, CheckoutOptions, CreateInvoice, InvoiceMetadata,
    InvoiceStatus, PaymentStatus, SpeedPolicy,
};
use tessera_tests::btcpay_fake::FakeBtcPay;
use tessera_tests::btcpay_spec::BtcPaySpec;

fn client(fake: &FakeBtcPay) -> BtcPayClient {
    BtcPayClient::new(fake.url.clone(), SecretString::from(fake.api_key.clone()), fake.store_id.clone())
        .unwrap()
}

fn request(order_id: &str, amount: &str) -> CreateInvoice {
    CreateInvoice {
        amount: amount.into(),
        currency: "EUR".into(),
        metadata: InvoiceMetadata {
            order_id: Some(order_id.into()),
            buyer_email: Some("ana@example.org".into()),
            item_desc: Some("2 × General, Noite de Fado".into()),
            ..Default::default()
        },
        checkout: CheckoutOptions {
            speed_policy: Some(SpeedPolicy::MediumSpeed),
            expiration_minutes: Some(15),
            redirect_url: Some(format!("http://127.0.0.1:8080/orders/{order_id}")),
            redirect_automatically: Some(true),
            payment_tolerance: Some(0.0),
            payment_methods: Some(vec!["BTC-CHAIN".into()]),
        },
    }
}

#[tokio::test]
async fn invoices_are_created_found_by_order_and_read_back_as_the_spec_says() {
    let fake = FakeBtcPay::start().await;
    let btcpay = client(&fake);

    let created = btcpay.create_invoice(&request("order-1", "36.00")).await.unwrap();
    assert_eq!(created.status, InvoiceStatus::New);
    assert_eq!(created.additional_status, AdditionalStatus::None);
    assert_eq!((created.amount.as_str(), created.currency.as_str()), ("36.00", "EUR"));
    assert_eq!(created.order_id(), Some("order-1"));
    assert_eq!(
        created.checkout_link.as_deref(),
        Some(format!("{}/i/{}", fake.url.as_str().trim_end_matches('/'), created.id).as_str())
    );
    assert_eq!(created.expiration_time - created.created_time, 15 * 60);
    // What we sent carried the metadata and checkout settings under the spec's names.
    let stored = &fake.invoices()[0];
    assert_eq!(stored["metadata"]["orderId"], "order-1");
    assert_eq!(stored["metadata"]["buyerEmail"], "ana@example.org");
    assert_eq!(stored["checkout"]["redirectURL"], "http://127.0.0.1:8080/orders/order-1");
    assert_eq!(stored["checkout"]["speedPolicy"], "MediumSpeed");

    btcpay.create_invoice(&request("order-2", "10.00")).await.unwrap();
    let found = btcpay.invoices_for_order("order-1").await.unwrap();
    assert_eq!(found.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), vec![created.id.as_str()]);
    assert!(btcpay.invoices_for_order("order-3").await.unwrap().is_empty());

    let read = btcpay.invoice(&created.id).await.unwrap().expect("the invoice");
    assert_eq!(read, created);
    assert_eq!(btcpay.invoice("NoSuchInvoice").await.unwrap(), None);
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn payments_read_back_in_exact_units_and_unknown_statuses_are_kept() {
    let fake = FakeBtcPay::start().await;
    let btcpay = client(&fake);
    let invoice = btcpay.create_invoice(&request("order-9", "36.00")).await.unwrap();
    let outpoint = format!("{}-1", "ab".repeat(32));
    fake.pay(&invoice.id, &outpoint, "0.00050000", "Processing");
    fake.pay(&invoice.id, &format!("{}-0", "cd".repeat(32)), "0.00022000", "Settled");

    let methods = btcpay.payment_methods(&invoice.id).await.unwrap();
    assert_eq!(methods.len(), 1);
    let chain = &methods[0];
    assert_eq!((chain.payment_method_id.as_str(), chain.currency.as_str()), ("BTC-CHAIN", "BTC"));
    // 36.00 EUR at 50,000.00 EUR/BTC is 72,000 sats, paid in full by the two payments.
    assert_eq!(parse_decimal(&chain.amount, 8), Some(72_000));
    assert_eq!(parse_decimal(&chain.total_paid, 8), Some(72_000));
    assert_eq!(parse_decimal(&chain.due, 8), Some(0));
    assert_eq!(chain.payments.len(), 2);
    assert_eq!(chain.payments[0].id, outpoint);
    assert_eq!(chain.payments[0].status, PaymentStatus::Processing);
    assert_eq!(parse_decimal(&chain.payments[0].value, 8), Some(50_000));
    assert_eq!(chain.payments[0].destination, chain.destination);

    // A status this version of the spec does not know is kept, not refused.
    fake.set_status(&invoice.id, "Settled", "PaidOver");
    assert_eq!(
        btcpay.invoice(&invoice.id).await.unwrap().unwrap().additional_status,
        AdditionalStatus::PaidOver
    );
    let parsed: tessera_payments::btcpay::Invoice = serde_json::from_value(json!({
        "id": "x", "amount": "1.00", "currency": "EUR", "createdTime": 1, "expirationTime": 2,
        "status": "Frozen", "additionalStatus": "Something"
    }))
    .unwrap();
    assert_eq!(parsed.status, InvoiceStatus::Other("Frozen".into()));
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn refusals_and_outages_are_told_apart() {
    let fake = FakeBtcPay::start().await;
    let btcpay = client(&fake);

    let wrong_key =
        BtcPayClient::new(fake.url.clone(), SecretString::from("nope".to_string()), fake.store_id.clone())
            .unwrap();
    match wrong_key.create_invoice(&request("o", "1.00")).await {
        Err(BtcPayError::Rejected { status: 401, code, .. }) => {
            assert_eq!(code.as_deref(), Some("unauthenticated"))
        }
        other => panic!("{other:?}"),
    }

    fake.fail_next(400, Some(json!([{"path": "amount", "message": "Amount should be greater than 0"}])));
    match btcpay.create_invoice(&request("o", "0")).await {
        Err(BtcPayError::Rejected { status: 400, message, .. }) => {
            assert!(message.contains("amount: Amount should be greater than 0"))
        }
        other => panic!("{other:?}"),
    }

    fake.fail_next(503, None);
    let down = btcpay.invoice("x").await.unwrap_err();
    assert!(down.is_unavailable(), "{down:?}");

    fake.fail_next(200, Some(json!({"unexpected": true})));
    assert!(matches!(btcpay.invoice("x").await, Err(BtcPayError::Malformed(_))));

    let nowhere =
        BtcPayClient::new("http://127.0.0.1:9".parse().unwrap(), SecretString::from("k".to_string()), "s")
            .unwrap();
    assert!(nowhere.invoices_for_order("o").await.unwrap_err().is_unavailable());
}

#[test]
fn the_spec_validator_refuses_what_btcpay_would() {
    let spec = BtcPaySpec::load();
    let good = json!({"amount": "25.00", "currency": "EUR",
        "metadata": {"orderId": "o", "buyerEmail": "a@b.c"},
        "checkout": {"speedPolicy": "MediumSpeed", "expirationMinutes": 15, "redirectURL": "https://x/o", "defaultPaymentMethod": null}});
    assert_eq!(spec.check("CreateInvoiceRequest", &good), Ok(()));
    for bad in [
        json!({"amount": 25.0, "currency": "EUR"}),
        json!({"amount": "25,00", "currency": "EUR"}),
        json!({"amount": "1", "checkout": {"redirectUrl": "x"}}),
        json!({"amount": "1", "checkout": {"speedPolicy": "Warp"}}),
        json!({"amount": "1", "surprise": true}),
    ] {
        assert!(spec.check("CreateInvoiceRequest", &bad).is_err(), "{bad}");
    }
    assert!(spec.check("InvoiceData", &json!({"status": "Paid"})).is_err());
    assert!(spec.check("InvoiceData", &json!({"createdTime": "yesterday"})).is_err());
}

fn checkout_request(
    order_id: uuid::Uuid,
    currency: &str,
    unit: i64,
    quantity: i32,
) -> tessera_payments::CheckoutRequest {
    tessera_payments::CheckoutRequest {
        order_id,
        customer_email: "ana@example.org".into(),
        currency: currency.into(),
        line_items: vec![tessera_payments::LineItem {
            name: "Noite de Fado — General".into(),
            unit_amount_minor: unit,
            quantity,
        }],
        success_url: format!("http://127.0.0.1:8080/orders/{order_id}?checkout=success"),
        cancel_url: format!("http://127.0.0.1:8080/orders/{order_id}?checkout=cancelled"),
        expires_at: chrono::Utc::now() + chrono::Duration::minutes(15),
        delayed_methods: false,
        attempt: None,
    }
}

#[tokio::test]
async fn a_checkout_is_one_invoice_per_order_however_often_it_is_opened() {
    use tessera_payments::CheckoutProvider as _;
    let fake = FakeBtcPay::start().await;
    let provider = tessera_payments::btcpay::BtcPayCheckout::new(client(&fake), SpeedPolicy::MediumSpeed);
    let order = uuid::Uuid::now_v7();

    let first = provider.create(&checkout_request(order, "EUR", 1800, 2)).await.unwrap();
    let again = provider.create(&checkout_request(order, "EUR", 1800, 2)).await.unwrap();
    assert_eq!(first, again, "a retry reuses the invoice");
    let invoices = fake.invoices();
    assert_eq!(invoices.len(), 1);
    let invoice = &invoices[0];
    assert_eq!(
        first.url,
        invoice["checkoutLink"].as_str().unwrap(),
        "the checkout link exactly as BTCPay gave it"
    );
    assert_eq!((invoice["amount"].as_str(), invoice["currency"].as_str()), (Some("36.00"), Some("EUR")));
    assert_eq!(invoice["metadata"]["orderId"], order.to_string());
    assert_eq!(invoice["metadata"]["buyerEmail"], "ana@example.org");
    assert_eq!(invoice["metadata"]["orderUrl"], format!("http://127.0.0.1:8080/orders/{order}"));
    assert_eq!(invoice["checkout"]["expirationMinutes"], 15);
    assert_eq!(invoice["checkout"]["paymentTolerance"], 0.0, "an invoice paid short is not paid");
    assert_eq!(
        invoice["checkout"]["paymentMethods"],
        serde_json::json!(["BTC-CHAIN"]),
        "only what finance records receipts for"
    );
    assert_eq!(
        invoice["checkout"]["redirectURL"],
        format!("http://127.0.0.1:8080/orders/{order}?checkout=success")
    );

    // Once that invoice can no longer be paid, the next attempt gets a new one.
    fake.set_status(&first.id, "Expired", "None");
    let fresh = provider.create(&checkout_request(order, "EUR", 1800, 2)).await.unwrap();
    assert_ne!(fresh.id, first.id);

    // Currencies without minor units are sent as whole numbers.
    provider.create(&checkout_request(uuid::Uuid::now_v7(), "JPY", 3500, 1)).await.unwrap();
    assert_eq!(fake.invoices().last().unwrap()["amount"], "3500");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn closing_a_checkout_never_invalidates_an_invoice_money_may_still_reach() {
    use tessera_payments::{CheckoutProvider as _, ExpireOutcome};
    let fake = FakeBtcPay::start().await;
    let provider = tessera_payments::btcpay::BtcPayCheckout::new(client(&fake), SpeedPolicy::HighSpeed);

    // Still open (a cancelled order): it ends at its own time, so ask again later.
    let open = provider.create(&checkout_request(uuid::Uuid::now_v7(), "EUR", 1000, 1)).await.unwrap();
    assert!(matches!(provider.expire(&open.id).await, Err(tessera_payments::PaymentError::Unavailable(_))));
    fake.expire_now(&open.id);
    assert_eq!(provider.expire(&open.id).await.unwrap(), ExpireOutcome::AlreadyExpired);
    fake.set_status(&open.id, "Expired", "None");
    assert_eq!(provider.expire(&open.id).await.unwrap(), ExpireOutcome::AlreadyExpired);
    assert_eq!(fake.invoices()[0]["status"], "Expired", "never marked invalid by us");

    let seen = provider.create(&checkout_request(uuid::Uuid::now_v7(), "EUR", 1000, 1)).await.unwrap();
    fake.set_status(&seen.id, "Processing", "None");
    assert_eq!(provider.expire(&seen.id).await.unwrap(), ExpireOutcome::AlreadyCompleted);
    assert_eq!(provider.expire("NoSuchInvoice").await.unwrap(), ExpireOutcome::AlreadyExpired);

    fake.fail_next(503, None);
    assert!(matches!(provider.expire(&seen.id).await, Err(tessera_payments::PaymentError::Unavailable(_))));
    assert_eq!(fake.violations(), Vec::<String>::new());
}
