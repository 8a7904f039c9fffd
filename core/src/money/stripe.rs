//! Card amounts in Stripe's own units. Stripe's "smallest currency unit" is not always the
//! ISO 4217 minor unit we keep prices in (<https://docs.stripe.com/currencies>):
//!
//! - zero-decimal currencies (JPY, KRW, MGA, ...) are sent in whole units, though ISO gives
//!   MGA two decimals;
//! - ISK and UGX are sent with two decimals that must be `00` (ISO gives them none);
//! - three-decimal currencies (BHD, JOD, KWD, OMR, TND) are sent in thousandths whose last
//!   digit must be 0;
//! - everything else, HUF and TWD included, is sent with two decimals.
//!
//! [`to_stripe`] is the one conversion: the checkout's unit amounts, the webhook's
//! `amount_total` and refunds all go through it, and the catalog refuses a card price it
//! cannot convert exactly.

use super::Currency;

/// Stripe's zero-decimal currencies (whole units), from its published list. UGX is listed
/// there too but is one of the special cases below.
const ZERO_DECIMAL: [&str; 15] =
    ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"];
/// Sent with two decimals, which must be zero: no fractions can be charged.
const WHOLE_IN_CENTS: [&str; 2] = ["ISK", "UGX"];
/// Sent in thousandths, rounded to a multiple of ten.
const THREE_DECIMAL: [&str; 5] = ["BHD", "JOD", "KWD", "OMR", "TND"];

/// A price Stripe cannot charge exactly. In English for logs and the provider's records;
/// [`StripeUnitsError::message`] says it to people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(tessera_i18n::Locale::En))]
pub enum StripeUnitsError {
    WholeUnitsOnly { currency: &'static str },
    MultipleOfTen { currency: &'static str },
    TooLarge,
}

impl StripeUnitsError {
    /// What is wrong, in `locale`.
    pub fn message(&self, locale: tessera_i18n::Locale) -> String {
        match self {
            StripeUnitsError::WholeUnitsOnly { currency } => tessera_i18n::message_args(
                locale,
                "error-card-whole-units",
                [("currency", (*currency).into())],
            ),
            StripeUnitsError::MultipleOfTen { currency } => tessera_i18n::message_args(
                locale,
                "error-card-three-decimals",
                [("currency", (*currency).into())],
            ),
            StripeUnitsError::TooLarge => tessera_i18n::message(locale, "error-amount-too-large"),
        }
    }
}

/// How Stripe writes amounts of `currency`: its exponent, and the step its amounts must be a
/// multiple of (in its own units).
fn stripe_rule(currency: Currency) -> (u32, i64) {
    let code = currency.code();
    if ZERO_DECIMAL.contains(&code) {
        (0, 1)
    } else if WHOLE_IN_CENTS.contains(&code) {
        (2, 100)
    } else if THREE_DECIMAL.contains(&code) {
        (3, 10)
    } else {
        (2, 1)
    }
}

/// `amount_minor` (ISO minor units of `currency`) as Stripe's `amount`/`unit_amount`, or why
/// Stripe cannot take it exactly.
pub fn to_stripe(currency: Currency, amount_minor: i64) -> Result<i64, StripeUnitsError> {
    let (stripe_exponent, step) = stripe_rule(currency);
    let iso_exponent = currency.exponent();
    let amount = if stripe_exponent >= iso_exponent {
        amount_minor
            .checked_mul(10_i64.pow(stripe_exponent - iso_exponent))
            .ok_or(StripeUnitsError::TooLarge)?
    } else {
        let divisor = 10_i64.pow(iso_exponent - stripe_exponent);
        if amount_minor % divisor != 0 {
            return Err(StripeUnitsError::WholeUnitsOnly { currency: currency.code() });
        }
        amount_minor / divisor
    };
    if amount % step != 0 {
        return Err(if step == 10 {
            StripeUnitsError::MultipleOfTen { currency: currency.code() }
        } else {
            StripeUnitsError::WholeUnitsOnly { currency: currency.code() }
        });
    }
    Ok(amount)
}

/// Stripe's `amount` in `currency` as our minor units; `None` when it names a fraction of our
/// minor unit (which no amount we sent does).
pub fn from_stripe(currency: Currency, amount: i64) -> Option<i64> {
    let (stripe_exponent, _) = stripe_rule(currency);
    let iso_exponent = currency.exponent();
    if stripe_exponent >= iso_exponent {
        let divisor = 10_i64.pow(stripe_exponent - iso_exponent);
        (amount % divisor == 0).then_some(amount / divisor)
    } else {
        amount.checked_mul(10_i64.pow(iso_exponent - stripe_exponent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        code.parse().unwrap()
    }

    #[test]
    fn each_kind_of_currency_goes_to_stripe_in_its_own_unit() {
        // €18.00 is 1800 cents, for us and for Stripe.
        assert_eq!(to_stripe(currency("EUR"), 1800), Ok(1800));
        assert_eq!(from_stripe(currency("EUR"), 1800), Some(1800));
        // ¥3,500: no minor unit anywhere.
        assert_eq!(to_stripe(currency("JPY"), 3500), Ok(3500));
        assert_eq!(from_stripe(currency("JPY"), 3500), Some(3500));
        // 5,000 kr.: ISO has no minor unit, Stripe wants it with two zero decimals.
        assert_eq!(to_stripe(currency("ISK"), 5000), Ok(500_000));
        assert_eq!(from_stripe(currency("ISK"), 500_000), Some(5000));
        assert_eq!(from_stripe(currency("ISK"), 500_050), None);
        // 20,000 Ar: ISO says two decimals, Stripe charges whole ariary.
        assert_eq!(to_stripe(currency("MGA"), 2_000_000), Ok(20_000));
        assert_eq!(from_stripe(currency("MGA"), 20_000), Some(2_000_000));
        assert_eq!(
            to_stripe(currency("MGA"), 2_000_050),
            Err(StripeUnitsError::WholeUnitsOnly { currency: "MGA" })
        );
        // 5.120 KWD is fine, 5.124 is not.
        assert_eq!(to_stripe(currency("KWD"), 5120), Ok(5120));
        assert_eq!(
            to_stripe(currency("KWD"), 5124),
            Err(StripeUnitsError::MultipleOfTen { currency: "KWD" })
        );
        assert_eq!(from_stripe(currency("KWD"), 5120), Some(5120));
        // HUF and TWD charge with two decimals as usual.
        assert_eq!(to_stripe(currency("HUF"), 1045), Ok(1045));
        assert_eq!(to_stripe(currency("UGX"), 7), Ok(700));
    }

    #[test]
    fn an_amount_that_would_overflow_is_refused() {
        assert_eq!(to_stripe(currency("ISK"), i64::MAX / 10), Err(StripeUnitsError::TooLarge));
    }
}
