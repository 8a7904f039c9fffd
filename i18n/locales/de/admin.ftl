## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Verwaltung — Tessera
admin-door-page-title = { $page } — Einlass — Tessera
admin-nav-label = Verwaltung
admin-nav-events = Veranstaltungen
admin-nav-new-event = Neue Veranstaltung
admin-nav-analytics = Auswertungen
admin-nav-finance = Finanzen
admin-nav-refunds = Fällige Erstattungen
admin-nav-deliveries = Zustellungen
admin-nav-checkin = Einlass
admin-nav-staff = Personal
admin-nav-audit = Änderungsprotokoll
admin-col-event = Veranstaltung
admin-col-where = Ort
admin-col-city = Stadt
admin-col-status = Status
admin-col-state = Stand
admin-col-actions = Aktionen
admin-col-action = Aktion
admin-col-customer = Kunde
admin-col-tickets = Tickets
admin-col-orders = Bestellungen
admin-col-order = Bestellung
admin-col-amount = Betrag
admin-col-price = Preis
admin-col-capacity = Kapazität
admin-col-held = Reserviert
admin-col-why = Grund
admin-col-when-utc = Zeitpunkt (UTC)
admin-filter-from = Von
admin-filter-to = Bis
admin-filter-all = Alle
admin-filter-show = Anzeigen
admin-none = Keine.
admin-none-yet = Noch keine.
admin-deleted-account = (gelöschtes Konto)
admin-saved = Gespeichert.
admin-ticket-count = 
    { $count ->
        [one] { $count } Ticket
       *[other] { $count } Tickets
    }

# The event list
admin-events-heading = Veranstaltungen
admin-events-deleted = Die Veranstaltung wurde gelöscht.
admin-events-find-label = Veranstaltung suchen
admin-events-find-placeholder = Titel, Spielort oder Stadt
admin-events-find = Suchen
admin-events-none = Keine Veranstaltungen.
admin-events-none-match = Keine Veranstaltung passt zu „{ $query }“.
admin-events-col-starts = Beginn (Ortszeit)
admin-events-view = Ansehen
admin-events-delete = Löschen
admin-event-status-draft = Entwurf
admin-event-status-published = Veröffentlicht
admin-event-status-cancelled = Abgesagt

# Deleting an event
admin-delete-title = { $title } löschen
admin-delete-heading = „{ $title }“ löschen?
admin-delete-explain = Die Veranstaltung und ihre Ticketarten werden endgültig entfernt. Eine Veranstaltung mit Bestellungen lässt sich nicht löschen: Sagen Sie sie stattdessen ab – das stoppt den Verkauf und behält die Bestellungen.
admin-delete-confirm = Veranstaltung löschen
admin-delete-keep = Nein, behalten

