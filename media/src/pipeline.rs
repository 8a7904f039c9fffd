//! From an uploaded image to the renditions we serve: decoded (the format sniffed from the
//! bytes), turned upright by its EXIF orientation, flattened onto white, resized to a few
//! widths and re-encoded as WebP and JPEG. Re-encoding from pixels drops every byte of
//! metadata (camera, GPS, comments) the upload carried. CPU-bound: run it off the async
//! executor.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder as _, ImageReader, Limits, RgbImage};

use super::{ImageFormat, MediaError};

/// The widths we render (never wider than the upload).
pub const WIDTHS: [u32; 3] = [400, 800, 1600];
/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Larger sides are refused before decoding: a small file can claim a huge canvas.
const MAX_SIDE: u32 = 12_000;

const WEBP_QUALITY: f32 = 78.0;
const JPEG_QUALITY: u8 = 82;

/// How a rendition is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenditionFormat {
    Webp,
    Jpeg,
}

impl RenditionFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            RenditionFormat::Webp => "webp",
            RenditionFormat::Jpeg => "jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            RenditionFormat::Webp => "webp",
            RenditionFormat::Jpeg => "jpg",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rendition {
    pub format: RenditionFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// An image ready to store: its upright size and its renditions.
#[derive(Debug, Clone)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
}

/// Turns uploaded bytes into renditions, or says why it cannot.
pub fn process(bytes: &[u8]) -> Result<Processed, MediaError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(MediaError::TooLarge);
    }
    let format = ImageFormat::sniff(bytes).ok_or(MediaError::UnsupportedFormat)?;
    let mut reader = ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            ImageFormat::Jpeg => image::ImageFormat::Jpeg,
            ImageFormat::Png => image::ImageFormat::Png,
            ImageFormat::Webp => image::ImageFormat::WebP,
        },
    );
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| MediaError::Undecodable(err.to_string()))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut decoded =
        DynamicImage::from_decoder(decoder).map_err(|err| MediaError::Undecodable(err.to_string()))?;
    decoded.apply_orientation(orientation);
    let upright = flatten_onto_white(decoded);
    let (width, height) = upright.dimensions();

    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    if widths.is_empty() {
        widths.push(width);
    }
    let mut renditions = Vec::with_capacity(widths.len() * 2);
    for target in widths {
        let target_height =
            ((u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width)).max(1);
        let target_height = u32::try_from(target_height).unwrap_or(u32::MAX);
        let resized = if target == width {
            upright.clone()
        } else {
            image::imageops::resize(&upright, target, target_height, FilterType::CatmullRom)
        };
        let webp =
            webp::Encoder::from_rgb(resized.as_raw(), target, target_height).encode(WEBP_QUALITY).to_vec();
        renditions.push(Rendition {
            format: RenditionFormat::Webp,
            width: target,
            height: target_height,
            bytes: webp,
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
            .encode_image(&resized)
            .map_err(|err| MediaError::Undecodable(err.to_string()))?;
        renditions.push(Rendition {
            format: RenditionFormat::Jpeg,
            width: target,
            height: target_height,
            bytes: jpeg,
        });
    }
    Ok(Processed { width, height, renditions })
}

/// Transparent areas become white (JPEG has no alpha, and photos rarely want any).
fn flatten_onto_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}
