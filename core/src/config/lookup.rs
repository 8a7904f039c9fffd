//! The helpers every section's parser shares: the error that names a variable, and the
//! checks more than one section makes (bounded numbers, URL schemes), so each variable's
//! message reads the same whichever section reads it.

use url::Url;

/// A setting that is present but unusable.
#[derive(Debug, thiserror::Error)]
#[error("invalid {var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

impl ConfigError {
    pub(super) fn new(var: &'static str, message: impl Into<String>) -> Self {
        Self { var, message: message.into() }
    }
}

/// A whole number in `min..=max`, or `default` when unset.
pub(super) fn bounded(
    raw: Option<String>,
    var: &'static str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ConfigError::new(var, format!("{raw:?} is not a number from {min} to {max}"))),
    }
}

pub(super) fn check_url_scheme(var: &'static str, raw: &str, schemes: &[&str]) -> Result<(), ConfigError> {
    // The message never repeats the value: it may hold a password.
    let url = Url::parse(raw.trim()).map_err(|err| ConfigError::new(var, format!("not a URL ({err})")))?;
    if !schemes.contains(&url.scheme()) {
        return Err(ConfigError::new(
            var,
            format!("scheme {:?} is not one of {}", url.scheme(), schemes.join(", ")),
        ));
    }
    Ok(())
}
