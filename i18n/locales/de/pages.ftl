# Every page's frame: the header, the footer and the language switcher.
site-description = Tickets für lokale, authentische Veranstaltungen: Festivals, Konzerte, Comedy, Kulinarik und Handwerk, bezahlt per Karte oder mit Krypto.
skip-to-content = Zum Inhalt springen
brand-home = Tessera, Startseite
search-label = Veranstaltungen suchen
search-placeholder = Veranstaltungen, Städte, Orte
search-button = Suchen
nav-account = Konto
nav-admin = Verwaltung
nav-door = Einlass
nav-log-in = Anmelden
nav-sign-up = Registrieren
footer-tagline = Tessera – Tickets für lokale, authentische Veranstaltungen. Bezahlen per Karte, in Bitcoin oder in ETH und Stablecoins.
footer-api = API
language-switcher = Sprache

# The home page and the search page.
home-title = Tessera – lokale Veranstaltungen, echte Tickets
home-heading = Lokale Veranstaltungen, direkt von den Menschen, die sie machen
home-intro = Fado in der Mouraria, Tee in Kyoto, ein Sokkie in Kapstadt. Stadt wählen, den passenden Abend finden, per Karte oder mit Krypto bezahlen.
home-upcoming = Kommende Veranstaltungen
home-empty-heading = Keine passenden Veranstaltungen
home-empty-filtered-html = Versuchen Sie eine andere Stadt, Kategorie oder ein anderes Datum, oder <a href="/">sehen Sie sich alle kommenden Veranstaltungen an</a>.
home-empty-none = Gerade ist nichts im Verkauf. Schauen Sie bald wieder vorbei.
search-title = Suche
search-heading = Veranstaltungen suchen
search-heading-query = Veranstaltungen zu „{ $query }“
search-corrected = Ergebnisse für „{ $query }“.
search-empty-heading = Keine Veranstaltungen gefunden
search-empty-html = Versuchen Sie es mit weniger Wörtern oder einer anderen Schreibweise, oder <a href="/">sehen Sie sich alle kommenden Veranstaltungen an</a>.
search-results = Ergebnisse

# The filters above the listing.
filters-label = Veranstaltungen filtern
filters-city = Stadt
filters-all-cities = Alle Städte
filters-category = Kategorie
filters-all-categories = Alle Kategorien
filters-from = Von
filters-to = Bis
filters-max-price = Höchstpreis
filters-max-price-any = beliebig
filters-max-price-hint = Ein Betrag wie 25 oder 25.50, in der Währung der Veranstaltung
filters-submit = Veranstaltungen anzeigen
pager-label = Seiten
pager-first = ← Erste Seite
pager-next = Nächste Seite →
card-cancelled = Abgesagt
error-back = Zurück zu allen Veranstaltungen

# Event categories.
category-festival = Festival
category-concert = Konzert
category-comedy = Comedy
category-theatre = Theater
category-food = Essen & Trinken
category-workshop = Workshop
category-tour = Führung
category-exhibition = Ausstellung
category-market = Markt
category-dance = Tanz

# An event's card and its own page.
card-from-price = ab { $price }
event-map = Karte
event-tags = Schlagwörter
event-tickets = Tickets
event-cancelled-notice = Diese Veranstaltung wurde abgesagt. Es werden keine Tickets verkauft.
event-ended = Diese Veranstaltung ist vorbei.
event-no-tickets = Noch keine Tickets.
event-buy = Tickets kaufen

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Anmelden
form-email = E-Mail
form-password = Passwort
login-forgot = Passwort vergessen?
login-new-html = Neu hier? <a href="/signup">Konto erstellen</a>.
signup-title = Konto erstellen
signup-intro = Damit Sie Tickets kaufen und in Ihrem Konto wiederfinden können.
signup-name = Ihr Name
signup-name-hint = (wie auf Ihren Tickets)
password-hint = (mindestens 10 Zeichen)
signup-submit = Konto erstellen
signup-have-account-html = Sie haben schon ein Konto? <a href="/login">Anmelden</a>.
account-title = Ihr Konto
account-unverified = Bitte bestätigen Sie Ihre E-Mail-Adresse: Wir haben einen Link an { $email } geschickt. Sobald sie bestätigt ist, können Sie Tickets kaufen, und wir schicken sie dorthin.
account-resend = Link erneut senden
account-name = Name
account-role = Rolle
account-role-admin-html = Administrator – <a href="/admin/events">Veranstaltungen verwalten</a>
account-role-door-html = Einlass – <a href="/admin/checkin">Tickets prüfen</a>
account-orders = Ihre Bestellungen
account-no-orders-html = Noch keine Bestellungen. <a href="/">Veranstaltung finden</a>.
account-order-tickets = { $count ->
    [one] { $count } Ticket
   *[other] { $count } Tickets
}
account-order-placed = bestellt am { $when }
account-download = Tickets herunterladen (PDF)
account-change-password = Passwort ändern
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-change-submit = Passwort ändern
account-log-out = Abmelden
link-reset-hint = Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen können. Er ist eine Stunde lang gültig und nur einmal verwendbar.
link-reset-submit = Link zusenden
link-back-to-login = Zurück zur Anmeldung
link-signed-out-hint = Alle Geräte, die bei Ihrem Konto angemeldet sind, werden abgemeldet.
link-save-password = Neues Passwort speichern
link-your-password = Ihr Passwort
link-confirm-submit = E-Mail-Adresse bestätigen
link-not-yours-html = Nicht Ihr Konto, oder Passwort vergessen? <a href="/forgot-password">Link für ein neues Passwort anfordern</a>.

