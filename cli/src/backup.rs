//! `tessera backup` and `tessera restore`: a consistent copy of the database and the blob
//! store, taken while the shop sells, and its return into an empty database.
//!
//! The database is dumped by `pg_dump` (custom format) from a snapshot this process exports and
//! holds open; in that same snapshot every table's row count and digest go into the backup's
//! manifest, and a restore checks them. Blobs (images, ticket PDFs) are copied after the dump:
//! a blob is written before any row names it and never deleted, so every blob the dump names is
//! in the copy. The ticket signing key kept in the data folder is copied too, so the tickets
//! already sent still verify at the door. A backup is a folder:
//!
//! ```text
//! tessera-20261205T231500.123Z/   (owner only)
//!   manifest.json       when, the schema's migration, per table rows and digest, per blob size and SHA-256
//!   database.dump       pg_dump --format=custom
//!   blobs/…             the blob store's keys as paths
//!   ticket-signing-key  when the key lives in TESSERA_DATA_DIR (keep backups as secret as it)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use sqlx::{Connection as _, PgConnection};
use tessera_media::BlobStore;

/// The manifest's format; a restore refuses any other.
const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const DUMP: &str = "database.dump";
const BLOBS: &str = "blobs";

/// What a backup holds, as its `manifest.json` says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    /// When the database's snapshot was taken.
    pub taken_at: DateTime<Utc>,
    /// The newest migration the database had.
    pub migration: i64,
    /// Per table: rows and the digest of their contents, in the snapshot.
    pub tables: BTreeMap<String, TableDigest>,
    pub blobs: Vec<BlobEntry>,
    /// Whether `ticket-signing-key` is in the backup.
    pub signing_key: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TableDigest {
    pub rows: i64,
    /// SHA-256 over the rows' MD5s in order: equal contents, equal digest.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BlobEntry {
    pub key: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Where a backup is taken from, or restored to.
pub struct Site<'a> {
    pub database_url: &'a str,
    pub blobs: &'a BlobStore,
    /// The data folder holding `ticket-signing-key`, when the key is kept there (none when
    /// `TESSERA_TICKET_SIGNING_KEY` gives it: it is the operator's to keep).
    pub key_dir: Option<&'a Path>,
}

/// A backup taken or restored, and how long it took.
#[derive(Debug, Clone)]
pub struct Done {
    pub dir: PathBuf,
    pub manifest: Manifest,
    pub elapsed: Duration,
}

impl Done {
    pub fn rows(&self) -> i64 {
        self.manifest.tables.values().map(|t| t.rows).sum()
    }

    pub fn blob_bytes(&self) -> u64 {
        self.manifest.blobs.iter().map(|b| b.bytes).sum()
    }
}

