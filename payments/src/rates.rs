//! Exchange rates for crypto quotes: how much of a fiat currency one ETH (or one stablecoin)
//! is worth, as an exact decimal, and the exact amount in the asset's base units (wei, token
//! units) that pays a fiat price. A fixed table for the demo and tests, or an HTTP source in
//! production; never a float.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use alloy::primitives::U256;
use futures::future::BoxFuture;
use tessera_core::money::Currency;

/// The worth of one whole unit of an asset in a fiat currency, exactly: `mantissa / 10^scale`
/// major units of `fiat` (`3012.55` EUR is 301255 at scale 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub asset: String,
    pub fiat: Currency,
    mantissa: U256,
    scale: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RateError {
    /// The source has no rate for the pair (or it is zero).
    #[error("no {asset}/{fiat} rate is known")]
    Unknown { asset: String, fiat: String },
    /// The source could not be asked; worth trying again.
    #[error("the rate source is unavailable: {0}")]
    Unavailable(String),
    /// A rate or an amount that is not what it must be.
    #[error("{0}")]
    Malformed(String),
    /// A rate outside its sane band (a stablecoin off its peg, a jump from the last rate):
    /// refused rather than signed, and alerted.
    #[error("{0}")]
    OutOfBand(String),
}

/// More decimals than any rate source quotes; keeps the arithmetic far from overflow.
const MAX_SCALE: u32 = 18;

impl Rate {
    /// Parses a plain positive decimal (`"3012.55"`, `"1"`, `"0.9991"`).
    pub fn parse(asset: &str, fiat: Currency, decimal: &str) -> Result<Rate, RateError> {
        let text = decimal.trim();
        let malformed =
            || RateError::Malformed(format!("{asset}/{fiat} rate {text:?} is not a positive decimal"));
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let fraction = fraction.trim_end_matches('0');
        let scale = u32::try_from(fraction.len()).map_err(|_| malformed())?;
        if scale > MAX_SCALE || whole.len() > 30 {
            return Err(malformed());
        }
        let mantissa = U256::from_str_radix(&format!("{whole}{fraction}"), 10).map_err(|_| malformed())?;
        if mantissa.is_zero() {
            return Err(malformed());
        }
        Ok(Rate { asset: asset.to_string(), fiat, mantissa, scale })
    }

    /// The rate as a plain decimal string, exact (`"3012.55"`).
    pub fn to_decimal(&self) -> String {
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return digits;
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        format!("{whole}.{fraction}")
    }

    /// The amount in base units of an asset with `decimals` decimals (18 for ETH, 6 for USDC)
    /// that is worth `price_minor` minor units of the fiat currency, rounded up: a quote is
    /// never worth less than the price.
    pub fn quote(&self, price_minor: i64, decimals: u32) -> Result<U256, RateError> {
        let price = u64::try_from(price_minor)
            .map_err(|_| RateError::Malformed(format!("a price of {price_minor} cannot be quoted")))?;
        if decimals > 36 {
            return Err(RateError::Malformed(format!("{decimals} decimals is more than any token has")));
        }
        let ten = U256::from(10u8);
        // price_minor / 10^exp fiat = x / 10^decimals asset at mantissa / 10^scale fiat per asset
        // → x = price_minor · 10^(decimals + scale) / (mantissa · 10^exp).
        let numerator = U256::from(price) * ten.pow(U256::from(decimals + self.scale));
        let denominator = self.mantissa * ten.pow(U256::from(self.fiat.exponent()));
        Ok(numerator.div_ceil(denominator))
    }
}

/// Where rates come from.
pub trait RateSource: Send + Sync + 'static {
    /// What one unit of `asset` (`ETH`, `USDC`) is worth in `fiat` now.
    fn rate<'a>(&'a self, asset: &'a str, fiat: Currency) -> BoxFuture<'a, Result<Rate, RateError>>;
}

/// A fixed table, for the demo and tests: `ETH/EUR=3000,USDC/EUR=0.92,…`.
#[derive(Debug, Clone, Default)]
pub struct FixedRates {
    rates: HashMap<(String, Currency), Rate>,
}

impl FixedRates {
    /// Parses `ASSET/FIAT=decimal` pairs separated by commas.
    pub fn parse(table: &str) -> Result<FixedRates, RateError> {
        let mut rates = HashMap::new();
        for pair in table.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let malformed = || RateError::Malformed(format!("{pair:?} is not ASSET/FIAT=rate"));
            let (names, value) = pair.split_once('=').ok_or_else(malformed)?;
            let (asset, fiat) = names.trim().split_once('/').ok_or_else(malformed)?;
            let asset = asset.trim().to_ascii_uppercase();
            let fiat: Currency = fiat.trim().to_ascii_uppercase().parse().map_err(|_| malformed())?;
            if asset.is_empty() || !asset.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(malformed());
            }
            let rate = Rate::parse(&asset, fiat, value)?;
            rates.insert((asset, fiat), rate);
        }
        Ok(FixedRates { rates })
    }
}

