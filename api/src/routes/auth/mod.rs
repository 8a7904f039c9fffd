//! Accounts over JSON: `POST /api/auth/signup`, `/login`, `/logout`, `GET /api/me`,
//! `POST /api/me/password`. Scripts keep the session cookie between calls (`curl -c/-b`).

pub mod login;
pub mod logout;
pub mod me;
pub mod password;
pub mod signup;