/// Takes a backup of `site` into a new folder under `to`.
pub async fn backup(site: &Site<'_>, to: &Path) -> anyhow::Result<Done> {
    let started = Instant::now();
    let taken_at = Utc::now();
    let dir = to.join(format!("tessera-{}", taken_at.format("%Y%m%dT%H%M%S%.3fZ")));
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    // Orders, addresses and password hashes: the owner's alone.
    private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;

    // The snapshot: exported, held open while pg_dump reads it, and read here for the digests.
    let mut conn = PgConnection::connect(site.database_url).await.context("cannot reach the database")?;
    sqlx::query("begin isolation level repeatable read, read only").execute(&mut conn).await?;
    let snapshot: String = sqlx::query_scalar("select pg_export_snapshot()").fetch_one(&mut conn).await?;
    let taken_at: DateTime<Utc> = sqlx::query_scalar("select now()").fetch_one(&mut conn).await?;
    let migration: i64 =
        sqlx::query_scalar("select coalesce(max(version), 0) from _sqlx_migrations where success")
            .fetch_one(&mut conn)
            .await
            .context("not a Tessera database (no _sqlx_migrations)")?;
    let tables = digests(&mut conn).await?;
    let dump = dir.join(DUMP);
    let mut pg_dump = libpq_command("pg_dump", site.database_url)?;
    pg_dump
        .arg("--format=custom")
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg(format!("--snapshot={snapshot}"))
        .arg("--file")
        .arg(&dump);
    let status = run(pg_dump).await.context("cannot run pg_dump (the Postgres client tools)")?;
    sqlx::query("commit").execute(&mut conn).await?;
    if !status.success() {
        bail!("pg_dump failed ({status})");
    }

    // The blobs, after the dump: every one it names exists by now.
    let mut blobs = Vec::new();
    for (key, _) in site.blobs.list().await.context("cannot list the blob store")? {
        let Some(bytes) = site.blobs.get(&key).await? else { continue };
        let path = blob_path(&dir, &key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
        blobs.push(BlobEntry { key, bytes: bytes.len() as u64, sha256: hex::encode(Sha256::digest(&bytes)) });
    }

    let mut signing_key = false;
    if let Some(key_dir) = site.key_dir {
        let key = key_dir.join(tessera_core::ticket::KEY_FILE);
        if key.exists() {
            copy_secret(&key, &dir.join(tessera_core::ticket::KEY_FILE))?;
            signing_key = true;
        }
    }
    let manifest = Manifest { format: FORMAT, taken_at, migration, tables, blobs, signing_key };
    std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(Done { dir, manifest, elapsed: started.elapsed() })
}

/// Restores the backup in `from` into `site`, whose database must exist and be empty (no
/// tables): restored, its tables are checked against the manifest's digests, then the blobs
/// (each checked against its SHA-256) and the signing key are put back.
pub async fn restore(site: &Site<'_>, from: &Path) -> anyhow::Result<Done> {
    let started = Instant::now();
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(from.join(MANIFEST))
            .with_context(|| format!("no {MANIFEST} in {}", from.display()))?,
    )
    .context("the manifest does not read")?;
    if manifest.format != FORMAT {
        bail!("backup format {} is not one this version restores ({FORMAT})", manifest.format);
    }
    // The signing key first: one that differs from the key already there is refused before
    // anything is written.
    let key_file = from.join(tessera_core::ticket::KEY_FILE);
    let key_target = site.key_dir.map(|dir| dir.join(tessera_core::ticket::KEY_FILE));
    if manifest.signing_key
        && let Some(target) = &key_target
        && target.exists()
        && std::fs::read(target)? != std::fs::read(&key_file)?
    {
        bail!("{} holds another ticket signing key: move it away to restore the backup's", target.display());
    }

    // Everything the database will not check is checked before anything is written: the blobs
    // and the key file.
    for blob in &manifest.blobs {
        let path = blob_path(from, &blob.key)?;
        let bytes = std::fs::read(&path).with_context(|| format!("missing {}", path.display()))?;
        if hex::encode(Sha256::digest(&bytes)) != blob.sha256 {
            bail!("{} is not the blob the backup took (its SHA-256 differs)", path.display());
        }
    }
    if manifest.signing_key && !key_file.exists() {
        bail!("{} is missing from the backup", key_file.display());
    }

    let mut conn = PgConnection::connect(site.database_url).await.context("cannot reach the database")?;
    let tables: i64 = sqlx::query_scalar("select count(*) from pg_tables where schemaname = 'public'")
        .fetch_one(&mut conn)
        .await?;
    if tables > 0 {
        bail!("the database at DATABASE_URL is not empty ({tables} tables): restore into a new database");
    }
    // All or nothing: a restore that fails leaves the database as empty as it was.
    let mut pg_restore = libpq_command("pg_restore", site.database_url)?;
    pg_restore
        .arg("--no-owner")
        .arg("--no-privileges")
        .arg("--exit-on-error")
        .arg("--single-transaction")
        .arg(from.join(DUMP));
    let status = run(pg_restore).await.context("cannot run pg_restore (the Postgres client tools)")?;
    if !status.success() {
        bail!("pg_restore failed ({status})");
    }
    let restored = digests(&mut conn).await?;
    let differ: Vec<&String> = manifest
        .tables
        .iter()
        .filter(|(table, digest)| restored.get(*table) != Some(digest))
        .map(|(table, _)| table)
        .collect();
    if !differ.is_empty() || restored.len() != manifest.tables.len() {
        bail!("the restored database differs from the backup's manifest in: {differ:?}");
    }

    for blob in &manifest.blobs {
        let bytes = std::fs::read(blob_path(from, &blob.key)?)?;
        site.blobs
            .put(&blob.key, bytes.into())
            .await
            .with_context(|| format!("cannot store {}", blob.key))?;
    }
    if manifest.signing_key
        && let Some(target) = &key_target
        && !target.exists()
    {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        copy_secret(&key_file, target)?;
    }
    Ok(Done { dir: from.to_path_buf(), manifest, elapsed: started.elapsed() })
}