impl RateSource for FixedRates {
    fn rate<'a>(&'a self, asset: &'a str, fiat: Currency) -> BoxFuture<'a, Result<Rate, RateError>> {
        let found = self
            .rates
            .get(&(asset.to_ascii_uppercase(), fiat))
            .cloned()
            .ok_or_else(|| RateError::Unknown { asset: asset.to_string(), fiat: fiat.code().to_string() });
        Box::pin(async move { found })
    }
}

/// Rates over HTTP, in the shape of Coinbase's public exchange-rates endpoint
/// (`{"data": {"currency": "ETH", "rates": {"EUR": "3012.55", …}}}`), from a URL with
/// `{asset}` in it (`https://api.coinbase.com/v2/exchange-rates?currency={asset}`). Each
/// asset's answer is kept for `ttl`, so a busy sale asks once a minute, not once a buy.
pub struct HttpRates {
    http: reqwest::Client,
    url_template: String,
    ttl: Duration,
    /// Per asset: when it was asked, and its rates by fiat code.
    cache: Mutex<HashMap<String, (Instant, FiatRates)>>,
    /// Per asset and fiat: the last rate quoted with, and when; a new rate is measured
    /// against it.
    accepted: Mutex<HashMap<(String, String), (Instant, f64)>>,
    /// Held while a rate without a baseline is read a second time, so a sale opening just
    /// after a start asks the source twice, not twice per buyer.
    confirming: tokio::sync::Mutex<()>,
}

/// How far a rate may move from the last one quoted with (within [`BASELINE_LIFE`]) before
/// it is refused: 20%.
pub const MAX_JUMP: f64 = 0.20;
/// How long a rate quoted with is the measure of the next: after six hours without quotes
/// the source's rate is taken afresh (and a sustained move is not refused for ever).
pub const BASELINE_LIFE: Duration = Duration::from_secs(6 * 3600);
/// How far apart the two readings that set a baseline may be: 2% (the source asked twice within
/// a second does not honestly move more).
pub const MAX_DISAGREEMENT: f64 = 0.02;
/// Stablecoins and the fiat they are pegged to; more than 3% off the peg is refused.
pub const PEGS: [(&str, &str); 4] = [("USDC", "USD"), ("USDT", "USD"), ("DAI", "USD"), ("EURC", "EUR")];
const MAX_DEPEG: f64 = 0.03;

/// Whether a rate read from a source is sane: a stablecoin within 3% of its peg, anything
/// within [`MAX_JUMP`] of `last` (the rate quoted with before). The message says which.
pub fn check_band(asset: &str, fiat: &str, rate: f64, last: Option<f64>) -> Result<(), String> {
    if PEGS.contains(&(asset, fiat)) && (rate - 1.0).abs() > MAX_DEPEG {
        return Err(format!("{asset}/{fiat} is {rate}, off its peg of 1 by more than 3%; refused"));
    }
    if let Some(last) = last.filter(|last| *last > 0.0) {
        let moved = (rate - last).abs() / last;
        if moved > MAX_JUMP {
            return Err(format!(
                "{asset}/{fiat} jumped from {last} to {rate} ({:.0}%), more than {:.0}% since the last quote; refused",
                moved * 100.0,
                MAX_JUMP * 100.0
            ));
        }
    }
    Ok(())
}

/// Decimal strings by ISO 4217 code, as the source gave them.
type FiatRates = HashMap<String, String>;

#[derive(serde::Deserialize)]
struct ExchangeRates {
    data: ExchangeRatesData,
}

#[derive(serde::Deserialize)]
struct ExchangeRatesData {
    rates: FiatRates,
}

impl HttpRates {
    pub fn new(url_template: &str, ttl: Duration) -> Result<HttpRates, RateError> {
        let Some(url) = url_template
            .contains("{asset}")
            .then(|| url::Url::parse(&url_template.replace("{asset}", "ETH")).ok())
            .flatten()
        else {
            return Err(RateError::Malformed(format!("{url_template:?} is not a URL with {{asset}} in it")));
        };
        if !is_https_or_loopback(&url) {
            return Err(RateError::Malformed(
                "a rate source must be https (plain http only on this machine)".to_string(),
            ));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(5))
            .user_agent("tessera")
            .build()
            .map_err(|err| RateError::Unavailable(err.to_string()))?;
        Ok(HttpRates {
            http,
            url_template: url_template.to_string(),
            ttl,
            cache: Mutex::new(HashMap::new()),
            accepted: Mutex::new(HashMap::new()),
            confirming: tokio::sync::Mutex::new(()),
        })
    }

