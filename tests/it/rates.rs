//! Exchange rates over HTTP, from a source in the shape of Coinbase's exchange-rates endpoint,
//! served by a stand-in on a loopback port.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::Query;
use axum::response::IntoResponse as _;
use axum::routing::get;
use serde_json::json;
use tessera_core::money::Currency;
use tessera_payments::rates::{HttpRates, RateError, RateSource as _};

async fn source(answer: serde_json::Value) -> (String, Arc<AtomicUsize>) {
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = asked.clone();
    let app = axum::Router::new().route(
        "/v2/exchange-rates",
        get(move |Query(query): Query<Vec<(String, String)>>| {
            let answer = answer.clone();
            counter.fetch_add(1, Ordering::SeqCst);
            async move {
                let currency = query.iter().find(|(k, _)| k == "currency").map(|(_, v)| v.clone());
                if currency.as_deref() == Some("ETH") {
                    axum::Json(answer).into_response()
                } else {
                    (axum::http::StatusCode::BAD_REQUEST, "unknown currency").into_response()
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v2/exchange-rates?currency={{asset}}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, asked)
}

fn eur() -> Currency {
    "EUR".parse().unwrap()
}

#[tokio::test]
async fn rates_come_from_the_source_exactly_and_are_kept_for_a_while() {
    let (url, asked) =
        source(json!({"data": {"currency": "ETH", "rates": {"EUR": "3012.55", "USD": "3300.1"}}})).await;
    let rates = HttpRates::new(&url, Duration::from_secs(60)).unwrap();
    assert_eq!(rates.rate("eth", eur()).await.unwrap().to_decimal(), "3012.55");
    assert_eq!(rates.rate("ETH", "USD".parse().unwrap()).await.unwrap().to_decimal(), "3300.1");
    // Each rate's first quote has no baseline to be measured against, so the source is asked
    // again and the two readings must agree: twice for euros, once more for dollars (whose
    // first reading was the cached answer). From then on one answer serves for the TTL.
    assert_eq!(asked.load(Ordering::SeqCst), 3);
    assert_eq!(rates.rate("ETH", eur()).await.unwrap().to_decimal(), "3012.55");
    assert_eq!(asked.load(Ordering::SeqCst), 3);
    assert!(matches!(rates.rate("ETH", "JPY".parse().unwrap()).await, Err(RateError::Unknown { .. })));
    assert!(matches!(rates.rate("DOGE", eur()).await, Err(RateError::Unavailable(_))));
}

#[tokio::test]
async fn a_source_that_answers_nonsense_or_nothing_is_refused() {
    let (url, _) = source(json!({"rates": 3})).await;
    let rates = HttpRates::new(&url, Duration::from_secs(60)).unwrap();
    assert!(matches!(rates.rate("ETH", eur()).await, Err(RateError::Malformed(_))));
    let (url, _) = source(json!({"data": {"rates": {"EUR": "3e3"}}})).await;
    assert!(matches!(
        HttpRates::new(&url, Duration::ZERO).unwrap().rate("ETH", eur()).await,
        Err(RateError::Malformed(_))
    ));
    let gone = HttpRates::new("http://127.0.0.1:1/rates?currency={asset}", Duration::ZERO).unwrap();
    assert!(matches!(gone.rate("ETH", eur()).await, Err(RateError::Unavailable(_))));
    assert!(HttpRates::new("http://127.0.0.1:1/rates", Duration::ZERO).is_err(), "a URL without {{asset}}");
}

#[tokio::test]
async fn a_rate_out_of_its_band_is_refused_rather_than_quoted() {
    // A source whose ETH/EUR the test moves, and whose USDC is off its dollar peg.
    let eth = Arc::new(std::sync::Mutex::new("3000.00".to_string()));
    let moved = eth.clone();
    let app = axum::Router::new().route(
        "/rates",
        get(move |Query(query): Query<Vec<(String, String)>>| {
            let eth = moved.lock().unwrap().clone();
            async move {
                let asset =
                    query.iter().find(|(k, _)| k == "currency").map(|(_, v)| v.clone()).unwrap_or_default();
                let rates =
                    if asset == "USDC" { json!({"USD": "0.91", "EUR": "0.85"}) } else { json!({"EUR": eth}) };
                axum::Json(json!({"data": {"currency": asset, "rates": rates}}))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/rates?currency={{asset}}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let rates = HttpRates::new(&url, Duration::ZERO).unwrap();
    assert_eq!(rates.rate("ETH", eur()).await.unwrap().to_decimal(), "3000");
    *eth.lock().unwrap() = "3300.00".into();
    assert!(rates.rate("ETH", eur()).await.is_ok(), "10% is a market moving");
    *eth.lock().unwrap() = "1100.00".into();
    let refused = rates.rate("ETH", eur()).await.unwrap_err();
    assert!(matches!(&refused, RateError::OutOfBand(why) if why.contains("jumped")), "{refused:?}");
    // Still refused on the next ask: the measure is the rate last quoted with.
    assert!(matches!(rates.rate("ETH", eur()).await, Err(RateError::OutOfBand(_))));
    let usd: Currency = "USD".parse().unwrap();
    assert!(matches!(rates.rate("USDC", usd).await, Err(RateError::OutOfBand(why)) if why.contains("peg")));
    // In euros too: its dollar rate says it is off its peg.
    assert!(matches!(rates.rate("USDC", eur()).await, Err(RateError::OutOfBand(why)) if why.contains("peg")));
    // In euros too: its dollar rate says it is off its peg.
    assert!(matches!(rates.rate("USDC", eur()).await, Err(RateError::OutOfBand(why)) if why.contains("peg")));
    // Plain http to anywhere but this machine is refused outright.
    assert!(HttpRates::new("http://rates.example.org/x?currency={asset}", Duration::ZERO).is_err());
}

#[tokio::test]
async fn one_reading_alone_sets_no_baseline() {
    // A source whose answers the test lists: each ask takes the next.
    let answers = Arc::new(std::sync::Mutex::new(std::collections::VecDeque::from([
        "9000.00", "3000.00", // a glitch, then the market: refused
        "3000.00", "3010.00", // two readings that agree: the baseline
        "9000.00", // a jump from it: refused
    ])));
    let queue = answers.clone();
    let app = axum::Router::new().route(
        "/rates",
        get(move || {
            let eth = queue.lock().unwrap().pop_front().unwrap_or("3000.00");
            async move { axum::Json(json!({"data": {"currency": "ETH", "rates": {"EUR": eth}}})) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/rates?currency={{asset}}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    // A long TTL: the second reading is asked of the source all the same.
    let rates = HttpRates::new(&url, Duration::from_secs(3600)).unwrap();
    let refused = rates.rate("ETH", eur()).await.unwrap_err();
    assert!(
        matches!(&refused, RateError::OutOfBand(why) if why.contains("read 9000.00 then 3000.00")),
        "{refused:?}"
    );
    let rates = HttpRates::new(&url, Duration::ZERO).unwrap();
    assert_eq!(rates.rate("ETH", eur()).await.unwrap().to_decimal(), "3010", "the second reading");
    assert!(
        matches!(rates.rate("ETH", eur()).await, Err(RateError::OutOfBand(why)) if why.contains("jumped"))
    );
    assert!(answers.lock().unwrap().is_empty(), "every answer was read");
}
