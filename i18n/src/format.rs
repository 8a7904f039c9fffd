//! Dates, times, time zone names and money the way each locale writes them, by ICU4X and the
//! CLDR data compiled into it: `18,00 €` in Portuguese and `€18.00` in English, `sáb., 5 de
//! dez.` and `21:30` where a 24-hour clock is the custom, `9:30 PM` where it is not.
//!
//! Times are always shown in a zone the caller names (the event's, or the viewer's): an instant
//! alone says nothing about the clock on the wall.

use chrono::{DateTime, Datelike, Offset, Timelike, Utc};
use chrono_tz::Tz;
use fixed_decimal::Decimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, zone};
use icu_datetime::options::TimePrecision;
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::displaynames::multi::{LanguageDisplayNames, RegionDisplayNames};
use icu_locale_core::Locale as IcuLocale;
use icu_time::zone::{UtcOffset, ZoneNameTimestamp};
use icu_time::{Time, TimeZone, TimeZoneInfo, ZonedDateTime, zone::models::AtTime};

use crate::Locale;

impl Locale {
    /// The CLDR locale for dates and times. English is CLDR's `en` (12-hour clock, month
    /// first); Portuguese is `pt`, whose written-out dates (`sáb., 5 de dez.`) read the same in
    /// Lisbon, where ICU4X's `pt-PT` data falls back to all-numeric ones (`5/12/2026`).
    fn icu_dates(self) -> IcuLocale {
        self.tag().parse().expect("the seven tags are valid BCP 47")
    }

    /// The CLDR locale for money: Portuguese is `pt-PT`, the euro after the amount
    /// (`18,00 €`) as Portugal writes it.
    fn icu_money(self) -> IcuLocale {
        match self {
            Locale::Pt => "pt-PT".parse().expect("valid BCP 47"),
            other => other.icu_dates(),
        }
    }
}

/// `amount_minor` minor units of the ISO 4217 currency `code` with `exponent` digits after the
/// decimal point, for people reading `locale`: `€18.00`, `18,00 €`, `￥3,500`, `45,00 zł`.
/// None when CLDR does not know the code.
pub fn money(locale: Locale, code: &str, amount_minor: i64, exponent: u32) -> Option<String> {
    let code = CurrencyType::try_from_str(code).ok()?;
    let formatter =
        CurrencyFormatter::try_new_symbol(locale.icu_money().into(), code, Default::default()).ok()?;
    let mut value = Decimal::from(amount_minor);
    value.multiply_pow10(-(exponent as i16));
    Some(formatter.format_fixed_decimal(&value).to_string())
}

/// `tenths` tenths as `locale` writes a decimal number: `1.8` in English, `1,8` in German.
pub fn tenths(locale: Locale, tenths: i64) -> String {
    let mut value = Decimal::from(tenths);
    value.multiply_pow10(-1);
    match icu_decimal::DecimalFormatter::try_new(locale.icu_money().into(), Default::default()) {
        Ok(formatter) => formatter.format(&value).to_string(),
        Err(_) => value.to_string(),
    }
}

/// An instant on the clock of the IANA zone `zone` (UTC when the name is unknown). None past
/// the years CLDR calendars take (±9999 on that clock).
fn zoned(at: DateTime<Utc>, zone: &str) -> Option<ZonedDateTime<Gregorian, TimeZoneInfo<AtTime>>> {
    let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
    let local = at.with_timezone(&tz);
    let offset = local.offset().fix().local_minus_utc();
    Some(ZonedDateTime {
        date: Date::try_new_gregorian(local.year(), local.month() as u8, local.day() as u8).ok()?,
        time: Time::try_new(local.hour() as u8, local.minute() as u8, local.second() as u8, 0).ok()?,
        zone: TimeZone::from_iana_id(tz.name())
            .with_offset(UtcOffset::try_from_seconds(offset).ok())
            .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(at.timestamp())),
    })
}

