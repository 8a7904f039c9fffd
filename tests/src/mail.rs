//! Real SMTP for the tests: maildev, whose REST API shows what arrived. The shared one runs on
//! 127.0.0.1:1025 (SMTP) and :1080 (inbox), started by `scripts/ensure-services.sh --mail`;
//! tests that stop and start a server spawn one of their own ([`Maildev::spawn`]). Every
//! test's buyer has an address of its own, so tests sharing the inbox never see each other's
//! mail.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

/// A maildev instance: where to send, and where to read.
pub struct Maildev {
    pub smtp_url: String,
    pub api: String,
    /// Our own server, stopped when this is dropped.
    child: Option<std::process::Child>,
}

impl Maildev {
    /// The shared capture server (`TESSERA_TEST_SMTP_URL` and `TESSERA_TEST_MAILDEV_URL`
    /// override where it is).
    pub fn shared() -> Self {
        Self {
            smtp_url: std::env::var("TESSERA_TEST_SMTP_URL")
                .unwrap_or_else(|_| "smtp://127.0.0.1:1025".into()),
            api: std::env::var("TESSERA_TEST_MAILDEV_URL").unwrap_or_else(|_| "http://127.0.0.1:1080".into()),
            child: None,
        }
    }

    /// Two free ports on loopback, for a server of our own.
    pub fn free_ports() -> (u16, u16) {
        let a = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        let b = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        (a.local_addr().expect("addr").port(), b.local_addr().expect("addr").port())
    }

    /// Starts a maildev of our own on these ports and waits until it answers.
    pub async fn spawn(smtp_port: u16, web_port: u16) -> Self {
        let script = maildev_script();
        let mail_dir = std::env::temp_dir().join(format!("tessera-maildev-{smtp_port}"));
        let child = std::process::Command::new("node")
            .arg(&script)
            .args([
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
                "-s",
                &smtp_port.to_string(),
                "-w",
                &web_port.to_string(),
            ])
            .arg("--mail-directory")
            .arg(&mail_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start maildev ({}): {err}", script.display()));
        let maildev = Self {
            smtp_url: format!("smtp://127.0.0.1:{smtp_port}"),
            api: format!("http://127.0.0.1:{web_port}"),
            child: Some(child),
        };
        for _ in 0..100 {
            if reqwest::get(format!("{}/api/email", maildev.api)).await.is_ok_and(|r| r.status().is_success())
            {
                return maildev;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("maildev on {smtp_port}/{web_port} did not come up");
    }

    /// Everything received for `address`.
    pub async fn emails_to(&self, address: &str) -> Vec<Value> {
        let all: Vec<Value> = reqwest::get(format!("{}/api/email", self.api))
            .await
            .expect("maildev API")
            .json()
            .await
            .expect("maildev JSON");
        all.into_iter()
            .filter(|email| {
                email["to"].as_array().is_some_and(|to| {
                    to.iter().any(|t| t["address"].as_str().is_some_and(|a| a.eq_ignore_ascii_case(address)))
                })
            })
            .collect()
    }

    /// Waits (up to 20 s) until `count` emails have arrived for `address`, and returns them.
    pub async fn wait_for(&self, address: &str, count: usize) -> Vec<Value> {
        for _ in 0..200 {
            let emails = self.emails_to(address).await;
            if emails.len() >= count {
                return emails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{count} email(s) to {address} never arrived at {}", self.api);
    }

    /// The bytes of an email's attachment.
    pub async fn attachment(&self, email: &Value, index: usize) -> Vec<u8> {
        let id = email["id"].as_str().expect("email id");
        let name = email["attachments"][index]["generatedFileName"].as_str().expect("attachment");
        reqwest::get(format!("{}/api/email/{id}/attachment/{name}", self.api))
            .await
            .expect("attachment")
            .bytes()
            .await
            .expect("attachment bytes")
            .to_vec()
    }
}

impl Drop for Maildev {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn maildev_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/mail/node_modules/maildev/dist/bin/maildev.js")
}

/// The text of a PDF, by `pdftotext` (poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/ensure-services.sh");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

/// The fonts a PDF embeds, as `pdffonts` (poppler-utils) lists them.
pub fn pdf_fonts(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts (poppler-utils) is installed by scripts/ensure-services.sh");
    assert!(out.status.success(), "pdffonts failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The QR codes on each page of a PDF, decoded by rendering the pages (`pdftoppm`) and
/// reading them with `zbarimg` (zbar-tools).
pub fn pdf_qr_codes(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "110", "-png"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|page| {
            let out = std::process::Command::new("zbarimg")
                .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
                .arg(page)
                .output()
                .expect("zbarimg (zbar-tools)");
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        })
        .collect()
}
