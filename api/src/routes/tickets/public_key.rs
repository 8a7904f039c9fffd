use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// How to verify a ticket's token offline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketPublicKey {
    #[schema(example = "Ed25519")]
    pub algorithm: &'static str,
    /// The 32-byte public key, base64url without padding.
    pub public_key: String,
    /// The same key as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo), for libraries that want one.
    pub public_key_pem: String,
    /// How a token is made.
    pub token_format: &'static str,
}

/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes.
const ED25519_SPKI_PREFIX: [u8; 12] =
    [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/// The public key tickets are signed with, so a door scanner can check them offline.
#[utoipa::path(get, path = "/api/tickets/public-key", tag = "tickets",
    responses((status = 200, description = "The key", body = TicketPublicKey)))]
pub async fn public_key(State(state): State<AppState>) -> Response {
    let key = state.ticket_key.verifying_key();
    let mut der = ED25519_SPKI_PREFIX.to_vec();
    der.extend_from_slice(key.as_bytes());
    let pem = format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(der)
    );
    let body = TicketPublicKey {
        algorithm: "Ed25519",
        public_key: tessera_core::ticket::public_key_base64(&key),
        public_key_pem: pem,
        token_format: "TT1.<base64url(ticket id ‖ event id, 16 bytes each)>.<base64url(Ed25519 signature of \
                       the text before the last dot)>",
    };
    let mut response = Json(body).into_response();
    // A key changes rarely; scanners may keep it for an hour.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}
