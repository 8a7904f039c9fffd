//! The helpers every section's parser shares, here and in the crates that parse their own
//! sections (the payment providers'): the settings as looked up, the error that names a
//! variable, and the checks more than one section makes (bounded numbers, URL schemes), so each
//! variable's message reads the same whichever section reads it.

use url::Url;

/// A setting that is present but unusable.
#[derive(Debug, thiserror::Error)]
#[error("invalid {var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

impl ConfigError {
    pub fn new(var: &'static str, message: impl Into<String>) -> Self {
        Self { var, message: message.into() }
    }
}

/// The settings as they are read at start-up (the process environment, or a test's table).
/// Empty values count as unset.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    raw: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Lookup<'a> {
    pub fn new(raw: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Self { raw }
    }

    /// The value of `name`, unless it is unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.raw)(name).filter(|value| !value.trim().is_empty())
    }

    /// `name` as a whole number in `min..=max`, or `default` when unset.
    pub fn bounded(&self, name: &'static str, default: i64, min: i64, max: i64) -> Result<i64, ConfigError> {
        bounded(self.get(name), name, default, min, max)
    }

    /// `name` as `on` or `off` (unset is off).
    pub fn on_off(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self.get(name).as_deref().map(str::trim) {
            None | Some("" | "off") => Ok(false),
            Some("on") => Ok(true),
            Some(other) => Err(ConfigError::new(name, format!("{other:?} is not on or off"))),
        }
    }
}

/// A whole number in `min..=max`, or `default` when unset.
pub fn bounded(
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

/// That `raw` is a URL with one of `schemes`; the message never repeats the value, which may
/// hold a password or an API key.
pub fn check_url_scheme(var: &'static str, raw: &str, schemes: &[&str]) -> Result<(), ConfigError> {
    let url = Url::parse(raw.trim()).map_err(|err| ConfigError::new(var, format!("not a URL ({err})")))?;
    if !schemes.contains(&url.scheme()) {
        return Err(ConfigError::new(
            var,
            format!("scheme {:?} is not one of {}", url.scheme(), schemes.join(", ")),
        ));
    }
    Ok(())
}
