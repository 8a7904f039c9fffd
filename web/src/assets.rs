//! The stylesheet and icon, served under URLs that carry a hash of their content so browsers
//! may cache them forever (`/static/app.<hash>.css`).

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub const STYLESHEET: &str = include_str!("../static/app.css");
pub const FAVICON: &str = include_str!("../static/favicon.svg");

fn hashed_href(name: &str, extension: &str, content: &str) -> String {
    let hash = hex::encode(&Sha256::digest(content.as_bytes())[..8]);
    format!("/static/{name}.{hash}.{extension}")
}

static STYLESHEET_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("app", "css", STYLESHEET));
static FAVICON_HREF: LazyLock<String> = LazyLock::new(|| hashed_href("favicon", "svg", FAVICON));

pub fn stylesheet_href() -> &'static str {
    &STYLESHEET_HREF
}

pub fn favicon_href() -> &'static str {
    &FAVICON_HREF
}

/// The asset behind a `/static/...` path, with its content type.
pub fn lookup(path: &str) -> Option<(&'static str, &'static str)> {
    if path == stylesheet_href() {
        Some(("text/css; charset=utf-8", STYLESHEET))
    } else if path == favicon_href() {
        Some(("image/svg+xml", FAVICON))
    } else {
        None
    }
}
