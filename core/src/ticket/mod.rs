//! Tickets: issuing them for a paid order, checking them in at the door, and their signed
//! tokens: what the QR code on a ticket carries, so a door scanner can tell a real ticket from
//! a forged one offline, with only our public key.
//!
//! A token is `TT1.<claims>.<signature>`, both parts base64url without padding: the claims are
//! the ticket's id and its event's id (32 bytes), the signature Ed25519 over `TT1.<claims>`.
//! Short enough for a QR code a phone camera reads at a glance.

mod checkin;
mod issue;
mod key;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use uuid::Uuid;

pub use checkin::{CheckIn, CheckInError, DoorEvent, check_in, door_events};
pub use issue::{IssuedTicket, TicketState, issue_tickets, ticket_states, tickets_of_order};
pub use key::{KEY_FILE, KeyError, load_or_create_signing_key, signing_key_from_base64};

const PREFIX: &str = "TT1";
const DOWNLOAD_PREFIX: &str = "TD1";

/// What a ticket's token vouches for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketClaims {
    pub ticket_id: Uuid,
    pub event_id: Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("not a ticket token")]
    Malformed,
    #[error("the ticket's signature does not verify")]
    BadSignature,
}

/// The token for these claims, signed with `key`.
pub fn sign(claims: &TicketClaims, key: &SigningKey) -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(claims.ticket_id.as_bytes());
    bytes[16..].copy_from_slice(claims.event_id.as_bytes());
    sign_bytes(PREFIX, &bytes, key)
}

/// The claims of a token made with the private half of `key`.
pub fn verify(token: &str, key: &VerifyingKey) -> Result<TicketClaims, TokenError> {
    let claims: [u8; 32] = verify_bytes(PREFIX, token, key)?;
    let id = |bytes: &[u8]| Uuid::from_slice(bytes).map_err(|_| TokenError::Malformed);
    Ok(TicketClaims { ticket_id: id(&claims[..16])?, event_id: id(&claims[16..])? })
}

/// `{prefix}.<claims>.<signature>`; the prefix is signed too, so a token of one kind never
/// passes for another.
fn sign_bytes(prefix: &str, claims: &[u8], key: &SigningKey) -> String {
    let signed = format!("{prefix}.{}", URL_SAFE_NO_PAD.encode(claims));
    let signature = key.sign(signed.as_bytes());
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

fn verify_bytes<const N: usize>(
    prefix: &str,
    token: &str,
    key: &VerifyingKey,
) -> Result<[u8; N], TokenError> {
    let token = token.trim();
    let (signed, signature) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
    let (found_prefix, claims) = signed.split_once('.').ok_or(TokenError::Malformed)?;
    if found_prefix != prefix {
        return Err(TokenError::Malformed);
    }
    let claims: [u8; N] = URL_SAFE_NO_PAD
        .decode(claims)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(TokenError::Malformed)?;
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(TokenError::Malformed)?;
    key.verify_strict(signed.as_bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| TokenError::BadSignature)?;
    Ok(claims)
}

/// A link token for downloading an order's tickets without logging in (the email's link):
/// `TD1.<order id ‖ expiry as Unix seconds>.<signature>`.
pub fn sign_download(order_id: Uuid, expires_at: DateTime<Utc>, key: &SigningKey) -> String {
    let mut bytes = [0u8; 24];
    bytes[..16].copy_from_slice(order_id.as_bytes());
    bytes[16..].copy_from_slice(&expires_at.timestamp().to_be_bytes());
    sign_bytes(DOWNLOAD_PREFIX, &bytes, key)
}

/// What a download link token grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadClaims {
    pub order_id: Uuid,
    pub expires_at: DateTime<Utc>,
}

/// The order a download token is for. The caller decides what an expired one means (the
/// signature is checked first, so a forged token never reads as merely expired).
pub fn verify_download(token: &str, key: &VerifyingKey) -> Result<DownloadClaims, TokenError> {
    let claims: [u8; 24] = verify_bytes(DOWNLOAD_PREFIX, token, key)?;
    let order_id = Uuid::from_slice(&claims[..16]).map_err(|_| TokenError::Malformed)?;
    let seconds = i64::from_be_bytes(claims[16..].try_into().map_err(|_| TokenError::Malformed)?);
    let expires_at = DateTime::from_timestamp(seconds, 0).ok_or(TokenError::Malformed)?;
    Ok(DownloadClaims { order_id, expires_at })
}

/// The public key as published: base64url of its 32 bytes.
pub fn public_key_base64(key: &VerifyingKey) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn claims() -> TicketClaims {
        TicketClaims { ticket_id: Uuid::from_u128(7), event_id: Uuid::from_u128(9) }
    }

    #[test]
    fn a_token_verifies_with_the_public_key_and_gives_back_its_claims() {
        let token = sign(&claims(), &key(1));
        assert!(token.starts_with("TT1."));
        assert!(token.len() < 140, "{} characters is too many for a small QR code", token.len());
        assert_eq!(verify(&token, &key(1).verifying_key()), Ok(claims()));
    }

    #[test]
    fn a_forged_or_altered_token_does_not_verify() {
        let token = sign(&claims(), &key(1));
        assert_eq!(verify(&token, &key(2).verifying_key()), Err(TokenError::BadSignature));
        let other = sign(&TicketClaims { ticket_id: Uuid::from_u128(8), ..claims() }, &key(1));
        let (other_claims, _) = other.rsplit_once('.').unwrap();
        let (_, signature) = token.rsplit_once('.').unwrap();
        let spliced = format!("{other_claims}.{signature}");
        assert_eq!(verify(&spliced, &key(1).verifying_key()), Err(TokenError::BadSignature));
        for garbage in ["", "TT1", "TT1.abc.def", "XX1.a.b", &token.replace("TT1", "TT2")] {
            assert!(verify(garbage, &key(1).verifying_key()).is_err(), "{garbage}");
        }
    }

    #[test]
    fn a_download_token_carries_its_order_and_expiry_and_is_no_ticket() {
        let expires = DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        let token = sign_download(Uuid::from_u128(5), expires, &key(1));
        assert_eq!(
            verify_download(&token, &key(1).verifying_key()),
            Ok(DownloadClaims { order_id: Uuid::from_u128(5), expires_at: expires })
        );
        assert_eq!(verify_download(&token, &key(2).verifying_key()), Err(TokenError::BadSignature));
        // A ticket's token is not a download link, nor the other way round.
        let ticket = sign(&claims(), &key(1));
        assert_eq!(verify_download(&ticket, &key(1).verifying_key()), Err(TokenError::Malformed));
        assert_eq!(verify(&token, &key(1).verifying_key()), Err(TokenError::Malformed));
    }
}