/// How an instant is written, from the shortest to the longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The time of day: `9:30 PM`, `21:30`.
    Time,
    /// A day this year or next, with its weekday, and the time: `Sat, Dec 5, 9:30 PM`,
    /// `sáb., 5 de dez., 21:30`, `12月5日(土) 21:30`. Event cards.
    DayTime,
    /// A date with its year: `Dec 5, 2026`, `5 déc. 2026`.
    Date,
    /// A date with its year and the time: `Dec 5, 2026, 9:30 PM`.
    DateTime,
    /// A date written out with its weekday: `Saturday, December 5, 2026`.
    LongDate,
}

/// `at` on the clocks of the IANA zone `zone` (UTC when unknown), written as `locale` writes it.
pub fn instant(locale: Locale, at: DateTime<Utc>, zone: &str, style: Style) -> String {
    let prefs = locale.icu_dates().into();
    let Some(zoned) = zoned(at, zone) else {
        return iso(at, zone);
    };
    macro_rules! write {
        ($fields:expr) => {
            FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(prefs, $fields)
                .map(|formatter| formatter.format(&zoned).to_string())
        };
    }
    let minutes = TimePrecision::Minute;
    let written = match style {
        Style::Time => write!(fieldsets::T::hm()),
        Style::DayTime => write!(fieldsets::MDET::medium().with_time_precision(minutes)),
        Style::Date => write!(fieldsets::YMD::medium()),
        Style::DateTime => write!(fieldsets::YMDT::medium().with_time_precision(minutes)),
        Style::LongDate => write!(fieldsets::YMDE::long()),
    };
    // The compiled data covers the seven locales in every style; were a formatter refused all
    // the same, ISO 8601 on the zone's clock is unambiguous in any language.
    written.unwrap_or_else(|_| iso(at, zone))
}

