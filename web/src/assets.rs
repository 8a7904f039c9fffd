//! The stylesheet, icon and the order page's script, served under URLs that carry a hash of their content so browsers
//! may cache them forever (`/static/app.<hash>.css`).

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub const STYLESHEET: &str = include_str!("../static/app.css");
pub const FAVICON: &str = include_str!("../static/favicon.svg");
pub const ORDER_SCRIPT: &str = include_str!("../static/order.js");
pub const WALLET_SCRIPT: &str = include_str!("../static/wallet.js");
pub const LOCAL_TIME_SCRIPT: &str = include_str!("../static/local-time.js");
pub const NEAR_ME_SCRIPT: &str = include_str!("../static/near-me.js");
pub const SUGGEST_SCRIPT: &str = include_str!("../static/suggest.js");
pub const MAP_SCRIPT: &str = include_str!("../static/map.js");

fn hashed_href(name: &str, extension: &str, content: &str) -> String {
    let hash = hex::encode(&Sha256::digest(content.as_bytes())[..8]);
    format!("/static/{name}.{hash}.{extension}")
}

static STYLESHEET_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("app", "css", STYLESHEET));
static FAVICON_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("favicon", "svg", FAVICON));
static ORDER_SCRIPT_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("order", "js", ORDER_SCRIPT));
static WALLET_SCRIPT_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("wallet", "js", WALLET_SCRIPT));
static LOCAL_TIME_SCRIPT_HREF: LazyLock<String> =
    LazyLock::new(|| hashed_href("local-time", "js", LOCAL_TIME_SCRIPT));

static NEAR_ME_SCRIPT_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("near-me", "js", NEAR_ME_SCRIPT));

static SUGGEST_SCRIPT_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("suggest", "js", SUGGEST_SCRIPT));

static MAP_SCRIPT_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("map", "js", MAP_SCRIPT));

/// The script that pans and zooms a map of results.
pub fn map_script_href() -> &'static str {
    &MAP_SCRIPT_HREF
}

/// The header's search suggestions (every page).
pub fn suggest_script_href() -> &'static str {
    &SUGGEST_SCRIPT_HREF
}

/// The catalog's "near me" button (listing and search pages).
pub fn near_me_script_href() -> &'static str {
    &NEAR_ME_SCRIPT_HREF
}

/// The script that adds the viewer's own time beside an event's (order and event pages).
pub fn local_time_script_href() -> &'static str {
    &LOCAL_TIME_SCRIPT_HREF
}

/// The order page's "pay with browser wallet" script (ETH and token orders).
pub fn wallet_script_href() -> &'static str {
    &WALLET_SCRIPT_HREF
}

pub fn stylesheet_href() -> &'static str {
    &STYLESHEET_HREF
}

pub fn favicon_href() -> &'static str {
    &FAVICON_HREF
}

/// The order page's script, which follows a pending order until it settles.
pub fn order_script_href() -> &'static str {
    &ORDER_SCRIPT_HREF
}

/// The asset behind a `/static/...` path, with its content type.
pub fn lookup(path: &str) -> Option<(&'static str, &'static str)> {
    if path == stylesheet_href() {
        Some(("text/css; charset=utf-8", STYLESHEET))
    } else if path == favicon_href() {
        Some(("image/svg+xml", FAVICON))
    } else if path == order_script_href() {
        Some(("text/javascript; charset=utf-8", ORDER_SCRIPT))
    } else if path == wallet_script_href() {
        Some(("text/javascript; charset=utf-8", WALLET_SCRIPT))
    } else if path == local_time_script_href() {
        Some(("text/javascript; charset=utf-8", LOCAL_TIME_SCRIPT))
    } else if path == near_me_script_href() {
        Some(("text/javascript; charset=utf-8", NEAR_ME_SCRIPT))
    } else if path == suggest_script_href() {
        Some(("text/javascript; charset=utf-8", SUGGEST_SCRIPT))
    } else if path == map_script_href() {
        Some(("text/javascript; charset=utf-8", MAP_SCRIPT))
    } else {
        None
    }
}
