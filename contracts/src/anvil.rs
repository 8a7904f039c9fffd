//! A local anvil (the npm `@foundry-rs/anvil` in `contracts/node_modules`, installed by
//! `scripts/ensure-services.sh --eth`) on a free port, for tests and local tools: killed when
//! dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The chain id of a local `anvil` (and hardhat) node: the only chain the ETH sandbox pays on
/// and the demo contracts go on.
pub const ANVIL_CHAIN_ID: u64 = 31337;

/// An anvil process of our own, killed when dropped.
pub struct Anvil {
    child: Child,
    /// Its JSON-RPC endpoint, `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Anvil {
    /// The anvil binary this repository pins.
    pub fn binary() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil")
    }

    /// Starts anvil on a port the system picks and waits until it listens.
    ///
    /// # Panics
    /// When anvil is not installed or does not start: callers are tests and tools that
    /// cannot go on without it.
    pub fn start() -> Anvil {
        Self::start_on(None)
    }

    /// [`Anvil::start`], on chain `chain_id` rather than anvil's 31337 (to stand in for a
    /// public chain).
    #[allow(clippy::expect_used)]
    pub fn start_on(chain_id: Option<u64>) -> Anvil {
        let bin = Self::binary();
        assert!(
            bin.exists(),
            "{} is missing: run scripts/ensure-services.sh --eth (or npm ci in contracts/)",
            bin.display()
        );
        let mut command = Command::new(&bin);
        command.args(["--host", "127.0.0.1", "--port", "0"]);
        if let Some(chain_id) = chain_id {
            command.args(["--chain-id", &chain_id.to_string()]);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("anvil starts");
        let mut lines = BufReader::new(child.stdout.take().expect("anvil's stdout"));
        let mut line = String::new();
        let url = loop {
            line.clear();
            let read = lines.read_line(&mut line).expect("reading anvil's output");
            assert!(read > 0, "anvil exited before listening");
            if let Some(addr) = line.trim().strip_prefix("Listening on ") {
                break format!("http://{addr}");
            }
        };
        // Anvil logs every request; keep reading so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            while lines.read_line(&mut sink).is_ok_and(|n| n > 0) {
                sink.clear();
            }
        });
        Anvil { child, url }
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
