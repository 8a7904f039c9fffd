//! Who is asking, and whether they may: session cookies, the CSRF token of forms, the
//! cross-site guard, login rate limits.

pub mod client_ip;
pub mod cookies;
pub mod csrf;
pub mod guard;
pub mod page;
pub mod rate_limit;
pub mod viewer;

pub use page::{AdminPage, DoorPage, SignedInPage};
pub use viewer::{Admin, DoorStaff, SignedIn, Viewer};
