//! Accounts as the API documents them.

use serde::Serialize;
use tessera_core::account as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// What an account may do.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Customer,
    Admin,
    /// Door staff: checks tickets in, and nothing else an admin does.
    Door,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::Role) -> Role = |value| match value {
    domain::Role::Customer => Role::Customer,
    domain::Role::Admin => Role::Admin,
    domain::Role::Door => Role::Door,
};

/// An account as the rest of the app sees it: never its password.
#[derive(Serialize, ToSchema)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The owner confirmed the address with the link we sent; buying needs it.
    pub email_verified: bool,
    /// The language they chose with the switcher, if they did: pages are in it on any device.
    #[schema(example = "pt")]
    pub locale: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Account) =
    |domain::Account { id: _, email: _, name: _, role: _, email_verified: _, locale: _ }| {};
