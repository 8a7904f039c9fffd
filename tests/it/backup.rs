//! Backups: taken while the shop sells, restored into an empty database and blob store, with
//! every order, ticket, receipt and PDF as it was when the backup's snapshot was taken, and the
//! tickets already sent still verifying.

use sqlx::{Connection as _, PgConnection, PgPool, Postgres, migrate::MigrateDatabase as _};
use tessera_cli::backup::{Site, backup, restore};
use tessera_core::ticket::{TicketClaims, load_or_create_signing_key, sign, verify};
use tessera_media::BlobStore;
use tessera_tests::mail::Maildev;
use tessera_tests::{TestApp, sample_event};
use tessera_ticketing::worker::Handled;
use uuid::Uuid;

/// The URL of database `name` on the test server.
fn url_of(name: &str) -> String {
    let base = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let (server, _) = base.rsplit_once('/').expect("a database URL");
    format!("{server}/{name}")
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_backup_taken_mid_sale_restores_every_order_ticket_receipt_and_pdf(db: PgPool) {
    let run = Uuid::new_v4().simple().to_string();
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let live_dir = root.join("live");
    let app = TestApp::with_settings(db, &[("TESSERA_DATA_DIR", live_dir.to_str().unwrap())]);
    let name: String = sqlx::query_scalar("select current_database()").fetch_one(&app.db).await.unwrap();
    let live_url = url_of(&name);

    // Orders paid, their tickets issued and emailed with their PDFs.
    let event = app.insert_event(&sample_event("backup-fado", "Fado to keep", 20)).await;
    let mail = Maildev::shared();
    let mut delivered = Vec::new();
    for _ in 0..3 {
        let (order, _, _) = app.paid_order(event, 2).await;
        let worker = app.worker(&mail.smtp_url, &format!("backup-{run}-"), |_| {});
        assert_eq!(worker.deliver(order).await, Handled::Delivered);
        delivered.push(order);
    }

    // The backup, while customers keep buying and paying.
    let site = Site { database_url: &live_url, blobs: &app.state.blobs, key_dir: Some(&live_dir) };
    let selling = async {
        for round in 0..12 {
            if round % 3 == 0 {
                let general = app.ticket_types(event).await[0];
                app.buy(&app.customer().await, event, &[(general, 1)], None).await;
            } else {
                app.paid_order(event, 1).await;
            }
        }
    };
    let backups = root.join("backups");
    let (taken, ()) = tokio::join!(backup(&site, &backups), selling);
    let taken = taken.expect("the backup");
    assert!(taken.manifest.signing_key);
    assert!(taken.manifest.blobs.iter().any(|blob| blob.key.ends_with(".pdf")), "{:?}", taken.manifest.blobs);
    let orders_then = taken.manifest.tables["customer_order"].rows;
    let orders_now: i64 =
        sqlx::query_scalar("select count(*) from customer_order").fetch_one(&app.db).await.unwrap();
    assert!(orders_then >= 3 && orders_then <= orders_now, "{orders_then} then, {orders_now} now");

    // Everything is lost: restored into a new, empty database and an empty data folder.
    let restored_name = format!("tessera_restore_{run}");
    let restored_url = url_of(&restored_name);
    Postgres::create_database(&restored_url).await.unwrap();
    let restored_dir = root.join("restored");
    let restored_blobs = BlobStore::local(&restored_dir.join("media")).unwrap();
    let target = Site { database_url: &restored_url, blobs: &restored_blobs, key_dir: Some(&restored_dir) };
    let done = restore(&target, &taken.dir).await.expect("the restore");
    assert_eq!(done.manifest, taken.manifest);
    let mut restored = PgConnection::connect(&restored_url).await.unwrap();

    // As of one instant: every ticket sold is on a paid order and every held one on an unpaid
    // one, though purchases went on while the backup was taken.
    let torn: i64 = sqlx::query_scalar(
        "select count(*) from ticket_type t
         where t.sold <> (select coalesce(sum(i.quantity), 0) from order_item i join customer_order o using (order_id)
                          where i.ticket_type_id = t.ticket_type_id and o.status in ('paid', 'fulfilled'))
            or t.held <> (select coalesce(sum(i.quantity), 0) from order_item i join customer_order o using (order_id)
                          where i.ticket_type_id = t.ticket_type_id and o.status = 'pending_payment')",
    )
    .fetch_one(&mut restored)
    .await
    .unwrap();
    assert_eq!(torn, 0);
    let unpaid_receipts: i64 = sqlx::query_scalar(
        "select count(*) from customer_order o where o.status in ('paid', 'fulfilled')
           and not exists (select 1 from payment p where p.order_id = o.order_id and p.status = 'succeeded')",
    )
    .fetch_one(&mut restored)
    .await
    .unwrap();
    assert_eq!(unpaid_receipts, 0);

    // Each emailed PDF is back, byte for byte, and every ticket still verifies with the key.
    for order in &delivered {
        let key: String = sqlx::query_scalar("select pdf_key from delivery where order_id = $1")
            .bind(order)
            .fetch_one(&mut restored)
            .await
            .unwrap();
        let original = app.state.blobs.get(&key).await.unwrap().expect("the live PDF");
        assert_eq!(restored_blobs.get(&key).await.unwrap(), Some(original), "{key}");
    }
    let restored_key = load_or_create_signing_key(&restored_dir).unwrap();
    let tickets: Vec<(Uuid, Uuid)> =
        sqlx::query_as("select ticket_id, event_id from ticket").fetch_all(&mut restored).await.unwrap();
    assert!(tickets.len() >= 6);
    for (ticket_id, event_id) in tickets {
        let claims = TicketClaims { ticket_id, event_id };
        let token = sign(&claims, &app.state.ticket_key);
        assert_eq!(verify(&token, &restored_key.verifying_key()), Ok(claims));
    }

    // A restore never writes over a database in use, nor takes a blob that is not the one
    // the backup took.
    let again = restore(&target, &taken.dir).await.unwrap_err().to_string();
    assert!(again.contains("not empty"), "{again}");
    let tampered = taken.dir.join("blobs").join(&taken.manifest.blobs[0].key);
    std::fs::write(&tampered, b"not the bytes").unwrap();
    let other_name = format!("tessera_restore_{run}_b");
    let other_url = url_of(&other_name);
    Postgres::create_database(&other_url).await.unwrap();
    let other_dir = root.join("other");
    let other_blobs = BlobStore::local(&other_dir.join("media")).unwrap();
    let other = Site { database_url: &other_url, blobs: &other_blobs, key_dir: Some(&other_dir) };
    let refused = restore(&other, &taken.dir).await.unwrap_err().to_string();
    assert!(refused.contains("SHA-256 differs"), "{refused}");

    drop(restored);
    for url in [&restored_url, &other_url] {
        Postgres::drop_database(url).await.unwrap();
    }
}