# The event form
admin-new-event-heading = Neue Veranstaltung
admin-edit-heading = „{ $title }“ bearbeiten
admin-form-public-page = Öffentliche Seite:
admin-form-public-note = (sichtbar nach der Veröffentlichung)
admin-form-image-alt-current = Das aktuelle Bild der Veranstaltung
admin-form-image-replace = Bild ersetzen
admin-form-image-add = Bild hinzufügen
admin-form-image-hint = (JPEG, PNG oder WebP, bis 10 MB)
admin-form-upload = Hochladen
admin-form-legend-event = Die Veranstaltung
admin-form-title = Titel
admin-form-description = Beschreibung
admin-form-description-hint = (Leerzeile zwischen Absätzen)
admin-form-category = Kategorie
admin-form-language = Sprache
admin-form-tags = Schlagwörter
admin-form-tags-hint = (durch Kommas getrennt)
admin-form-image-description = Bildbeschreibung
admin-form-image-description-hint = (Alternativtext)
admin-form-legend-when = Wann
admin-form-starts = Beginn
admin-form-ends = Ende
admin-form-local-time = (Ortszeit)
admin-form-timezone = Zeitzone
admin-form-timezone-hint = (IANA, z. B. Europe/Lisbon)
admin-form-legend-where = Wo
admin-form-venue = Spielort
admin-form-address = Adresse
admin-form-region = Region
admin-form-country = Land
admin-form-latitude = Breitengrad
admin-form-longitude = Längengrad
admin-form-currency = Währung
admin-form-tickets-hint = Lassen Sie den Namen einer Zeile leer, um diese Ticketart zu entfernen (oder eine neue Zeile ungenutzt zu lassen). Preise in der Einheit der Währung, etwa 18.50.
admin-form-ticket-type-n = Ticketart { $n }
admin-form-legend-translations = Übersetzungen
admin-form-translations-hint = Die Veranstaltung ist in ihrer eigenen Sprache geschrieben (oben). Fügen Sie dieselben Texte in weiteren Sprachen hinzu, jeweils neben dem Original: Wer eine davon liest, sieht sie und kann zum Original wechseln. Leeren Sie den Titel einer Übersetzung, um sie zu entfernen.
admin-form-add-language = Sprache hinzufügen
admin-form-title-original = Titel im Original
admin-form-description-original = Beschreibung im Original
admin-form-ticket-type-original = Ticketart im Original
admin-form-ticket-type = Ticketart
admin-form-save = Speichern
admin-form-delete = Diese Veranstaltung löschen

# The event form: refunds, holds and limits
admin-refunds-heading = Erstattungen
admin-cancelled-refunding = Diese Veranstaltung ist abgesagt: Jede bezahlte Bestellung wird über den Zahlungsweg erstattet, mit dem sie bezahlt wurde, und die Käufer werden per E-Mail benachrichtigt.
admin-cancelled-progress = Erstattete Bestellungen: { $refunded } von { $total }
admin-cancelled-pending = 
    { $count ->
        [one] { $count } unterwegs
       *[other] { $count } unterwegs
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } fehlgeschlagen (siehe Erstattungen)
       *[other] { $count } fehlgeschlagen (siehe Erstattungen)
    }
admin-policy-hint = Ob Käufer ihre Bestellungen selbst stornieren und sich erstatten lassen können. Lassen Sie die Stunden leer, um das nicht anzubieten.
admin-policy-hours = Bis Stunden vor Beginn
admin-policy-fee = Gebühr (%)
admin-policy-save = Erstattungsregeln speichern
admin-holds-heading = Reservierungen und Limits
admin-holds-hint = Wie viele Tickets eine Person für diese Veranstaltung über alle ihre Bestellungen hinweg reservieren und kaufen darf.
admin-holds-max = Tickets pro Person
admin-holds-delayed = Kartenzahlungen dürfen langsame Verfahren (Lastschrift, Gutscheine) anbieten, deren Ergebnis erst nach Ablauf der Reservierung kommt
admin-holds-save = Limits speichern
admin-holds-none = Zurzeit hält niemand Tickets dieser Veranstaltung.
admin-holds-caption = Personen mit reservierten Tickets, die meisten zuerst
admin-holds-col-payment-seen = Zahlung gesehen
admin-holds-col-bought = Gekauft
admin-holds-col-open-orders = Offene Bestellungen
admin-holds-col-ends = Reserviert bis
admin-holds-col-release = Freigeben
admin-holds-release = 
    { $count ->
        [one] { $count } Ticket freigeben
       *[other] { $count } Tickets freigeben
    }

# Analytics
admin-analytics-all-events = Alle Veranstaltungen
admin-analytics-range = Tage in { $zone }, { $from } bis { $to }.
admin-analytics-money-note = Die Beträge umfassen die im Zeitraum bezahlten Bestellungen, ohne erstattete.
admin-analytics-json = Diese Zahlen als JSON
admin-analytics-received = Einnahmen
admin-analytics-received-none = In diesem Zeitraum wurde nichts bezahlt.
admin-analytics-kind-card = Karte
admin-analytics-kind-bitcoin = Bitcoin, on-chain
admin-analytics-kind-ether = Ether, on-chain
admin-analytics-kind-token = Token, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } Bestellung
       *[other] { $count } Bestellungen
    }
