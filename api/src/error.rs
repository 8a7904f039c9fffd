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
use tessera_core::catalog::FieldError;
use tessera_web::pages::{Chrome, ErrorPage};
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter the client must fix; names the field.
    #[error("{0}")]
    InvalidParameter(#[from] FieldError),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("database error")]
    Database(#[from] sqlx::Error),
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
    /// Stable, machine-readable: `invalid_parameter`, `not_found`, `unavailable`, `internal`.
    #[schema(example = "invalid_parameter")]
    pub code: &'static str,
    /// For people.
    #[schema(example = "unknown category \"opera\"; use one of festival, concert, …")]
    pub message: String,
    /// The parameter or field at fault, when there is one.
    #[schema(example = "category")]
    pub field: Option<&'static str>,
}

/// What went wrong inside a 500, for the logging middleware. Never sent to the client.
#[derive(Debug, Clone)]
pub struct ErrorCause(pub Arc<String>);

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::InvalidParameter(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Database(sqlx::Error::PoolTimedOut) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Database(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn detail(&self) -> ErrorDetail {
        match self {
            Error::InvalidParameter(err) => ErrorDetail {
                code: "invalid_parameter",
                message: err.message.clone(),
                field: Some(err.field),
            },
            Error::NotFound(what) => {
                ErrorDetail { code: "not_found", message: format!("{what} not found"), field: None }
            }
            Error::Database(sqlx::Error::PoolTimedOut) => ErrorDetail {
                code: "unavailable",
                message: "We are very busy right now; please try again in a moment.".into(),
                field: None,
            },
            Error::Database(_) | Error::Internal(_) => ErrorDetail {
                code: "internal",
                message: "Something went wrong on our side. It has been logged.".into(),
                field: None,
            },
        }
    }

    fn cause(&self) -> Option<ErrorCause> {
        match self {
            Error::Database(err) => Some(ErrorCause(Arc::new(format!("database: {err}")))),
            Error::Internal(err) => Some(ErrorCause(Arc::new(format!("{err:#}")))),
            Error::InvalidParameter(_) | Error::NotFound(_) => None,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(ErrorBody { error: self.detail() })).into_response();
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
        let title = match status {
            StatusCode::NOT_FOUND => "Page not found",
            StatusCode::BAD_REQUEST => "That did not work",
            StatusCode::SERVICE_UNAVAILABLE => "We are very busy",
            _ => "Something went wrong",
        };
        let message = match &self.0 {
            Error::NotFound(_) => {
                "We could not find that page. The event may have moved or ended.".to_string()
            }
            _ => detail.message,
        };
        let mut response = render_html(
            status,
            &ErrorPage {
                chrome: Chrome::new(""),
                status: status.as_u16(),
                title: title.to_string(),
                message,
            },
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
