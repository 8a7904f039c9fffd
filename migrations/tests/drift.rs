//! SQL that cannot drift. A landed migration has already run on databases we cannot re-run it
//! on, so editing it would leave them with a schema no fresh database gets; these tests hold
//! every migration file to the checksum recorded when it landed (`checksums.txt`), and
//! `schema.sql` to the schema a fresh database gets from the migrations, so a schema change is
//! visible in review as a diff of one readable file.
//!
//! `TESSERA_BLESS_MIGRATIONS=1 cargo test -p tessera-migrations` appends the lines of new
//! migrations to `checksums.txt` (it never rewrites a recorded line) and regenerates
//! `schema.sql`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha384};
use tessera_migrations::MIGRATOR;

const BLESS: &str = "TESSERA_BLESS_MIGRATIONS";
const BLESS_COMMAND: &str = "TESSERA_BLESS_MIGRATIONS=1 cargo test -p tessera-migrations";
const CHECKSUMS: &str = "checksums.txt";
const SCHEMA: &str = "schema.sql";

/// The crate's folder is the migrations folder.
fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn blessing() -> bool {
    std::env::var(BLESS).is_ok_and(|value| value == "1")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

fn sha384_hex(bytes: &[u8]) -> String {
    hex(&Sha384::digest(bytes))
}

/// The files sqlx takes as migrations, by the rule `sqlx::migrate!` applies: `<version>_<description>.sql`
/// with an integer version. Read from disk rather than from `MIGRATOR`, so a file added since
/// the last build is seen too. Name → SHA-384 of the contents (what sqlx records as the checksum).
fn migration_files() -> BTreeMap<String, String> {
    let dir = folder();
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display())) {
        let path = entry.expect("directory entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let Some((version, rest)) = name.split_once('_') else { continue };
        if !path.is_file() || !rest.ends_with(".sql") || version.parse::<i64>().is_err() {
            continue;
        }
        let contents = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        files.insert(name, sha384_hex(&contents));
    }
    files
}

/// The version sqlx reads from a migration's file name (`20261124000001_catalog.sql`).
fn version(name: &str) -> Option<i64> {
    name.split_once('_').and_then(|(version, _)| version.parse().ok())
}

/// `checksums.txt` in `sha384sum`'s format (`<hex>  <file>`), in the order the lines were added.
fn recorded_checksums() -> Vec<(String, String)> {
    let path = folder().join(CHECKSUMS);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => panic!("{}: {err}", path.display()),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let (hash, name) = line.split_once("  ").unwrap_or_else(|| {
                panic!("{}:{}: expected `<sha384 hex>  <file name>`, got {line:?}", path.display(), index + 1)
            });
            assert!(
                hash.len() == 96 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}:{}: {hash:?} is not a SHA-384 in hex",
                path.display(),
                index + 1
            );
            (hash.to_owned(), name.to_owned())
        })
        .collect()
}

#[test]
fn every_migration_file_has_the_checksum_recorded_when_it_landed() {
    let files = migration_files();
    let recorded = recorded_checksums();
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for (hash, name) in &recorded {
        if seen.insert(name.as_str(), hash.as_str()).is_some() {
            problems.push(format!("{name} is listed twice in {CHECKSUMS}"));
        }
        match files.get(name) {
            None => problems.push(format!(
                "{name} is listed in {CHECKSUMS} but is not in migrations/: a landed migration is \
                 never deleted or renamed (databases have already run it)"
            )),
            Some(actual) if actual != hash => problems.push(format!(
                "{name} was edited after it landed (its sha384 is {actual}, {CHECKSUMS} says {hash}). \
                 Never edit a landed migration: restore it (`git checkout main -- migrations/{name}`) \
                 and put the change in a new migration file"
            )),
            Some(_) => {}
        }
    }

    let newest_recorded = recorded.iter().map(|(_, name)| name.as_str()).max_by_key(|name| version(name));
    let new: Vec<(&String, &String)> =
        files.iter().filter(|(name, _)| !seen.contains_key(name.as_str())).collect();
    for (name, _) in &new {
        // sqlx applies a migration it has not seen even when its version is older than ones it has
        // applied, so a late file slotted into the past would run in another order on existing
        // databases than on fresh ones.
        if let Some(newest) = newest_recorded.filter(|newest| version(name) < version(newest)) {
            problems.push(format!(
                "{name} is new but sorts before {newest}, which has already landed: give it a newer \
                 version (its name's timestamp) so every database runs the migrations in one order"
            ));
        }
    }

    if !new.is_empty() && problems.is_empty() {
        if blessing() {
            let mut lines = String::new();
            for (name, hash) in &new {
                let _ = writeln!(lines, "{hash}  {name}");
            }
            let path = folder().join(CHECKSUMS);
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            std::io::Write::write_all(&mut file, lines.as_bytes())
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            eprintln!("appended to migrations/{CHECKSUMS}:\n{lines}");
        } else {
            let names: Vec<&str> = new.iter().map(|(name, _)| name.as_str()).collect();
            problems.push(format!(
                "migrations/{CHECKSUMS} does not list {}. If you are adding a migration, record it with\n\n    \
                 {BLESS_COMMAND}\n\nwhich appends its line (it never rewrites a recorded one) and \
                 regenerates schema.sql; commit both with the migration. Never edit a landed \
                 migration; add a new file",
                names.join(", ")
            ));
        }
    }

    assert!(problems.is_empty(), "migrations drifted:\n- {}", problems.join("\n- "));
}