admin-analytics-refunded-net = erstattet { $refunded } · netto { $net }
admin-analytics-by-method = Nach Zahlungsart
admin-analytics-method-other = Sonstige
admin-analytics-col-method = Zahlungsart
admin-analytics-col-value = Wert zum angebotenen Kurs
admin-analytics-days = Tag für Tag
admin-analytics-col-day = Tag
admin-analytics-col-placed = Aufgegebene Bestellungen
admin-analytics-col-paid = Bezahlte Bestellungen
admin-analytics-col-sold = Verkaufte Tickets
admin-analytics-funnel = Was aus den Bestellungen wurde
admin-funnel-placed = Aufgegeben
admin-funnel-paid = Bezahlt
admin-funnel-delivered = Tickets zugestellt
admin-funnel-pending = Warten auf Zahlung
admin-funnel-expired = Abgelaufen
admin-funnel-cancelled = Storniert
admin-funnel-failed = Fehlgeschlagen
admin-funnel-refund-due = Mit fälliger Erstattung
admin-analytics-top-cities = Top-Städte
admin-analytics-top-categories = Top-Kategorien
admin-analytics-none-sold = Keine Tickets verkauft.
admin-analytics-events-hint = Aktueller Stand, unabhängig vom Zeitraum: verkaufte und reservierte Tickets im Verhältnis zur Kapazität und der Umsatz der bezahlten Bestellungen je Veranstaltung.
admin-analytics-col-sold-short = Verkauft
admin-analytics-col-sell-through = Auslastung
admin-analytics-col-revenue = Umsatz
admin-analytics-percent = { $whole },{ $tenth } %
admin-chart-method = Bezahlte Bestellungen nach Zahlungsart
admin-chart-orders-per-day = Aufgegebene Bestellungen pro Tag
admin-chart-tickets-per-day = Verkaufte Tickets pro Tag
admin-chart-funnel = Bestellungen im Zeitraum, nach ihrem Ausgang
admin-chart-cities = Verkaufte Tickets nach Stadt
admin-chart-categories = Verkaufte Tickets nach Kategorie
admin-chart-day = { $day }.{ $month }.

# The audit log
admin-audit-none = Noch keine Änderungen.
admin-audit-col-who = Wer
admin-audit-col-what = Was
admin-audit-col-about = Betrifft
admin-audit-col-changed = Geändert
admin-audit-event-create = Veranstaltung angelegt
admin-audit-event-edit = Veranstaltung bearbeitet
admin-audit-event-delete = Veranstaltung gelöscht
admin-audit-event-refund-policy = Erstattungsregeln geändert
admin-audit-event-limits = Limits geändert
admin-audit-event-release-holds = Reservierte Tickets freigegeben
admin-audit-refund-request = Erstattung angefordert
admin-audit-refund-cancel = Erstattung storniert
admin-audit-discrepancy-resolve = Abweichung geklärt
admin-audit-account-role = Rolle geändert

# The door
admin-checkin-heading = Tickets einlassen
admin-checkin-none = Noch keine Veranstaltung hat Tickets für den Einlass.
admin-checkin-code = Ticketcode
admin-checkin-code-hint = Scannen Sie den QR-Code mit einem Barcode-Scanner (er tippt den Code und drückt Enter) oder fügen Sie ihn ein.
admin-checkin-submit = Einlassen
admin-checkin-progress = { $checked } von { $total } Tickets eingelassen.
admin-checkin-welcome = Willkommen, { $name }
admin-checkin-ticket = { $type } · Ticket { $serial }
admin-checkin-repeat = Bereits eingelassen
admin-checkin-refused = Nicht einlassen

