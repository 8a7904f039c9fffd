// sqlx::migrate! embeds the migration files it finds when the crate compiles, and on stable Rust
// it cannot ask Cargo to watch the folder: without this, a new migration file would be left out
// of MIGRATOR (and of the binary) until something else rebuilt the crate.
fn main() {
    println!("cargo:rerun-if-changed=.");
}
