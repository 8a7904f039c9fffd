//! Money going back: what is due (payments that could not pay for their order, excesses,
//! money for no order), the refunds asked for and where each is, and the actions that send
//! money due back in one step.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::FieldError;
use tessera_core::order::eth_receipt::{self, EthDueBack, EthOrphan};
use tessera_core::order::{self, RefundDue, UnmatchedPayment};
use tessera_core::refund::{self, Refund, RefundStatus, Settled};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{PathId, QueryParams};
use crate::state::AppState;

/// How many of each list a page holds.
pub const PAGE: i64 = 100;

/// Money to give back, and refunds under way, newest first, a page at a time.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refunds {
    /// Payments with money due back that has not all gone back yet.
    #[schema(value_type = Vec<crate::schemas::order::RefundDue>)]
    pub refunds: Vec<RefundDue>,
    /// For the Ethereum payments among `refunds`: what goes back on chain, log by log, in the
    /// asset it came in and to the address it came from.
    #[schema(value_type = Vec<crate::schemas::order::EthDueBack>)]
    pub eth_due_back: Vec<EthDueBack>,
    /// Payments for orders we do not have.
    #[schema(value_type = Vec<crate::schemas::order::UnmatchedPayment>)]
    pub unmatched: Vec<UnmatchedPayment>,
    /// Payments to our Ethereum contract for order ids we never quoted: they go back to their
    /// payer.
    #[schema(value_type = Vec<crate::schemas::order::EthOrphan>)]
    pub eth_orphans: Vec<EthOrphan>,
    /// Refunds asked for, with their state.
    #[schema(value_type = Vec<crate::schemas::refund::Refund>)]
    pub issued: Vec<Refund>,
    /// Pass as `before` for the next, older page; null on the last. Each list above holds at
    /// most 100 rows per page.
    pub next_before: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RefundsQuery {
    /// The `next_before` of the previous page.
    pub before: Option<String>,
    /// Only refunds in this state (`requested`, `sent`, `succeeded`, `failed`, `cancelled`).
    pub status: Option<String>,
}

/// A page cursor: a time and an id, `2026-12-02T10:00:00Z_<uuid>`.
pub(crate) fn parse_cursor(raw: Option<&str>) -> Result<Option<(DateTime<Utc>, Uuid)>> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else { return Ok(None) };
    let bad = || Error::from(FieldError::new("before", tessera_i18n::t("error-not-a-cursor")));
    let (at, id) = raw.rsplit_once('_').ok_or_else(bad)?;
    let at = DateTime::parse_from_rfc3339(at).map_err(|_| bad())?.with_timezone(&Utc);
    Ok(Some((at, Uuid::parse_str(id).map_err(|_| bad())?)))
}

