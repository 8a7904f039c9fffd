//! The BTCPay sandbox end to end: our production client, webhook handler and poller against
//! the sandbox's Greenfield API over real HTTP, everything it answers and every webhook it
//! sends checked against the vendor's schemas, and a person's clicks on its checkout page
//! carried through to the order.

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_payments::btcpay::sandbox::SandboxBtcAction;
use tessera_tests::btcpay_spec::BtcPaySpec;
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

pub(crate) async fn sandboxed(db: PgPool) -> TestApp {
    TestApp::served(db, &[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_BTCPAY_POLL_SECONDS", "3600")]).await
}

/// A bitcoin order for `quantity` tickets at 10.00: (order, invoice id, the buyer's cookie).
async fn bought(app: &TestApp, quantity: i32) -> (Uuid, String, String) {
    let event = app
        .insert_event(&sample_event(&format!("sbx-{}", Uuid::new_v4().simple()), "Fado em Bitcoin", 20))
        .await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body =
        json!({"items": [{"ticket_type_id": ticket_type, "quantity": quantity}], "payment_method": "btc"});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let body = response.json();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    let public = app.state.config.public_url.as_str().trim_end_matches('/').to_string();
    assert_eq!(body["payment"]["redirect_url"], format!("{public}/sandbox/btcpay/i/{invoice}"));
    (body["order_id"].as_str().unwrap().parse().unwrap(), invoice, buyer)
}

/// A button on the sandbox's checkout page.
pub(crate) async fn click(app: &TestApp, invoice: &str, action: &str) {
    let response = app.post_form(&format!("/sandbox/btcpay/i/{invoice}/{action}"), &[], None).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{action}: {}", response.text());
}

pub(crate) async fn confirmation(app: &TestApp, order: Uuid, buyer: &str) -> Value {
    app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), buyer).await.json()
}