# Ticket deliveries
admin-deliveries-heading = Ticketzustellung
admin-deliveries-intro = Die Tickets jeder bezahlten Bestellung: ausgestellt, als PDF erzeugt und vom Ticket-Worker per E-Mail verschickt. Fehlgeschlagene Zustellungen wurden nach wiederholten Fehlern aufgegeben; starten Sie sie neu, sobald die Ursache behoben ist.
admin-deliveries-filter = Nach Status filtern
admin-delivery-status-failed = Fehlgeschlagen
admin-delivery-status-pending = Ausstehend
admin-delivery-status-sent = Gesendet
admin-deliveries-none = Keine Zustellungen.
admin-deliveries-none-failed = Keine fehlgeschlagenen Zustellungen.
admin-deliveries-none-pending = Keine ausstehenden Zustellungen.
admin-deliveries-none-sent = Keine gesendeten Zustellungen.
admin-deliveries-col-attempts = Versuche
admin-deliveries-col-error = Letzter Fehler
admin-deliveries-retry = Erneut senden
admin-deliveries-sent-at = gesendet { $when }
admin-deliveries-next-try = nächster Versuch { $when }
admin-deliveries-retried = Die Zustellung der Bestellung { $order } ist erneut eingereiht; der Ticket-Worker übernimmt sie in wenigen Sekunden.

# Finance: reconciliation
admin-finance-heading = Finanzen: Abgleich
admin-finance-intro = Jeder Zahlungseingang auf jedem Weg – Kartenzahlungen, Bitcoin-Outputs, Zahlungen an unseren Ethereum-Vertrag – seiner Bestellung zugeordnet, das Angebot neben dem Eingang. Tage in { $zone }.
admin-finance-from = Eingegangen von
admin-finance-to = bis
admin-finance-rail = Zahlungsweg
admin-rail-card = Karte
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH und Token)
admin-finance-discrepancy = Abweichung
admin-finance-any = Alle
admin-finance-unresolved-only = Nur ungeklärte
admin-finance-csv = CSV herunterladen
admin-finance-discrepancies = Abweichungen
admin-finance-col-kind = Art
admin-finance-col-receipts = Eingänge
admin-finance-col-unresolved = Ungeklärt
admin-finance-received = Eingegangen
admin-finance-none = Keine passenden Eingänge.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } Eingang
       *[other] { $count } Eingänge
    }
