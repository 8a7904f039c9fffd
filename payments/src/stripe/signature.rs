//! `Stripe-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{raw body}">[,v1=...]`.
//!
//! Stripe sends one `v1` per active signing secret while a secret is being rolled, and we may
//! hold more than one secret ourselves during our own rotation: a signature is good when any
//! `v1` matches any of our secrets (compared in constant time) and its timestamp is within
//! five minutes of now.

use hmac::{Hmac, Mac as _};
use secrecy::{ExposeSecret as _, SecretString};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

/// How far a signature's timestamp may be from now, in seconds.
pub const TOLERANCE_SECS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header is malformed")]
    Malformed,
    #[error("the signature's timestamp is more than five minutes away from now")]
    Stale,
    #[error("no signature matches")]
    Mismatch,
}

/// Checks `header` against `payload` (the raw body, unparsed) and our `secrets`.
pub fn verify(
    payload: &[u8],
    header: Option<&str>,
    secrets: &[SecretString],
    now_unix: i64,
) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        let (key, value) = part.trim().split_once('=').ok_or(SignatureError::Malformed)?;
        match key {
            "t" if timestamp.is_none() => {
                timestamp = Some(value.parse::<i64>().map_err(|_| SignatureError::Malformed)?);
            }
            "t" => return Err(SignatureError::Malformed),
            "v1" => signatures.push(hex::decode(value).map_err(|_| SignatureError::Malformed)?),
            // v0 (test-mode legacy) and future schemes are not ours to trust.
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Mismatch);
    }
    if (now_unix - timestamp).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    for secret in secrets {
        let expected = mac(payload, secret.expose_secret(), timestamp);
        // Every comparison is made, so the time taken says nothing about which one matched.
        let mut matched = false;
        for signature in &signatures {
            matched |= bool::from(expected.as_slice().ct_eq(signature.as_slice()));
        }
        if matched {
            return Ok(());
        }
    }
    Err(SignatureError::Mismatch)
}

/// The header Stripe would send for `payload` signed with `secret` at `timestamp`. Used by the
/// sandbox, which plays Stripe, and by tests.
pub fn sign(payload: &[u8], secret: &str, timestamp: i64) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(payload, secret, timestamp)))
}

fn mac(payload: &[u8], secret: &str, timestamp: i64) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(list: &[&str]) -> Vec<SecretString> {
        list.iter().map(|s| SecretString::from(s.to_string())).collect()
    }

    #[test]
    fn a_signature_from_the_secret_verifies_within_five_minutes() {
        let header = sign(b"{}", "whsec_a", 1_000);
        assert_eq!(verify(b"{}", Some(&header), &secrets(&["whsec_a"]), 1_000 + 299), Ok(()));
        assert_eq!(
            verify(b"{}", Some(&header), &secrets(&["whsec_a"]), 1_000 + 301),
            Err(SignatureError::Stale)
        );
    }

    #[test]
    fn a_changed_body_or_another_secret_does_not_verify() {
        let header = sign(b"{}", "whsec_a", 1_000);
        assert_eq!(
            verify(b"{ }", Some(&header), &secrets(&["whsec_a"]), 1_000),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(b"{}", Some(&header), &secrets(&["whsec_b"]), 1_000),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn any_v1_matching_any_secret_verifies_during_a_rotation() {
        let old = sign(b"{}", "whsec_old", 1_000);
        let new = sign(b"{}", "whsec_new", 1_000);
        let both = format!("{new},v1={}", old.split("v1=").nth(1).unwrap());
        assert_eq!(verify(b"{}", Some(&both), &secrets(&["whsec_old"]), 1_000), Ok(()));
        assert_eq!(verify(b"{}", Some(&new), &secrets(&["whsec_old", "whsec_new"]), 1_000), Ok(()));
    }

    #[test]
    fn malformed_headers_are_refused() {
        let s = secrets(&["whsec_a"]);
        assert_eq!(verify(b"{}", None, &s, 0), Err(SignatureError::Missing));
        assert_eq!(verify(b"{}", Some("garbage"), &s, 0), Err(SignatureError::Malformed));
        assert_eq!(verify(b"{}", Some("t=abc,v1=00"), &s, 0), Err(SignatureError::Malformed));
        assert_eq!(verify(b"{}", Some("t=0,v1=zz"), &s, 0), Err(SignatureError::Malformed));
        assert_eq!(verify(b"{}", Some("t=0"), &s, 0), Err(SignatureError::Mismatch));
    }
}