/// Waits (up to ten seconds) until the order's confirmation satisfies `done`, as the
/// sandbox's webhooks arrive in the background.
pub(crate) async fn wait_for(
    app: &TestApp,
    order: Uuid,
    buyer: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..200 {
        let seen = confirmation(app, order, buyer).await;
        if done(&seen) {
            return seen;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("order {order} never got {what}: {}", confirmation(app, order, buyer).await);
}

/// GETs one of the sandbox's Greenfield routes over HTTP, as BTCPay's clients would.
pub(crate) async fn greenfield(app: &TestApp, path: &str, key: &str) -> (StatusCode, Value) {
    let url = app.state.config.public_url.join(&format!("sandbox/btcpay/api/v1/{path}")).unwrap();
    let response =
        reqwest::Client::new().get(url).header("authorization", format!("token {key}")).send().await.unwrap();
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Checks what the sandbox answers about the invoice against the vendor's schemas.
async fn check_greenfield_answers(app: &TestApp, invoice: &str, order: Uuid) {
    let spec = BtcPaySpec::load();
    let (status, data) = greenfield(app, &format!("invoices/{invoice}"), &sandbox_key(app)).await;
    assert_eq!(status, StatusCode::OK);
    spec.check("InvoiceData", &data).unwrap();
    let store = &app.state.btcpay_settings.as_ref().unwrap().store_id;
    let (_, list) =
        greenfield(app, &format!("stores/{store}/invoices?orderId={order}"), &sandbox_key(app)).await;
    spec.check("InvoiceDataList", &list).unwrap();
    assert_eq!(list[0]["id"], invoice);
    let (_, methods) = greenfield(
        app,
        &format!("invoices/{invoice}/payment-methods?onlyAccountedPayments=false"),
        &sandbox_key(app),
    )
    .await;
    for method in methods.as_array().unwrap() {
        spec.check("InvoicePaymentMethodDataModel", method).unwrap();
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_person_pays_a_sandbox_invoice_and_the_order_is_paid_once_it_confirms(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 2).await;
    let page = app.get(&format!("/sandbox/btcpay/i/{invoice}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Sandbox.") && page.text().contains("Pay what is missing"));
    check_greenfield_answers(&app, &invoice, order).await;

    click(&app, &invoice, "pay").await;
    let seen = wait_for(&app, order, &buyer, "a payment seen", |c| c["payment"]["detected"] == true).await;
    assert_eq!(seen["status"], "pending_payment");
    let order_page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(order_page.contains("waiting for confirmations"), "{order_page}");

    click(&app, &invoice, "confirm").await;
    let paid = wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    // 20.00 EUR at the sandbox's 55,000.00 a bitcoin: 36,364 sats, rounded up.
    let transactions = paid["payment"]["transactions"].as_array().unwrap();
    assert_eq!(transactions.len(), 1, "{paid}");
    assert_eq!(
        (transactions[0]["amount_sat"].as_i64(), transactions[0]["status"].as_str()),
        (Some(36_364), Some("settled"))
    );
    check_greenfield_answers(&app, &invoice, order).await;
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_webhook_the_sandbox_sends_is_one_btcpay_documents_and_moves_the_order(db: PgPool) {
    let app = sandboxed(db).await;
    let sandbox = app.state.btcpay_sandbox.clone().unwrap();
    let spec = BtcPaySpec::load();
    let mut kinds = Vec::new();
    let mut deliver = async |invoice: &str, action: SandboxBtcAction| {
        let (_, events) = sandbox.act(invoice, action).await.unwrap().unwrap();
        for event in events {
            let body: Value = serde_json::from_str(&event.body).unwrap();
            let kind = body["type"].as_str().unwrap().to_string();
            spec.check(&format!("Webhook{kind}Event"), &body).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
            let response = send_signed(&app, &event.body, &event.signature).await;
            assert_eq!(response.status, StatusCode::OK, "{kind}: {}", response.text());
            kinds.push(kind);
        }
    };

    let (paid, invoice, _) = bought(&app, 1).await;
    deliver(&invoice, SandboxBtcAction::PayPart).await;
    deliver(&invoice, SandboxBtcAction::PayInFull).await;
    deliver(&invoice, SandboxBtcAction::Confirm).await;
    let (expired, invoice, _) = bought(&app, 1).await;
    deliver(&invoice, SandboxBtcAction::Expire).await;
    let (invalid, invoice, _) = bought(&app, 1).await;
    deliver(&invoice, SandboxBtcAction::MarkInvalid).await;
    for kind in [
        "InvoiceReceivedPayment",
        "InvoiceProcessing",
        "InvoicePaymentSettled",
        "InvoiceSettled",
        "InvoiceExpired",
        "InvoiceInvalid",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} was sent: {kinds:?}");
    }
    assert_eq!(app.order_status(paid).await, "paid");
    assert_eq!(app.order_status(expired).await, "expired");
    assert_eq!(app.order_status(invalid).await, "failed");
}

async fn send_signed(app: &TestApp, body: &str, signature: &str) -> TestResponse {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    headers.insert("btcpay-sig", signature.parse().unwrap());
    app.send(axum::http::Method::POST, "/webhooks/btcpay", headers, axum::body::Body::from(body.to_string()))
        .await
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_part_paid_invoice_that_expires_is_refunded_in_full(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 1).await;
    click(&app, &invoice, "pay-part").await;
    let part =
        wait_for(&app, order, &buyer, "a part payment", |c| c["payment"]["missing_minor"].as_i64() > Some(0))
            .await;
    assert_eq!(
        part["payment"]["seen_minor"].as_i64().unwrap() + part["payment"]["missing_minor"].as_i64().unwrap(),
        1000
    );
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("is still missing"), "{page}");

    click(&app, &invoice, "expire").await;
    let closed = wait_for(&app, order, &buyer, "expiry", |c| c["status"] == "expired").await;
    assert_eq!(closed["payment"]["refund_reason"], "partial_payment");
    assert_eq!(closed["payment"]["status"], "refund_due");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_too_much_pays_the_order_and_lists_the_excess(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 1).await;
    click(&app, &invoice, "pay-too-much").await;
    click(&app, &invoice, "confirm").await;
    let paid = wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    assert_eq!(paid["payment"]["overpaid_minor"], 100, "a tenth of 10.00 more: {paid}");
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("more than the order"), "{page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_late_payment_is_honoured_once_confirmed_while_tickets_remain(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 1).await;
    click(&app, &invoice, "expire").await;
    wait_for(&app, order, &buyer, "expiry", |c| c["status"] == "expired").await;
    click(&app, &invoice, "pay").await;
    wait_for(&app, order, &buyer, "the late payment seen", |c| {
        !c["payment"]["transactions"].as_array().unwrap().is_empty()
    })
    .await;
    assert_eq!(app.order_status(order).await, "expired", "not before it confirms");
    click(&app, &invoice, "confirm").await;
    let paid = wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    assert_eq!(paid["status_reason"], "paid_late");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_replaced_transaction_puts_the_order_back_to_waiting_for_payment(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 1).await;
    click(&app, &invoice, "pay").await;
    wait_for(&app, order, &buyer, "a payment seen", |c| c["payment"]["detected"] == true).await;
    // BTCPay sends no webhook for a replacement: the poller finds it.
    click(&app, &invoice, "replace").await;
    let watcher = app.state.btc_settlement.clone().unwrap();
    tessera_chain_watcher::btcpay::poll_once(&watcher).await.unwrap();
    let waiting = confirmation(&app, order, &buyer).await;
    assert_eq!(
        (waiting["status"].as_str(), waiting["payment"]["detected"].as_bool()),
        (Some("pending_payment"), Some(false))
    );
    assert_eq!(waiting["payment"]["transactions"][0]["status"], "invalid", "{waiting}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_sandbox_is_only_there_when_asked_for_and_only_with_its_key(db: PgPool) {
    let plain = TestApp::new(db.clone());
    assert_eq!(plain.get("/sandbox/btcpay/i/Sbx1234").await.status, StatusCode::NOT_FOUND);
    assert_eq!(plain.get("/sandbox/btcpay/api/v1/invoices/Sbx1234").await.status, StatusCode::NOT_FOUND);

    let app = sandboxed(db).await;
    let (order, invoice, _) = bought(&app, 1).await;
    let (status, body) = greenfield(&app, &format!("invoices/{invoice}"), "wrong-key").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    BtcPaySpec::load().check("ProblemDetails", &body).unwrap();
    let (status, body) = greenfield(&app, "invoices/SbxNoSuchInvoice", &sandbox_key(&app)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    BtcPaySpec::load().check("ProblemDetails", &body).unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment");

    // Creating: what BTCPay answers, for a good request and for a bad one.
    let store = &app.state.btcpay_settings.as_ref().unwrap().store_id;
    let url =
        app.state.config.public_url.join(&format!("sandbox/btcpay/api/v1/stores/{store}/invoices")).unwrap();
    let create = |body: Value| {
        reqwest::Client::new()
            .post(url.clone())
            .header("authorization", format!("token {}", sandbox_key(&app)))
            .json(&body)
            .send()
    };
    let request = json!({"amount": "12.50", "currency": "EUR", "metadata": {"orderId": "elsewhere"},
        "checkout": {"expirationMinutes": 15}});
    BtcPaySpec::load().check("CreateInvoiceRequest", &request).unwrap();
    let made = create(request).await.unwrap();
    assert_eq!(made.status().as_u16(), 200);
    let made: Value = made.json().await.unwrap();
    BtcPaySpec::load().check("InvoiceData", &made).unwrap();
    assert_eq!((made["amount"].as_str(), made["status"].as_str()), (Some("12.50"), Some("New")));
    let refused = create(json!({"amount": "twelve", "currency": "EUR"})).await.unwrap();
    assert_eq!(refused.status().as_u16(), 422);
    BtcPaySpec::load().check("ValidationProblemDetails", &refused.json().await.unwrap()).unwrap();
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_bitcoin_refund_is_a_pull_payment_the_customer_claims_and_is_followed_until_paid_out(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer) = bought(&app, 2).await;
    click(&app, &invoice, "pay").await;
    click(&app, &invoice, "confirm").await;
    wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    let tickets: Vec<Uuid> =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    let admin = app.sign_in(true).await;
    let refund = |key: &'static str, body: Value| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
            headers.insert(axum::http::header::COOKIE, admin.parse().unwrap());
            headers.insert("idempotency-key", key.parse().unwrap());
            app.send(
                axum::http::Method::POST,
                &format!("/api/admin/orders/{order}/refunds"),
                headers,
                body.to_string().into(),
            )
            .await
        }
    };

    // One ticket of two: 10.00 EUR at the invoice's rate, in satoshis, rounded down.
    let one = refund("btc-one", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(one.status, StatusCode::CREATED, "{}", one.text());
    let body = one.json();
    assert_eq!(
        (body["rail"].as_str(), body["asset"].as_str(), body["decimals"].as_i64()),
        (Some("btc"), Some("BTC"), Some(8))
    );
    assert_eq!(body["amount"], "18181", "10.00 EUR at 55,000.00 a bitcoin");
    assert_eq!(body["status"], "sent", "a pull payment the customer claims");
    let claim = body["claim_url"].as_str().unwrap().to_string();
    let pull = body["provider_ref"].as_str().unwrap().to_string();
    // What we sent and what the sandbox answered are what BTCPay documents.
    let spec = BtcPaySpec::load();
    for payout_methods in [None, Some(vec!["BTC-LN".to_string(), "BTC-CHAIN".to_string()])] {
        let request = serde_json::to_value(tessera_payments::btcpay::RefundInvoice {
            name: "Refund".into(),
            description: "Tessera refund".into(),
            refund_variant: "Custom".into(),
            custom_amount: "0.00018181".into(),
            custom_currency: "BTC".into(),
            payout_methods,
        })
        .unwrap();
        spec.check("RefundInvoiceRequest", &request).unwrap();
    }

    // The rest cannot exceed what the invoice received.
    let too_much = refund("btc-too-much", json!({"amount_minor": 1001})).await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_much.text());

    // The customer's order page offers the claim; they claim with an address.
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("Claim your refund"), "{page}");
    let claim_path = claim.split_once("/sandbox/").map(|(_, rest)| format!("/sandbox/{rest}")).unwrap();
    let claim_page = app.get(&claim_path).await;
    assert_eq!(claim_page.status, StatusCode::OK);
    assert!(claim_page.text().contains("Claim 0.00018181 BTC"), "{}", claim_page.text());
    let nothing = app.post_form(&claim_path, &[("destination", " ")], None).await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(tessera_api::refunds::follow_btc_claims(&app.state).await.unwrap(), 0, "not claimed yet");
    let claimed = app
        .post_form(&claim_path, &[("destination", "bcrt1qcustomeraddress0000000000000000000")], None)
        .await;
    assert_eq!(claimed.status, StatusCode::SEE_OTHER, "{}", claimed.text());
    let (status, payouts) = greenfield(&app, &format!("pull-payments/{pull}/payouts"), "").await;
    assert_eq!(status, StatusCode::OK);
    spec.check("PayoutData", &payouts[0]).unwrap();

    // Followed until paid out: succeeded, with the transaction; the ticket is void.
    assert_eq!(tessera_api::refunds::follow_btc_claims(&app.state).await.unwrap(), 1);
    let (status_now, txid): (String, Option<String>) =
        sqlx::query_as("select status, payout_txid from refund where provider_ref = $1")
            .bind(&pull)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status_now, "succeeded");
    assert_eq!(txid.map(|t| t.len()), Some(64));
    assert_eq!(tessera_api::refunds::follow_btc_claims(&app.state).await.unwrap(), 0, "once");
    assert_eq!(app.order_status(order).await, "paid", "one ticket of two");

    // The rest: everything the invoice received less what went back. BTCPay made its pull
    // payment on a first attempt whose answer was lost: the retry takes that one, not a second.
    let ticket = tickets[1];
    let ask = tessera_core::refund::OrderRefund {
        order_id: order,
        scope: tessera_core::refund::Scope::Order,
        cause: tessera_core::refund::RefundCause::Admin,
        requested_by: None,
        by_admin: false,
        idempotency_key: "btc-rest".into(),
        override_checked_in: false,
        fee_minor: 0,
    };
    let (rest, _) = tessera_core::refund::request_for_order(&app.db, &ask).await.unwrap();
    assert_eq!(rest.amount, (36_364 - 18_181).to_string());
    assert_eq!(rest.ticket_ids, vec![ticket]);
    let sandbox = app.state.btcpay_sandbox.clone().unwrap();
    let lost = sandbox
        .refund_invoice(
            &invoice,
            &json!({"name": format!("Tessera refund {}", rest.id), "refundVariant": "Custom",
                    "customAmount": "0.00018183", "customCurrency": "BTC"}),
        )
        .await
        .unwrap()
        .unwrap();
    let (status, listed) = greenfield(
        &app,
        "stores/{store}/pull-payments".replace("{store}", &sandbox.store_id).as_str(),
        &sandbox_key(&app),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    spec.check("PullPaymentDataList", &listed).unwrap();
    let sent = tessera_api::refunds::send(&app.state, rest.id).await.unwrap();
    assert_eq!(sent.provider_ref.as_deref(), lost["id"].as_str(), "the pull payment made before");
    // The sandbox's store is shared by every test: count this refund's pull payments only.
    let name = format!("Tessera refund {}", rest.id);
    let ours =
        sandbox.pull_payments().await.unwrap().into_iter().filter(|p| p["name"] == name.as_str()).count();
    assert_eq!(ours, 1, "one pull payment for the refund, not two");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn bitcoin_for_no_order_of_ours_goes_back_as_a_pull_payment_from_the_refunds_list(db: PgPool) {
    use tessera_payments::btcpay::{CheckoutOptions, CreateInvoice, InvoiceMetadata};
    let app = sandboxed(db).await;
    // An invoice of the store that names an order we never had (made by hand in BTCPay, say).
    let settlement = app.state.btc_settlement.clone().unwrap();
    let stranger = Uuid::now_v7().to_string();
    let invoice = settlement
        .client
        .create_invoice(&CreateInvoice {
            amount: "10.00".into(),
            currency: "EUR".into(),
            metadata: InvoiceMetadata { order_id: Some(stranger.clone()), ..Default::default() },
            checkout: CheckoutOptions { payment_tolerance: Some(0.0), ..Default::default() },
        })
        .await
        .unwrap();
    click(&app, &invoice.id, "pay").await;
    click(&app, &invoice.id, "confirm").await;
    settlement.sync(None, &invoice.id).await.unwrap();
    let admin = app.sign_in(true).await;
    let listed = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let unmatched = listed["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["provider_ref"] == invoice.id.as_str())
        .unwrap_or_else(|| panic!("listed: {listed}"))
        .clone();
    let id = unmatched["unmatched_payment_id"].as_str().unwrap().to_string();
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains(&format!("/admin/refunds/unmatched/{id}")), "a button: {page}");

    let mut headers = axum::http::HeaderMap::new();
    headers.insert(axum::http::header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", "btc-unmatched".parse().unwrap());
    let path = format!("/api/admin/unmatched/{id}/refund");
    let asked = app.send(axum::http::Method::POST, &path, headers.clone(), axum::body::Body::empty()).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let body = asked.json();
    // Everything the invoice settled, in satoshis: 10.00 EUR at 55,000.00 a bitcoin.
    assert_eq!((body["rail"].as_str(), body["amount"].as_str()), (Some("btc"), Some("18182")));
    assert_eq!(body["status"], "sent");
    let claim = body["claim_url"].as_str().unwrap().to_string();
    // Nobody to email: the admin sees the claim link to pass on.
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains(&format!("Claim link for the payer: {claim}")), "{page}");
    let again = app.send(axum::http::Method::POST, &path, headers, axum::body::Body::empty()).await;
    assert_eq!((again.status, again.json()["id"].clone()), (StatusCode::OK, body["id"].clone()));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_invoice_naming_a_card_order_or_from_another_store_changes_nothing(db: PgPool) {
    use tessera_payments::btcpay::{CheckoutOptions, CreateInvoice, InvoiceMetadata};
    let app = sandboxed(db).await;
    let event = app.insert_event(&sample_event("rails-card", "Fado por Cartão", 20)).await;
    let (card_order, _, _) = app.paid_order(event, 1).await;
    // A card order still waiting for its payment.
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let pending = app.buy(&buyer, event, &[(ticket_type, 2)], None).await.json();
    let pending: Uuid = pending["order_id"].as_str().unwrap().parse().unwrap();

    let settlement = app.state.btc_settlement.clone().unwrap();
    let invoice_for = |order: Uuid, amount: &str| CreateInvoice {
        amount: amount.into(),
        currency: "EUR".into(),
        metadata: InvoiceMetadata { order_id: Some(order.to_string()), ..Default::default() },
        checkout: CheckoutOptions { payment_tolerance: Some(0.0), ..Default::default() },
    };
    // An invoice that expires naming the waiting card order does not close it.
    let expiring = settlement.client.create_invoice(&invoice_for(pending, "20.00")).await.unwrap();
    click(&app, &expiring.id, "expire").await;
    settlement.sync(None, &expiring.id).await.unwrap();
    assert_eq!(app.order_status(pending).await, "pending_payment");
    // One paid in full for it does not pay it: the bitcoin is due back, on the wrong rail.
    let paying = settlement.client.create_invoice(&invoice_for(pending, "20.00")).await.unwrap();
    click(&app, &paying.id, "pay").await;
    // Seen, not confirmed: it holds nothing, and its money is not recorded yet (once, below).
    settlement.sync(None, &paying.id).await.unwrap();
    settlement.sync(None, &paying.id).await.unwrap();
    let unmatched: i64 =
        sqlx::query_scalar("select count(*) from unmatched_payment").fetch_one(&app.db).await.unwrap();
    assert_eq!(unmatched, 0);
    let detected: bool =
        sqlx::query_scalar("select payment_detected from customer_order where order_id = $1")
            .bind(pending)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(!detected);
    click(&app, &paying.id, "confirm").await;
    settlement.sync(None, &paying.id).await.unwrap();
    assert_eq!(app.order_status(pending).await, "pending_payment");
    let (status, reason): (String, String) = sqlx::query_as(
        "select status, refund_reason from payment where order_id = $1 and provider = 'btcpay' and provider_ref = $2",
    )
    .bind(pending)
    .bind(&paying.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("refund_due", "wrong_rail"));
    assert_eq!(app.order_status(card_order).await, "paid");

    // A webhook of another store (same secret) is acknowledged and changes nothing.
    let other_store = serde_json::json!({
        "deliveryId": format!("dlv-{}", Uuid::new_v4().simple()),
        "webhookId": "wh-other",
        "isRedelivery": false,
        "type": "InvoiceExpired",
        "timestamp": 1_700_000_000,
        "storeId": "SomeoneElsesStore",
        "invoiceId": expiring.id,
        "manuallyMarked": false,
    })
    .to_string();
    use secrecy::ExposeSecret as _;
    let secret = app.state.btcpay_settings.as_ref().unwrap().webhook_secret.expose_secret().to_string();
    let signature = tessera_payments::btcpay::webhook::sign(other_store.as_bytes(), &secret);
    let answered = send_signed(&app, &other_store, &signature).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.text());
    let claimed: i64 = sqlx::query_scalar("select count(*) from webhook_inbox where event_id like 'dlv-%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(claimed, 0, "another store's delivery is not even counted");
    assert_eq!(app.order_status(pending).await, "pending_payment");
}

/// The sandbox's Greenfield API key: made up at start, as the app was configured.
pub(crate) fn sandbox_key(app: &TestApp) -> String {
    use secrecy::ExposeSecret as _;
    app.state.btcpay_settings.as_ref().expect("the sandbox").api_key.expose_secret().to_string()
}
