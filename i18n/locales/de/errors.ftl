## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = in einer Sekunde
error-retry-seconds = { $count ->
    [one] in { $count } Sekunde
   *[other] in { $count } Sekunden
}
error-retry-minutes = { $count ->
    [one] in { $count } Minute
   *[other] in { $count } Minuten
}
error-retry-hours = { $count ->
    [one] in { $count } Stunde
   *[other] in { $count } Stunden
}
error-too-many-logins = Zu viele Anmeldeversuche. Versuchen Sie es { $when } erneut.
error-too-many-passwords = Zu viele Passwortversuche. Versuchen Sie es { $when } erneut.
error-too-many-signups = Zu viele Registrierungen. Versuchen Sie es { $when } erneut.
error-too-many-emails = Zu viele E-Mail-Anfragen. Versuchen Sie es { $when } erneut.
error-too-many-resets = Zu viele Versuche, das Passwort zurückzusetzen. Versuchen Sie es { $when } erneut.
error-too-many-purchases = Zu viele Käufe in kurzer Zeit. Versuchen Sie es { $when } erneut.

## Buying
error-idempotency-key-reused = Dieser Idempotency-Key wurde schon für einen anderen Kauf verwendet; nehmen Sie einen neuen.
error-ticket-limit = { $limit ->
    [one] Für diese Veranstaltung können Sie höchstens { $limit } Ticket kaufen.
   *[other] Für diese Veranstaltung können Sie höchstens { $limit } Tickets kaufen.
}
error-ticket-limit-already = { $limit ->
    [one] Für diese Veranstaltung können Sie höchstens { $limit } Ticket reservieren oder kaufen, und Sie haben schon { $already }.
   *[other] Für diese Veranstaltung können Sie höchstens { $limit } Tickets reservieren oder kaufen, und Sie haben schon { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] Sie haben schon eine unbezahlte Bestellung. Bezahlen oder stornieren Sie sie, bevor Sie eine neue beginnen.
   *[other] Sie haben schon { $limit } unbezahlte Bestellungen. Bezahlen oder stornieren Sie eine, bevor Sie eine neue beginnen.
}
error-sold-out = { $count ->
    [0] { $name }: ausverkauft.
    [one] { $name }: nur noch 1 Ticket.
   *[other] { $name }: nur noch { $count } Tickets.
}
error-sold-out-short = { $count ->
    [0] { $name }: ausverkauft.
   *[other] { $name }: nur noch { $count }.
}
error-choose-tickets = Wählen Sie Ihre Tickets: { $problem }.
error-field-problem = { $field }: { $problem }.
error-event-cancelled = Diese Veranstaltung wurde abgesagt; es werden keine Tickets verkauft.
error-event-started = Diese Veranstaltung hat schon begonnen; Tickets werden nicht mehr verkauft.
error-none-on-sale-yet = Für diese Veranstaltung werden noch keine Tickets verkauft.
error-idempotency-key = muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen
error-not-a-ticket-type-here = ist keine Ticketart dieser Veranstaltung
error-total-too-large = der Gesamtbetrag ist zu hoch
error-choose-a-ticket = wählen Sie mindestens ein Ticket
error-at-least-one = muss mindestens 1 sein
error-ticket-type-twice = kommt zweimal vor; geben Sie die Gesamtmenge einmal an
error-tickets-per-order = höchstens { $max } Tickets pro Bestellung ({ $total } angefragt)
error-whole-number-up-to = muss eine ganze Zahl von 1 bis { $max } sein
error-method-unavailable = Zahlungen mit { $method } sind hier nicht möglich; wählen Sie eine andere Zahlungsart.
error-chain-unavailable = { $method } wird hier in diesem Netzwerk nicht angenommen; wählen Sie ein anderes Netzwerk oder eine andere Zahlungsart.
error-not-cancellable = Diese Bestellung kann nicht mehr storniert werden (Status: { $status }).
error-payment-in-progress = Eine Zahlung für diese Bestellung wird gerade bestätigt, daher kann sie jetzt nicht storniert werden.
error-rail-switch-closed = Diese Bestellung wartet nicht mehr auf Zahlung, daher kann die Zahlungsart nicht mehr geändert werden.
error-rail-switch-seen = Eine Zahlung für diese Bestellung wird gerade bestätigt, daher kann die Zahlungsart jetzt nicht geändert werden.
error-rail-switch-quoted = Für diese Bestellung wurde ein Angebot in { $asset } erstellt, das nicht zurückgenommen werden kann: Zahlen Sie in { $asset }, per Karte oder in Bitcoin, nicht in { $wanted }.
error-rail-switch-quote-left = Das Angebot in { $asset } für diese Bestellung wurde für eine andere Zahlungsart verlassen und kann nicht erneut erstellt werden. Zahlen Sie per Karte oder in Bitcoin.
error-rail-switch-failed = Diese Zahlungsart konnte nicht geöffnet werden; nichts wurde belastet, und Ihre Karten bleiben reserviert. Versuchen Sie es erneut oder wählen Sie eine andere.
error-checkout-in-progress = Die Zahlung für diese Bestellung wird noch vorbereitet. Versuchen Sie es gleich noch einmal.
error-payment-refused-because = Dieser Kauf kann so nicht bezahlt werden ({ $reason }). Es wurde nichts abgebucht, und Ihre Tickets wurden wieder freigegeben.
error-payment-refused = Der Zahlungsdienst hat diesen Kauf abgelehnt. Es wurde nichts abgebucht, und Ihre Tickets wurden wieder freigegeben. Bitte melden Sie sich bei uns, wenn das erneut passiert.
error-payment-unavailable = Wir haben den Zahlungsdienst nicht erreicht. Es wurde nichts abgebucht, und Ihre Tickets wurden wieder freigegeben. Bitte versuchen Sie es gleich noch einmal.
error-payment-unavailable-short = Wir haben den Zahlungsdienst nicht erreicht; es wurde nichts abgebucht. Bitte versuchen Sie es noch einmal.

