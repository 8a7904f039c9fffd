//! The key tickets are signed with: from configuration (`TESSERA_TICKET_SIGNING_KEY`), or,
//! on a machine without one, made once and kept in the data folder so tickets stay valid
//! across restarts.

use std::io::Write as _;
use std::path::Path;

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;

/// The file under the data folder that holds a made-up key.
pub const KEY_FILE: &str = "ticket-signing-key";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("not a base64url-encoded 32-byte Ed25519 seed")]
    Malformed,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// A key from its 32-byte seed in base64url (padding and standard base64 also accepted).
pub fn signing_key_from_base64(raw: &str) -> Result<SigningKey, KeyError> {
    let cleaned: String = raw.trim().trim_end_matches('=').replace('+', "-").replace('/', "_");
    let seed: [u8; 32] = URL_SAFE_NO_PAD
        .decode(cleaned)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(KeyError::Malformed)?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The key kept in `data_dir`, made (readable by this user only) if there is none yet.
pub fn load_or_create_signing_key(data_dir: &Path) -> Result<SigningKey, KeyError> {
    let path = data_dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(raw) => return signing_key_from_base64(&raw),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err.into()),
    }
    std::fs::create_dir_all(data_dir)?;
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    // Written whole under a name of its own, then linked into place: a process that finds the
    // file finds it complete, and of two processes making one at once, the first link wins.
    let draft = data_dir.join(format!("{KEY_FILE}.{}", uuid::Uuid::new_v4().simple()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&draft)?;
    file.write_all(URL_SAFE_NO_PAD.encode(seed).as_bytes())?;
    file.sync_all()?;
    drop(file);
    let linked = std::fs::hard_link(&draft, &path);
    let _ = std::fs::remove_file(&draft);
    match linked {
        Ok(()) => Ok(SigningKey::from_bytes(&seed)),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            signing_key_from_base64(&std::fs::read_to_string(&path)?)
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_up_key_is_kept_and_found_again() {
        let dir = std::env::temp_dir().join(format!("tessera-key-{}", uuid::Uuid::new_v4().simple()));
        let first = load_or_create_signing_key(&dir).unwrap();
        let again = load_or_create_signing_key(&dir).unwrap();
        assert_eq!(first.to_bytes(), again.to_bytes());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_configured_key_must_be_a_32_byte_seed() {
        let seed = URL_SAFE_NO_PAD.encode([5u8; 32]);
        assert_eq!(signing_key_from_base64(&seed).unwrap().to_bytes(), [5u8; 32]);
        assert!(signing_key_from_base64("c2hvcnQ").is_err());
    }
}
