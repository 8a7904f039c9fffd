use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use tessera_core::{delivery, ticket};
use tessera_ticketing::worker::{DownloadPdf, download_pdf};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::{Error, ErrorBody, PageError, Result};
use crate::extract::{OrderNoun, PathId};
use crate::orders;
use crate::state::AppState;

/// An order's tickets as one PDF (a page per ticket, each with its QR code): the one emailed,
/// or, once some were refunded, one of those that still admit. Owner only; 404 until the
/// tickets are issued, 410 once every ticket was refunded or voided.
#[utoipa::path(get, path = "/api/orders/{id}/tickets.pdf", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The tickets", content_type = "application/pdf", body = Vec<u8>),
        SignedIn,
        PathId<OrderNoun>,
        (status = 404, description = "No such order of yours, or no tickets yet", body = ErrorBody),
        (status = 410, description = "Every ticket of the order was refunded or voided", body = ErrorBody),
    ))]
pub async fn order_tickets(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathId { id, .. }: PathId<OrderNoun>,
) -> Result<Response> {
    let order = orders::load(&state, id, signed_in.account.id).await?;
    pdf_response(&state, order.id).await
}

/// `GET /tickets/{token}`: the email's download link, no login. 404 for a token we did not
/// sign, 410 once it has expired (the customer can still download from their account).
pub async fn download_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> std::result::Result<Response, PageError> {
    let claims = ticket::verify_download(&token, &state.ticket_key.verifying_key())
        .map_err(|_| Error::NotFound("download link"))?;
    if claims.expires_at <= Utc::now() {
        return Err(
            Error::Gone { code: "link_expired", message: tessera_i18n::t("error-download-expired") }.into()
        );
    }
    Ok(pdf_response(&state, claims.order_id).await?)
}

async fn pdf_response(state: &AppState, order_id: Uuid) -> Result<Response> {
    let stored = delivery::stored_pdf(&state.db, order_id).await?.ok_or(Error::NotFound("tickets"))?;
    let current = download_pdf(&state.db, &state.ticket_key, order_id)
        .await
        .map_err(|err| Error::Internal(anyhow::anyhow!("the tickets' PDF: {err}")))?;
    let bytes = match current {
        DownloadPdf::AsEmailed => state
            .blobs
            .get(&stored.key)
            .await
            .map_err(|err| Error::Internal(anyhow::anyhow!("blob store: {err}")))?
            .ok_or(Error::NotFound("tickets"))?,
        DownloadPdf::Reissued(pdf) => bytes::Bytes::from(pdf),
        DownloadPdf::AllVoided(reason) => {
            return Err(Error::Gone {
                code: "tickets_voided",
                message: tessera_i18n::t_args("error-tickets-voided", [("reason", reason.into())]),
            });
        }
    };
    let name = tessera_ticketing::worker::attachment_name(&stored.event_slug, order_id);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment; filename=\"tickets.pdf\""));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response())
}
