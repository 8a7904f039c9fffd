//! Tickets: downloading an order's PDF (its owner, or anyone with the email's signed link),
//! checking tickets in at the door, and the public key that verifies their signed tokens.

pub mod checkin;
pub mod download;
pub mod public_key;
