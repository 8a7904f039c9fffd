//! Deliveries as admins see them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tessera_core::delivery as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// A delivery as admins see it.
#[derive(Serialize, ToSchema)]
pub struct DeliveryRow {
    pub order_id: Uuid,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub recipient: Option<String>,
    pub customer_email: String,
    pub event_title: String,
    pub tickets: i64,
    pub pdf_bytes: Option<i32>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the order was paid.
    pub paid_at: Option<DateTime<Utc>>,
    pub republished: i32,
    pub updated_at: DateTime<Utc>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::DeliveryRow) = |domain::DeliveryRow {
                                        order_id: _,
                                        status: _,
                                        attempts: _,
                                        last_error: _,
                                        next_attempt_at: _,
                                        recipient: _,
                                        customer_email: _,
                                        event_title: _,
                                        tickets: _,
                                        pdf_bytes: _,
                                        sent_at: _,
                                        paid_at: _,
                                        republished: _,
                                        updated_at: _,
                                    }| {};
