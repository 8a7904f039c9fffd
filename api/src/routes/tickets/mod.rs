//! Tickets. Today: the public key that verifies their signed tokens.

pub mod public_key;