admin-finance-unreadable = Nicht lesbare Bitcoin-Zahlungen
admin-finance-unreadable-note = BTCPay hat diese Zahlungen in einer Form gemeldet, die Tessera nicht annimmt; sie fehlen daher unten bei den Eingängen. Die Bestellungen ihrer Rechnungen wurden nach dem abgeschlossen, was BTCPay über die Rechnung meldet; prüfen Sie jede in BTCPay.
admin-finance-col-first-seen = Zuerst gesehen (UTC)
admin-finance-col-invoice = Rechnung
admin-finance-col-problem = Was nicht lesbar war
admin-finance-col-raw = Wie von BTCPay gemeldet
admin-finance-receipts = Eingänge
admin-finance-col-received-at = Eingegangen am
admin-finance-col-receipt = Eingang
admin-finance-col-received = Eingegangen
admin-finance-col-quoted = Angeboten
admin-finance-resolved = Geklärt: { $resolution }
admin-finance-note = Notiz
admin-finance-note-placeholder = außerhalb der Plattform erstattet
admin-finance-mark-resolved = Als geklärt markieren
admin-finance-flash-resolved = Als geklärt markiert; das Änderungsprotokoll hält es fest.
admin-finance-flash-already-resolved = Diese Abweichung war bereits geklärt (gerade eben von jemand anderem?).
admin-finance-flash-nothing = Dieser Eingang hat keine Abweichung zu klären.
admin-finance-flash-unknown = Diesen Eingang gibt es nicht.
admin-finance-flash-note-needed = Beschreiben Sie, was getan wurde, in einer Notiz mit 1 bis 2000 Zeichen.
admin-finance-eth-detail = Block { $block } · Zahler { $payer } · Token { $token }
admin-finance-btc-rate = zum Kurs { $rate }
admin-finance-btc-settled = abgeschlossen { $when }
admin-discrepancy-underpaid = Unterzahlt
admin-discrepancy-overpaid = Überzahlt (Überschuss zu erstatten)
admin-discrepancy-paid-late = Zu spät bezahlt
admin-discrepancy-sold-out = Erstattung fällig: ausverkauft
admin-discrepancy-refund-due = Erstattung fällig
admin-discrepancy-reorged = Reorg
admin-discrepancy-orphan = Verwaist (keine Bestellung)
admin-discrepancy-not-confirmed = Nicht mehr bestätigt
admin-discrepancy-refund-pending = Erstattung unterwegs
admin-discrepancy-refund-failed = Erstattung fehlgeschlagen
admin-discrepancy-disputed = Angefochten
admin-payment-state-creating = Wird angelegt
admin-payment-state-open = Offen
admin-payment-state-succeeded = Erfolgreich
admin-payment-state-failed = Fehlgeschlagen
admin-payment-state-expired = Abgelaufen
admin-payment-state-refund-due = Erstattung fällig
admin-payment-state-refunded = Erstattet
admin-payment-state-unmatched = Ohne Bestellung
admin-payment-state-processing = Wird bestätigt
admin-payment-state-settled = Abgeschlossen
admin-payment-state-invalid = Ungültig
admin-payment-state-seen = Gesehen
admin-payment-state-confirmed = Bestätigt
admin-payment-state-reorged = Reorg

# One order, for admins
admin-order-title = Bestellung { $id }
admin-order-heading = Bestellung
admin-order-total = Summe
admin-order-refunded = Erstattet
admin-order-placed = Aufgegeben (UTC)
admin-order-payments = Zahlungen
admin-order-no-payment = Keine Zahlung.
admin-order-col-provider = Anbieter
admin-order-col-reference = Referenz
admin-order-col-dispute = Anfechtung
admin-order-no-tickets = Keine Tickets ausgestellt.
admin-order-refund = Erstatten
admin-order-col-serial = Nummer
admin-order-col-holder = Inhaber
admin-order-col-type = Art
admin-order-refund-ticket = Ticket { $serial } erstatten
admin-order-refund-legend = Erstatten (noch bis zu { $left })
admin-order-refund-explain = Markieren Sie Tickets, um sie zu ihrem Preis zu erstatten (sie gewähren keinen Einlass mehr und gehen zurück in den Verkauf), oder geben Sie einen Betrag an, der ohne Entwertung erstattet wird, oder nichts, um alles Verbleibende zu erstatten.
admin-order-refund-amount = Betrag in { $currency } (optional)
admin-order-amount-example = z. B. { $amount }
admin-order-refund-override = Auch bereits eingelassene Tickets erstatten (wird im Änderungsprotokoll festgehalten)
admin-order-refundable-btc = die auf der Rechnung eingegangenen Bitcoin
admin-order-refundable-eth = was die Zahlung an den Vertrag geschickt hat, zurück an die zahlende Adresse
admin-order-refunded-notice = Erstattung angefordert; ihr Stand steht unten.
admin-ticket-void-disputed = Ungültig: Zahlung angefochten
admin-ticket-void-cancelled = Ungültig: Veranstaltung abgesagt
admin-ticket-refunded = Erstattet
admin-ticket-checked-in = Eingelassen { $when }

