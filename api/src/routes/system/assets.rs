use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::{Error, PageError};

/// `GET /static/{file}`: the stylesheet and icon under content-hashed names, cached forever.
pub async fn asset(Path(file): Path<String>) -> Result<Response, PageError> {
    let (content_type, body) =
        tessera_web::assets::lookup(&format!("/static/{file}")).ok_or(Error::NotFound("file"))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        ],
        body,
    )
        .into_response())
}