/// `program` (a libpq tool) for the database at `database_url`: the URL goes on its command
/// line without its password, which goes in `PGPASSWORD` (command lines are readable by every
/// user of the machine).
fn libpq_command(program: &str, database_url: &str) -> anyhow::Result<std::process::Command> {
    let (url, password) = split_password(database_url)?;
    let mut command = std::process::Command::new(program);
    command.arg("--dbname").arg(url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    Ok(command)
}

/// A `postgres://` URL without its password, and the password (percent-decoded).
fn split_password(database_url: &str) -> anyhow::Result<(String, Option<String>)> {
    let Some((scheme, rest)) = database_url.split_once("://") else {
        bail!("DATABASE_URL is not a postgres:// URL");
    };
    let (authority, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return Ok((database_url.to_string(), None));
    };
    let Some((user, password)) = userinfo.split_once(':') else {
        return Ok((database_url.to_string(), None));
    };
    Ok((format!("{scheme}://{user}@{host}/{tail}"), Some(percent_decode(password))))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Creates `dir` readable by its owner only.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Runs a program to its end on a blocking thread.
async fn run(mut command: std::process::Command) -> std::io::Result<std::process::ExitStatus> {
    tokio::task::spawn_blocking(move || command.status()).await.map_err(std::io::Error::other)?
}

/// Every table of the `public` schema: its rows and the SHA-256 of their MD5s in order (as
/// text, so equal contents give equal digests on the same server settings).
async fn digests(conn: &mut PgConnection) -> anyhow::Result<BTreeMap<String, TableDigest>> {
    // The rows' text as this server writes it whatever the database's own settings say, so the
    // same contents read the same on the live database and on the restored one.
    sqlx::raw_sql(
        "set timezone = 'UTC'; set datestyle = 'ISO, MDY'; set intervalstyle = 'postgres';
         set extra_float_digits = 1; set bytea_output = 'hex'",
    )
    .execute(&mut *conn)
    .await?;
    let names: Vec<String> =
        sqlx::query_scalar("select tablename::text from pg_tables where schemaname = 'public' order by 1")
            .fetch_all(&mut *conn)
            .await?;
    let mut tables = BTreeMap::new();
    for name in names {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let (rows, sha256): (i64, String) = sqlx::query_as(&format!(
            "select count(*), encode(sha256(convert_to(coalesce(string_agg(h, '' order by h collate \"C\"), ''), 'UTF8')), 'hex')
             from (select md5(t::text) as h from public.{quoted} t) x"
        ))
        .fetch_one(&mut *conn)
        .await
        .with_context(|| format!("cannot read {name}"))?;
        tables.insert(name, TableDigest { rows, sha256 });
    }
    Ok(tables)
}

/// Where a blob's key lives under a backup folder; keys that would leave it are refused.
fn blob_path(dir: &Path, key: &str) -> anyhow::Result<PathBuf> {
    let safe = !key.is_empty()
        && key.split('/').all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if !safe {
        bail!("blob key {key:?} cannot be a path in a backup");
    }
    Ok(dir.join(BLOBS).join(key))
}

/// Copies a secret file, readable by its owner only.
fn copy_secret(from: &Path, to: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
    #[cfg(unix)]
    {
        use std::io::Write as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(to)
            .with_context(|| format!("cannot write {}", to.display()))?;
        file.write_all(&bytes)?;
    }
    #[cfg(not(unix))]
    std::fs::write(to, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_goes_on_the_command_line() {
        assert_eq!(
            split_password("postgres://tessera:s%40cr%3At@db.example.org:5432/tessera?sslmode=require")
                .unwrap(),
            (
                "postgres://tessera@db.example.org:5432/tessera?sslmode=require".to_string(),
                Some("s@cr:t".to_string())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1:5432/postgres").unwrap(),
            ("postgres://postgres@127.0.0.1:5432/postgres".to_string(), None)
        );
        assert!(split_password("not a url").is_err());
    }

    #[test]
    fn blob_keys_stay_inside_the_backup() {
        let dir = Path::new("/backups/b");
        assert_eq!(blob_path(dir, "tickets/a.pdf").unwrap(), Path::new("/backups/b/blobs/tickets/a.pdf"));
        for bad in ["", "../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", "."] {
            assert!(blob_path(dir, bad).is_err(), "{bad}");
        }
    }
}
