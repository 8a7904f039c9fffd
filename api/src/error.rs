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

/// Every message an error shows people is written in the request's language
/// ([`tessera_i18n::current`]); `&'static str` messages below are message ids.
#[derive(Debug)]
pub enum Error {
    /// A parameter the client must fix; names the field.
    InvalidParameter(FieldError),
    /// A field of a submitted body that cannot be used; names the field (422).
    InvalidField(FieldError),
    /// A body that is not the JSON (or form) this route reads: see [`Error::unreadable`].
    InvalidBody(String),
    /// Not logged in, or the credentials are wrong; the message (an id) says which.
    Unauthorized {
        code: &'static str,
        message: &'static str,
    },
    /// Signed in but not allowed; the message is an id.
    Forbidden(&'static str),
    /// The account must confirm its email address first (403 `email_unverified`).
    EmailUnverified,
    /// What was not found: `event`, `order`, `page`…
    NotFound(&'static str),
    MethodNotAllowed,
    PayloadTooLarge,
    /// The request conflicts with the current state (a taken email, a stale edit).
    Conflict {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    /// A rate limit: `what` (a message id taking `$when`) was done too often.
    TooManyRequests {
        retry_after_secs: u64,
        what: &'static str,
    },
    /// A request that is well-formed but cannot be done (422), with a specific code.
    Unprocessable {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    /// The thing exists but is over for good (410): a cancelled or started event.
    Gone {
        code: &'static str,
        message: String,
    },
    /// Not enough tickets; says what is left of each ticket type asked for.
    SoldOut(Vec<SoldOutLine>),
    /// A webhook whose signature does not verify (400); nothing was read or written.
    InvalidSignature(&'static str),
    /// The payment provider could not open a checkout (502); the cause is logged.
    PaymentUnavailable(String),
    Database(sqlx::Error),
    /// A batched statement (hold, session lookup, opened checkout) gave no answer.
    Batch(BatchError),
    Internal(anyhow::Error),
}

impl Error {
    /// A body the parser could not read, in its own words (which stay English).
    pub fn unreadable(why: String) -> Self {
        Error::InvalidBody(tessera_i18n::t_args("error-invalid-body", [("why", why.into())]))
    }
}

impl std::fmt::Display for Error {
    /// What the error says to people, in the request's language; a field's error names the
    /// field.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::InvalidParameter(err) | Error::InvalidField(err) => {
                write!(f, "{}: {}", err.field, err.message)
            }
            _ => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database(err) => Some(err),
            Error::Batch(err) => Some(err),
            Error::Internal(err) => Some(err.as_ref()),
            _ => None,
        }
    }
}

impl From<FieldError> for Error {
    fn from(err: FieldError) -> Self {
        Error::InvalidParameter(err)
    }
}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        Error::Database(err)
    }
}

impl From<tessera_core::search::SearchError> for Error {
    fn from(err: tessera_core::search::SearchError) -> Self {
        match err {
            tessera_core::search::SearchError::Database(err) => Error::Database(err),
            // The index waits for its first load from the database; not having it in time is
            // the database being out of reach: busy, try again (503).
            tessera_core::search::SearchError::NotReady(_) => Error::Database(sqlx::Error::PoolTimedOut),
        }
    }
}

impl From<BatchError> for Error {
    fn from(err: BatchError) -> Self {
        Error::Batch(err)
    }
}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        Error::Internal(err)
    }
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

/// When to try again, in words of the request's language: "in 40 seconds", "in 3 minutes",
/// "in 2 hours".
pub fn retry_in(secs: u64) -> String {
    let (id, count) = match secs {
        0..=1 => ("error-retry-second", 1),
        2..=90 => ("error-retry-seconds", secs),
        91..=5400 => ("error-retry-minutes", secs.div_ceil(60)),
        _ => ("error-retry-hours", secs.div_ceil(3600)),
    };
    tessera_i18n::t_args(id, [("count", count.into())])
}