    /// The baseline of `key` still in force.
    fn baseline(&self, key: &(String, String)) -> Option<f64> {
        let accepted = self.accepted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        accepted.get(key).filter(|(at, _)| at.elapsed() < BASELINE_LIFE).map(|(_, last)| *last)
    }

    fn cached(&self, asset: &str) -> Option<FiatRates> {
        let cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.get(asset).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, rates)| rates.clone())
    }

    async fn fetch(&self, asset: &str) -> Result<FiatRates, RateError> {
        if let Some(rates) = self.cached(asset) {
            return Ok(rates);
        }
        self.fetch_from_source(asset).await
    }

    /// Asks the source (and any cache on the way: `no-cache`), and keeps the answer for `ttl`.
    async fn fetch_from_source(&self, asset: &str) -> Result<FiatRates, RateError> {
        let url = self.url_template.replace("{asset}", asset);
        let unavailable = |err: reqwest::Error| RateError::Unavailable(err.to_string());
        let response = self
            .http
            .get(&url)
            .header(reqwest::header::CACHE_CONTROL, "no-cache")
            .send()
            .await
            .map_err(unavailable)?;
        if !response.status().is_success() {
            return Err(RateError::Unavailable(format!(
                "the rate source answered HTTP {}",
                response.status()
            )));
        }
        let body: ExchangeRates = response.json().await.map_err(|err| {
            RateError::Malformed(format!("the rate source's answer is not exchange rates: {err}"))
        })?;
        let rates = body.data.rates;
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(asset.to_string(), (Instant::now(), rates.clone()));
        Ok(rates)
    }
}

impl RateSource for HttpRates {
    fn rate<'a>(&'a self, asset: &'a str, fiat: Currency) -> BoxFuture<'a, Result<Rate, RateError>> {
        Box::pin(async move {
            let asset = asset.to_ascii_uppercase();
            let unknown = || RateError::Unknown { asset: asset.clone(), fiat: fiat.code().to_string() };
            let mut rates = self.fetch(&asset).await?;
            let first = rates.get(fiat.code()).ok_or_else(unknown)?.clone();
            Rate::parse(&asset, fiat, &first)?;
            let key = (asset.clone(), fiat.code().to_string());
            // With no baseline (after a start, or hours without quotes) one reading is not
            // trusted: the source is asked again, past our cache, and the two must agree within
            // MAX_DISAGREEMENT; the second is what is quoted with, and becomes the baseline once
            // it passes the checks below.
            let confirming = match self.baseline(&key) {
                None => Some(self.confirming.lock().await),
                Some(_) => None,
            };
            // Another request may have set it while this one waited.
            if confirming.is_some() && self.baseline(&key).is_none() {
                rates = self.fetch_from_source(&asset).await?;
                let second = rates.get(fiat.code()).ok_or_else(unknown)?;
                let number = |text: &str| text.trim().parse::<f64>().unwrap_or(0.0);
                let (a, b) = (number(&first), number(second));
                if a <= 0.0 || (b - a).abs() / a > MAX_DISAGREEMENT {
                    let why = format!(
                        "{asset}/{} read {first} then {second} just after: two readings more than {:.0}% \
                         apart set no baseline; refused",
                        fiat.code(),
                        MAX_DISAGREEMENT * 100.0
                    );
                    tracing::error!(rate.asset = %asset, rate.fiat = %fiat.code(),
                        "exchange rate readings disagree; no quote is signed with them: {why}");
                    return Err(RateError::OutOfBand(why));
                }
            }
            let decimal = rates.get(fiat.code()).ok_or_else(unknown)?;
            let rate = Rate::parse(&asset, fiat, decimal)?;
            let value: f64 = decimal.trim().parse().unwrap_or(0.0);
            // A stablecoin is held to its peg whatever fiat it is quoted in, when the source
            // also gives the peg's rate (USDC in euros: its dollar rate must be about 1).
            let peg = PEGS
                .iter()
                .find(|(coin, _)| *coin == asset)
                .and_then(|(_, peg)| rates.get(*peg).map(|r| (*peg, r.trim().parse::<f64>().unwrap_or(0.0))));
            let mut accepted = self.accepted.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let last =
                accepted.get(&key).filter(|(at, _)| at.elapsed() < BASELINE_LIFE).map(|(_, last)| *last);
            let checked = match peg {
                Some((peg, on_peg)) => check_band(&asset, peg, on_peg, None),
                None => Ok(()),
            };
            if let Err(why) = checked.and_then(|()| check_band(&asset, fiat.code(), value, last)) {
                tracing::error!(rate.asset = %asset, rate.fiat = %fiat.code(), rate.value = value, rate.last = ?last,
                    "exchange rate out of its sane band; no quote is signed with it: {why}");
                return Err(RateError::OutOfBand(why));
            }
            accepted.insert(key, (Instant::now(), value));
            drop(confirming);
            Ok(rate)
        })
    }
}