## Refusals and failures
error-invalid-body = Diese Anfrage konnte nicht gelesen werden: { $why }
error-log-in-first = Bitte melden Sie sich zuerst an.
error-admins-only = Dafür ist ein Admin-Konto nötig.
error-staff-only = Dafür ist ein Konto für Einlasspersonal oder ein Admin-Konto nötig.
error-page-admins-only = Diese Seite ist nur für Admins.
error-page-staff-only = Diese Seite ist nur für Einlasspersonal und Admins.
error-through-load-balancer = Anfragen müssen über den Load Balancer kommen.
error-cross-site = Anfragen von anderen Websites werden nicht angenommen.
error-email-unverified = Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Nutzen Sie den Link aus unserer E-Mail oder fordern Sie auf Ihrer Kontoseite einen neuen an.
error-method-not-allowed = Diese Adresse nimmt diese Methode nicht an.
error-payload-too-large = Diese Datei ist größer als 10 MB.
error-busy = Gerade ist sehr viel los; bitte versuchen Sie es gleich noch einmal.
error-internal = Bei uns ist etwas schiefgegangen. Der Fehler wurde protokolliert.
error-image-format = ist kein JPEG-, PNG- oder WebP-Bild
error-image-unreadable = konnte nicht als Bild gelesen werden ({ $why })
error-stale-version = Jemand anderes hat diese Veranstaltung gespeichert, seit Sie sie geöffnet haben (Sie haben Version { $expected } bearbeitet, jetzt ist es Version { $current }). Laden Sie sie neu und nehmen Sie Ihre Änderung noch einmal vor.
error-event-has-orders = Für diese Veranstaltung gibt es Bestellungen, daher kann sie nicht gelöscht werden. Sagen Sie sie stattdessen ab (Status „cancelled“): Der Verkauf endet, die Bestellungen bleiben erhalten.

## Not found
error-not-found-account = Dieses Konto haben wir nicht gefunden.
error-not-found-checkout = Diesen Bezahlvorgang haben wir nicht gefunden.
error-not-found-door-staff = Diese Person vom Einlasspersonal haben wir nicht gefunden.
error-not-found-download-link = Diesen Download-Link haben wir nicht gefunden.
error-not-found-event = Diese Veranstaltung haben wir nicht gefunden.
error-not-found-file = Diese Datei haben wir nicht gefunden.
error-not-found-invoice = Diese Rechnung haben wir nicht gefunden.
error-not-found-order = Diese Bestellung haben wir nicht gefunden.
error-not-found-payment = Diese Zahlung haben wir nicht gefunden.
error-not-found-receipt = Diesen Zahlungseingang haben wir nicht gefunden.
error-not-found-refund = Diese Erstattung haben wir nicht gefunden.
error-not-found-ticket = Dieses Ticket haben wir nicht gefunden.
error-not-found-page = Unter dieser Adresse gibt es nichts.