# Buying tickets.
buy-title = Tickets kaufen
buy-unverified = Bitte bestätigen Sie vor dem Kauf Ihre E-Mail-Adresse: Dorthin schicken wir Ihre Tickets. Nutzen Sie den Link aus unserer E-Mail.
buy-ticket = Ticket
buy-price = Preis
buy-quantity = Anzahl
buy-sold-out = Ausverkauft
buy-only-left = nur noch { $count }
buy-pay-with = Bezahlen mit
buy-per-order = { $count ->
    [one] Ein Ticket pro Bestellung.
   *[other] Bis zu { $count } Tickets pro Bestellung.
}
buy-held = Ihre Tickets werden { $minutes } Minuten für Sie reserviert, während Sie bezahlen.
buy-held-crypto = Ihre Tickets werden { $minutes } Minuten für Sie reserviert, während Sie bezahlen (mit Krypto { $crypto } Minuten, so lange gilt der Kurs).
buy-sandbox-html = Kartenzahlungen laufen in der <strong>Sandbox</strong>: Es fließt kein echtes Geld.
buy-continue = Weiter zur Zahlung
method-card = Karte
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } auf { $chain }

# Error pages.
error-title-not-found = Seite nicht gefunden
error-title-forbidden = Nicht erlaubt
error-title-slow-down = Langsamer, bitte
error-title-failed = Das hat nicht geklappt
error-title-busy = Gerade ist sehr viel los
error-title-conflict = Nicht verfügbar
error-title-gone = Nicht mehr verfügbar
error-title-payments = Zahlungen sind nicht verfügbar
error-title-generic = Etwas ist schiefgegangen
error-not-found = Diese Seite haben wir nicht gefunden. Vielleicht wurde die Veranstaltung verschoben oder ist vorbei.

## When an event happens, on its own clock

event-when-one-day = { $date }, { $start } – { $end } Uhr
event-when-days = { $date }, { $start } Uhr – { $end_date }, { $end } Uhr

## An event in its own language, and in the reader's

event-translated = Vom Veranstalter übersetzt (Original: { $language }).
event-show-original = Original anzeigen ({ $language })
event-show-translation = Übersetzung anzeigen ({ $language })
event-add-calendar = Zum Kalender hinzufügen (.ics)
your-time = ({ $time } bei Ihnen)
card-distance = { $km } km entfernt
filters-near-me = In meiner Nähe
filters-near-me-asking = Ihr Standort wird ermittelt …
filters-near-me-refused = Ihr Browser hat Ihren Standort nicht geteilt. Wählen Sie stattdessen eine Stadt.
filters-near-me-failed = Ihr Standort ließ sich gerade nicht ermitteln. Versuchen Sie es noch einmal oder wählen Sie eine Stadt.
filters-anywhere = Überall ×
event-related-nearby = Auch in der Nähe
event-related-same-kind = Mehr in dieser Art
event-related-also-bought = Wer hier gebucht hat, buchte auch

## Search suggestions
suggest-list-label = Suchvorschläge
suggest-heading-events = Veranstaltungen
suggest-heading-cities = Städte
suggest-heading-categories = Kategorien
suggest-available = Vorschläge unten: mit den Pfeiltasten auswählen, mit der Eingabetaste öffnen.
suggest-none = Keine Vorschläge.
suggest-events-count =
    { $count ->
        [one] 1 Veranstaltung
       *[other] { $count } Veranstaltungen
    }

## City pages and maps
city-title = Was los ist in { $city }
city-intro =
    { $count ->
        [one] Eine kommende Veranstaltung
       *[other] { $count } kommende Veranstaltungen
    } in { $city } ({ $country }).
city-neighbourhoods = Viertel
city-all-neighbourhoods = Alle Viertel
city-empty = Hier ist gerade nichts geplant. Versuchen Sie ein anderes Viertel oder die ganze Stadt.
city-link = Mehr in { $city }
map-show = Auf einer Karte zeigen
map-label = Karte der hier aufgeführten Veranstaltungen: Jede Markierung führt zu ihrer Veranstaltung.