# Refunds
admin-refunds-due = Zu erstattende Beträge
admin-refunds-due-intro = Eingegangenes Geld, das seine Bestellung nicht bezahlen konnte, das neueste zuerst. Die Schaltfläche „Erstatten“ schickt Kartenzahlungen sofort über Stripe zurück; der Stand folgt hier, wie Stripe ihn meldet.
admin-refunds-due-none = Nichts zu erstatten.
admin-refunds-col-received = Eingegangen (UTC)
admin-refunds-col-payment = Zahlung
admin-refunds-send = { $amount } erstatten
admin-refunds-unmatched = Zahlungen für unbekannte Bestellungen
admin-refunds-unmatched-intro = Kartenzahlungen gehen von hier aus über Stripe zurück, Bitcoin-Zahlungen über BTCPay; eine Ethereum-Zahlung geht im selben Asset an die Adresse zurück, von der sie kam.
admin-refunds-col-claimed = Gesendete Bestellreferenz
admin-refunds-col-refund-to = Erstatten an
admin-refunds-asked = Angeforderte Erstattungen
admin-refunds-col-asked = Angefordert (UTC)
admin-refunds-col-by = Von
admin-refunds-col-provider-ref = Referenz des Anbieters
admin-refunds-cancel = Stornieren
admin-refund-status-requested = Angefordert
admin-refund-status-sent = Unterwegs
admin-refund-status-succeeded = Erstattet
admin-refund-status-failed = Fehlgeschlagen
admin-refund-status-cancelled = Storniert
admin-refunds-last-failed = Letzte Erstattung: fehlgeschlagen
admin-refunds-last-cancelled = Letzte Erstattung: storniert
admin-refund-cause-customer = Vom Kunden storniert
admin-refund-cause-admin = Von der Verwaltung erstattet
admin-refund-cause-event-cancelled = Veranstaltung abgesagt
admin-refund-cause-money-due-back = Zu erstattender Betrag
admin-refund-cause-outside = Beim Anbieter erstattet
admin-refunds-waiting = Wartet: { $why }
admin-refunds-wallet-soon = Die Erstattungs-Wallet sendet sie innerhalb einer Minute
admin-refunds-to = An { $to }
admin-refunds-to-then = An { $to }.
admin-refunds-claim-link = Abruflink für die zahlende Person: { $link }
admin-refunds-done = Erstattung { $id } angefordert; ihr Stand steht unten und folgt den Meldungen des Anbieters.
admin-refunds-goes-back = Geht zurück: { $amount } an { $payer } (bezahlt in { $tx }, Log { $log })
admin-refunds-base-units = { $units } Basiseinheiten des Tokens { $token }
admin-refunds-to-card = Die Karte, über Stripe
admin-refunds-to-btcpay = Die zahlende Person, die sie auf der Seite von BTCPay abruft (der Link steht weiter unten)
admin-refunds-to-payer-at = Die zahlende Person, über { $provider }
admin-refunds-no-reference = (keine)
admin-refunds-tx-log = { $tx } (Log { $log })
admin-refunds-cancel-too-late = Diese Erstattung wurde bereits an den Anbieter übergeben ({ $state }) und kann nicht mehr storniert werden.