## Accounts
error-bad-credentials = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
error-not-this-accounts-password = Das ist nicht das Passwort des Kontos, das dieser Link bestätigt.
error-link-invalid = Dieser Link ist abgelaufen oder wurde schon benutzt. Fordern Sie einen neuen an.
error-not-current-password = ist nicht Ihr aktuelles Passwort
error-this-field = Dieses Feld { $problem }.
error-new-password = Das neue Passwort { $problem }.
notice-signup-sent = Sehen Sie in Ihr Postfach: Wir haben Ihnen einen Link geschickt, mit dem Sie Ihre E-Mail-Adresse bestätigen und die Registrierung abschließen.
notice-signup-sent-48h = Sehen Sie in Ihr Postfach: Wir haben Ihnen einen Link geschickt, mit dem Sie Ihre E-Mail-Adresse bestätigen und die Registrierung abschließen. Er gilt 48 Stunden.
notice-reset-sent = Falls ein Konto diese E-Mail-Adresse nutzt, haben wir einen Link geschickt, mit dem Sie ein neues Passwort wählen. Er gilt eine Stunde.
notice-already-confirmed = Ihre E-Mail-Adresse ist bereits bestätigt.
notice-link-sent = Wir haben Ihnen einen neuen Link zur Bestätigung Ihrer E-Mail-Adresse geschickt.
notice-check-inbox = Sehen Sie in Ihr Postfach
notice-password-changed = Ihr Passwort wurde geändert. Ihre anderen Geräte wurden abgemeldet.
notice-email-confirmed = Danke: Ihre E-Mail-Adresse ist bestätigt.
notice-confirm-email = E-Mail-Adresse bestätigen
notice-link-confirms = Dieser Link bestätigt { $email }. Geben Sie das Passwort ein, das Sie bei der Registrierung gewählt haben.
notice-ask-new-link = Melden Sie sich an und fordern Sie auf Ihrer Kontoseite einen neuen Link an.
notice-choose-password = Neues Passwort wählen

## What is wrong with a field (said after the field's name)
error-no-control-characters = darf keine Steuerzeichen enthalten
error-no-invisible-characters = darf keine Steuerzeichen oder unsichtbaren Formatierungszeichen enthalten
error-no-nul = darf keine NUL-Zeichen enthalten
error-required = ist erforderlich
error-min-characters = muss mindestens { $min } Zeichen lang sein
error-max-characters = darf höchstens { $max } Zeichen lang sein
error-at-most = darf höchstens { $max } sein
error-at-most-languages = darf höchstens { $max } Sprachen umfassen
error-between = muss zwischen { $min } und { $max } liegen
error-not-negative = darf nicht negativ sein
error-too-large = ist zu groß
error-appears-twice = kommt zweimal vor
error-not-a-time = { $value } ist keine Zeitangabe wie 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } ist kein Datum wie 2026-12-31
error-not-an-amount = { $value } ist kein Betrag wie 25 oder 25.50
error-not-a-limit = { $value } ist keine Zahl von 1 bis 100
error-not-a-cursor = ist kein Cursor, den diese API ausgegeben hat
error-cursor-other-query = gehört zu einer anderen Abfrage
error-unreadable-query = unlesbare Abfrageparameter: { $why }
error-not-an-id = { $kind ->
    [order] { $value } ist keine Bestell-ID (eine UUID)
    [account] { $value } ist keine Konto-ID (eine UUID)
    [payment] { $value } ist keine Zahlungs-ID (eine UUID)
    [refund] { $value } ist keine Erstattungs-ID (eine UUID)
   *[event] { $value } ist keine Veranstaltungs-ID (eine UUID)
}
error-not-a-payment-method = { $value } ist keine Zahlungsart; verwenden Sie card, btc, lightning, eth, usdc, usdt oder eurc
error-not-an-email = ist keine E-Mail-Adresse wie ana@example.org

