//! Batching: purchases that arrive together are placed in one batch, each decided on its own;
//! sessions looked up together are answered each for itself.

use std::collections::HashSet;

use sqlx::PgPool;
use tessera_core::batch::BatchError;
use tessera_core::catalog::TicketTypeFields;
use tessera_core::order::{BuyError, BuyItem, NewOrder, PaymentMethod, Placed, Placer, place_order};
use tessera_tests::eth::account;
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

fn purchase<'a>(
    account_id: Uuid,
    event_id: Uuid,
    items: &'a [BuyItem],
    key: Option<&'a str>,
) -> NewOrder<'a> {
    NewOrder {
        account_id,
        event_id,
        items,
        method: PaymentMethod::Card,
        idempotency_key: key,
        hold: chrono::Duration::minutes(15),
        max_open_orders: 100,
        locale: "en",
    }
}

fn item(ticket_type_id: Uuid, quantity: i32) -> BuyItem {
    BuyItem { ticket_type_id, quantity }
}

/// Holds `ticket_type` locked and asks the placer for one of it, so that the placer's batch
/// waits and everything asked meanwhile queues up for the next one. Rolling the returned
/// transaction back lets it go on; the handle answers the first purchase.
async fn stall(
    db: &PgPool,
    placer: &Placer,
    event_id: Uuid,
    ticket_type: Uuid,
) -> (sqlx::Transaction<'static, sqlx::Postgres>, tokio::task::JoinHandle<Result<Placed, BuyError>>) {
    let mut blocker = db.begin().await.unwrap();
    sqlx::query("select 1 from ticket_type where ticket_type_id = $1 for update")
        .bind(ticket_type)
        .execute(&mut *blocker)
        .await
        .unwrap();
    let (placer, buyer) = (placer.clone(), account(db).await);
    let first =
        tokio::spawn(
            async move { placer.place(&purchase(buyer, event_id, &[item(ticket_type, 1)], None)).await },
        );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    (blocker, first)
}

