use image::{ImageEncoder as _, Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;
use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

/// A test picture: a gradient with a block, so resizing has something to do. A fresh tint
/// per call keeps its bytes (and so its processing) unique.
fn picture(width: u32, height: u32) -> RgbImage {
    let tint = (uuid::Uuid::new_v4().as_bytes()[0]) as u32;
    RgbImage::from_fn(width, height, |x, y| {
        let block = (x / 40 + y / 40) % 2 == 0;
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, if block { tint as u8 } else { 40 }])
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(image).unwrap();
    out
}

/// A JPEG carrying an EXIF orientation ("rotate 90° clockwise to view") and a comment that
/// stands in for private metadata (GPS, camera serial).
fn jpeg_with_metadata(image: &RgbImage) -> Vec<u8> {
    let plain = jpeg(image);
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    exif.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0, 0, 0, 0, 0]);
    let comment = b"SECRET-GPS 38.7223,-9.1393";
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(comment);
    out.extend_from_slice(&plain[2..]);
    out
}

async fn upload(app: &TestApp, admin: &str, bytes: Vec<u8>) -> (u16, Value) {
    let id = app
        .insert_event(&sample_event(&format!("pic-{}", uuid::Uuid::new_v4().simple()), "Pictured", 3))
        .await;
    let response = app.post_bytes(&format!("/api/admin/events/{id}/image"), bytes, admin).await;
    let body = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
    (response.status.as_u16(), body)
}

fn widths(event: &Value, format: &str) -> Vec<u64> {
    event["image_renditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["format"] == format)
        .map(|r| r["width"].as_u64().unwrap())
        .collect()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn each_accepted_format_becomes_webp_and_jpeg_renditions(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;

    let big = picture(1800, 1200);
    let png = {
        let rgba = RgbaImage::from_fn(900, 600, |x, _| Rgba([200, 30, 30, if x < 450 { 255 } else { 0 }]));
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&rgba, 900, 600, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    };
    let webp = {
        let small = picture(500, 300);
        let mut out = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut out)
            .write_image(small.as_raw(), 500, 300, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    };
    for (name, bytes, expected) in
        [("jpeg", jpeg(&big), vec![400, 800, 1600]), ("png", png, vec![400, 800]), ("webp", webp, vec![400])]
    {
        let (status, event) = upload(&app, &admin, bytes).await;
        assert_eq!(status, 200, "{name}: {event}");
        assert_eq!(widths(&event, "webp"), expected, "{name}");
        assert_eq!(widths(&event, "jpeg"), expected, "{name}");
        let image = event["image"].as_str().unwrap();
        assert!(image.ends_with(".jpg"), "{name}: the default is a JPEG: {image}");
        for rendition in event["image_renditions"].as_array().unwrap() {
            let url = rendition["url"].as_str().unwrap();
            let served = app.get(url).await;
            assert_eq!(served.status, 200, "{url}");
            let (content_type, magic): (&str, &[u8]) = if rendition["format"] == "webp" {
                ("image/webp", b"RIFF")
            } else {
                ("image/jpeg", &[0xFF, 0xD8, 0xFF])
            };
            assert_eq!(served.header("content-type"), content_type);
            assert!(served.body.starts_with(magic), "{url}");
            assert_eq!(served.header("cache-control"), "public, max-age=31536000, immutable");
            let decoded = image::load_from_memory(&served.body).unwrap();
            assert_eq!(u64::from(decoded.width()), rendition["width"].as_u64().unwrap());
        }
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn metadata_is_stripped_and_orientation_applied(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    // Stored landscape, 900×500, but the camera says "rotate 90°": it is a portrait photo.
    let (status, event) = upload(&app, &admin, jpeg_with_metadata(&picture(900, 500))).await;
    assert_eq!(status, 200, "{event}");
    let largest =
        event["image_renditions"].as_array().unwrap().iter().find(|r| r["width"] == 400).unwrap().clone();
    assert_eq!(largest["height"], 720, "upright: 500×900 scaled to 400 wide");
    for rendition in event["image_renditions"].as_array().unwrap() {
        let served = app.get(rendition["url"].as_str().unwrap()).await;
        let text = String::from_utf8_lossy(&served.body);
        assert!(!text.contains("SECRET-GPS"), "metadata left in {}", rendition["url"]);
        assert!(!text.contains("Exif"), "EXIF left in {}", rendition["url"]);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn what_is_not_an_image_we_can_read_is_refused(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    // A text file named holiday.jpg: the name and content type count for nothing.
    let (status, body) = upload(&app, &admin, b"<html>definitely not a photo</html>".to_vec()).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["field"], "image");
    // JPEG's first bytes and then garbage.
    let mut broken = vec![0xFF, 0xD8, 0xFF, 0xE0];
    broken.extend_from_slice(&[7; 2000]);
    let (status, body) = upload(&app, &admin, broken).await;
    assert_eq!(status, 422, "{body}");
    // Too large is refused before it is read.
    let mut huge = vec![0xFF, 0xD8, 0xFF];
    huge.resize(11 * 1024 * 1024, 0);
    let (status, body) = upload(&app, &admin, huge).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "payload_too_large");

    let customer = app.sign_in(false).await;
    let (status, _) = upload(&app, &customer, jpeg(&picture(100, 100))).await;
    assert_eq!(status, 403);
}