fn cursor((at, id): (DateTime<Utc>, Uuid)) -> String {
    format!("{}_{id}", at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

/// One page of each list, older than `before`: every list is cut at the same moment, so
/// following `next_before` shows every row once, however long the lists.
pub async fn page(
    state: &AppState,
    before: Option<(DateTime<Utc>, Uuid)>,
    status: Option<RefundStatus>,
) -> Result<Refunds> {
    let refunds = order::refunds_due(&state.db, before, PAGE).await?;
    let unmatched = order::unmatched_payments(&state.db, before, PAGE).await?;
    let issued = refund::list(&state.db, status, before, PAGE).await?;
    let eth_orphans = eth_receipt::orphans(&state.db, before, PAGE).await?;
    // The next page starts after the newest of the lists' last rows that filled a page, so
    // that no list skips a row; a list that did not fill its page is complete down to there.
    let mut cut: Option<(DateTime<Utc>, Uuid)> = None;
    let mut consider = |full: bool, last: Option<(DateTime<Utc>, Uuid)>| {
        if full && let Some(last) = last {
            cut = Some(cut.map_or(last, |c| c.max(last)));
        }
    };
    consider(refunds.len() as i64 == PAGE, refunds.last().map(|r| (r.received_at, r.payment_id)));
    consider(unmatched.len() as i64 == PAGE, unmatched.last().map(|u| (u.created_at, u.id)));
    consider(issued.next.is_some(), issued.refunds.last().map(|r| (r.created_at, r.id)));
    consider(eth_orphans.len() as i64 == PAGE, eth_orphans.last().map(|e| (e.block_time, e.eth_receipt_id)));
    // Cut every list there, so the next page begins where this one ends for all of them.
    let keep = |at: DateTime<Utc>, id: Uuid| cut.is_none_or(|c| (at, id) >= c);
    let refunds: Vec<RefundDue> = refunds.into_iter().filter(|r| keep(r.received_at, r.payment_id)).collect();
    let orders: Vec<Uuid> = refunds.iter().filter(|r| r.provider == "ethereum").map(|r| r.order_id).collect();
    let eth_due_back = eth_receipt::due_back(&state.db, &orders).await?;
    Ok(Refunds {
        refunds,
        eth_due_back,
        unmatched: unmatched.into_iter().filter(|u| keep(u.created_at, u.id)).collect(),
        issued: issued.refunds.into_iter().filter(|r| keep(r.created_at, r.id)).collect(),
        eth_orphans: eth_orphans.into_iter().filter(|e| keep(e.block_time, e.eth_receipt_id)).collect(),
        next_before: cut.map(cursor),
    })
}

/// Money due back and refunds under way, newest first, a page at a time.
#[utoipa::path(get, path = "/api/admin/refunds", tag = "admin",
    params(RefundsQuery),
    responses(
        (status = 200, description = "A page of money due back and refunds", body = Refunds),
        (status = 400, description = "A cursor or status this list does not know", body = ErrorBody),
        Admin,
    ))]
pub async fn refunds(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<RefundsQuery>,
) -> Result<Json<Refunds>> {
    let before = parse_cursor(query.before.as_deref())?;
    let status = match query.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<RefundStatus>()
                .map_err(|_| FieldError::new("status", tessera_i18n::t("error-refund-status")))?,
        ),
    };
    Ok(Json(page(&state, before, status).await?))
}

/// The `Idempotency-Key` header, required.
pub fn key_header(headers: &HeaderMap) -> Result<String> {
    headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .filter(|key| order::is_idempotency_key(key))
        .map(|key| format!("admin:{key}"))
        .ok_or_else(|| {
            FieldError::new("Idempotency-Key", tessera_i18n::t("error-idempotency-key-required")).into()
        })
}

/// Sends back the money due on a payment (all it received when it could not pay for its
/// order, or an overpayment's excess) in one step. Repeating with the same
/// `Idempotency-Key` returns the same refund.
#[utoipa::path(post, path = "/api/admin/payments/{id}/refund", tag = "admin",
    params(
        ("id" = Uuid, Path, description = "The payment (`payment_id` of a row of `refunds`)"),
        ("Idempotency-Key" = String, Header, description = "One refund per key"),
    ),
    responses(
        (status = 201, description = "Refund asked for, and sent if the provider answered", body = crate::schemas::refund::Refund),
        (status = 200, description = "Asked for before under this key", body = crate::schemas::refund::Refund),
        (status = 400, description = "A missing or bad Idempotency-Key", body = ErrorBody),
        Admin,
        (status = 404, description = "No such payment", body = ErrorBody),
        (status = 409, description = "Nothing due back, or a rail Tessera cannot refund on yet", body = ErrorBody),
    ))]
pub async fn refund_payment(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<PaymentNoun>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Refund>)> {
    let key = key_header(&headers)?;
    let (asked, fresh) = refund::request_due_back(&state.db, id, admin.0.account.id, &key).await?;
    sent(&state, asked, fresh).await
}