/// What one purchase of the batch asks, and for whom.
struct Ask {
    account_id: Uuid,
    event_id: Uuid,
    items: Vec<BuyItem>,
    key: Option<&'static str>,
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn purchases_arriving_together_are_placed_in_one_batch_each_on_its_own(db: PgPool) {
    let app = TestApp::new(db.clone());
    let mut gig = sample_event("batched-gig", "Batched Gig", 10);
    gig.fields.ticket_types[0].capacity = 6;
    gig.fields.ticket_types.push(TicketTypeFields {
        id: None,
        name: "Balcony".into(),
        price_minor: 2500,
        capacity: 1,
    });
    gig.fields.ticket_types.push(TicketTypeFields {
        id: None,
        name: "Standing".into(),
        price_minor: 1500,
        capacity: 10,
    });
    let gig_id = app.insert_event(&gig).await;
    let type_named = |name: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "select ticket_type_id from ticket_type where event_id = $1 and name = $2",
        )
        .bind(gig_id)
        .bind(name)
        .fetch_one(&db)
    };
    let (general, balcony, standing) = (
        type_named("General").await.unwrap(),
        type_named("Balcony").await.unwrap(),
        type_named("Standing").await.unwrap(),
    );
    let other = app.insert_event(&sample_event("batched-other", "Other Night", 12)).await;
    let other_general = app.ticket_types(other).await[0];
    let cancelled = app.insert_event(&sample_event("batched-cancelled", "Called Off", 12)).await;
    let cancelled_general = app.ticket_types(cancelled).await[0];
    sqlx::query("update event set status = 'cancelled' where event_id = $1")
        .bind(cancelled)
        .execute(&db)
        .await
        .unwrap();
    let twice = account(&db).await;

    let placer = Placer::start(db.clone());
    let (blocker, first) = stall(&db, &placer, gig_id, general).await;

    let mut asks = Vec::new();
    for _ in 0..4 {
        // 5 General left after the first: two of these four get theirs.
        asks.push(Ask {
            account_id: account(&db).await,
            event_id: gig_id,
            items: vec![item(general, 2)],
            key: None,
        });
    }
    for _ in 0..2 {
        // One Balcony seat, with a Standing ticket each: one of these two.
        asks.push(Ask {
            account_id: account(&db).await,
            event_id: gig_id,
            items: vec![item(standing, 1), item(balcony, 1)],
            key: None,
        });
    }
    // A double click: the same key and request twice in the batch.
    asks.push(Ask {
        account_id: twice,
        event_id: other,
        items: vec![item(other_general, 3)],
        key: Some("click"),
    });
    asks.push(Ask {
        account_id: twice,
        event_id: other,
        items: vec![item(other_general, 3)],
        key: Some("click"),
    });
    asks.push(Ask {
        account_id: account(&db).await,
        event_id: cancelled,
        items: vec![item(cancelled_general, 1)],
        key: None,
    });
    asks.push(Ask {
        account_id: account(&db).await,
        event_id: gig_id,
        items: vec![item(other_general, 1)],
        key: None,
    });
    asks.push(Ask {
        account_id: account(&db).await,
        event_id: Uuid::now_v7(),
        items: vec![item(general, 1)],
        key: None,
    });

    let mut answers = Vec::new();
    for ask in asks {
        let placer = placer.clone();
        answers.push(tokio::spawn(async move {
            placer.place(&purchase(ask.account_id, ask.event_id, &ask.items, ask.key)).await
        }));
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    blocker.rollback().await.unwrap();

    first.await.unwrap().expect("the first purchase is placed");
    let mut answers: Vec<Result<Placed, BuyError>> =
        futures::future::join_all(answers).await.into_iter().map(Result::unwrap).collect();
    let unknown_event = answers.pop().unwrap();
    let unknown_type = answers.pop().unwrap();
    let closed = answers.pop().unwrap();
    let second_click = answers.pop().unwrap().expect("the second click is answered");
    let first_click = answers.pop().unwrap().expect("the first click is placed");

    assert!(matches!(unknown_event, Err(BuyError::EventNotFound)), "{unknown_event:?}");
    assert!(
        matches!(&unknown_type, Err(BuyError::Invalid(field)) if field.field == "items[0].ticket_type_id"),
        "{unknown_type:?}"
    );
    assert!(matches!(closed, Err(BuyError::EventClosed(_))), "{closed:?}");
    assert_eq!(second_click.order_id, first_click.order_id, "the same key is the same order");
    assert!(first_click.replayed != second_click.replayed, "one placed it, the other was told of it");

    let balcony_answers = answers.split_off(4);
    let placed_general = answers.iter().filter(|a| a.is_ok()).count();
    assert_eq!(placed_general, 2, "two pairs of General fit in five: {answers:?}");
    for refused in answers.iter().filter_map(|a| a.as_ref().err()) {
        let BuyError::SoldOut(lines) = refused else { panic!("{refused:?}") };
        assert_eq!((lines[0].ticket_type_id, lines[0].requested, lines[0].available), (general, 2, 1));
    }
    assert_eq!(
        balcony_answers.iter().filter(|a| a.is_ok()).count(),
        1,
        "one Balcony seat: {balcony_answers:?}"
    );
    let refused = balcony_answers.iter().find_map(|a| a.as_ref().err()).unwrap();
    let BuyError::SoldOut(lines) = refused else { panic!("{refused:?}") };
    // Only the line that fell short is named.
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0].ticket_type_id, lines[0].available), (balcony, 0));

    // 1 + 2×2 General, the Balcony seat with its Standing ticket, and 3 of the other event:
    // held once each.
    assert_eq!(app.stock(general).await, (0, 5));
    assert_eq!(app.stock(balcony).await, (0, 1));
    assert_eq!(app.stock(standing).await, (0, 1));
    assert_eq!(app.stock(other_general).await, (0, 3));
    assert_eq!(app.stock(cancelled_general).await, (0, 0));
    // All but the first were placed by one statement (one transaction, one clock reading).
    let batches: Vec<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select distinct created_at from customer_order").fetch_all(&db).await.unwrap();
    assert_eq!(batches.len(), 2, "the first purchase's batch and everyone else's: {batches:?}");
    let (orders, items, payments): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from customer_order), (select count(*) from order_item),
                (select count(*) from payment where status = 'creating' and provider = 'stripe')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((orders, items, payments), (5, 6, 5), "orders, their items and payment rows");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn one_idempotency_key_raced_through_two_placers_and_a_lone_call_makes_one_order(db: PgPool) {
    let app = TestApp::new(db.clone());
    let event = app.insert_event(&sample_event("key-race", "Key Race", 10)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = account(&db).await;
    let placers = [Placer::start(db.clone()), Placer::start(db.clone())];

    let mut racing = tokio::task::JoinSet::new();
    for i in 0..30 {
        let placer = placers[i % 2].clone();
        let db = db.clone();
        racing.spawn(async move {
            let items = [item(general, 2)];
            let order = purchase(buyer, event, &items, Some("one-key"));
            if i % 3 == 0 { place_order(&db, &order).await } else { placer.place(&order).await }
        });
    }
    let mut orders = HashSet::new();
    let mut fresh = 0;
    while let Some(answer) = racing.join_next().await {
        let placed = answer.unwrap().expect("every attempt is answered with the order");
        fresh += usize::from(!placed.replayed);
        orders.insert(placed.order_id);
    }
    assert_eq!((orders.len(), fresh), (1, 1));
    assert_eq!(app.stock(general).await, (0, 2), "held once");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_placer_whose_database_is_gone_answers_every_purchase_with_the_error(db: PgPool) {
    let app = TestApp::new(db.clone());
    let event = app.insert_event(&sample_event("gone-db", "Gone", 10)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = account(&db).await;
    let placer = Placer::start(db.clone());
    db.close().await;

    let items = [item(general, 1)];
    let answer = placer.place(&purchase(buyer, event, &items, None)).await;
    assert!(matches!(answer, Err(BuyError::Batch(BatchError::Db { .. }))), "{answer:?}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn sessions_looked_up_together_are_each_answered_for_themselves(db: PgPool) {
    use tessera_core::account::{SessionToken, Sessions, create_session, delete_session};
    let (alice, bob) = (account(&db).await, account(&db).await);
    let alice_session = create_session(&db, alice).await.unwrap();
    let bob_session = create_session(&db, bob).await.unwrap();
    let logged_out = create_session(&db, bob).await.unwrap();
    delete_session(&db, &logged_out).await.unwrap();
    let expired = create_session(&db, alice).await.unwrap();
    // The newest of Alice's sessions (`expired`) ran out yesterday.
    sqlx::query(
        "update session set created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
         where session_id = (select session_id from session where account_id = $1
                             order by created_at desc limit 1)",
    )
    .bind(alice)
    .execute(&db)
    .await
    .unwrap();
    let unknown = SessionToken::generate();

    let sessions = Sessions::start(db.clone());
    let asked = [&alice_session, &bob_session, &logged_out, &expired, &unknown, &alice_session];
    let answers = futures::future::join_all(asked.iter().map(|token| sessions.find(token))).await;
    let who: Vec<Option<Uuid>> = answers.into_iter().map(|a| a.unwrap().map(|account| account.id)).collect();
    assert_eq!(who, [Some(alice), Some(bob), None, None, None, Some(alice)]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_purchase_the_database_refuses_fails_alone_and_the_rest_of_its_batch_goes_ahead(db: PgPool) {
    let app = TestApp::new(db.clone());
    let event = app.insert_event(&sample_event("refused-one", "Refused One", 10)).await;
    let general = app.ticket_types(event).await[0];
    let refused = account(&db).await;
    // Whatever the reason a database could refuse one order (here: a rule about this buyer).
    sqlx::raw_sql(&format!(
        "create function refuse_order() returns trigger language plpgsql as $$
         begin
             if new.account_id = '{refused}' then
                 raise exception 'not this one' using errcode = 'check_violation';
             end if;
             return new;
         end $$;
         create trigger refuse_order before insert on customer_order
             for each row execute function refuse_order();"
    ))
    .execute(&db)
    .await
    .unwrap();

    let placer = Placer::start(db.clone());
    let (blocker, first) = stall(&db, &placer, event, general).await;
    let mut answers = Vec::new();
    for buyer in [account(&db).await, refused, account(&db).await] {
        let placer = placer.clone();
        answers.push(tokio::spawn(async move {
            placer.place(&purchase(buyer, event, &[item(general, 2)], None)).await
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    blocker.rollback().await.unwrap();

    first.await.unwrap().expect("placed");
    let answers: Vec<_> = futures::future::join_all(answers).await.into_iter().map(Result::unwrap).collect();
    assert!(answers[0].is_ok() && answers[2].is_ok(), "{answers:?}");
    assert!(matches!(answers[1], Err(BuyError::Refused(_))), "{:?}", answers[1]);
    assert_eq!(app.stock(general).await, (0, 5), "1 + 2 + 2 held, nothing for the refused one");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_editing_an_event_while_its_tickets_are_bought_does_not_deadlock(db: PgPool) {
    let app = TestApp::new(db.clone());
    let event = app.insert_event(&sample_event("edited-live", "Edited Live", 10)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = account(&db).await;
    // The placer's side would only find a deadlock after 20 s: if there were one, the edit
    // (found out after the usual second) would be the one to fail.
    sqlx::query("do $$ begin execute format('alter database %I set deadlock_timeout = %L', current_database(), '20s'); end $$")
        .execute(&db)
        .await
        .unwrap();
    let placer_db = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect_with((*db.connect_options()).clone())
        .await
        .unwrap();
    let placer = Placer::start(placer_db);

    // An admin's edit locks the event, then its ticket types.
    let mut edit = db.begin().await.unwrap();
    sqlx::query("select 1 from event where event_id = $1 for update")
        .bind(event)
        .execute(&mut *edit)
        .await
        .unwrap();
    let bought = {
        let placer = placer.clone();
        tokio::spawn(async move { placer.place(&purchase(buyer, event, &[item(general, 1)], None)).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let renamed = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        sqlx::query("update ticket_type set name = 'General admission' where event_id = $1")
            .bind(event)
            .execute(&mut *edit),
    )
    .await
    .expect("the edit is not kept waiting by the purchase");
    renamed.expect("no deadlock");
    edit.commit().await.unwrap();

    let placed = bought.await.unwrap().expect("the purchase goes ahead after the edit");
    assert_eq!(placed.fresh.unwrap().items[0].name, "General admission", "it saw the edit");
    assert_eq!(app.stock(general).await, (0, 1));
}
