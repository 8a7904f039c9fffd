//! Event images: bytes in the blob store under a key derived from their SHA-256, a `media` row
//! in Postgres. Because the key changes whenever the bytes do, `/media/<key>` can be cached
//! forever by browsers and a CDN.

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as BlobPath;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

/// Image formats we accept, recognised by their leading bytes, never by a file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

impl ImageFormat {
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageFormat::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageFormat::Webp),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Webp => "webp",
        }
    }

    /// The content type for a blob key, from the extension we gave it when storing it.
    pub fn content_type_for_key(key: &str) -> Option<&'static str> {
        let extension = key.rsplit_once('.')?.1;
        [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp]
            .into_iter()
            .find(|format| format.extension() == extension)
            .map(ImageFormat::content_type)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("not a JPEG, PNG or WebP image")]
    UnsupportedFormat,
    #[error("blob store: {0}")]
    Blob(#[from] object_store::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Where media bytes live: a local folder by default (served at `/media`), an S3-compatible
/// bucket in production.
#[derive(Debug, Clone)]
pub struct BlobStore {
    store: Arc<dyn ObjectStore>,
}

impl BlobStore {
    /// A store in `dir`, created if missing.
    pub fn local(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let store = LocalFileSystem::new_with_prefix(dir).map_err(std::io::Error::other)?;
        Ok(Self { store: Arc::new(store) })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), object_store::Error> {
        self.store.put(&BlobPath::from(key), PutPayload::from(bytes)).await?;
        Ok(())
    }

    /// The blob's bytes, or `None` when there is no such key.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, object_store::Error> {
        let path = BlobPath::parse(key).map_err(|source| object_store::Error::InvalidPath { source })?;
        match self.store.get(&path).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// Stores an image (once per distinct content) and returns its media id.
pub async fn store_image(
    conn: &mut PgConnection,
    blobs: &BlobStore,
    bytes: Bytes,
) -> Result<Uuid, MediaError> {
    let format = ImageFormat::sniff(&bytes).ok_or(MediaError::UnsupportedFormat)?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let blob_key = format!("images/{sha256}.{}", format.extension());
    let byte_size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);

    // The blob goes first: a row must never point at bytes that are not there. A blob without
    // a row (crash in between) is rewritten identically next time.
    blobs.put(&blob_key, bytes).await?;
    let media_id = sqlx::query_scalar!(
        r#"insert into media (media_id, sha256, blob_key, content_type, byte_size)
           values ($1, $2, $3, $4, $5)
           on conflict (sha256) do update set updated_at = media.updated_at
           returning media_id"#,
        Uuid::now_v7(),
        sha256,
        blob_key,
        format.content_type(),
        byte_size,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(media_id)
}

#[cfg(test)]
mod tests {
    use super::ImageFormat;

    #[test]
    fn formats_are_recognised_by_content_not_name() {
        assert_eq!(ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some(ImageFormat::Jpeg));
        assert_eq!(ImageFormat::sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::Webp));
        assert_eq!(ImageFormat::sniff(b"<html>not an image"), None);
        assert_eq!(ImageFormat::content_type_for_key("images/ab.webp"), Some("image/webp"));
        assert_eq!(ImageFormat::content_type_for_key("images/ab.exe"), None);
    }
}
