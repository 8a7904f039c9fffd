//! Accounts: who may buy tickets and who may run the catalog.

mod erase;
mod home;
mod password;
mod session;
mod staff;
mod store;
mod token;

use std::fmt;

use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;
use uuid::Uuid;

pub use erase::{Blocker, EraseError, Erased, deletion_blocker, erase_account, upcoming_tickets};
pub use home::{Home, country_codes, decline_home, home, parse_home, set_home};
pub use password::{PasswordHash, hash_password, verify_password};
pub use session::{
    SESSION_DAYS, SessionToken, Sessions, create_session, delete_session, delete_sessions_of,
    purge_expired_sessions,
};
pub use staff::{StaffError, StaffMember, grant_door, list_staff, revoke_door};
pub use store::{
    AccountError, Credentials, create_account, credentials_by_email, credentials_by_id, promote_to_admin,
    set_locale, set_password,
};
pub use token::{LinkToken, TokenPurpose, issue_token, mark_verified, token_account, use_token, void_tokens};

use crate::catalog::FieldError;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Customer,
    Admin,
    /// Door staff: checks tickets in, and nothing else an admin does.
    Door,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Admin => "admin",
            Role::Door => "door",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.as_str() {
            "customer" => Ok(Role::Customer),
            "admin" => Ok(Role::Admin),
            "door" => Ok(Role::Door),
            _ => Err(format!("unknown role {value:?}")),
        }
    }
}

/// An account as the rest of the app sees it: never its password.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The owner proved the email address is theirs (see `token`): buying needs it.
    pub email_verified: bool,
    /// The language they chose with the switcher (`pt`), if they did.
    pub locale: Option<String>,
}

impl Account {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn is_door(&self) -> bool {
        self.role == Role::Door
    }

    /// Admins and door staff check tickets in.
    pub fn can_check_in(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Door)
    }
}

/// An email address as people type it, trimmed; compared without case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim();
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.split('.').count() >= 2
                    && domain.split('.').all(|label| !label.is_empty())
            });
        if valid {
            Ok(Email(email.to_string()))
        } else {
            Err(FieldError::new("email", tessera_i18n::t("error-not-an-email")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown on tickets: 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = raw.trim();
        match name.chars().count() {
            0 => Err(FieldError::new("name", tessera_i18n::t("error-required"))),
            1..=100 if !name.chars().any(is_invisible) => Ok(DisplayName(name.to_string())),
            1..=100 => Err(FieldError::new("name", tessera_i18n::t("error-no-invisible-characters"))),
            _ => Err(FieldError::new(
                "name",
                tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Control characters and the invisible ones that reorder or hide text (bidirectional
/// overrides, zero-width spaces): a name on a ticket must read as what it is.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A new password: 10 to 128 characters. Kept secret: never printed, never logged.
pub struct NewPassword(SecretString);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(FieldError::new(
                field,
                tessera_i18n::t_args("error-min-characters", [("min", Self::MIN_CHARS.into())]),
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(FieldError::new(
                field,
                tessera_i18n::t_args("error-max-characters", [("max", Self::MAX_CHARS.into())]),
            ));
        }
        Ok(NewPassword(SecretString::from(raw.to_string())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_checked() {
        assert_eq!(Email::parse("  Ana@Example.org ").unwrap().as_str(), "Ana@Example.org");
        for bad in
            ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@c.org", "ana@.org"]
        {
            assert_eq!(Email::parse(bad).unwrap_err().field, "email", "{bad:?}");
        }
    }

    #[test]
    fn passwords_have_a_length_range_and_stay_secret() {
        assert!(NewPassword::parse("password", "short").is_err());
        assert!(NewPassword::parse("password", &"x".repeat(129)).is_err());
        let password = NewPassword::parse("password", "correct horse battery").unwrap();
        assert!(!format!("{password:?}").contains("horse"));
    }

    #[test]
    fn names_are_required_and_bounded() {
        assert_eq!(DisplayName::parse("  Ana Lúcia ").unwrap().as_str(), "Ana Lúcia");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"é".repeat(101)).is_err());
        assert!(DisplayName::parse("Ana\u{202E}moc.live").is_err(), "no right-to-left override");
        assert!(DisplayName::parse("\u{200B}").is_err());
    }
}
