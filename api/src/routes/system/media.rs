use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tessera_media::ImageFormat;

use crate::error::{Error, PageError};
use crate::state::AppState;

/// `GET /media/{key}`: an image from the blob store. Keys carry a hash of the content, so the
/// response may be cached forever by browsers and a CDN.
pub async fn media(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let content_type = ImageFormat::content_type_for_key(&key).ok_or(Error::NotFound("file"))?;
    let valid_key = key.split('/').all(|part| {
        !part.is_empty()
            && part != ".."
            && part.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    });
    if !valid_key {
        return Err(Error::NotFound("file").into());
    }
    // The file name is the content hash: the strongest validator there is.
    let etag = format!("\"{}\"", key.rsplit('/').next().unwrap_or(&key));
    let etag = HeaderValue::from_str(&etag).map_err(|_| Error::NotFound("file"))?;
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");

    if headers.get(header::IF_NONE_MATCH).is_some_and(|value| value == etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag), (header::CACHE_CONTROL, cache)])
            .into_response());
    }
    let bytes = state
        .blobs
        .get(&key)
        .await
        .map_err(|err| match err {
            object_store::Error::InvalidPath { .. } => Error::NotFound("file"),
            other => Error::Internal(anyhow::anyhow!("blob store: {other}")),
        })?
        .ok_or(Error::NotFound("file"))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}