/// Sends back money paid to our Ethereum contract for an order id we never quoted (an orphan),
/// all of it, to the address that paid, in the asset it paid. The chain-watcher's refund wallet
/// sends it; it is `requested` until then. Repeating with the same `Idempotency-Key` returns the
/// same refund.
#[utoipa::path(post, path = "/api/admin/eth-receipts/{id}/refund", tag = "admin",
    params(
        ("id" = Uuid, Path, description = "The `eth_receipt_id` of a row of `eth_orphans`"),
        ("Idempotency-Key" = String, Header, description = "One refund per key"),
    ),
    responses(
        (status = 201, description = "Refund asked for", body = crate::schemas::refund::Refund),
        (status = 200, description = "Asked for before under this key", body = crate::schemas::refund::Refund),
        (status = 400, description = "A missing or bad Idempotency-Key", body = ErrorBody),
        Admin,
        (status = 404, description = "No such payment", body = ErrorBody),
        (status = 409, description = "Not an orphan, all of it went back already, or paid in a token Tessera never quoted", body = ErrorBody),
    ))]
pub async fn refund_eth_orphan(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<PaymentNoun>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Refund>)> {
    let key = key_header(&headers)?;
    let (asked, fresh) = refund::request_eth_orphan(&state.db, id, admin.0.account.id, &key).await?;
    sent(&state, asked, fresh).await
}

/// Sends back money for no order of ours, in one step: card money through Stripe, bitcoin as a
/// pull payment of what the invoice settled (its claim link is on the refund, for the payer). Repeating with the same
/// `Idempotency-Key` returns the same refund.
#[utoipa::path(post, path = "/api/admin/unmatched/{id}/refund", tag = "admin",
    params(
        ("id" = Uuid, Path, description = "The `unmatched_payment_id`"),
        ("Idempotency-Key" = String, Header, description = "One refund per key"),
    ),
    responses(
        (status = 201, description = "Refund asked for, and sent if the provider answered", body = crate::schemas::refund::Refund),
        (status = 200, description = "Asked for before under this key", body = crate::schemas::refund::Refund),
        (status = 400, description = "A missing or bad Idempotency-Key", body = ErrorBody),
        Admin,
        (status = 404, description = "No such payment", body = ErrorBody),
        (status = 409, description = "All of it went back already, or it cannot be refunded through Tessera", body = ErrorBody),
    ))]
pub async fn refund_unmatched(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<PaymentNoun>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<Refund>)> {
    let key = key_header(&headers)?;
    let (asked, fresh) = refund::request_unmatched(&state.db, id, admin.0.account.id, &key).await?;
    sent(&state, asked, fresh).await
}

async fn sent(state: &AppState, asked: Refund, fresh: bool) -> Result<(StatusCode, Json<Refund>)> {
    let refund = if asked.status == RefundStatus::Requested {
        crate::refunds::send(state, asked.id).await?
    } else {
        asked
    };
    Ok((if fresh { StatusCode::CREATED } else { StatusCode::OK }, Json(refund)))
}

/// Withdraws a refund that was never handed to its provider (one waiting for a provider that
/// was down); its tickets admit again.
#[utoipa::path(post, path = "/api/admin/refunds/{id}/cancel", tag = "admin",
    params(("id" = Uuid, Path, description = "The refund")),
    responses(
        (status = 200, description = "Cancelled (or it was already)", body = crate::schemas::refund::Refund),
        Admin,
        PathId<RefundNoun>,
        (status = 404, description = "No such refund", body = ErrorBody),
        (status = 409, description = "Already sent, or its tickets were sold again", body = ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<RefundNoun>,
) -> Result<Json<Refund>> {
    let existing = refund::refund(&state.db, id).await?.ok_or(Error::NotFound("refund"))?;
    if refund::cancel(&state.db, id, admin.0.account.id).await? == Settled::Unchanged
        && existing.status != RefundStatus::Cancelled
    {
        return Err(Error::Conflict {
            code: "refund_sent",
            message: tessera_i18n::t_args(
                "error-refund-not-cancellable",
                [("status", existing.status.as_str().into())],
            ),
            field: None,
        });
    }
    Ok(Json(refund::refund(&state.db, id).await?.ok_or(Error::NotFound("refund"))?))
}

/// A payment, in paths.
pub struct PaymentNoun;
impl crate::extract::Noun for PaymentNoun {
    const NAME: &'static str = "payment";
}

/// A refund, in paths.
pub struct RefundNoun;
impl crate::extract::Noun for RefundNoun {
    const NAME: &'static str = "refund";
}