## The event form and the admin API's validation
error-unknown-category = unbekannte Kategorie; verwenden Sie eine von: { $known }
error-unknown-category-named = unbekannte Kategorie { $category }; verwenden Sie eine von: { $known }
error-from-after-to = { $from } liegt nach dem Enddatum ({ $to })
error-not-a-country = ist kein Ländercode nach ISO 3166-1 wie PT
error-ends-after-start = muss nach dem Beginn (starts_at) liegen
error-not-a-time-zone = ist keine IANA-Zeitzone wie Europe/Lisbon
error-not-a-language = ist kein Sprachcode wie { $example }
error-event-status = muss draft, published oder cancelled sein
error-name-taken = wird schon von einer anderen Ticketart verwendet
error-same-currency = muss { $currency } sein, wie bei den anderen Ticketarten der Veranstaltung
error-published-needs-ticket-type = eine veröffentlichte Veranstaltung braucht mindestens eine Ticketart
error-currency-required = ist erforderlich, solange die Veranstaltung keine Ticketarten hat
error-own-language = ist die Originalsprache der Veranstaltung ({ $language })
error-second-translation = ist eine zweite Übersetzung in dieselbe Sprache
error-translation-names = nennt { $names } Ticketarten; die Veranstaltung hat { $types }
error-currency-change = kann sich nur zusammen mit ticket_types ändern, mit jedem Preis neu in der neuen Währung
error-capacity-below-taken = darf nicht unter den { $taken } schon verkauften oder reservierten Tickets liegen
error-capacity-below-sold = darf nicht unter den schon verkauften oder reservierten Tickets liegen

## Money
error-unknown-currency = { $code } ist kein Währungscode nach ISO 4217 (wie EUR, JPY oder CAD)
error-card-whole-units = Kartenzahlungen in { $currency } müssen ganze Einheiten von { $currency } sein (Stripe kann keine Bruchteile abbuchen)
error-card-three-decimals = Kartenzahlungen in { $currency } müssen ein Vielfaches von 0,010 { $currency } sein (Stripes Regel für Währungen mit drei Nachkommastellen)
error-amount-too-large = der Betrag ist zu hoch

## Check-in and downloads
error-void-refunded = es wurde erstattet
error-void-disputed = seine Zahlung wird angefochten
error-void-event-cancelled = die Veranstaltung wurde abgesagt
error-void-voided = es wurde ungültig gemacht
error-checkin-other-event = Dieses Ticket gilt für eine andere Veranstaltung: { $event }.
error-checkin-already = Bereits eingelassen am { $when }: Ticket { $serial } ({ $holder }).
error-checkin-voided = Ticket { $serial } berechtigt nicht zum Einlass: { $why }.
error-checkin-void = Die Bestellung zu diesem Ticket ist nicht bezahlt (Status: { $status }); es berechtigt nicht zum Einlass.
error-download-expired = Dieser Download-Link ist abgelaufen. Melden Sie sich an und laden Sie Ihre Tickets in Ihrem Konto herunter.
error-tickets-voided = { $reason ->
    [disputed] Diese Tickets berechtigen nicht mehr zum Einlass: Ihre Zahlung wird angefochten. Auf der Bestellseite steht, was erstattet wurde.
    [event_cancelled] Diese Tickets berechtigen nicht mehr zum Einlass: Die Veranstaltung wurde abgesagt. Auf der Bestellseite steht, was erstattet wurde.
   *[other] Diese Tickets berechtigen nicht mehr zum Einlass: Sie wurden erstattet. Auf der Bestellseite steht, was erstattet wurde.
}