# Staff
admin-staff-intro-html = Das Einlasspersonal prüft Tickets auf <a href="/admin/checkin">der Einlassseite</a> und kann hier sonst nichts tun. Bitten Sie die Personen, sich zu registrieren und ihre E-Mail-Adresse zu bestätigen, und fügen Sie sie dann mit dieser Adresse hinzu. Admins werden über die Kommandozeile angelegt (<code>tessera admin create</code>).
admin-staff-email = E-Mail-Adresse der neuen Einlasskraft
admin-staff-add = Einlasskraft hinzufügen
admin-staff-col-name = Name
admin-staff-col-email = E-Mail
admin-staff-col-role = Rolle
admin-staff-col-since = Seit (UTC)
admin-staff-remove = Entfernen
admin-staff-role-admin = Admin
admin-staff-role-door = Einlass
admin-staff-added = { $email } gehört jetzt zum Einlasspersonal und kann Tickets einlassen.
admin-staff-removed = { $email } gehört nicht mehr zum Einlasspersonal.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = ist kein Preis wie { $example }
admin-error-too-large = ist zu groß
admin-error-not-a-zone = ist keine IANA-Zeitzone wie Europe/Lisbon
admin-error-not-a-datetime = ist kein Datum mit Uhrzeit
admin-error-time-skipped = gibt es in { $zone } nicht (Zeitumstellung)
admin-error-not-a-number = ist keine Zahl
admin-error-not-ours = gehört nicht zu uns
admin-error-not-whole = ist keine ganze Zahl
admin-error-translation-language = geben Sie die Sprache jeder Übersetzung an (en, ja, pt-BR…)
admin-error-translation-twice = kommt zweimal vor: jede Sprache nur einmal
admin-error-translation-title = ist erforderlich (leeren Sie die ganze Übersetzung, um sie zu entfernen)
admin-error-upload-unreadable = Upload nicht lesbar: { $error }
admin-error-upload-none = wählen Sie eine Datei zum Hochladen
admin-error-upload-too-large = ist größer als 10 MB
admin-error-not-an-account = ist kein Konto
admin-error-policy-hours = muss eine ganze Zahl von Stunden sein
admin-error-policy-fee = muss ein Prozentsatz wie 10 oder 2.5 sein
admin-error-form-expired = Das Formular ist abgelaufen; laden Sie die Seite neu und versuchen Sie es noch einmal.
admin-error-refund-both = Markieren Sie Tickets oder geben Sie einen Betrag an, nicht beides.
admin-error-refund-amount = „{ $amount }“ ist kein Betrag in { $currency }.

# Why money is due back
admin-due-sold-out = Nach Ablauf der Reservierung bezahlt; inzwischen ausverkauft
admin-due-event-closed = Nach Ablauf der Reservierung bezahlt; die Veranstaltung war abgesagt oder lief schon
admin-due-duplicate = Zweite Zahlung für eine bezahlte Bestellung
admin-due-amount-mismatch = Gezahlter Betrag weicht von der Bestellung ab
admin-due-wrong-rail = Mit einer anderen Zahlungsart als der der Bestellung bezahlt
admin-due-partial = Vor Ablauf der Rechnung nur teilweise bezahlt
admin-due-overpaid = Mehr als die Bestellung bezahlt; der Überschuss
admin-due-invoice-invalid = Geld auf einer ungültig gewordenen Rechnung
admin-due-underpaid = On-chain weniger als angeboten oder in einem anderen Asset bezahlt
admin-due-order-closed = Die Bestellung war bereits abgeschlossen
admin-provider-free = Keiner (Gratistickets)

admin-form-neighbourhood = Viertel