/// https, or plain http to this machine (a local fake in tests).
fn is_https_or_loopback(url: &url::Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => match url.host() {
            Some(url::Host::Domain(domain)) => domain == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_outside_their_band_are_refused() {
        assert!(check_band("USDC", "USD", 0.999, None).is_ok());
        assert!(check_band("USDC", "USD", 0.95, None).unwrap_err().contains("off its peg"));
        assert!(check_band("USDC", "EUR", 0.92, None).is_ok(), "no peg to the euro");
        assert!(check_band("ETH", "EUR", 3000.0, Some(2900.0)).is_ok());
        assert!(check_band("ETH", "EUR", 1000.0, Some(3000.0)).unwrap_err().contains("jumped"));
        assert!(check_band("ETH", "EUR", 4000.0, Some(3000.0)).is_err());
        assert!(is_https_or_loopback(&"https://api.coinbase.com/v2".parse().unwrap()));
        assert!(is_https_or_loopback(&"http://127.0.0.1:9/x".parse().unwrap()));
        assert!(!is_https_or_loopback(&"http://rates.example.org/x".parse().unwrap()));
    }

    fn eur() -> Currency {
        "EUR".parse().unwrap()
    }

    #[test]
    fn rates_are_exact_decimals() {
        let rate = Rate::parse("ETH", eur(), "3012.550").unwrap();
        assert_eq!(rate.to_decimal(), "3012.55");
        assert_eq!(Rate::parse("USDC", eur(), "0.9991").unwrap().to_decimal(), "0.9991");
        assert_eq!(Rate::parse("ETH", eur(), "3000").unwrap().to_decimal(), "3000");
        for bad in ["", "-1", "0", "0.000", "1e3", "3,000", "1.2.3", " . "] {
            assert!(Rate::parse("ETH", eur(), bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_quote_is_the_exact_amount_rounded_up_never_less_than_the_price() {
        // 36.00 EUR at 3,000 EUR/ETH is 0.012 ETH exactly.
        let eth = Rate::parse("ETH", eur(), "3000").unwrap();
        assert_eq!(eth.quote(3600, 18).unwrap(), U256::from(12_000_000_000_000_000u64));
        // 10.00 EUR at 3,012.55 EUR/ETH is 0.00331944698013311 ETH: rounded up to the wei.
        let odd = Rate::parse("ETH", eur(), "3012.55").unwrap();
        let wei = odd.quote(1000, 18).unwrap();
        assert_eq!(wei, U256::from(3_319_446_980_133_110u64));
        // Worth at least the price, and one wei less is worth less.
        let worth = |wei: U256| wei * U256::from(301_255u64);
        let price = U256::from(1000u64) * U256::from(10u8).pow(U256::from(18u8));
        assert!(worth(wei) >= price && worth(wei - U256::from(1u8)) < price);
        // A stablecoin of 6 decimals: 10.00 EUR at 0.92 EUR/USDC is 10.869566 USDC.
        let usdc = Rate::parse("USDC", eur(), "0.92").unwrap();
        assert_eq!(usdc.quote(1000, 6).unwrap(), U256::from(10_869_566u64));
        let yen = Rate::parse("ETH", "JPY".parse().unwrap(), "450000").unwrap();
        assert_eq!(yen.quote(4500, 18).unwrap(), U256::from(10_000_000_000_000_000u64));
        assert!(eth.quote(-1, 18).is_err());
    }

    #[tokio::test]
    async fn a_fixed_table_answers_its_pairs_only() {
        let table = FixedRates::parse("ETH/EUR=3000, usdc/eur=0.92,ETH/JPY=450000").unwrap();
        assert_eq!(table.rate("ETH", eur()).await.unwrap().to_decimal(), "3000");
        assert_eq!(table.rate("usdc", eur()).await.unwrap().to_decimal(), "0.92");
        assert!(matches!(table.rate("ETH", "USD".parse().unwrap()).await, Err(RateError::Unknown { .. })));
        for bad in ["ETH=3000", "ETH/XYZ=1", "ETH/EUR=zero", "/EUR=1"] {
            assert!(FixedRates::parse(bad).is_err(), "{bad:?}");
        }
    }
}
