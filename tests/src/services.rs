//! Servers of a test's own, so it can stop, crash and restart them without disturbing other
//! tests: a Redis that keeps nothing ([`OwnRedis`]), a Postgres cluster in a temporary folder
//! ([`OwnPostgres`]), and a gate in front of a TCP server that can be closed like a server that
//! went away ([`Gate`]).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A free port on loopback (free when asked; tests take it at once).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port()
}

fn wait_for_port(port: u16, what: &str) {
    for _ in 0..300 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not start on port {port}");
}

/// Sends `signal` (`KILL`, `QUIT`, `TERM`…) to a process.
pub fn signal(pid: u32, signal: &str) {
    let _ = Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status();
}

/// A Redis server of the test's own that keeps nothing on disk: stopping it loses its data,
/// as a Redis without persistence (or a failover to an empty replica) does.
pub struct OwnRedis {
    pub port: u16,
    child: Option<Child>,
}

impl OwnRedis {
    pub fn start() -> Self {
        let mut redis = Self { port: free_port(), child: None };
        redis.restart();
        redis
    }

    /// Starts it (again) on its port, empty.
    pub fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &self.port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server (installed with Redis) must be on PATH");
        self.child = Some(child);
        wait_for_port(self.port, "redis-server");
    }

    /// Kills it (SIGKILL): whatever it held is gone.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A Postgres cluster of the test's own (Debian's server binaries, `initdb` into a temporary
/// folder), trust authentication for `postgres` on loopback. [`OwnPostgres::crash`] stops it the
/// way a crash does (an immediate shutdown: no checkpoint, WAL replayed at the next start).
pub struct OwnPostgres {
    pub port: u16,
    bin: PathBuf,
    data: PathBuf,
    /// Run as the `postgres` user when we are root (Postgres refuses to run as root).
    as_postgres: bool,
    child: Option<Child>,
    _dir: tempfile::TempDir,
}

impl OwnPostgres {
    pub fn start() -> Self {
        let bin = postgres_bin_dir();
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let as_postgres = running_as_root();
        if as_postgres {
            let status =
                Command::new("chown").arg("postgres:postgres").arg(dir.path()).status().expect("chown");
            assert!(status.success(), "chown of the cluster's folder to postgres");
        }
        let mut initdb = user_command(as_postgres, &bin.join("initdb"));
        let out = initdb
            .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .expect("initdb (Debian's postgresql package)");
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        let mut postgres = Self { port: free_port(), bin, data, as_postgres, child: None, _dir: dir };
        postgres.restart();
        postgres
    }

    /// Starts the server (again) on its port.
    pub fn restart(&mut self) {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.log()).expect("log file");
        let child = user_command(self.as_postgres, &self.bin.join("postgres"))
            .arg("-D")
            .arg(&self.data)
            .args(["-p", &self.port.to_string(), "-c", "listen_addresses=127.0.0.1", "-c"])
            .arg(format!("unix_socket_directories={}", self.data.parent().expect("parent").display()))
            .args(["-c", "max_connections=300", "-c", "fsync=off", "-c", "shared_buffers=64MB"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("postgres");
        self.child = Some(child);
        wait_for_port(self.port, "postgres");
        // Accepting connections once recovery is over.
        for _ in 0..300 {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres"])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("postgres on {} never accepted connections", self.port);
    }

    /// Stops it as a crash would: SIGQUIT, an immediate shutdown without a checkpoint; what
    /// was committed is replayed from the WAL at the next start.
    pub fn crash(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(child.id(), "QUIT");
            let _ = child.wait();
        }
    }

    /// The server's log, every start of it.
    pub fn log(&self) -> PathBuf {
        self.data.with_file_name("postgres.log")
    }

    /// The URL of a database of this server.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.crash();
    }
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// `program`, run as the `postgres` user when `as_postgres` (without a process in between, so
/// its id is the server's).
fn user_command(as_postgres: bool, program: &Path) -> Command {
    if as_postgres {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=postgres", "--regid=postgres", "--init-groups"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// Debian's server binaries: `TESSERA_TEST_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
fn postgres_bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("TESSERA_TEST_PG_BIN") {
        return dir.into();
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("/usr/lib/postgresql (Debian's postgresql package)")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| bin.join("postgres").exists())
        .collect();
    versions.sort();
    versions.pop().expect("a Postgres server under /usr/lib/postgresql").1
}

/// A TCP gate on a port of its own in front of `target`: open, it passes connections through;
/// closed, new connections are refused and those in progress are cut, as when the server behind
/// it goes away.
pub struct Gate {
    pub port: u16,
    target: u16,
    state: Arc<Mutex<GateState>>,
}

#[derive(Default)]
struct GateState {
    listener: Option<tokio::task::JoinHandle<()>>,
    connections: Vec<tokio::task::JoinHandle<()>>,
}

impl Gate {
    /// Opens a gate to `target` on a free port.
    pub async fn open_to(target: u16) -> Self {
        let gate = Self { port: free_port(), target, state: Arc::default() };
        gate.open().await;
        gate
    }

    /// Opens the gate (again); nothing happens if it is open.
    pub async fn open(&self) {
        if self.state.lock().expect("gate").listener.is_some() {
            return;
        }
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                // The port may linger a moment after closing.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        let (target, state) = (self.target, self.state.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let connection = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(("127.0.0.1", target)).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                let mut state = state.lock().expect("gate");
                state.connections.retain(|c| !c.is_finished());
                state.connections.push(connection);
            }
        });
        self.state.lock().expect("gate").listener = Some(task);
    }

    /// Closes the gate: the port refuses connections and every connection through it is cut.
    pub async fn close(&self) {
        let (listener, connections) = {
            let mut state = self.state.lock().expect("gate");
            (state.listener.take(), std::mem::take(&mut state.connections))
        };
        if let Some(listener) = listener {
            listener.abort();
            let _ = listener.await;
        }
        for connection in connections {
            connection.abort();
        }
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        let mut state = self.state.lock().expect("gate");
        if let Some(listener) = state.listener.take() {
            listener.abort();
        }
        for connection in state.connections.drain(..) {
            connection.abort();
        }
    }
}
