//! Offering tickets that came back to the people waiting for them: the next in line gets an
//! order placed for them (holding the tickets for `TESSERA_WAITLIST_OFFER_MINUTES`) and an
//! email with its link. Unpaid, the order expires like any other and the tickets pass on.

use std::time::Duration;

use tessera_core::account;
use tessera_core::demand::Channel;
use tessera_core::order::{BuyItem, PaymentMethod};
use tessera_core::waitlist::{self, Entry};
use tessera_i18n::Locale;
use tessera_i18n::format::{Style, instant};
use tokio::sync::watch;

use crate::error::Error;
use crate::orders::{self, Purchase};
use crate::state::AppState;

/// How often the lines are looked at.
const OFFER_EVERY: Duration = Duration::from_secs(5);

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub offered: u64,
    pub claimed: u64,
    pub lapsed: u64,
    pub emailed: u64,
}

/// Offers tickets that came back, every few seconds, until shut down.
pub async fn offer_tickets(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(OFFER_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match offer_round(&state).await {
            Ok(round) if round == Round::default() => {}
            Ok(round) => tracing::info!(
                waitlist.offered = round.offered,
                waitlist.claimed = round.claimed,
                waitlist.lapsed = round.lapsed,
                waitlist.emailed = round.emailed,
                "waiting lists moved"
            ),
            Err(err) => tracing::warn!(error = %err, "offering tickets to waiting lists failed; will retry"),
        }
    }
}

/// What became of offering tickets to one place.
enum Offered {
    /// An order holds the tickets for them.
    Placed(uuid::Uuid),
    /// Not enough is left for them now: they keep their place, the next who fits is offered.
    NotEnough,
    /// Their account has too many unpaid orders just now: they keep their place, but for a
    /// while the tickets are not kept for them (`waitlist::pass_over`).
    PassedOver(String),
    /// Their order cannot be placed at all (over their limit, unconfirmed address, a payment
    /// method no longer taken): out of the line.
    Unservable(String),
    /// Something outside them failed (the payment provider): try again next round.
    Later(String),
}

/// The advisory lock the offering round holds. Each lock of ours has its own key: `…6101` the
/// outbox relay's leader, `…6102` the BTCPay poller, `…6103` the Ethereum watcher, `…6104` this,
/// `…6105` the "tell me when" round.
const WAITLIST_LOCK: i64 = 0x7465_7373_6572_6104;

/// Runs `work` only if no other process holds the advisory lock `key` (a session lock on a
/// connection of its own, released when done, or when the connection dies with its process);
/// none when another process is at it.
pub async fn alone<T>(
    state: &AppState,
    key: i64,
    work: impl Future<Output = Result<T, Error>>,
) -> Result<Option<T>, Error> {
    let mut conn = state.db.acquire().await?;
    let got: bool =
        sqlx::query_scalar("select pg_try_advisory_lock($1)").bind(key).fetch_one(&mut *conn).await?;
    if !got {
        return Ok(None);
    }
    let done = work.await;
    let _ = sqlx::query("select pg_advisory_unlock($1)").bind(key).execute(&mut *conn).await;
    done.map(Some)
}

/// One round, in one process at a time: offers that ended are settled, tickets that came back
/// are offered in line order, and the offers not yet announced are emailed.
pub async fn offer_round(state: &AppState) -> Result<Round, Error> {
    alone(state, WAITLIST_LOCK, offer_all(state)).await.map(Option::unwrap_or_default)
}

async fn offer_all(state: &AppState) -> Result<Round, Error> {
    let (claimed, lapsed) = waitlist::settle_offers(&state.db).await?;
    let mut round = Round { claimed, lapsed, ..Round::default() };
    for (ticket_type, free) in waitlist::with_tickets_back(&state.db).await? {
        // In arrival order; one who asks for more than came back keeps their place, and the
        // next who fits is offered what there is (so one large request never stalls the line).
        for entry in waitlist::line(&state.db, ticket_type, free).await? {
            match offer(state, &entry).await? {
                Offered::Placed(order_id) => {
                    if waitlist::offered(&state.db, entry.entry_id, order_id).await? {
                        round.offered += 1;
                    } else {
                        // They left the line while their order was placed: it goes back.
                        tracing::info!(waitlist.entry = %entry.entry_id, "left the line while offered; order cancelled");
                        let _ = orders::cancel(state, order_id, entry.account_id).await;
                    }
                }
                Offered::NotEnough => continue,
                Offered::PassedOver(why) => {
                    tracing::info!(waitlist.entry = %entry.entry_id, why, "a waiting list's place passed over for now");
                    waitlist::pass_over(&state.db, entry.entry_id).await?;
                }
                Offered::Unservable(why) => {
                    tracing::info!(waitlist.entry = %entry.entry_id, why, "a waiting list's place cannot be served");
                    waitlist::lapse(&state.db, entry.entry_id).await?;
                    round.lapsed += 1;
                }
                Offered::Later(why) => {
                    tracing::warn!(waitlist.entry = %entry.entry_id, why, "offering tickets failed; will retry");
                    break;
                }
            }
        }
    }
    round.emailed = send_offers(state).await?;
    Ok(round)
}

