//! Money as integers: an amount is a count of the currency's minor units (cents, yen, grosze),
//! never a float. [`Currency`] is an ISO 4217 code that knows how many minor units make one.

pub mod stripe;

use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency that can price tickets (funds and metals such as XAU are refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

/// In English for logs; [`UnknownCurrency::message`] says it to people.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{}", self.message(tessera_i18n::Locale::En))]
pub struct UnknownCurrency(pub String);

impl UnknownCurrency {
    /// What is wrong, in `locale`.
    pub fn message(&self, locale: tessera_i18n::Locale) -> String {
        tessera_i18n::message_args(
            locale,
            "error-unknown-currency",
            [("code", format!("{:?}", self.0).into())],
        )
    }
}

impl Currency {
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    pub fn exponent(self) -> u32 {
        // Only currencies with an exponent get past `from_str`.
        self.0.exponent().map_or(2, u32::from)
    }
}

impl FromStr for Currency {
    type Err = UnknownCurrency;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        iso_currency::Currency::from_code(code)
            .filter(|currency| currency.exponent().is_some() && !currency.is_fund())
            .map(Currency)
            .ok_or_else(|| UnknownCurrency(code.to_string()))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `123456` with exponent 2 is `1234.56`: the plain decimal string APIs take (no grouping).
pub fn plain_decimal(amount_minor: i64, exponent: u32) -> String {
    let sign = if amount_minor < 0 { "-" } else { "" };
    let magnitude = amount_minor.unsigned_abs();
    let scale = 10u64.pow(exponent);
    let (units, fraction) = (magnitude / scale, magnitude % scale);
    if exponent == 0 {
        format!("{sign}{units}")
    } else {
        format!("{sign}{units}.{fraction:0width$}", width = exponent as usize)
    }
}

/// The exact count of minor units in a decimal string (`"12.50"` with exponent 2 is 1250).
/// `None` for anything that is not a plain decimal, has more fraction digits than the unit
/// allows (unless they are zeros), or does not fit: never rounded, never a float.
/// A non-negative amount in base units (a decimal digit string of any length: wei do not fit
/// 64 bits) as an exact decimal in whole units of an asset with `decimals` decimals, without
/// trailing zeros: `("4000000000000000", 18)` is `0.004`, `("150000000", 8)` is `1.5`.
pub fn units_decimal(base_units: &str, decimals: u32) -> String {
    let digits = base_units.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let scale = decimals as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") }
}

pub fn parse_decimal(text: &str, exponent: u32) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (units, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if units.is_empty() && fraction.is_empty() {
        return None;
    }
    if !units.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let exponent = exponent as usize;
    let (kept, dropped) = fraction.split_at(fraction.len().min(exponent));
    if dropped.bytes().any(|b| b != b'0') {
        return None;
    }
    let mut minor: i64 = 0;
    for b in units.bytes().chain(kept.bytes()).chain(std::iter::repeat_n(b'0', exponent - kept.len())) {
        minor = minor.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some(if negative { -minor } else { minor })
}

/// Every currency code that [`Currency::from_str`] accepts, for tests and forms.
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    iso_currency_codes().filter(|code| code.parse::<Currency>().is_ok())
}

fn iso_currency_codes() -> impl Iterator<Item = &'static str> {
    // iso_currency has no iterator without an extra dependency; codes are three letters.
    (b'A'..=b'Z').flat_map(|a| {
        (b'A'..=b'Z').flat_map(move |b| {
            (b'A'..=b'Z').filter_map(move |c| {
                let code = [a, b, c];
                let code = std::str::from_utf8(&code).ok()?;
                iso_currency::Currency::from_code(code).map(|currency| currency.code())
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_formatted_exactly() {
        assert_eq!(units_decimal("4000000000000000", 18), "0.004");
        assert_eq!(units_decimal("12500000", 6), "12.5");
        assert_eq!(units_decimal("3000000", 6), "3");
        assert_eq!(units_decimal("1", 18), "0.000000000000000001");
        assert_eq!(units_decimal("0", 6), "0");
        assert_eq!(units_decimal("123", 0), "123");
    }

    #[test]
    fn decimal_strings_parse_exactly_or_not_at_all() {
        assert_eq!(parse_decimal("12.50", 2), Some(1250));
        assert_eq!(parse_decimal("12.5", 2), Some(1250));
        assert_eq!(parse_decimal("12", 2), Some(1200));
        assert_eq!(parse_decimal("0.00012345", 8), Some(12345));
        assert_eq!(parse_decimal("1.100", 2), Some(110));
        assert_eq!(parse_decimal("-0.5", 2), Some(-50));
        assert_eq!(parse_decimal(".5", 2), Some(50));
        for bad in ["", ".", "1.005", "1e3", "1,000.00", "abc", "1.2.3", "99999999999999999999"] {
            assert_eq!(parse_decimal(bad, 2), None, "{bad}");
        }
        assert_eq!(plain_decimal(123456, 2), "1234.56");
        assert_eq!(plain_decimal(5, 8), "0.00000005");
        assert_eq!(plain_decimal(3500, 0), "3500");
    }

    #[test]
    fn unknown_codes_funds_and_metals_are_refused() {
        assert!("EURO".parse::<Currency>().is_err());
        assert!("eur".parse::<Currency>().is_err());
        assert!("XAU".parse::<Currency>().is_err());
        assert!("CLF".parse::<Currency>().is_err(), "a fund, not a currency people pay in");
    }

    #[test]
    fn there_is_a_full_list_of_codes() {
        let codes: Vec<_> = all_codes().collect();
        assert!(codes.len() > 150, "{}", codes.len());
        assert!(codes.contains(&"ZAR"));
    }
}
