//! Embeds the demo data (`demo/events/*.json`, `demo/images/*`) so `tessera seed --demo` works
//! from any directory with nothing but the binary.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("demo");
    println!("cargo::rerun-if-changed={}", root.display());

    let mut out = String::new();
    for (name, dir, extension, macro_name, ty) in [
        ("EVENT_FILES", "events", "json", "include_str", "&str"),
        ("IMAGES", "images", "jpg", "include_bytes", "&[u8]"),
    ] {
        let dir = root.join(dir);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
            .unwrap_or_default();
        files.retain(|path| path.extension().is_some_and(|ext| ext == extension));
        files.sort();
        writeln!(out, "pub static {name}: &[(&str, {ty})] = &[").expect("write to a String");
        for path in files {
            let file_name = path.file_name().and_then(|n| n.to_str()).expect("utf-8 file name");
            writeln!(out, "    ({file_name:?}, {macro_name}!({:?})),", path.display().to_string())
                .expect("write to a String");
        }
        writeln!(out, "];").expect("write to a String");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("demo_files.rs");
    fs::write(dest, out).expect("write demo_files.rs");
}
