//! Media in an S3 bucket: the same pipeline and routes against a real S3 API (moto's server,
//! started here on a free port).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

struct Moto {
    child: Child,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_moto(bucket: &str) -> Moto {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "moto_server is installed by scripts/ensure-services.sh --browser (pip install 'moto[server]')",
        );
    let endpoint = format!("http://127.0.0.1:{port}");
    let moto = Moto { child, endpoint };
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "moto_server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = Command::new("curl")
        .args(["-sf", "-X", "PUT", &format!("{}/{bucket}", moto.endpoint)])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "creating the bucket");
    moto
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn images_go_to_and_come_back_from_an_s3_bucket(db: PgPool) {
    let moto = start_moto("tessera-media");
    let app = TestApp::with_settings(
        db,
        &[
            ("TESSERA_S3_BUCKET", "tessera-media"),
            ("TESSERA_S3_ENDPOINT", &moto.endpoint),
            ("TESSERA_S3_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "test-key"),
            ("AWS_SECRET_ACCESS_KEY", "test-secret"),
        ],
    );
    let admin = app.sign_in(true).await;
    let id = app.insert_event(&sample_event("s3-lisbon", "Stored in S3", 3)).await;
    let photo = {
        let image =
            image::RgbImage::from_fn(820, 500, |x, y| image::Rgb([(x % 200) as u8, (y % 200) as u8, 7]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&image).unwrap();
        out
    };
    let response = app.post_bytes(&format!("/api/admin/events/{id}/image"), photo, &admin).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let event = response.json();
    for rendition in event["image_renditions"].as_array().unwrap() {
        let url = rendition["url"].as_str().unwrap();
        // Served from the bucket: the local folder is never written (checked below).
        let served = app.get(url).await;
        assert_eq!(served.status, 200, "{url}");
        assert!(image::load_from_memory(&served.body).is_ok());
    }
    // The local folder was not used.
    assert!(
        !std::env::temp_dir()
            .join("tessera-test-data/media")
            .join(event["image"].as_str().unwrap().trim_start_matches("/media/"))
            .exists()
    );
}
