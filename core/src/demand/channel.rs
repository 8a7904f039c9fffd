//! Where a visit came from.

use url::Url;

/// The longest source, medium or campaign kept.
const MAX: usize = 100;

/// A visit's channel: `utm_source`, `utm_medium` and `utm_campaign` from its landing address,
/// else the referring site's host (medium `referral`), else nothing at all (direct).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Channel {
    pub source: String,
    pub medium: String,
    pub campaign: String,
}

impl Channel {
    /// Direct: typed in, bookmarked, or from a site that sends no referrer.
    pub fn is_direct(&self) -> bool {
        self.source.is_empty() && self.medium.is_empty() && self.campaign.is_empty()
    }

    /// The channel a request lands with, if it says one: `utm_*` in `query` (any of the three),
    /// else a `referer` of another site than `own_host`. `None` when it says nothing, so a
    /// visit keeps the channel it arrived with while its visitor clicks around.
    pub fn landing(query: Option<&str>, referer: Option<&str>, own_host: &str) -> Option<Channel> {
        let mut tagged = Channel::default();
        for (key, value) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            let slot = match key.as_ref() {
                "utm_source" => &mut tagged.source,
                "utm_medium" => &mut tagged.medium,
                "utm_campaign" => &mut tagged.campaign,
                _ => continue,
            };
            *slot = clean(&value);
        }
        if !tagged.is_direct() {
            return Some(tagged);
        }
        let host = Url::parse(referer?.trim()).ok()?.host_str()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        let own = own_host.to_ascii_lowercase();
        if host.is_empty() || host == own || Some(host.as_str()) == own.strip_prefix("www.") {
            return None;
        }
        Some(Channel { source: clean(&host), medium: "referral".into(), campaign: String::new() })
    }

    /// As kept in the visit's cookie: the three parts, form-encoded.
    pub fn to_cookie(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("s", &self.source)
            .append_pair("m", &self.medium)
            .append_pair("c", &self.campaign)
            .finish()
    }

    /// Read back from the visit's cookie; anything else is direct.
    pub fn from_cookie(raw: &str) -> Channel {
        let mut channel = Channel::default();
        for (key, value) in url::form_urlencoded::parse(raw.as_bytes()) {
            match key.as_ref() {
                "s" => channel.source = clean(&value),
                "m" => channel.medium = clean(&value),
                "c" => channel.campaign = clean(&value),
                _ => {}
            }
        }
        channel
    }
}

/// Lower case, trimmed, no control characters, at most [`MAX`] characters.
fn clean(raw: &str) -> String {
    raw.trim().to_lowercase().chars().filter(|c| !c.is_control()).take(MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_beat_the_referrer_and_our_own_site_is_not_a_referrer() {
        let tagged = Channel::landing(
            Some("utm_source=Newsletter&utm_medium=email&utm_campaign=fado-night&q=x"),
            Some("https://mail.example.com/inbox"),
            "tessera.example",
        )
        .unwrap();
        assert_eq!(
            tagged,
            Channel { source: "newsletter".into(), medium: "email".into(), campaign: "fado-night".into() }
        );
        let referred =
            Channel::landing(Some("q=fado"), Some("https://www.instagram.com/p/1"), "tessera.example");
        assert_eq!(
            referred,
            Some(Channel {
                source: "instagram.com".into(),
                medium: "referral".into(),
                campaign: String::new()
            })
        );
        assert_eq!(Channel::landing(None, Some("https://tessera.example/events"), "tessera.example"), None);
        assert_eq!(Channel::landing(None, Some("http://www.tessera.example/"), "tessera.example"), None);
        assert_eq!(Channel::landing(None, None, "tessera.example"), None);
        assert_eq!(Channel::landing(None, Some("not a url"), "tessera.example"), None);
    }

    #[test]
    fn a_cookie_reads_back_as_written() {
        let channel =
            Channel { source: "a&b=c".into(), medium: "email".into(), campaign: "été 2027".into() };
        assert_eq!(Channel::from_cookie(&channel.to_cookie()), channel);
        assert!(Channel::from_cookie("garbage").is_direct());
        let long = Channel::from_cookie(&format!("s={}", "x".repeat(500)));
        assert_eq!(long.source.len(), MAX);
    }
}