#[test]
fn the_embedded_migrations_are_the_numbered_files_on_disk_and_nothing_else() {
    // What the binary runs must be what the checksums hold, and the generated schema.sql and
    // checksums.txt beside the migrations must never be taken for migrations themselves.
    let embedded: BTreeMap<i64, String> =
        MIGRATOR.iter().map(|migration| (migration.version, hex(&migration.checksum))).collect();
    let on_disk: BTreeMap<i64, String> = migration_files()
        .into_iter()
        .map(|(name, hash)| (version(&name).expect("numbered file"), hash))
        .collect();
    assert!(!on_disk.is_empty(), "no migration files found in {}", folder().display());
    assert_eq!(
        embedded, on_disk,
        "MIGRATOR embeds other migrations than the files in migrations/ (a stale build? `cargo clean -p tessera-migrations`)"
    );
}

#[tokio::test]
async fn schema_sql_is_the_schema_a_fresh_database_gets_from_the_migrations() {
    let generated = fresh_schema().await;
    let path = folder().join(SCHEMA);
    if blessing() {
        std::fs::write(&path, &generated).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        eprintln!("wrote migrations/{SCHEMA}");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let actual = std::env::temp_dir().join(format!("tessera-schema-{}.sql", std::process::id()));
        let _ = std::fs::write(&actual, &generated);
        panic!(
            "migrations/{SCHEMA} is not the schema the migrations build. It is generated, never \
             edited by hand: after adding a migration, regenerate it with\n\n    {BLESS_COMMAND}\n\n\
             and commit it. The fresh schema is in {} (`diff -u migrations/{SCHEMA} {}`). \
             The difference (- committed, + generated):\n{}",
            actual.display(),
            actual.display(),
            difference(&committed, &generated)
        );
    }
}

/// Migrates a scratch database of its own, dumps its schema and drops it.
async fn fresh_schema() -> String {
    use sqlx::Connection as _;

    let base = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("tessera_schema_{}_{nanos}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|err| panic!("connecting to DATABASE_URL ({base}): {err}"));
    sqlx::raw_sql(&format!("create database {name}"))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|err| panic!("create database {name}: {err}"));

    let url = with_database(&base, &name);
    let dumped = async {
        let pool = sqlx::PgPool::connect(&url).await.map_err(|err| format!("connecting to {name}: {err}"))?;
        let migrated = MIGRATOR.run(&pool).await.map_err(|err| format!("migrating {name}: {err}"));
        pool.close().await;
        migrated?;
        pg_dump(&url)
    }
    .await;

    // Dropped before any assertion, so a failing run leaves no database behind.
    let dropped =
        sqlx::raw_sql(&format!("drop database if exists {name} with (force)")).execute(&mut admin).await;
    let dump = dumped.unwrap_or_else(|err| panic!("{err}"));
    dropped.unwrap_or_else(|err| panic!("drop database {name}: {err}"));
    normalise(&dump)
}

/// `base` with its database name replaced.
fn with_database(base: &str, database: &str) -> String {
    let (address, query) = base.split_once('?').map_or((base, None), |(a, q)| (a, Some(q)));
    let scheme_end = address.find("://").map_or(0, |i| i + 3);
    let server = match address[scheme_end..].find('/') {
        Some(slash) => &address[..scheme_end + slash],
        None => address,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

fn pg_dump_binary() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("pg_dump"))
        .find(|candidate| candidate.is_file());
    if let Some(found) = on_path {
        return found;
    }
    // Debian and Ubuntu keep each major version's client apart; the newest dumps every older server.
    let mut installed: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major = entry.file_name().to_str()?.parse().ok()?;
            let binary = entry.path().join("bin/pg_dump");
            binary.is_file().then_some((major, binary))
        })
        .collect();
    installed.sort();
    installed.pop().map(|(_, binary)| binary).unwrap_or_else(|| {
        panic!("pg_dump is neither on PATH nor in /usr/lib/postgresql/*/bin: install the Postgres client")
    })
}

