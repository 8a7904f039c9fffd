//! The demo catalog's text and images, embedded in the binary (see `demo/README.md`).

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// The bytes of a demo image by file name.
pub fn image(name: &str) -> Option<&'static [u8]> {
    IMAGES.iter().find(|(file, _)| *file == name).map(|(_, bytes)| *bytes)
}