## The admin API
error-already-delivered = Diese Tickets wurden schon zugestellt.
error-delivery-status = { $value } ist weder pending noch sent noch failed
error-refund-not-cancellable = { $status ->
    [succeeded] Diese Erstattung ist abgeschlossen und kann nicht mehr storniert werden.
    [failed] Diese Erstattung ist fehlgeschlagen und kann nicht mehr storniert werden.
    [cancelled] Diese Erstattung wurde schon storniert.
   *[other] Diese Erstattung ist unterwegs und kann nicht mehr storniert werden.
}
error-refund-status = muss requested, sent, succeeded, failed oder cancelled sein
error-idempotency-key-required = ist erforderlich: 1 bis 255 sichtbare ASCII-Zeichen
error-from-after-to-plain = darf nicht nach dem Enddatum (to) liegen
error-rail = { $value } ist weder card noch btc noch eth
error-one-of = { $value } ist keiner der Werte { $known }
error-true-or-false = { $value } ist weder true noch false
error-json-or-csv = { $value } ist weder json noch csv
error-resolution-note = beschreiben Sie, was getan wurde, in 1 bis 2000 Zeichen
error-nothing-to-resolve = Bei diesem Zahlungseingang gibt es keine Abweichung zu klären.
error-already-resolved = Diese Abweichung wurde schon geklärt.
error-report-days = ein Bericht umfasst höchstens { $max } Tage
error-tickets-or-amount = geben Sie entweder Tickets oder einen Betrag an, nicht beides
error-name-a-ticket = muss mindestens ein Ticket nennen
error-hours-before = muss zwischen 0 und 8760 Stunden liegen
error-whole-tickets = muss eine ganze Zahl von Tickets sein
error-staff-no-account = Kein Konto nutzt diese E-Mail-Adresse; bitten Sie die Person, sich zuerst zu registrieren.
error-staff-unverified = Dieses Konto hat seine E-Mail-Adresse noch nicht bestätigt; bitten Sie die Person, den Link aus unserer E-Mail zu nutzen.
error-staff-is-admin = Dieses Konto ist ein Admin-Konto; Admins können schon Tickets einlassen.
error-staff-not-door = Dieses Konto gehört nicht zum Einlasspersonal.

## Refunds
error-refund-key-reused = Dieser Idempotenzschlüssel wurde schon für eine andere Erstattung verwendet.
error-refund-not-paid = Nur eine bezahlte Bestellung kann erstattet werden (Status: { $status }).
error-refund-too-much = Das ist mehr, als bei dieser Zahlung noch erstattet werden kann ({ $left } in der kleinsten Einheit).
error-refund-nothing-left = Alles, was mit dieser Zahlung eingegangen ist, wurde schon erstattet oder wird gerade erstattet.
error-refund-zero = Der Betrag muss größer als null sein.
error-refund-unknown-ticket = Ticket { $ticket } gehört nicht zu dieser Bestellung.
error-refund-ticket-voided = Ticket { $serial } wurde schon erstattet oder ungültig gemacht.
error-refund-checked-in = Mit Ticket { $serial } wurde schon eingelassen; eine Erstattung braucht die ausdrückliche Freigabe eines Admins.
error-refund-not-issued = Die Tickets dieser Bestellung werden noch ausgestellt; versuchen Sie es in einer Minute noch einmal.
error-refund-stock-taken = Die Tickets können nicht alle zurückgegeben werden: Sie wurden inzwischen an jemand anderen verkauft.
error-refund-only-paid = Nur eine bezahlte Bestellung kann gegen Erstattung storniert werden.
error-refund-event-cancelled = Die Veranstaltung wurde abgesagt: Ihre Erstattung ist schon unterwegs, ohne dass Sie sie beantragen müssen.
error-refund-no-policy = Der Veranstalter bietet für diese Veranstaltung keine Erstattung auf Wunsch an.
error-refund-too-late = Für eine Stornierung gegen Erstattung ist es zu spät.
error-refund-free-order = Diese Bestellung war kostenlos: Es gibt nichts zu erstatten.
error-refund-cancelled-already = Sie haben diese Bestellung schon storniert; die Erstattung steht dort.
error-refund-overpaid = Sie haben mehr als den Bestellbetrag bezahlt; wenden Sie sich an den Veranstalter, der beides zurückerstattet.
error-refund-partly-refunded = Ein Teil dieser Bestellung wurde schon erstattet; wenden Sie sich an den Veranstalter.
error-refund-no-btc-output = Für diese Rechnung ist keine abgeschlossene Bitcoin-Zahlung erfasst: Erstatten Sie sie in BTCPay Server.
error-refund-no-chain-payment = Für diese Bestellung ist keine bestätigte Zahlung auf der Blockchain erfasst: Noch kann nichts zurückgehen.
error-refund-reorged = Die Zahlung dieser Bestellung ist nach der Bestätigung aus der Blockchain verschwunden: Die Buchhaltung muss das prüfen, bevor etwas zurückgeht.
error-refund-wrong-token = Diese Bestellung wurde mit einem anderen Token bezahlt als angeboten: Erstatten Sie sie von Hand.
error-refund-unreadable-btc = Eine Zahlung dieser Rechnung konnte nicht gelesen werden (siehe /admin/finance): Erstatten Sie sie in BTCPay Server oder sobald sie lesbar ist.
error-refund-nothing-due = Bei dieser Zahlung ist nichts zurückzuzahlen.
error-refund-btc-unsettled = Für diese Rechnung ist noch keine abgeschlossene Bitcoin-Zahlung erfasst: Bis dahin kann nichts zurückgehen.
error-refund-no-reference = Diese Zahlung hat keine Zahlungsreferenz für eine Erstattung: Erstatten Sie sie beim Zahlungsdienst.
error-refund-not-stray = Das ist keine bestätigte Zahlung zu einer nie angebotenen Bestell-ID: Erstatten Sie stattdessen die Bestellung.
error-refund-unknown-token = Es wurde mit einem Token bezahlt, das Tessera nie angeboten hat: Erstatten Sie es von Hand aus der Erstattungs-Wallet.

