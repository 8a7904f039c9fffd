//! Tessera's Postgres schema: the plain SQL files beside this crate's `Cargo.toml`, applied in
//! order by version. They are forward-only: a landed migration is never edited, a change is a
//! new file.

/// Every migration of the schema, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");
