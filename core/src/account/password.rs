//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, as OWASP
//! recommends). Both functions take tens of milliseconds of CPU: call them off the async
//! executor (`spawn_blocking`).

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Argon2, PasswordHash as PhcString};

/// An argon2id hash in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$...`).
#[derive(Debug, Clone)]
pub struct PasswordHash(pub String);

pub fn hash_password(password: &str) -> PasswordHash {
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password up to 4 GiB");
    PasswordHash(hash.to_string())
}

/// Whether `password` matches `hash`. With no hash (unknown email), a dummy hash is checked
/// all the same, so a failed login takes as long whether or not the account exists.
pub fn verify_password(password: &str, hash: Option<&PasswordHash>) -> bool {
    static DUMMY: LazyLock<PasswordHash> = LazyLock::new(|| hash_password("not anyone's password"));
    let (hash, exists) = match hash {
        Some(hash) => (hash, true),
        None => (&*DUMMY, false),
    };
    let Ok(parsed) = PhcString::new(&hash.0) else {
        return false;
    };
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    matches && exists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let hash = hash_password("correct horse battery");
        assert!(hash.0.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("correct horse batterY", Some(&hash)));
        assert!(!verify_password("not anyone's password", None), "the dummy never logs anyone in");
    }
}