async fn offer(state: &AppState, entry: &Entry) -> Result<Offered, Error> {
    let Some(found) = account::credentials_by_id(&state.db, entry.account_id).await? else {
        return Ok(Offered::Unservable("no account".into()));
    };
    let Ok(method) = entry.payment_method.parse::<PaymentMethod>() else {
        return Ok(Offered::Unservable(format!("payment method {}", entry.payment_method)));
    };
    let items = [BuyItem { ticket_type_id: entry.ticket_type_id, quantity: entry.quantity }];
    // The same key however often it is tried, so a crash between placing and noting the offer
    // makes no second order; a new one only after an attempt's order ended unpaid (its checkout
    // could not be opened, or it ran out before it was noted).
    let attempt: i64 = sqlx::query_scalar(
        "select count(*) from customer_order
         where account_id = $1 and idempotency_key like $2 and status <> 'pending_payment' and paid_at is null",
    )
    .bind(entry.account_id)
    .bind(format!("{}{}-%", orders::WAITLIST_KEY, entry.entry_id))
    .fetch_one(&state.db)
    .await?;
    let key = format!("{}{}-{attempt}", orders::WAITLIST_KEY, entry.entry_id);
    let channel = Channel { source: "tessera".into(), medium: "waitlist".into(), campaign: String::new() };
    let purchase = Purchase {
        account: &found.account,
        event_id: entry.event_id,
        items: &items,
        method,
        // Offers are quoted on the first chain (entries take only what it takes).
        chain: None,
        idempotency_key: Some(&key),
        channel: &channel,
        hold: Some(state.config.waitlist_offer),
    };
    // The order speaks the language they joined the line in.
    let locale = Locale::parse(&entry.locale).unwrap_or_default();
    let context = tessera_i18n::PageContext {
        locale,
        origin: String::new(),
        path: String::new(),
        query: String::new(),
    };
    let placed = tessera_i18n::scope(context, async {
        orders::check_purchase(state, &purchase).await?;
        orders::place_and_open(state, &purchase).await
    })
    .await;
    Ok(match placed {
        Ok(bought)
            if bought.status == tessera_core::order::OrderStatus::PendingPayment
                || bought.status.is_paid() =>
        {
            Offered::Placed(bought.order_id)
        }
        // This attempt's order ended meanwhile: the next round makes another.
        Ok(bought) => Offered::Later(format!("order {} ended unpaid", bought.order_id)),
        Err(Error::SoldOut(_)) => Offered::NotEnough,
        // Too many unpaid orders just now: their turn comes again when they have fewer, and
        // meanwhile the tickets are not kept from others.
        Err(Error::Conflict { code: code @ ("too_many_open_orders" | "checkout_in_progress"), .. }) => {
            Offered::PassedOver(code.to_string())
        }
        Err(err @ (Error::Database(_) | Error::Batch(_))) => return Err(err),
        Err(err @ (Error::Internal(_) | Error::PaymentUnavailable(_))) => Offered::Later(err.to_string()),
        Err(err) => Offered::Unservable(err.to_string()),
    })
}

/// Emails the offers not yet announced; how many went.
async fn send_offers(state: &AppState) -> Result<u64, Error> {
    let mut sent = 0;
    for offer in waitlist::offers_to_send(&state.db).await? {
        let locale = Locale::parse(&offer.locale).unwrap_or_default();
        let email = tessera_web::email::OfferEmail {
            locale,
            name: offer.name.clone(),
            event_title: offer.event_title.clone(),
            ticket_type: offer.ticket_type.clone(),
            quantity: offer.quantity,
            until: instant(locale, offer.expires_at, &offer.timezone, Style::DateTime),
            link: state
                .config
                .public_url
                .join(&format!("/orders/{}", offer.order_id))
                .map(String::from)
                .unwrap_or_default(),
        };
        match state.mailer.send_offer(offer.entry_id, &offer.email, &email).await {
            Ok(()) => {
                waitlist::offer_sent(&state.db, offer.entry_id).await?;
                sent += 1;
            }
            // Tried again next round; the Message-ID is the same every time.
            Err(err) => {
                tracing::warn!(error = %err, waitlist.entry = %offer.entry_id, "an offer email could not be sent")
            }
        }
    }
    Ok(sent)
}
