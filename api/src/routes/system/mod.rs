//! Operational routes: liveness, readiness, metrics; media and static files.

pub mod assets;
pub mod health;
pub mod media;
pub mod metrics;