## The Ethereum sandbox
error-nothing-to-pay = Für diese Bestellung ist nichts mehr zu bezahlen.
error-chain-silent = die lokale Blockchain hat nicht geantwortet
error-sandbox-could-not-pay = Die Sandbox konnte diese Bestellung nicht bezahlen: { $why }. Ihre Bestellung ist unverändert, und die Tickets bleiben reserviert.

## Near a place
error-not-a-place = { $value } ist kein Ort wie 38.7139,-9.1334 (Breite,Länge)
error-not-a-radius = { $value } ist keine Entfernung von 0,1 bis 20016 km
error-radius-without-near = braucht near, den Ort, von dem aus gemessen wird
error-distance-without-near = distance braucht near, den Ort, von dem aus gemessen wird
error-sort = { $value } ist keine mögliche Sortierung: verwenden Sie distance

error-tracking-part = verwenden Sie Buchstaben, Ziffern, Punkte, Bindestriche und Unterstriche (höchstens 60), beginnend mit einem Buchstaben oder einer Ziffer
error-link-exists = diese Veranstaltung hat schon einen Link mit dieser Quelle, diesem Medium und dieser Kampagne
error-market-table = { $value } ist keine Tabelle des Berichts; verwenden Sie eine von: { $known }

notice-home-saved = Gespeichert. Danke!
notice-home-declined = Verstanden: Wir fragen nicht noch einmal.

error-interest-empty = Nennen Sie eine Stadt, eine Art von Veranstaltung oder ein paar Suchbegriffe.

error-interest-words = Verwenden Sie Begriffe, die sagen, was Sie suchen (diese sind zu allgemein für eine Suche).
error-interest-too-many = Sie warten bereits auf { $max } Nachrichten; ziehen Sie zuerst eine Anfrage zurück.
error-delete-staff = Konten des Einlasspersonals können hier nicht gelöscht werden: Bitten Sie zuerst einen Admin, Sie aus dem Team zu entfernen.
error-delete-unpaid-order = Sie haben eine Bestellung, die auf ihre Zahlung wartet. Bezahlen oder stornieren Sie sie (oder lassen Sie die Reservierung ablaufen) und löschen Sie dann Ihr Konto.
error-delete-refund-under-way = Eine Erstattung ist auf dem Weg zu Ihnen, oder Ihnen steht Geld zu. Sie können Ihr Konto löschen, sobald es bei Ihnen angekommen ist.
error-delete-tickets-being-sent = Ihre Tickets werden Ihnen gerade noch per E-Mail geschickt. Versuchen Sie es in ein paar Minuten erneut.
error-delete-admin = Admin-Konten können nicht im Shop gelöscht werden.
error-delete-bitcoin-tickets = Sie haben Tickets für eine bevorstehende Veranstaltung mit Bitcoin bezahlt: Würde sie abgesagt, holen Sie Ihre Erstattung über einen Link ab, den wir Ihnen mailen. Sie können Ihr Konto löschen, sobald die Veranstaltung vorbei ist.
error-metrics-forbidden = Metriken werden nur an die vom Betreiber erlaubten Adressen ausgeliefert (TESSERA_METRICS_FROM), nie über den Load Balancer.
