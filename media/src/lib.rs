#![doc = include_str!("../README.md")]

pub mod pipeline;

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as BlobPath;
use object_store::{ObjectStore, PutPayload};
use serde::{Deserialize, Serialize};
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
    #[error("larger than 10 MB")]
    TooLarge,
    #[error("could not be read as an image ({0})")]
    Undecodable(String),
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
    /// The store the configuration names: an S3 bucket when `TESSERA_S3_BUCKET` is set, else
    /// the folder `TESSERA_DATA_DIR/media`.
    pub fn from_config(config: &tessera_core::config::Config) -> Result<Self, object_store::Error> {
        let Some(s3) = &config.s3 else {
            let dir = config.data_dir.join("media");
            return Self::local(&dir)
                .map_err(|err| object_store::Error::Generic { store: "local", source: Box::new(err) });
        };
        let mut builder = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(&s3.bucket)
            .with_region(&s3.region);
        if let Some((key_id, secret)) = &s3.credentials {
            use secrecy::ExposeSecret as _;
            builder = builder.with_access_key_id(key_id).with_secret_access_key(secret.expose_secret());
        }
        if let Some(endpoint) = &s3.endpoint {
            builder = builder
                .with_endpoint(endpoint.as_str().trim_end_matches('/'))
                .with_virtual_hosted_style_request(false)
                .with_allow_http(endpoint.scheme() == "http");
        }
        Ok(Self { store: Arc::new(builder.build()?) })
    }

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

    /// Every blob's key and size, in key order (for backups).
    pub async fn list(&self) -> Result<Vec<(String, u64)>, object_store::Error> {
        use futures::TryStreamExt as _;
        let mut all: Vec<(String, u64)> =
            self.store.list(None).map_ok(|meta| (meta.location.to_string(), meta.size)).try_collect().await?;
        all.sort();
        Ok(all)
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

/// What the blob store keeps beside an image's renditions, so the same upload is never
/// processed twice (a new database, a second environment sharing the bucket).
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    width: u32,
    height: u32,
    renditions: Vec<ManifestRendition>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestRendition {
    format: String,
    width: u32,
    height: u32,
    blob_key: String,
    byte_size: usize,
}

fn manifest_key(sha256: &str) -> String {
    format!("images/{sha256}.json")
}

/// Stores an image as renditions (once per distinct upload) and returns its media id.
/// Processing runs on a blocking thread.
pub async fn store_image(
    conn: &mut PgConnection,
    blobs: &BlobStore,
    bytes: Bytes,
) -> Result<Uuid, MediaError> {
    if bytes.len() > pipeline::MAX_UPLOAD_BYTES {
        return Err(MediaError::TooLarge);
    }
    ImageFormat::sniff(&bytes).ok_or(MediaError::UnsupportedFormat)?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    if let Some(id) = sqlx::query_scalar!("select media_id from media where sha256 = $1", sha256)
        .fetch_optional(&mut *conn)
        .await?
    {
        return Ok(id);
    }

    let manifest = match blobs.get(&manifest_key(&sha256)).await? {
        Some(json) => serde_json::from_slice::<Manifest>(&json).ok(),
        None => None,
    };
    let manifest = match manifest {
        Some(manifest) => manifest,
        None => {
            let processed = tokio::task::spawn_blocking(move || pipeline::process(&bytes))
                .await
                .map_err(|err| MediaError::Undecodable(format!("processing stopped: {err}")))??;
            let mut renditions = Vec::with_capacity(processed.renditions.len());
            for rendition in processed.renditions {
                let blob_key =
                    format!("images/{sha256}-{}.{}", rendition.width, rendition.format.extension());
                let byte_size = rendition.bytes.len();
                blobs.put(&blob_key, Bytes::from(rendition.bytes)).await?;
                renditions.push(ManifestRendition {
                    format: rendition.format.as_str().to_string(),
                    width: rendition.width,
                    height: rendition.height,
                    blob_key,
                    byte_size,
                });
            }
            let manifest = Manifest { width: processed.width, height: processed.height, renditions };
            // Written last: a manifest always describes blobs that exist.
            let json =
                serde_json::to_vec(&manifest).map_err(|err| MediaError::Undecodable(err.to_string()))?;
            blobs.put(&manifest_key(&sha256), Bytes::from(json)).await?;
            manifest
        }
    };

    // The default rendition: the JPEG closest to 800 px wide.
    let default = manifest
        .renditions
        .iter()
        .filter(|r| r.format == "jpeg")
        .min_by_key(|r| r.width.abs_diff(800))
        .ok_or_else(|| MediaError::Undecodable("no renditions".into()))?;
    let to_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    let media_id = sqlx::query_scalar!(
        r#"insert into media (media_id, sha256, blob_key, content_type, byte_size, width, height)
           values ($1, $2, $3, 'image/jpeg', $4, $5, $6)
           on conflict (sha256) do update set updated_at = media.updated_at
           returning media_id"#,
        Uuid::now_v7(),
        sha256,
        default.blob_key,
        i32::try_from(default.byte_size).unwrap_or(i32::MAX),
        to_i32(manifest.width),
        to_i32(manifest.height),
    )
    .fetch_one(&mut *conn)
    .await?;
    for rendition in &manifest.renditions {
        sqlx::query!(
            r#"insert into media_rendition (media_id, format, width, height, blob_key, byte_size)
               values ($1, $2, $3, $4, $5, $6)
               on conflict do nothing"#,
            media_id,
            rendition.format,
            to_i32(rendition.width),
            to_i32(rendition.height),
            rendition.blob_key,
            i32::try_from(rendition.byte_size).unwrap_or(i32::MAX),
        )
        .execute(&mut *conn)
        .await?;
    }
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