fn iso(at: DateTime<Utc>, zone: &str) -> String {
    let tz: Tz = zone.parse().unwrap_or(Tz::UTC);
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// How a zone is named where times are shown, all year round: its location (`Portugal Time`,
/// `heure : Portugal`, `ポルトガル時間`), but in German the zone's own name
/// (`Westeuropäische Zeit`), since the location form (`Portugal (Ortszeit)`) cannot stand in
/// brackets. Portuguese names are Portugal's (`Hora de Portugal`), like its money.
pub fn zone_name(locale: Locale, at: DateTime<Utc>, zone: &str) -> String {
    let Some(zoned) = zoned(at, zone) else {
        return zone.to_string();
    };
    let prefs = locale.icu_money().into();
    let named = if locale == Locale::De {
        NoCalendarFormatter::try_new(prefs, zone::GenericLong).map(|f| f.format(&zoned.zone).to_string())
    } else {
        NoCalendarFormatter::try_new(prefs, zone::Location).map(|f| f.format(&zoned.zone).to_string())
    };
    named.unwrap_or_else(|_| zone.to_string())
}

/// A country's name in `locale` from its ISO 3166 code: `Japon` for `JP` in French, `日本` in
/// Japanese. None for a code CLDR does not name.
pub fn country(locale: Locale, code: &str) -> Option<String> {
    let region = icu_locale_core::subtags::Region::try_from_str(code).ok()?;
    let names = RegionDisplayNames::try_new(locale.icu_money().into(), Default::default()).ok()?;
    names.of(region).map(str::to_string)
}

/// A language's name in `locale` from its BCP 47 tag: `Português` for `pt` in Portuguese,
/// `portugais` in French. None for a tag CLDR does not name.
pub fn language(locale: Locale, tag: &str) -> Option<String> {
    let language = icu_locale_core::subtags::Language::try_from_str(tag.split(['-', '_']).next()?).ok()?;
    let names = LanguageDisplayNames::try_new(locale.icu_money().into(), Default::default()).ok()?;
    names.of(language).map(str::to_string)
}

/// A language's name in itself, as a link to text in it reads best: `Português` for `pt`,
/// `日本語` for `ja`, `isiXhosa` for `xh`. None for a tag CLDR does not name.
pub fn autonym(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?;
    let own: IcuLocale = primary.parse().ok()?;
    let language = icu_locale_core::subtags::Language::try_from_str(primary).ok()?;
    let names = LanguageDisplayNames::try_new(own.into(), Default::default()).ok()?;
    let name = names.of(language)?;
    // CLDR writes most languages' names in lower case in running text ("português"); on its
    // own, as a link, the name starts with a capital.
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Countries that write an address from the largest place to the smallest, the addressee
/// last (Google's libaddressinput formats: `〒%Z%n%S%C%n%A%n%O` for Japan).
const LARGEST_FIRST: [&str; 4] = ["JP", "CN", "TW", "KR"];

/// Where an event is, as its country writes an address, one part per line: in Japan, China,
/// Taiwan and Korea the country, then the street address (which runs from the city down), then
/// the venue; everywhere else the venue, the street address, then the country. `address` is the
/// free-form address as the organiser wrote it; `city` (the catalog's name for it) joins it
/// unless the address already names it. The country is named in `locale`. An address written
/// in Latin letters reads small to large even in those countries, as their romanised formats do.
pub fn address_lines(
    locale: Locale,
    country_code: &str,
    venue: &str,
    address: &str,
    city: &str,
) -> Vec<String> {
    let name = country(locale, country_code).unwrap_or_else(|| country_code.to_string());
    let city = if names_its_city(address, city) { "" } else { city };
    let parts = if largest_first(country_code, address) {
        [name.as_str(), city, address, venue]
    } else {
        [venue, address, city, name.as_str()]
    };
    parts.iter().map(|part| part.trim()).filter(|part| !part.is_empty()).map(str::to_string).collect()
}

/// [`address_lines`] on one line: spaced as a Japanese address is written on one line
/// (`日本 京都市右京区花園妙心寺町35 退蔵院`), comma-separated elsewhere.
pub fn address_line(locale: Locale, country_code: &str, venue: &str, address: &str, city: &str) -> String {
    address_lines(locale, country_code, venue, address, city).join(address_separator(country_code, address))
}

/// What separates [`address_lines`] written on one line.
pub fn address_separator(country_code: &str, address: &str) -> &'static str {
    if largest_first(country_code, address) { " " } else { ", " }
}

fn largest_first(country_code: &str, address: &str) -> bool {
    LARGEST_FIRST.contains(&country_code) && !is_latin(address)
}

/// Whether `text` is written in Latin letters (accents and all), or digits and punctuation.
fn is_latin(text: &str) -> bool {
    text.chars().all(|c| !c.is_alphabetic() || c <= '\u{024F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// Whether the address already says its city: `Rua do Capelão 18, 1100-117 Lisboa` names
/// Lisbon, `Av. Francisco Sosa 58, 04010 Ciudad de México` Mexico City (the first letters of the
/// catalog's name, accents aside, in the address). An address in another script (京都市…) is
/// taken to name its city, as a local writes it.
fn names_its_city(address: &str, city: &str) -> bool {
    let fold = |text: &str| deunicode::deunicode(text).to_lowercase();
    let city = fold(city.trim());
    if city.is_empty() || !is_latin(address) {
        return true;
    }
    let stem: String = city.chars().take(4).collect();
    fold(address).contains(&stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn money_is_written_as_each_locale_writes_it() {
        let cases = [
            (Locale::En, "EUR", 1800, 2, "€18.00"),
            (Locale::Pt, "EUR", 1800, 2, "18,00\u{a0}€"),
            (Locale::Fr, "EUR", 123_456, 2, "1\u{202f}234,56\u{a0}€"),
            (Locale::De, "EUR", 123_456, 2, "1.234,56\u{a0}€"),
            (Locale::Ja, "JPY", 3500, 0, "￥3,500"),
            (Locale::En, "JPY", 3500, 0, "¥3,500"),
            (Locale::Pl, "PLN", 4500, 2, "45,00\u{a0}zł"),
            (Locale::En, "PLN", 4500, 2, "PLN\u{a0}45.00"),
            (Locale::Es, "MXN", 35_000, 2, "350,00\u{a0}MX$"),
            (Locale::En, "MXN", 35_000, 2, "MX$350.00"),
            (Locale::En, "ZAR", 35_000, 2, "ZAR\u{a0}350.00"),
            (Locale::En, "CAD", 3500, 2, "CA$35.00"),
            (Locale::Fr, "CAD", 3500, 2, "35,00\u{a0}$CA"),
            (Locale::En, "USD", -250, 2, "-$2.50"),
            (Locale::En, "KWD", 12_345, 3, "KWD\u{a0}12.345"),
        ];
        for (locale, code, minor, exponent, written) in cases {
            assert_eq!(money(locale, code, minor, exponent).as_deref(), Some(written), "{locale:?} {code}");
        }
        assert_eq!(money(Locale::En, "E1R", 100, 2), None);
    }

    #[test]
    fn dates_and_clocks_follow_the_locale() {
        // 21:30 in Lisbon on a Saturday.
        let fado = at("2026-12-05T21:30:00Z");
        let day_time = |locale| instant(locale, fado, "Europe/Lisbon", Style::DayTime);
        assert_eq!(day_time(Locale::En), "Sat, Dec 5, 9:30\u{202f}PM");
        assert_eq!(day_time(Locale::Pt), "sáb., 5 de dez., 21:30");
        assert_eq!(day_time(Locale::Fr), "sam. 5 déc., 21:30");
        assert_eq!(day_time(Locale::De), "Sa., 5. Dez., 21:30");
        assert_eq!(day_time(Locale::Es), "sáb, 5 dic, 21:30");
        assert_eq!(day_time(Locale::Ja), "12月5日(土) 21:30");
        assert_eq!(day_time(Locale::Pl), "sob., 5 gru, 21:30");
        // The same instant on Kyoto's clock is the next morning.
        assert_eq!(instant(Locale::Ja, fado, "Asia/Tokyo", Style::LongDate), "2026年12月6日日曜日");
        assert_eq!(instant(Locale::En, fado, "Asia/Tokyo", Style::Time), "6:30\u{202f}AM");
        assert_eq!(instant(Locale::De, fado, "Europe/Berlin", Style::Date), "05.12.2026");
        assert_eq!(instant(Locale::Pl, fado, "Europe/Warsaw", Style::LongDate), "sobota, 5 grudnia 2026");
        // Summer time is read from the zone's rules, not a fixed offset.
        let summer = at("2026-07-04T19:00:00Z");
        assert_eq!(instant(Locale::Fr, summer, "America/Toronto", Style::Time), "15:00");
        // An unknown zone is UTC rather than a failure.
        assert_eq!(instant(Locale::En, fado, "Mars/Olympus", Style::Time), "9:30\u{202f}PM");
    }

    #[test]
    fn zones_are_named_in_the_locale() {
        let fado = at("2026-12-05T21:30:00Z");
        assert_eq!(zone_name(Locale::En, fado, "Europe/Lisbon"), "Portugal Time");
        assert_eq!(zone_name(Locale::Ja, fado, "Asia/Tokyo"), "日本時間");
        assert_eq!(zone_name(Locale::De, fado, "Europe/Warsaw"), "Mitteleuropäische Zeit");
        assert_eq!(zone_name(Locale::Pt, fado, "Asia/Tokyo"), "Hora de Japão");
        assert_eq!(zone_name(Locale::Fr, fado, "Europe/Lisbon"), "heure : Portugal");
    }

    #[test]
    fn countries_and_languages_are_named_in_the_locale() {
        assert_eq!(country(Locale::Fr, "JP").as_deref(), Some("Japon"));
        assert_eq!(country(Locale::Ja, "PT").as_deref(), Some("ポルトガル"));
        assert_eq!(country(Locale::Pl, "DE").as_deref(), Some("Niemcy"));
        assert_eq!(country(Locale::En, "ZZZ"), None);
        assert_eq!(language(Locale::Fr, "pt").as_deref(), Some("portugais"));
        assert_eq!(language(Locale::Ja, "pl").as_deref(), Some("ポーランド語"));
        assert_eq!(autonym("pt").as_deref(), Some("Português"));
        assert_eq!(autonym("pt-BR").as_deref(), Some("Português"));
        assert_eq!(autonym("ja").as_deref(), Some("日本語"));
        assert_eq!(autonym("af").as_deref(), Some("Afrikaans"));
    }

    #[test]
    fn instants_beyond_the_calendars_years_do_not_panic() {
        let far = at("9999-12-31T23:00:00Z");
        assert_eq!(instant(Locale::Ja, far, "Asia/Tokyo", Style::DateTime), "+10000-01-01 08:00");
        assert_eq!(zone_name(Locale::Ja, far, "Asia/Tokyo"), "Asia/Tokyo");
    }

    #[test]
    fn addresses_in_the_order_their_country_writes_them() {
        assert_eq!(
            address_lines(Locale::Ja, "JP", "紫野 茶室 松庵", "京都市北区紫野東藤ノ森町12", "Kyoto"),
            ["日本", "京都市北区紫野東藤ノ森町12", "紫野 茶室 松庵"]
        );
        assert_eq!(
            address_lines(Locale::En, "JP", "紫野 茶室 松庵", "京都市北区紫野東藤ノ森町12", "Kyoto"),
            ["Japan", "京都市北区紫野東藤ノ森町12", "紫野 茶室 松庵"]
        );
        // Romanised, a Japanese address reads small to large.
        assert_eq!(
            address_lines(Locale::En, "JP", "Shoan", "12 Murasakino, Kita-ku, Kyoto", "Kyoto"),
            ["Shoan", "12 Murasakino, Kita-ku, Kyoto", "Japan"]
        );
        assert_eq!(
            address_lines(
                Locale::Pt,
                "PT",
                "Tasca do Capelão",
                "Rua do Capelão 18, 1100-117 Lisboa",
                "Lisbon"
            ),
            ["Tasca do Capelão", "Rua do Capelão 18, 1100-117 Lisboa", "Portugal"]
        );
        assert_eq!(address_lines(Locale::De, "PL", "Piwnica", " ", ""), ["Piwnica", "Polen"]);
        assert_eq!(
            address_line(Locale::Ja, "JP", "退蔵院", "京都市右京区花園妙心寺町35", "Kyoto"),
            "日本 京都市右京区花園妙心寺町35 退蔵院"
        );
        assert_eq!(
            address_line(Locale::Pl, "PL", "Piwnica", "ul. Szeroka 22, 31-053 Kraków", "Kraków"),
            "Piwnica, ul. Szeroka 22, 31-053 Kraków, Polska"
        );
        // An address that does not name its city gets it, where the country puts it.
        assert_eq!(
            address_line(Locale::En, "PT", "Tasca", "Rua do Capelão 18", "Lisbon"),
            "Tasca, Rua do Capelão 18, Lisbon, Portugal"
        );
        assert_eq!(
            address_lines(
                Locale::Es,
                "MX",
                "Patio",
                "Av. Francisco Sosa 58, 04010 Ciudad de México",
                "Mexico City"
            ),
            ["Patio", "Av. Francisco Sosa 58, 04010 Ciudad de México", "México"]
        );
        assert_eq!(
            address_lines(Locale::En, "KR", "극장", "종로구 대학로 12", "서울"),
            ["South Korea", "종로구 대학로 12", "극장"]
        );
    }

    #[test]
    fn tenths_in_each_locales_decimals() {
        assert_eq!(tenths(Locale::En, 18), "1.8");
        assert_eq!(tenths(Locale::De, 18), "1,8");
        assert_eq!(tenths(Locale::Pt, 2735), "273,5");
        assert_eq!(tenths(Locale::En, 12_345), "1,234.5");
    }
}