fn pg_dump(url: &str) -> Result<String, String> {
    let binary = pg_dump_binary();
    let output = std::process::Command::new(&binary)
        .args(["--schema-only", "--no-owner", "--no-privileges"])
        // sqlx's bookkeeping, not our schema: its shape follows the sqlx version.
        .arg("--exclude-table=public._sqlx_migrations")
        .arg("--dbname")
        .arg(url)
        .output()
        .map_err(|err| format!("{}: {err}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            binary.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|err| format!("pg_dump wrote non-UTF-8: {err}"))
}

/// The dump without what changes from run to run or from client to client rather than with the
/// schema: `\restrict` keys (random per run), version banners, and the session `SET`s pg_dump
/// puts before what it creates (newer clients add more of them).
fn normalise(dump: &str) -> String {
    let mut out = format!(
        "-- Generated from a freshly migrated database by pg_dump --schema-only --no-owner \
         --no-privileges\n-- (migrations/tests/drift.rs). Never edit it by hand; regenerate it with\n--   \
         {BLESS_COMMAND}\n"
    );
    let mut previous_blank = false;
    for line in dump.lines() {
        let session_setting = line.starts_with("SET ") && line.contains(" = ") && line.ends_with(';');
        if line.starts_with("\\restrict ")
            || line.starts_with("\\unrestrict ")
            || line.starts_with("-- Dumped from database version")
            || line.starts_with("-- Dumped by pg_dump version")
            || line.starts_with("SELECT pg_catalog.set_config('search_path'")
            || session_setting
        {
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && previous_blank {
            continue;
        }
        previous_blank = blank;
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A line diff of the two (longest common subsequence, two lines of context), so a failure shows
/// what a migration changed without a diff tool at hand.
fn difference(committed: &str, generated: &str) -> String {
    const CONTEXT: usize = 2;
    const MOST: usize = 150;
    let old: Vec<&str> = committed.lines().collect();
    let new: Vec<&str> = generated.lines().collect();
    // The common start and end need no table, which keeps it small for the usual few changes.
    let start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let end = old[start..].iter().rev().zip(new[start..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (a, b) = (&old[start..old.len() - end], &new[start..new.len() - end]);

    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] =
                if a[i] == b[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    // (sign, line number in the committed file, text)
    let mut lines: Vec<(char, usize, &str)> = Vec::new();
    for (offset, line) in old[start.saturating_sub(CONTEXT)..start].iter().enumerate() {
        lines.push((' ', start.saturating_sub(CONTEXT) + offset + 1, line));
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push((' ', start + i + 1, a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            lines.push(('-', start + i + 1, a[i]));
            i += 1;
        } else {
            lines.push(('+', start + i + 1, b[j]));
            j += 1;
        }
    }
    for (offset, line) in old[old.len() - end..].iter().take(CONTEXT).enumerate() {
        lines.push((' ', old.len() - end + offset + 1, line));
    }

    let changed: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 != ' ').collect();
    let shown = |k: usize| changed.iter().any(|&c| c.abs_diff(k) <= CONTEXT);
    let mut out = String::new();
    let mut previous: Option<usize> = None;
    for (printed, (k, (sign, number, text))) in
        lines.iter().enumerate().filter(|(k, _)| shown(*k)).enumerate()
    {
        if printed == MOST {
            let _ = writeln!(out, "… and more");
            break;
        }
        if previous.is_none_or(|p| p + 1 != k) {
            let _ = writeln!(out, "@@ schema.sql line {number} @@");
        }
        let _ = writeln!(out, "{sign}{text}");
        previous = Some(k);
    }
    out
}

#[test]
fn the_difference_shows_each_change_with_its_line_and_a_little_context() {
    let committed = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
    let generated = "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\n";
    assert_eq!(
        difference(committed, generated),
        "@@ schema.sql line 1 @@\n a\n b\n-c\n+C\n d\n e\n@@ schema.sql line 8 @@\n h\n i\n+j\n"
    );
    assert_eq!(difference("", "x\n"), "@@ schema.sql line 1 @@\n+x\n");
}

#[test]
fn a_database_url_gets_its_database_name_replaced_and_keeps_its_options() {
    assert_eq!(with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/db?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    assert_eq!(with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
}

#[test]
fn normalising_drops_what_varies_between_runs_and_keeps_the_schema() {
    let dump = "\\restrict AbC123\n\n-- Dumped from database version 15.20\n-- Dumped by pg_dump version 17.6\n\n\
                SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n\n\
                CREATE TABLE public.event (\n    SET integer\n);\n\n\\unrestrict AbC123\n\n";
    let normalised = normalise(dump);
    let body: Vec<&str> = normalised.lines().filter(|line| !line.starts_with("-- ")).collect();
    assert_eq!(body, ["", "CREATE TABLE public.event (", "    SET integer", ");"]);
}