admin-nav-market = Markt
market-intro = Wer was wo will und wie man sie erreicht: die Nachfrage, wie unser eigener Server sie erfasst, neben dem, was laut Buchführung verkauft wurde.
market-all-categories = Alle Kategorien
market-privacy-note = Aufrufe und Suchen werden gezählt, ohne jemanden zu verfolgen: Die Kennung eines Besuchers ändert sich jeden Tag, keine Adresse wird gespeichert, und wer nicht verfolgt werden möchte, wird ohne Kennung gezählt.
market-csv = { $table } als CSV
market-views = Aufrufe der Veranstaltungsseite
market-buy-views = Aufrufe der Kaufseite
market-holds = Aufgegebene Bestellungen
market-paid = Bezahlt
market-attended = Eingelassen
market-buyers = Käufer
market-searches-missing = Suchen ohne Ergebnis
market-paid-of-holds = Anteil bezahlt
market-band-free = Kostenlos
market-band = { $from } bis { $to }
market-band-over = { $from } oder mehr
market-band-col = Günstigstes Ticket
market-direct = Direkt
market-none = In diesem Zeitraum noch nichts.
market-funnel = Vom Schauen zum Hingehen
market-step = Schritt
market-count = Anzahl
market-of-previous = Anteil am vorigen Schritt
market-started = Begonnen
market-by-rail = Zahlungswege: begonnen und abgeschlossen
market-by-city = Nach Stadt
market-by-category = Nach Kategorie
market-by-band = Nach Preis
market-willing = Zahlungsbereitschaft
market-willing-hint = Aufrufe der Veranstaltungs- und Kaufseiten im Zeitraum, dann die darin aufgegebenen Bestellungen: wie viele bezahlt wurden und bei wie vielen beim Einlass ein Ticket eingelassen wurde.
market-who = Wer
market-who-hint = Personen, die im Zeitraum aufgegebene Bestellungen bezahlt haben: zum ersten Mal oder erneut, wohnhaft in der Stadt der Veranstaltung oder zu Besuch (laut ihrem Konto), die Sprache, in der sie gekauft haben, und wie viele Tickets sie auf einmal gekauft haben.
market-who-col = Art der Käufer
market-new-buyers = Neu
market-returning-buyers = Wiederkehrend
market-locals = Ortsansässige
market-visitors = Zu Besuch
market-home-unknown = Keine Angabe
market-languages = Sprachen
market-language = Sprache
market-group-sizes = Gruppengrößen
market-tickets-per-order = Tickets pro Bestellung
market-where = Wo
market-where-hint = Wo die Käufer wohnen (wie sie es uns nach ihrem ersten Kauf gesagt haben), gegenüber dem Ort der Veranstaltungen, für die sie bezahlt haben.
market-flows = Wohnorte der Käufer und Städte der Veranstaltungen
market-home = Käufer wohnen in
market-event-city = Veranstaltung in
market-reach = Wie man sie erreicht
market-reach-hint = Woher die Besuche kamen: die utm-Tags eines Tracking-Links, sonst die Website, die sie geschickt hat, sonst direkt. Eine Bestellung behält den Kanal des Besuchs, in dem sie aufgegeben wurde.
market-channels = Kanäle
market-channel = Kanal
market-page-views = Seitenaufrufe
market-paid-per-views = Bezahlt pro Seitenaufruf
market-links = Tracking-Links
market-missing = Was fehlt
market-missing-hint = Wonach gesucht wurde, was noch niemand anbietet, was ausverkauft ist und wer darauf wartet, und worüber man Bescheid bekommen möchte.
market-search-gaps = Suchen ohne oder mit wenigen Ergebnissen
market-words = Wörter
market-no-words = (nur Filter)
market-results = Gefunden
market-results-none = nichts
market-results-few = 3 oder weniger
market-searches = Suchen
market-searchers = Suchende
market-sold-out = Ausverkaufte Ticketarten
market-ticket-type = Ticketart
links-title = Tracking-Links
links-intro = Erstellen Sie einen Link für jeden Ort, an dem Sie für diese Veranstaltung werben (ein Newsletter, der QR-Code eines Plakats, die Website eines Partners). Besuche über den Link, die dabei aufgegebenen Bestellungen und was bezahlt wird, erscheinen auf der Seite „Markt“.
links-source = Quelle
links-medium = Medium
links-campaign = Kampagne
links-create = Link erstellen
links-none = Noch keine Tracking-Links für diese Veranstaltung.
links-address = Link
links-created = Erstellt
links-remove = Entfernen
links-see-market = Auf der Seite „Markt“ sehen, was die Links gebracht haben
links-added = Link erstellt. Kopieren Sie ihn aus der Tabelle unten.
links-removed = Link entfernt. Was er gebracht hat, bleibt unter seinem Kanal gezählt.
links-manage = Tracking-Links

market-waiting = Wartende
market-waiting-tickets = Gewünschte Tickets

market-interests = „Sagen Sie mir Bescheid“-Anfragen
market-interests-open = Offen
market-interests-answered = Beantwortet
market-any = Alle
