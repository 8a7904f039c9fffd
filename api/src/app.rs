//! The router: every route, its middleware, and the OpenAPI document generated from them.

use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::middleware;
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::cache;
use crate::error::{Error, PageError};
use crate::routes::{admin, auth, events, orders, pages, sandbox, system, tickets, webhooks};
use crate::state::AppState;
use crate::telemetry;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tessera",
        description = "Tickets for local, authentic events. Every error has the body \
                       `{\"error\": {\"code\", \"message\", \"field\"}}`.",
    ),
    tags(
        (name = "catalog", description = "Browse and search upcoming events"),
        (name = "accounts", description = "Sign up, log in, the signed-in account"),
        (name = "orders", description = "Buy tickets and follow an order (signed in)"),
        (name = "admin", description = "Run the catalog (admins only)"),
        (name = "tickets", description = "Verifying tickets at the door"),
        (name = "webhooks", description = "Payment providers' signed notifications"),
        (name = "system", description = "Health, readiness and metrics"),
    ),
    components(schemas(crate::error::ErrorBody))
)]
struct ApiDoc;

/// The whole web app. Tests drive it in-process with `tower::ServiceExt::oneshot`.
pub fn router(state: AppState) -> Router {
    let catalog_cache = middleware::from_fn_with_state(state.clone(), cache::micro_cache);
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(events::list::list_events))
        .routes(routes!(events::show::show_event))
        .routes(routes!(events::related::related_events))
        .routes(routes!(events::search::search_get, events::search::search_post))
        .routes(routes!(events::search::suggest))
        .route_layer(catalog_cache.clone())
        .routes(routes!(auth::signup::signup))
        .routes(routes!(auth::signup::verify_email))
        .routes(routes!(auth::signup::resend_verification))
        .routes(routes!(auth::signup::request_password_reset))
        .routes(routes!(auth::signup::reset_password))
        .routes(routes!(auth::login::login))
        .routes(routes!(auth::logout::logout))
        .routes(routes!(auth::me::me, auth::me::delete_me))
        .routes(routes!(auth::password::change_password))
        .routes(routes!(admin::events::list::list))
        .routes(routes!(admin::events::show::show))
        .routes(routes!(admin::events::create::create))
        .routes(routes!(admin::events::edit::edit))
        .routes(routes!(admin::events::delete::delete))
        .routes(routes!(admin::events::image::upload))
        .routes(routes!(admin::audit::audit))
        .routes(routes!(admin::refunds::refunds))
        .routes(routes!(admin::refunds::refund_payment))
        .routes(routes!(admin::refunds::refund_unmatched))
        .routes(routes!(admin::refunds::refund_eth_orphan))
        .routes(routes!(admin::refunds::cancel))
        .routes(routes!(admin::orders::show))
        .routes(routes!(admin::orders::refund_order))
        .routes(routes!(admin::analytics::analytics))
        .routes(routes!(admin::market::market))
        .routes(routes!(admin::reconciliation::reconciliation))
        .routes(routes!(admin::reconciliation::resolve))
        .routes(routes!(admin::deliveries::deliveries))
        .routes(routes!(admin::deliveries::retry))
        .routes(routes!(tickets::checkin::checkin))
        .routes(routes!(tickets::download::order_tickets))
        .routes(routes!(orders::buy::options, orders::buy::buy))
        .routes(routes!(orders::confirmation::confirmation))
        .routes(routes!(orders::cancel::cancel))
        .routes(routes!(orders::switch::switch))
        .routes(routes!(orders::refund::refund))
        .routes(routes!(admin::orders::set_refund_policy))
        .routes(routes!(admin::holds::holds))
        .routes(routes!(admin::holds::set_limits))
        .routes(routes!(admin::holds::release))
        .routes(routes!(admin::staff::staff, admin::staff::add_door))
        .routes(routes!(admin::staff::remove_door))
        .routes(routes!(webhooks::stripe::stripe))
        .routes(routes!(webhooks::btcpay::btcpay))
        .routes(routes!(tickets::public_key::public_key))
        .routes(routes!(system::health::healthz))
        .routes(routes!(system::health::readyz))
        .split_for_parts();
    // Rendered once: the document only changes with the code.
    let openapi_json = bytes::Bytes::from(openapi.to_pretty_json().unwrap_or_default());

    // The card sandbox exists only while it plays Stripe: with real keys its paths are unknown.
    let mut sandbox_routes = Router::new();
    if state.sandbox.is_some() {
        sandbox_routes = sandbox_routes
            .route("/sandbox/checkout/{id}", get(sandbox::card::checkout_page))
            .route("/sandbox/checkout/{id}/{action}", post(sandbox::card::checkout_action))
            .route("/sandbox/checkout/{id}/after/{what}", post(sandbox::card::afterward_action));
    }
    // Likewise the BTCPay sandbox, only while it plays BTCPay Server.
    if state.btcpay_sandbox.is_some() {
        use sandbox::{btcpay, greenfield};
        sandbox_routes = sandbox_routes
            .route("/sandbox/btcpay/i/{id}", get(btcpay::invoice_page))
            .route("/sandbox/btcpay/i/{id}/{action}", post(btcpay::invoice_action))
            .route(
                "/sandbox/btcpay/api/v1/stores/{store_id}/invoices",
                get(greenfield::list_invoices).post(greenfield::create_invoice),
            )
            .route("/sandbox/btcpay/api/v1/invoices/{invoice_id}", get(greenfield::get_invoice))
            .route(
                "/sandbox/btcpay/api/v1/invoices/{invoice_id}/payment-methods",
                get(greenfield::payment_methods),
            )
            .route("/sandbox/btcpay/api/v1/invoices/{invoice_id}/refund", post(greenfield::refund_invoice))
            .route("/sandbox/btcpay/api/v1/invoices/{invoice_id}/status", post(greenfield::mark_status))
            .route("/sandbox/btcpay/api/v1/pull-payments/{id}/payouts", get(greenfield::payouts))
            .route("/sandbox/btcpay/api/v1/stores/{store_id}/pull-payments", get(greenfield::pull_payments))
            .route("/sandbox/btcpay/pp/{id}", get(btcpay::pull_payment_page).post(btcpay::claim));
    }
    // And the Ethereum sandbox's payer, only when it is on.
    if state.eth.as_ref().is_some_and(|eth| eth.is_sandbox()) {
        sandbox_routes = sandbox_routes.route("/sandbox/eth/orders/{id}/pay", post(sandbox::eth::pay));
    }
    let app = Router::new()
        .route("/", axum::routing::get(pages::home::home))
        .route("/search", axum::routing::get(pages::search::search))
        .route("/cities/{city}", axum::routing::get(pages::city::city))
        .route("/events/{slug}", axum::routing::get(pages::event::event))
        .route_layer(catalog_cache)
        .route("/events/{slug}/calendar.ics", get(pages::event::calendar))
        .route("/signup", get(pages::account::signup_page).post(pages::account::signup_submit))
        .route("/login", get(pages::account::login_page).post(pages::account::login_submit))
        .route("/logout", post(pages::account::logout_submit))
        .route("/account", get(pages::account::account_page))
        .route("/account/password", post(pages::account::password_submit))
        .route("/account/home", post(pages::account::home_submit))
        .route(
            "/account/delete",
            get(pages::account::delete_account_page).post(pages::account::delete_account_submit),
        )
        .route("/account/deleted", get(pages::account::account_deleted_page))
        .route("/interests", get(crate::interest::interests_page).post(crate::interest::create_interest))
        .route("/interests/remove", post(crate::interest::remove_interest))
        .route("/account/verification-email", post(pages::account::resend_verification_submit))
        .route(
            "/verify-email",
            get(pages::account::verify_email_page).post(pages::account::verify_email_submit),
        )
        .route(
            "/forgot-password",
            get(pages::account::forgot_password_page).post(pages::account::forgot_password_submit),
        )
        .route(
            "/reset-password",
            get(pages::account::reset_password_page).post(pages::account::reset_password_submit),
        )
        .route("/admin/events", get(pages::admin::events))
        .route("/admin/events/new", get(pages::admin::new_event).post(pages::admin::create_event))
        .route("/admin/events/{id}/edit", get(pages::admin::edit_event_page).post(pages::admin::edit_event))
        .route(
            "/admin/events/{id}/delete",
            get(pages::admin::delete_event_page).post(pages::admin::delete_event),
        )
        .route(
            "/admin/events/{id}/image",
            post(pages::admin::upload_image).layer(axum::extract::DefaultBodyLimit::max(
                tessera_media::pipeline::MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
        .route("/admin/audit", get(pages::admin::audit))
        .route("/admin/refunds", get(pages::admin::refunds))
        .route("/admin/refunds/payments/{id}", post(pages::admin::refund_payment))
        .route("/admin/refunds/unmatched/{id}", post(pages::admin::refund_unmatched))
        .route("/admin/refunds/eth/{id}", post(pages::admin::refund_eth_orphan))
        .route("/admin/refunds/{id}/cancel", post(pages::admin::cancel_refund))
        .route("/admin/orders/{id}", get(pages::admin::order_page))
        .route("/admin/orders/{id}/refund", post(pages::admin::refund_order))
        .route("/admin/events/{id}/refund-policy", post(pages::admin::refund_policy_submit))
        .route("/admin/events/{id}/limits", post(pages::admin::limits_submit))
        .route("/admin/events/{id}/links", get(pages::admin::links).post(pages::admin::create_link))
        .route("/admin/events/{id}/links/remove", post(pages::admin::remove_link))
        .route("/admin/market", get(pages::admin::market))
        .route("/admin/events/{id}/release-holds", post(pages::admin::release_holds_submit))
        .route("/admin/analytics", get(pages::admin::analytics))
        .route("/admin/finance", get(pages::admin::finance))
        .route("/admin/finance/resolve", post(pages::admin::resolve_discrepancy))
        .route("/admin/deliveries", get(pages::admin::deliveries))
        .route("/admin/deliveries/{order_id}/retry", post(pages::admin::retry_delivery))
        .route("/admin/checkin", get(pages::admin::checkin_page).post(pages::admin::checkin_submit))
        .route("/admin/staff", get(pages::admin::staff).post(pages::admin::add_staff))
        .route("/admin/staff/{id}/remove", post(pages::admin::remove_staff))
        .route("/tickets/{token}", get(tickets::download::download_link))
        .route("/events/{slug}/buy", get(pages::buy::buy_page).post(pages::buy::buy_submit))
        .route("/events/{slug}/waitlist", post(pages::buy::join_waitlist))
        .route("/events/{slug}/waitlist/leave", post(pages::buy::leave_waitlist))
        .route("/orders/{id}", get(pages::order::order_page))
        .route("/orders/{id}/cancel", post(pages::order::cancel_submit))
        .route("/orders/{id}/payment-method", post(pages::order::switch_submit))
        .route("/orders/{id}/refund", post(pages::order::refund_submit))
        .route("/media/{*key}", axum::routing::get(system::media::media))
        .route("/static/{file}", axum::routing::get(system::assets::asset))
        .route("/metrics", axum::routing::get(system::metrics::metrics))
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let body = openapi_json.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], body) }
            }),
        )
        .merge(api)
        .merge(sandbox_routes)
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        // Inside the guard: its origin check and security headers cover the switcher's
        // redirects, and no session is looked up for a request it refuses.
        // Inside the language's negotiation, which it records; outside the micro-cache, so a
        // page served from it is counted.
        .layer(middleware::from_fn_with_state(state.clone(), crate::demand::visit))
        .layer(middleware::from_fn_with_state(state.clone(), crate::locale::negotiate))
        .layer(middleware::from_fn_with_state(state.clone(), crate::auth::guard::guard))
        .with_state(state);

    app.layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
        .layer(CatchPanicLayer::new())
        // Outermost, so timeouts, caught panics, refusals and unknown paths are counted too.
        .layer(middleware::from_fn(telemetry::track_requests))
}

/// A known path with the wrong method: JSON under `/api`, a page everywhere else.
async fn method_not_allowed(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        Error::MethodNotAllowed.into_response()
    } else {
        PageError(Error::MethodNotAllowed).into_response()
    }
}

/// Unknown paths: JSON under `/api`, a page everywhere else.
async fn fallback(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        Error::NotFound("route").into_response()
    } else {
        PageError(Error::NotFound("page")).into_response()
    }
}