map-hide = Karte ausblenden
map-zoom-in = Vergrößern
map-zoom-out = Verkleinern
map-move-hint = Ziehen Sie die Karte oder nutzen Sie die Pfeiltasten, um sie zu verschieben.

account-home-heading = Wo Sie wohnen
account-home-ask = Danke für Ihren ersten Kauf! Wo wohnen Sie? Die Angabe ist freiwillig und wird nur einmal erfragt: Sie hilft Veranstaltern, Events in Ihre Stadt zu bringen, und wird für nichts anderes verwendet.
account-home-hint = Freiwillig: Es hilft Veranstaltern, Events in Ihre Stadt zu bringen. Lassen Sie beide Felder leer, um die Angabe zu löschen.
account-home-country = Land
account-home-city = Stadt
account-home-save = Speichern
account-home-decline = Möchte ich nicht sagen

waitlist-heading = Warteliste
waitlist-intro = Ausverkauft? Stellen Sie sich an. Werden Tickets frei, bekommt die nächste Person eine E-Mail, und die Tickets werden eine Weile für sie reserviert; ohne Zahlung gehen sie an die übernächste.
waitlist-join = Auf die Warteliste für { $ticket }
waitlist-in-line = Sie sind Nummer { $position } in der Reihe für { $quantity } × { $ticket }.
waitlist-offered = Tickets sind frei geworden: { $quantity } × { $ticket } sind für Sie reserviert.
waitlist-pay = Jetzt bezahlen
waitlist-leave = Warteliste verlassen
waitlist-joined = Sie stehen auf der Warteliste. Wir schreiben Ihnen, wenn Tickets frei werden.
waitlist-left = Sie haben die Warteliste verlassen.
waitlist-not-sold-out = Diese Tickets sind noch erhältlich: Sie können sie oben kaufen.
waitlist-already = Sie stehen bereits auf dieser Warteliste.
waitlist-quantity = Wählen Sie 1 bis 10 Tickets.
waitlist-method = Wählen Sie, wie Sie bezahlen möchten.
waitlist-no-type = Diese Ticketart gibt es für diese Veranstaltung nicht.

interest-title = Sagen Sie mir Bescheid
interest-intro = Noch nichts dergleichen? Sagen Sie, was Sie suchen, und wir schreiben Ihnen einmal, wenn so eine Veranstaltung veröffentlicht wird.
interest-ask = Sagen Sie mir Bescheid, wenn so etwas stattfindet
interest-words = Suchbegriffe
interest-save = Bescheid geben
interest-yours = Worauf Sie warten
interest-any-city = Jede Stadt
interest-any-category = Jede Art von Veranstaltung
interest-answered = Beantwortet am { $when }
interest-remove = Nicht mehr warten
interest-saved = Gespeichert: Wir schreiben Ihnen einmal, wenn so eine Veranstaltung veröffentlicht wird.
interest-removed = Sie erhalten dazu keine Nachricht.
account-delete-heading = Konto löschen
account-delete-hint = Löschen Sie Ihr Konto und was wir über Ihre Besuche aufgezeichnet haben; Ihre Tickets bleiben gültig.
account-delete-start = Mein Konto löschen …
account-delete-goes-heading = Was gelöscht wird
account-delete-goes = Name, E-Mail-Adresse, Passwort und Wohnort Ihres Kontos; alle Geräte, auf denen Sie angemeldet sind, werden abgemeldet; die als Ihre aufgezeichneten Suchen und Seitenaufrufe, Ihre „Sagen Sie mir Bescheid“-Wünsche und Ihre Plätze auf Wartelisten.
account-delete-stays-heading = Was bleibt
account-delete-stays = Ihre Bestellungen mit ihren Tickets (samt dem aufgedruckten Namen) und Zahlungen, die wir für die Buchhaltung und den Einlass aufbewahren müssen. Verschickte Tickets bleiben gültig: Bewahren Sie die PDFs aus Ihren E-Mails auf, denn hier sehen Sie sie nicht mehr.
account-delete-upcoming =
    { $count ->
        [one] Sie haben 1 Ticket für eine bevorstehende Veranstaltung.
       *[other] Sie haben { $count } Tickets für bevorstehende Veranstaltungen.
    }
account-delete-password = Ihr Passwort zur Bestätigung
account-delete-submit = Mein Konto endgültig löschen
account-delete-back = Zurück zu Ihrem Konto
account-deleted-heading = Ihr Konto ist gelöscht
account-deleted-message = Was nur Ihnen gehörte, ist gelöscht, und Sie sind überall abgemeldet. Verschickte Tickets bleiben gültig. Danke, dass Sie mit Tessera ausgegangen sind.
