//! The one error type of the web app and how it becomes a response: a JSON body
//! `{"error": {"code", "message", "field"}}` for the API, an HTML page for browsers.
//!
//! A 500 never shows its cause to the client; the cause travels in the response's extensions
//! and the request middleware logs it once (see `telemetry`).

use std::sync::Arc;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use tessera_core::batch::BatchError;
use tessera_core::catalog::{CatalogError, FieldError};
use tessera_core::order::{BuyError, SoldOutLine};
use tessera_web::pages::{Chrome, ErrorPage};
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter the client must fix; names the field.
    #[error("{0}")]
    InvalidParameter(#[from] FieldError),
    /// A field of a submitted body that cannot be used; names the field (422).
    #[error("{0}")]
    InvalidField(FieldError),
    /// A body that is not the JSON (or form) this route reads.
    #[error("{0}")]
    InvalidBody(String),
    /// Not logged in, or the credentials are wrong; the message says which.
    #[error("{message}")]
    Unauthorized { code: &'static str, message: &'static str },
    #[error("{0}")]
    Forbidden(&'static str),
    /// The account must confirm its email address first (403 `email_unverified`).
    #[error(
        "Confirm your email address first: use the link we sent you, or ask for a new one on your account page."
    )]
    EmailUnverified,
    #[error("{0}")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("payload too large")]
    PayloadTooLarge,
    /// The request conflicts with the current state (a taken email, a stale edit).
    #[error("{message}")]
    Conflict { code: &'static str, message: String, field: Option<&'static str> },
    /// A rate limit: `what` was done too often ("purchases", "login attempts").
    #[error("Too many {what}. Try again {}.", retry_in(*retry_after_secs))]
    TooManyRequests { retry_after_secs: u64, what: &'static str },
    /// A request that is well-formed but cannot be done (422), with a specific code.
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String, field: Option<&'static str> },
    /// The thing exists but is over for good (410): a cancelled or started event.
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// Not enough tickets; says what is left of each ticket type asked for.
    #[error("sold out")]
    SoldOut(Vec<SoldOutLine>),
    /// A webhook whose signature does not verify (400); nothing was read or written.
    #[error("invalid webhook signature")]
    InvalidSignature(&'static str),
    /// The payment provider could not open a checkout (502); the cause is logged.
    #[error("payment provider unavailable")]
    PaymentUnavailable(String),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// A batched statement (hold, session lookup, opened checkout) gave no answer.
    #[error("database error")]
    Batch(#[from] BatchError),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_parameter`, `invalid_field`, `invalid_body`,
    /// `unauthorized`, `invalid_credentials`, `forbidden`, `not_found`, `email_taken`,
    /// `too_many_requests`, `unavailable`, `internal`.
    #[schema(example = "invalid_parameter")]
    pub code: &'static str,
    /// For people.
    #[schema(example = "unknown category \"opera\"; use one of festival, concert, …")]
    pub message: String,
    /// The parameter or field at fault, when there is one.
    #[schema(example = "category")]
    pub field: Option<String>,
    /// With `sold_out`: what is left of each ticket type that could not supply the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<AvailableLine>>,
}

/// What is left of a ticket type.
#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableLine {
    pub ticket_type_id: uuid::Uuid,
    pub name: String,
    pub requested: i32,
    pub available: i32,
}

impl ErrorDetail {
    fn new(code: &'static str, message: String, field: Option<String>) -> Self {
        Self { code, message, field, available: None }
    }
}

// Each domain error becomes an HTTP error here, once.

/// When to try again, in words: "in 40 seconds", "in 3 minutes", "in 2 hours".
pub fn retry_in(secs: u64) -> String {
    match secs {
        0..=1 => "in a second".to_string(),
        2..=90 => format!("in {secs} seconds"),
        91..=5400 => format!("in {} minutes", secs.div_ceil(60)),
        _ => format!("in {} hours", secs.div_ceil(3600)),
    }
}

impl From<BuyError> for Error {
    fn from(err: BuyError) -> Self {
        match err {
            BuyError::EventNotFound => Error::NotFound("event"),
            BuyError::EventClosed(message) => {
                Error::Gone { code: "not_on_sale", message: message.to_string() }
            }
            BuyError::Invalid(field) => Error::InvalidField(field),
            BuyError::SoldOut(lines) => Error::SoldOut(lines),
            BuyError::IdempotencyKeyReused => Error::Unprocessable {
                code: "idempotency_key_reused",
                message: "This Idempotency-Key was already used for a different purchase; use a new key."
                    .into(),
                field: Some("Idempotency-Key"),
            },
            BuyError::OverLimit { limit, already } => Error::Conflict {
                code: "ticket_limit",
                message: if already == 0 {
                    format!("You can buy at most {limit} tickets for this event.")
                } else {
                    format!(
                        "You can hold or buy at most {limit} tickets for this event, and you already have {already}."
                    )
                },
                field: Some("items"),
            },
            BuyError::TooManyOpen { limit } => Error::Conflict {
                code: "too_many_open_orders",
                message: format!(
                    "You already have {limit} unpaid orders. Pay for one or cancel it before starting another."
                ),
                field: None,
            },
            err @ (BuyError::Refused(_) | BuyError::ReplayLost) => Error::Internal(anyhow::Error::new(err)),
            BuyError::Batch(err) => Error::Batch(err),
            BuyError::Database(err) => Error::Database(err),
        }
    }
}

impl From<CatalogError> for Error {
    fn from(err: CatalogError) -> Self {
        match err {
            CatalogError::Invalid(field) => Error::InvalidField(field),
            CatalogError::NotFound => Error::NotFound("event"),
            CatalogError::Stale { expected, current } => Error::Conflict {
                code: "stale_version",
                message: format!(
                    "Someone else saved this event since you loaded it (you edited version {expected}; \
                     it is now version {current}). Reload it and make your change again."
                ),
                field: Some("version"),
            },
            CatalogError::InUse => Error::Conflict {
                code: "event_has_orders",
                message: "This event has orders, so it cannot be deleted. Cancel it instead \
                          (status \"cancelled\"): sales stop and its orders are kept."
                    .into(),
                field: None,
            },
            CatalogError::Database(err) => Error::Database(err),
        }
    }
}

/// An upload the media pipeline refused names the `image` field: it is the one upload we take.
impl From<tessera_media::MediaError> for Error {
    fn from(err: tessera_media::MediaError) -> Self {
        use tessera_media::MediaError;
        match err {
            MediaError::TooLarge => Error::PayloadTooLarge,
            MediaError::UnsupportedFormat => {
                Error::InvalidField(FieldError::new("image", "is not a JPEG, PNG or WebP image"))
            }
            MediaError::Undecodable(why) => Error::InvalidField(FieldError::new(
                "image",
                format!("could not be read as an image ({why})"),
            )),
            MediaError::Database(err) => Error::Database(err),
            MediaError::Blob(err) => Error::Internal(anyhow::anyhow!("blob store: {err}")),
        }
    }
}

impl From<tessera_settlement::SettleError> for Error {
    fn from(err: tessera_settlement::SettleError) -> Self {
        use tessera_settlement::SettleError;
        match err {
            SettleError::Malformed(message) => Error::InvalidBody(message),
            // The provider delivers again later; the redelivery finishes what this one could not.
            SettleError::Provider(err) => Error::PaymentUnavailable(err.to_string()),
            SettleError::Unavailable(why) => Error::PaymentUnavailable(why),
            SettleError::Db(err) => Error::Database(err),
        }
    }
}

impl From<tessera_core::refund::RefundError> for Error {
    fn from(err: tessera_core::refund::RefundError) -> Self {
        use tessera_core::refund::RefundError;
        let message = err.to_string();
        let conflict = |code| Error::Conflict { code, message: sentence(&message), field: None };
        let unprocessable = |code, field| Error::Unprocessable { code, message: sentence(&message), field };
        match err {
            RefundError::NotFound => Error::NotFound("order"),
            RefundError::NoSuchPayment => Error::NotFound("payment"),
            RefundError::KeyReused => unprocessable("idempotency_key_reused", Some("Idempotency-Key")),
            RefundError::NotExact(_) => unprocessable("refund_not_exact", Some("amount_minor")),
            RefundError::NotPaid(_) => conflict("order_not_paid"),
            RefundError::NotRefundable(_) => conflict("not_refundable"),
            RefundError::NothingLeft => conflict("nothing_left_to_refund"),
            RefundError::TicketsNotIssued => conflict("tickets_not_issued"),
            RefundError::StockTaken(_) => conflict("tickets_sold_again"),
            RefundError::AlreadyVoided(_) => conflict("ticket_voided"),
            RefundError::CheckedIn(_) => conflict("ticket_checked_in"),
            RefundError::TooMuch { .. } => unprocessable("refund_too_large", Some("amount_minor")),
            RefundError::ZeroAmount => unprocessable("refund_zero", Some("amount_minor")),
            RefundError::UnknownTicket(_) => unprocessable("unknown_ticket", Some("tickets")),
            RefundError::Db(err) => Error::Database(err),
        }
    }
}

/// A message as a sentence: capitalised, with a full stop.
pub(crate) fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// What went wrong inside a 500, for the logging middleware. Never sent to the client.
#[derive(Debug, Clone)]
pub struct ErrorCause(pub Arc<String>);

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::InvalidParameter(_) | Error::InvalidBody(_) => StatusCode::BAD_REQUEST,
            Error::InvalidField(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) | Error::EmailUnverified => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Conflict { .. } => StatusCode::CONFLICT,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Error::InvalidSignature(_) => StatusCode::BAD_REQUEST,
            Error::Gone { .. } => StatusCode::GONE,
            Error::SoldOut(_) => StatusCode::CONFLICT,
            Error::PaymentUnavailable(_) => StatusCode::BAD_GATEWAY,
            Error::Database(sqlx::Error::PoolTimedOut) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Batch(err) if err.is_pool_timeout() => StatusCode::SERVICE_UNAVAILABLE,
            Error::Database(_) | Error::Batch(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the error says to people: the `message` of its JSON body.
    pub fn message(&self) -> String {
        self.detail().message
    }

    fn detail(&self) -> ErrorDetail {
        match self {
            Error::InvalidParameter(err) => ErrorDetail {
                code: "invalid_parameter",
                message: err.message.clone(),
                field: Some(err.field.to_string()),
                available: None,
            },
            Error::InvalidField(err) => ErrorDetail {
                code: "invalid_field",
                message: err.message.clone(),
                field: Some(err.field.to_string()),
                available: None,
            },
            Error::InvalidBody(message) => {
                ErrorDetail { code: "invalid_body", message: message.clone(), field: None, available: None }
            }
            Error::Unauthorized { code, message } => {
                ErrorDetail { code, message: (*message).to_string(), field: None, available: None }
            }
            Error::EmailUnverified => ErrorDetail::new("email_unverified", self.to_string(), None),
            Error::Forbidden(message) => ErrorDetail {
                code: "forbidden",
                message: (*message).to_string(),
                field: None,
                available: None,
            },
            Error::Conflict { code, message, field } => ErrorDetail {
                code,
                message: message.clone(),
                field: field.map(str::to_string),
                available: None,
            },
            Error::TooManyRequests { .. } => ErrorDetail {
                code: "too_many_requests",
                message: self.to_string(),
                field: None,
                available: None,
            },
            Error::PayloadTooLarge => ErrorDetail {
                code: "payload_too_large",
                message: "That file is larger than 10 MB.".into(),
                field: Some("image".into()),
                available: None,
            },
            Error::MethodNotAllowed => ErrorDetail {
                code: "method_not_allowed",
                message: "This address does not take that method.".into(),
                field: None,
                available: None,
            },
            Error::NotFound(what) => ErrorDetail {
                code: "not_found",
                message: format!("{what} not found"),
                field: None,
                available: None,
            },
            Error::Unprocessable { code, message, field } => {
                ErrorDetail::new(code, message.clone(), field.map(str::to_string))
            }
            Error::Gone { code, message } => ErrorDetail::new(code, message.clone(), None),
            Error::InvalidSignature(why) => ErrorDetail::new("invalid_signature", (*why).to_string(), None),
            Error::SoldOut(lines) => ErrorDetail {
                code: "sold_out",
                message: lines
                    .iter()
                    .map(|l| match l.available {
                        0 => format!("{} is sold out.", l.name),
                        1 => format!("Only 1 {} ticket is left.", l.name),
                        n => format!("Only {n} {} tickets are left.", l.name),
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                field: Some("items".into()),
                available: Some(
                    lines
                        .iter()
                        .map(|l| AvailableLine {
                            ticket_type_id: l.ticket_type_id,
                            name: l.name.clone(),
                            requested: l.requested,
                            available: l.available,
                        })
                        .collect(),
                ),
            },
            Error::PaymentUnavailable(_) => ErrorDetail::new(
                "payment_unavailable",
                "We could not reach the payment provider, so nothing was charged and your tickets were \
                 released. Please try again in a moment."
                    .into(),
                None,
            ),
            Error::Database(sqlx::Error::PoolTimedOut) => ErrorDetail {
                code: "unavailable",
                message: "We are very busy right now; please try again in a moment.".into(),
                field: None,
                available: None,
            },
            Error::Batch(err) if err.is_pool_timeout() => ErrorDetail {
                code: "unavailable",
                message: "We are very busy right now; please try again in a moment.".into(),
                field: None,
                available: None,
            },
            Error::Database(_) | Error::Batch(_) | Error::Internal(_) => ErrorDetail {
                code: "internal",
                message: "Something went wrong on our side. It has been logged.".into(),
                field: None,
                available: None,
            },
        }
    }

    fn cause(&self) -> Option<ErrorCause> {
        match self {
            Error::Database(err) => Some(ErrorCause(Arc::new(format!("database: {err}")))),
            Error::Batch(err) => Some(ErrorCause(Arc::new(format!("database: {err:#}")))),
            Error::Internal(err) => Some(ErrorCause(Arc::new(format!("{err:#}")))),
            Error::PaymentUnavailable(err) => Some(ErrorCause(Arc::new(format!("payment provider: {err}")))),
            _ => None,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(ErrorBody { error: self.detail() })).into_response();
        if let Error::TooManyRequests { retry_after_secs, .. } = self {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_secs.into());
        }
        if let Some(cause) = self.cause() {
            response.extensions_mut().insert(cause);
        }
        response
    }
}

/// The same errors for pages people look at: an HTML page with the right status.
#[derive(Debug)]
pub struct PageError(pub Error);

impl<E: Into<Error>> From<E> for PageError {
    fn from(err: E) -> Self {
        PageError(err.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let detail = self.0.detail();
        // In the request's language (the details of most errors are still English).
        let title = tessera_i18n::t(match status {
            StatusCode::NOT_FOUND => "error-title-not-found",
            StatusCode::FORBIDDEN => "error-title-forbidden",
            StatusCode::TOO_MANY_REQUESTS => "error-title-slow-down",
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "error-title-failed",
            StatusCode::SERVICE_UNAVAILABLE => "error-title-busy",
            StatusCode::CONFLICT => "error-title-conflict",
            StatusCode::GONE => "error-title-gone",
            StatusCode::BAD_GATEWAY => "error-title-payments",
            _ => "error-title-generic",
        });
        let message = match &self.0 {
            Error::NotFound(_) => tessera_i18n::t("error-not-found"),
            _ => detail.message,
        };
        let mut response = render_html(
            status,
            &ErrorPage { chrome: Chrome::new("", None), status: status.as_u16(), title, message },
        );
        if let Some(cause) = self.0.cause() {
            response.extensions_mut().insert(cause);
        }
        response
    }
}

/// Renders a template; a template that fails to render is a 500 with a plain message.
pub fn render_html(status: StatusCode, page: &impl askama::Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            let mut response =
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response();
            response.extensions_mut().insert(ErrorCause(Arc::new(format!("template: {err}"))));
            response
        }
    }
}