impl From<BuyError> for Error {
    fn from(err: BuyError) -> Self {
        match err {
            BuyError::EventNotFound => Error::NotFound("event"),
            BuyError::EventClosed(why) => Error::Gone { code: "not_on_sale", message: tessera_i18n::t(why) },
            BuyError::Invalid(field) => Error::InvalidField(field),
            BuyError::SoldOut(lines) => Error::SoldOut(lines),
            BuyError::IdempotencyKeyReused => Error::Unprocessable {
                code: "idempotency_key_reused",
                message: tessera_i18n::t("error-idempotency-key-reused"),
                field: Some("Idempotency-Key"),
            },
            BuyError::OverLimit { limit, already } => Error::Conflict {
                code: "ticket_limit",
                message: if already == 0 {
                    tessera_i18n::t_args("error-ticket-limit", [("limit", limit.into())])
                } else {
                    tessera_i18n::t_args(
                        "error-ticket-limit-already",
                        [("limit", limit.into()), ("already", already.into())],
                    )
                },
                field: Some("items"),
            },
            BuyError::TooManyOpen { limit } => Error::Conflict {
                code: "too_many_open_orders",
                message: tessera_i18n::t_args("error-too-many-open-orders", [("limit", limit.into())]),
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
                message: tessera_i18n::t_args(
                    "error-stale-version",
                    [("expected", expected.into()), ("current", current.into())],
                ),
                field: Some("version"),
            },
            CatalogError::InUse => Error::Conflict {
                code: "event_has_orders",
                message: tessera_i18n::t("error-event-has-orders"),
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
                Error::InvalidField(FieldError::new("image", tessera_i18n::t("error-image-format")))
            }
            MediaError::Undecodable(why) => Error::InvalidField(FieldError::new(
                "image",
                tessera_i18n::t_args("error-image-unreadable", [("why", why.to_string().into())]),
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
        let message = err.message(tessera_i18n::current());
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

/// The message for a `NotFound(what)`.
fn not_found(what: &str) -> &'static str {
    match what {
        "account" => "error-not-found-account",
        "checkout" => "error-not-found-checkout",
        "door staff member" => "error-not-found-door-staff",
        "download link" => "error-not-found-download-link",
        "event" => "error-not-found-event",
        "file" => "error-not-found-file",
        "invoice" => "error-not-found-invoice",
        "order" | "paid order" => "error-not-found-order",
        "payment" => "error-not-found-payment",
        "receipt" => "error-not-found-receipt",
        "refund" => "error-not-found-refund",
        "ticket" | "tickets" => "error-not-found-ticket",
        _ => "error-not-found-page",
    }
}

/// A message as a sentence: capitalised, with a full stop.
pub(crate) fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '。', '!', '?']) {
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
        use tessera_i18n::{t, t_args};
        match self {
            Error::InvalidParameter(err) => {
                ErrorDetail::new("invalid_parameter", err.message.clone(), Some(err.field.to_string()))
            }
            Error::InvalidField(err) => {
                ErrorDetail::new("invalid_field", err.message.clone(), Some(err.field.to_string()))
            }
            Error::InvalidBody(message) => ErrorDetail::new("invalid_body", message.clone(), None),
            Error::Unauthorized { code, message } => ErrorDetail::new(code, t(message), None),
            Error::EmailUnverified => ErrorDetail::new("email_unverified", t("error-email-unverified"), None),
            Error::Forbidden(message) => ErrorDetail::new("forbidden", t(message), None),
            Error::Conflict { code, message, field } => {
                ErrorDetail::new(code, message.clone(), field.map(str::to_string))
            }
            Error::TooManyRequests { retry_after_secs, what } => ErrorDetail::new(
                "too_many_requests",
                t_args(what, [("when", retry_in(*retry_after_secs).into())]),
                None,
            ),
            Error::PayloadTooLarge => {
                ErrorDetail::new("payload_too_large", t("error-payload-too-large"), Some("image".into()))
            }
            Error::MethodNotAllowed => {
                ErrorDetail::new("method_not_allowed", t("error-method-not-allowed"), None)
            }
            Error::NotFound(what) => ErrorDetail::new("not_found", t(not_found(what)), None),
            Error::Unprocessable { code, message, field } => {
                ErrorDetail::new(code, message.clone(), field.map(str::to_string))
            }
            Error::Gone { code, message } => ErrorDetail::new(code, message.clone(), None),
            Error::InvalidSignature(why) => ErrorDetail::new("invalid_signature", (*why).to_string(), None),
            Error::SoldOut(lines) => ErrorDetail {
                code: "sold_out",
                message: lines
                    .iter()
                    .map(|l| {
                        t_args(
                            "error-sold-out",
                            [("name", l.name.as_str().into()), ("count", l.available.into())],
                        )
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
            Error::PaymentUnavailable(_) => {
                ErrorDetail::new("payment_unavailable", t("error-payment-unavailable"), None)
            }
            Error::Database(sqlx::Error::PoolTimedOut) => {
                ErrorDetail::new("unavailable", t("error-busy"), None)
            }
            Error::Batch(err) if err.is_pool_timeout() => {
                ErrorDetail::new("unavailable", t("error-busy"), None)
            }
            Error::Database(_) | Error::Batch(_) | Error::Internal(_) => {
                ErrorDetail::new("internal", t("error-internal"), None)
            }
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
        // In the request's language, like the message.
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
