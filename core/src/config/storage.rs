//! Where media are stored when not on local disk: an S3-compatible bucket
//! (`TESSERA_S3_*` and the usual `AWS_*` credentials). Apart because only the blob store reads it.

use secrecy::SecretString;
use url::Url;

use super::lookup::ConfigError;

/// Where media live when they live in S3 (or anything that speaks its API).
#[derive(Debug, Clone)]
pub struct S3Config {
    /// `TESSERA_S3_BUCKET`.
    pub bucket: String,
    /// `TESSERA_S3_REGION` (default `AWS_REGION`, then `us-east-1`).
    pub region: String,
    /// `TESSERA_S3_ENDPOINT`: for S3-compatible stores; path-style requests are used then.
    pub endpoint: Option<Url>,
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, when given; otherwise the AWS
    /// defaults apply (instance role, web identity, …).
    pub credentials: Option<(String, SecretString)>,
}

impl S3Config {
    /// `None` when `TESSERA_S3_BUCKET` is unset: media stay under `TESSERA_DATA_DIR`.
    pub(super) fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let Some(bucket) = get("TESSERA_S3_BUCKET") else { return Ok(None) };
        let bucket = bucket.trim().to_string();
        let valid = (3..=63).contains(&bucket.len())
            && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid {
            return Err(ConfigError::new("TESSERA_S3_BUCKET", format!("{bucket:?} is not a bucket name")));
        }
        let endpoint = match get("TESSERA_S3_ENDPOINT") {
            None => None,
            Some(raw) => Some(
                Url::parse(raw.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https")).ok_or_else(
                    || ConfigError::new("TESSERA_S3_ENDPOINT", format!("{raw:?} is not an http(s) URL")),
                )?,
            ),
        };
        let region =
            get("TESSERA_S3_REGION").or_else(|| get("AWS_REGION")).unwrap_or_else(|| "us-east-1".into());
        let credentials = match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
            (Some(id), Some(secret)) => {
                Some((id.trim().to_string(), SecretString::from(secret.trim().to_string())))
            }
            _ => None,
        };
        Ok(Some(S3Config { bucket, region: region.trim().to_string(), endpoint, credentials }))
    }
}
