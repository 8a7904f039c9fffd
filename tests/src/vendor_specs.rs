//! Where the vendors' published files are (BTCPay's OpenAPI fragments, Stripe's example
//! objects). They are not ours to commit: they live in a `shared/vendor-specs/` folder beside
//! the checkout (in CI too), each vendor's folder with a PROVENANCE.md and SHA256SUMS, or
//! wherever `TESSERA_VENDOR_SPECS` points.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that points the tests at another copy of the shared folder.
pub const VARIABLE: &str = "TESSERA_VENDOR_SPECS";

/// The folder holding one subfolder per vendor (`btcpay/`, `stripe/`).
pub fn dir() -> PathBuf {
    resolve(std::env::var_os(VARIABLE))
}

/// A file or folder inside [`dir`], such as `btcpay` or `stripe/fixtures3.json`.
pub fn path(relative: &str) -> PathBuf {
    let path = dir().join(relative);
    assert!(
        path.exists(),
        "{} is missing from the vendor specs folder {}: it should come from the shared folder \
         (tests/README.md says where each file comes from); point {VARIABLE} at a folder that has it",
        relative,
        path.parent().unwrap_or(&path).display()
    );
    path
}

/// The checkout's parent folder, where `shared/` sits beside the checkout.
fn workspace_root() -> PathBuf {
    // This crate is `tests/` in the workspace.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate sits in the workspace").to_owned()
}

fn resolve(setting: Option<OsString>) -> PathBuf {
    let (dir, from) = match setting.filter(|value| !value.is_empty()) {
        // Relative to the workspace root rather than to wherever cargo runs the test binary from.
        Some(value) => (workspace_root().join(value), format!("from {VARIABLE}")),
        None => (
            workspace_root().parent().unwrap_or(Path::new("/")).join("shared/vendor-specs"),
            format!("beside the checkout; {VARIABLE} is not set"),
        ),
    };
    assert!(
        dir.is_dir(),
        "no vendor specs folder at {} ({from}). The tests read the vendors' published files \
         (BTCPay Server's Greenfield OpenAPI fragments, Stripe's fixtures3.json) from the shared \
         folder `shared/vendor-specs/` beside the checkout, never from this repository; set \
         {VARIABLE} to a copy of it (absolute, or relative to the workspace root). \
         tests/README.md says where each file comes from",
        dir.display()
    );
    dir
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn without_the_variable_the_specs_are_read_from_the_shared_folder_beside_the_checkout() {
        let dir = resolve(None);
        assert!(dir.ends_with("shared/vendor-specs"), "{}", dir.display());
        assert_eq!(dir.parent().and_then(Path::parent), workspace_root().parent());
        assert!(dir.join("btcpay/swagger.template.invoices.json").is_file());
    }

    #[test]
    fn the_variable_points_elsewhere_relative_to_the_workspace_root() {
        // Test binaries run in tests/, where `../shared/vendor-specs` does not exist.
        let beside = resolve(None).canonicalize().expect("the shared folder");
        let relative = resolve(Some("../shared/vendor-specs".into()));
        assert_eq!(relative.canonicalize().expect("resolved"), beside);
        assert_eq!(resolve(Some(beside.clone().into_os_string())), beside);
    }

    #[test]
    #[should_panic(expected = "set TESSERA_VENDOR_SPECS to a copy of it")]
    fn a_missing_folder_says_how_to_point_the_tests_at_one() {
        resolve(Some("no/such/vendor-specs".into()));
    }

    /// What we read is byte for byte what each PROVENANCE.md names: every file its SHA256SUMS lists.
    #[test]
    fn every_vendor_file_matches_the_checksum_the_shared_folder_records_for_it() {
        for vendor in ["btcpay", "stripe"] {
            let sums = std::fs::read_to_string(path(vendor).join("SHA256SUMS")).expect("SHA256SUMS");
            let mut checked = 0;
            for line in sums.lines().filter(|line| !line.trim().is_empty()) {
                let (expected, name) = line.split_once("  ").expect("`<sha256>  <file>`");
                let bytes = std::fs::read(path(vendor).join(name)).expect("listed file");
                let actual = Sha256::digest(&bytes).iter().fold(String::new(), |mut hex, byte| {
                    let _ = write!(hex, "{byte:02x}");
                    hex
                });
                assert_eq!(actual, expected, "{vendor}/{name}");
                checked += 1;
            }
            assert!(checked > 0, "{vendor}/SHA256SUMS lists nothing");
        }
    }
}
