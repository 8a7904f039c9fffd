//! The admin console in each interface language: every page in every language, with no message
//! id showing through, and the notices and form errors that follow an action in the admin's
//! chosen language.

use sqlx::PgPool;
use tessera_i18n::{FluentValue, Locale, message, message_args};
use tessera_tests::pages::{assert_no_raw_ids, lang_of};
use tessera_tests::{TestApp, sample_event};

/// The page's `<h1>` text (its markup inside kept).
fn heading(html: &str) -> &str {
    html.split("<h1>").nth(1).and_then(|rest| rest.split("</h1>").next()).unwrap_or_default()
}

fn one(locale: Locale, id: &str, name: &'static str, value: &str) -> String {
    message_args(locale, id, [(name, FluentValue::from(value.to_string()))])
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_admin_page_speaks_each_language(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = app.insert_event(&sample_event("fado-admin", "Noite de Fado", 5)).await;
    let (order, ..) = app.paid_order(event, 2).await;

    for locale in Locale::ALL {
        let pages: Vec<(String, String)> = vec![
            ("/admin/events".into(), message(locale, "admin-events-heading")),
            ("/admin/events?q=nothing-matches".into(), message(locale, "admin-events-heading")),
            ("/admin/events/new".into(), message(locale, "admin-new-event-heading")),
            (
                format!("/admin/events/{event}/edit"),
                one(locale, "admin-edit-heading", "title", "Noite de Fado"),
            ),
            (
                format!("/admin/events/{event}/delete"),
                one(locale, "admin-delete-heading", "title", "Noite de Fado"),
            ),
            ("/admin/analytics".into(), message(locale, "admin-nav-analytics")),
            ("/admin/market".into(), message(locale, "admin-nav-market")),
            (format!("/admin/events/{event}/links"), message(locale, "links-title")),
            ("/admin/finance".into(), message(locale, "admin-finance-heading")),
            ("/admin/refunds".into(), message(locale, "admin-refunds-heading")),
            ("/admin/audit".into(), message(locale, "admin-nav-audit")),
            ("/admin/deliveries".into(), message(locale, "admin-deliveries-heading")),
            ("/admin/deliveries?status=failed".into(), message(locale, "admin-deliveries-heading")),
            ("/admin/staff".into(), message(locale, "admin-nav-staff")),
            ("/admin/checkin".into(), message(locale, "admin-checkin-heading")),
            (
                format!("/admin/orders/{order}"),
                format!("{} <code>{order}</code>", message(locale, "admin-order-heading")),
            ),
        ];
        for (uri, expected) in pages {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let uri = format!("{uri}{sep}lang={locale}");
            let response = app.get_with_cookie(&uri, &admin).await;
            assert_eq!(response.status, 200, "{uri}: {}", response.text());
            let html = response.text();
            assert_eq!(lang_of(&html), locale.tag(), "{uri}");
            assert_eq!(heading(&html), expected, "{uri}");
            assert!(html.contains(&message(locale, "admin-nav-audit")), "{uri}: the console's links");
            if locale != Locale::En {
                assert!(!html.contains(">Audit log<") && !html.contains(">Refunds due<"), "{uri}");
            }
            assert_no_raw_ids(&uri, &html);
        }

        // A few words of each page, in the language asked for.
        let edit =
            app.get_with_cookie(&format!("/admin/events/{event}/edit?lang={locale}"), &admin).await.text();
        for id in ["admin-form-legend-translations", "admin-holds-heading", "admin-policy-save"] {
            assert!(edit.contains(&message(locale, id)), "{locale}: {id}");
        }
        let title = format!(
            "<title>{}</title>",
            one(locale, "admin-page-title", "page", &message(locale, "admin-nav-staff"))
        );
        let staff = app.get_with_cookie(&format!("/admin/staff?lang={locale}"), &admin).await.text();
        assert!(staff.contains(&title), "{locale}: {staff}");
        assert!(staff.contains(&message(locale, "admin-staff-role-admin")), "{locale}: the roles in words");
        let analytics = app.get_with_cookie(&format!("/admin/analytics?lang={locale}"), &admin).await.text();
        assert!(analytics.contains(&message(locale, "admin-chart-funnel")), "{locale}: the charts' captions");
        assert!(analytics.contains(&message(locale, "admin-funnel-placed")), "{locale}: the funnel's rows");
        let order_page =
            app.get_with_cookie(&format!("/admin/orders/{order}?lang={locale}"), &admin).await.text();
        assert!(order_page.contains(&message(locale, "admin-order-payments")), "{locale}");
    }

    // Words, and the way each language writes them.
    let de = app.get_with_cookie("/admin/events?lang=de", &admin).await.text();
    assert!(de.contains(">Veröffentlicht<"), "the status in words: {de}");
    let ja = app.get_with_cookie("/admin/finance?lang=ja", &admin).await.text();
    assert!(ja.contains("<h1>会計：照合</h1>"), "{ja}");
    let pl = app.get_with_cookie(&format!("/admin/orders/{order}?lang=pl"), &admin).await.text();
    assert!(pl.contains("Płatności"), "{pl}");
    let fr = app.get_with_cookie(&format!("/admin/events/{event}/delete?lang=fr"), &admin).await.text();
    assert!(fr.contains("<h1>Supprimer « Noite de Fado » ?</h1>"), "{fr}");
}

fn event_form<'a>(token: &'a str, latitude: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("title", "Abend im Hof"),
        ("description", "Lieder."),
        ("category", "concert"),
        ("status", "draft"),
        ("language", "de"),
        ("tags", ""),
        ("image_alt", ""),
        ("starts_local", "2030-06-02T20:00"),
        ("ends_local", "2030-06-02T22:00"),
        ("timezone", "Europe/Berlin"),
        ("venue_name", "Hof"),
        ("address", "Hauptstraße 1, Berlin"),
        ("city", "Berlin"),
        ("region", ""),
        ("country", "DE"),
        ("latitude", latitude),
        ("longitude", "13.4"),
        ("currency", "EUR"),
        ("tt_id_0", ""),
        ("tt_name_0", "Stehplatz"),
        ("tt_price_0", "20"),
        ("tt_capacity_0", "50"),
    ]
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn notices_and_form_errors_follow_the_admins_language(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;

    // The admin picks German in the switcher: it is remembered on the account.
    let chosen = app.get_with_cookie("/admin/events/new?lang=de&choose=1", &admin).await;
    assert_eq!(chosen.status, 303, "{}", chosen.text());

    let page = app.get_with_cookie("/admin/events/new", &admin).await;
    assert_eq!(page.status, 200);
    assert_eq!(lang_of(&page.text()), "de");
    let (csrf, token) = page.csrf();
    let cookies = format!("{admin}; {csrf}");

    // A mistake in the form is said in German, the field still named by its code.
    let refused = app.post_form("/admin/events/new", &event_form(&token, "north"), Some(&cookies)).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let html = refused.text();
    assert_eq!(lang_of(&html), "de");
    assert!(html.contains("<strong>latitude</strong>: ist keine Zahl"), "{html}");
    assert_no_raw_ids("/admin/events/new", &html);

    // Saved: the notice on the page the form leads to is German too.
    let created = app.post_form("/admin/events/new", &event_form(&token, "52.5"), Some(&cookies)).await;
    assert_eq!(created.status, 303, "{}", created.text());
    let edit = app.get_with_cookie(created.header("location"), &admin).await.text();
    assert!(edit.contains(&format!("role=\"status\">{}</p>", message(Locale::De, "admin-saved"))), "{edit}");
    assert!(edit.contains("Gespeichert."), "{edit}");

    // And in Japanese once the admin switches to it.
    app.get_with_cookie("/admin/events?lang=ja&choose=1", &admin).await;
    let edit = app.get_with_cookie(created.header("location"), &admin).await.text();
    assert!(edit.contains("保存しました。"), "{edit}");
    assert_eq!(lang_of(&edit), "ja");

    // The audit log says what was done in words, and keeps the action's code on the row.
    let audit = app.get_with_cookie("/admin/audit", &admin).await.text();
    assert!(audit.contains("イベント作成") && audit.contains("data-action=\"event.create\""), "{audit}");
}
