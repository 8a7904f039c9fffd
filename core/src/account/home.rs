//! Where a customer lives, if they care to say: asked once, after their first paid order, so
//! the Market page can tell locals from visitors without guessing from addresses.

use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::catalog::FieldError;

/// An account's home, as they gave it.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Home {
    /// ISO 3166 alpha-2, upper case.
    pub country: Option<String>,
    pub city: Option<String>,
}

/// The home as typed: a two-letter country code (any case), a city of at most 100 characters;
/// either or both may be left empty (both empty forgets it).
pub fn parse_home(country: &str, city: &str) -> Result<Home, FieldError> {
    let country = country.trim().to_ascii_uppercase();
    let city = city.split_whitespace().collect::<Vec<_>>().join(" ");
    if !country.is_empty() && (country.len() != 2 || country.parse::<iso_currency::Country>().is_err()) {
        return Err(FieldError::new("home_country", tessera_i18n::t("error-not-a-country")));
    }
    if city.chars().any(char::is_control) {
        return Err(FieldError::new("home_city", tessera_i18n::t("error-no-control-characters")));
    }
    if city.chars().count() > 100 {
        return Err(FieldError::new(
            "home_city",
            tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
        ));
    }
    Ok(Home { country: Some(country).filter(|c| !c.is_empty()), city: Some(city).filter(|c| !c.is_empty()) })
}

/// Every country code ISO 3166-1 assigns, for a form's choices.
pub fn country_codes() -> &'static [String] {
    static CODES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let letters = || (b'A'..=b'Z').map(char::from);
        letters()
            .flat_map(|a| letters().map(move |b| format!("{a}{b}")))
            .filter(|code| code.parse::<iso_currency::Country>().is_ok())
            .collect()
    });
    &CODES
}

/// Keeps `home` on the account (and that it was asked).
pub async fn set_home(db: &PgPool, account_id: Uuid, home: &Home) -> sqlx::Result<()> {
    sqlx::query(
        "update account set home_country = $2, home_city = $3, home_asked_at = now(), updated_at = now()
         where account_id = $1 and deleted_at is null",
    )
    .bind(account_id)
    .bind(&home.country)
    .bind(&home.city)
    .execute(db)
    .await?;
    Ok(())
}

/// Notes that the customer would rather not say (they are not asked again).
pub async fn decline_home(db: &PgPool, account_id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "update account set home_asked_at = now()
         where account_id = $1 and home_asked_at is null and deleted_at is null",
    )
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The account's home, and whether to ask for it: they have paid for an order and were never
/// asked.
pub async fn home(db: &PgPool, account_id: Uuid) -> sqlx::Result<(Home, bool)> {
    let row: Option<(Option<String>, Option<String>, bool)> = sqlx::query_as(
        "select home_country, home_city,
                home_asked_at is null and exists (
                    select 1 from customer_order o where o.account_id = a.account_id and o.paid_at is not null)
         from account a where account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map_or_else(Default::default, |(country, city, ask)| (Home { country, city }, ask)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_is_tidied_and_checked() {
        assert_eq!(
            parse_home(" pt ", "  Lisboa  ").unwrap(),
            Home { country: Some("PT".into()), city: Some("Lisboa".into()) }
        );
        assert_eq!(parse_home("", "Kyoto").unwrap(), Home { country: None, city: Some("Kyoto".into()) });
        assert!(parse_home("Portugal", "Lisboa").is_err());
        assert_eq!(parse_home(" ", "").unwrap(), Home::default());
        assert!(parse_home("JP", &"x".repeat(101)).is_err());
    }
}
