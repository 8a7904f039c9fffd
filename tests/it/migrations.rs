use sqlx::PgPool;

#[sqlx::test(migrations = false)]
async fn migrations_apply_to_an_empty_database(db: PgPool) {
    tessera_migrations::MIGRATOR.run(&db).await.expect("migrations apply");

    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    for table in ["event", "media", "search_word", "ticket_type"] {
        assert!(tables.iter().any(|t| t == table), "missing table {table}: {tables:?}");
    }
    // Running again is a no-op.
    tessera_migrations::MIGRATOR.run(&db).await.expect("second run is a no-op");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_database_and_the_code_agree_on_every_currency_exponent(db: PgPool) {
    for code in tessera_core::money::all_codes() {
        let in_sql: i32 =
            sqlx::query_scalar("select currency_exponent($1)").bind(code).fetch_one(&db).await.unwrap();
        let in_rust = code.parse::<tessera_core::money::Currency>().unwrap().exponent();
        assert_eq!(in_sql as u32, in_rust, "exponent of {code}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_schema_refuses_impossible_events(db: PgPool) {
    let insert = |slug: &'static str, tz: &'static str, currency: &'static str, ends_offset: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query(&format!(
                "insert into event (event_id, slug, title, description, category, city, country,
                   venue_name, address, latitude, longitude, starts_at, ends_at, timezone, language,
                   currency, status)
                 values (gen_random_uuid(), '{slug}', 'T', '', 'concert', 'Lisbon', 'PT', 'V', 'A',
                   0, 0, now(), now() + interval '{ends_offset}', '{tz}', 'pt', '{currency}', 'published')"
            ))
            .execute(&db)
            .await
        }
    };
    assert!(insert("ok-event", "Europe/Lisbon", "EUR", "1 hour").await.is_ok());
    assert!(insert("ends-before-start", "Europe/Lisbon", "EUR", "-1 hour").await.is_err());
    assert!(insert("bad-zone", "Mars/Olympus", "EUR", "1 hour").await.is_err());
    assert!(insert("abbreviation-zone", "PST", "EUR", "1 hour").await.is_err());
    assert!(insert("bad-currency", "Europe/Lisbon", "euro", "1 hour").await.is_err());
    assert!(insert("Bad Slug", "Europe/Lisbon", "EUR", "1 hour").await.is_err());

    let event_id: uuid::Uuid = sqlx::query_scalar("select event_id from event where slug = 'ok-event'")
        .fetch_one(&db)
        .await
        .unwrap();
    let ticket = |price: i64, capacity: i32, currency: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query(
                "insert into ticket_type (ticket_type_id, event_id, currency, name, price_minor, capacity)
                 values (gen_random_uuid(), $1, $2, 'T' || gen_random_uuid(), $3, $4)",
            )
            .bind(event_id)
            .bind(currency)
            .bind(price)
            .bind(capacity)
            .execute(&db)
            .await
        }
    };
    assert!(ticket(1000, 10, "EUR").await.is_ok());
    assert!(ticket(-1, 10, "EUR").await.is_err(), "negative price");
    assert!(ticket(1000, -1, "EUR").await.is_err(), "negative capacity");
    assert!(ticket(1000, 10, "USD").await.is_err(), "a currency other than the event's");
}
