## Account and refund emails
email-account-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für Tessera
email-account-verify-intro = Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist, damit wir Ihre Tickets hierher schicken können.
email-account-verify-action = E-Mail-Adresse bestätigen
email-account-hours =
    { $hours ->
        [one] eine Stunde
       *[other] { $hours } Stunden
    }
email-account-verify-note = Der Link ist { $valid } lang gültig und funktioniert nur einmal. Wenn Sie sich nicht bei Tessera registriert haben, ignorieren Sie diese E-Mail: Ohne den Link passiert nichts.
email-account-reset-subject = Ihr Tessera-Passwort zurücksetzen
email-account-reset-intro = Jemand (hoffentlich Sie) hat angefordert, das Passwort Ihres Tessera-Kontos zurückzusetzen.
email-account-reset-action = Neues Passwort wählen
email-account-reset-link = Hier können Sie ein neues wählen:
email-account-reset-note = Der Link ist { $valid } lang gültig und funktioniert nur einmal. Damit werden alle Geräte abgemeldet, die bei Ihrem Konto angemeldet sind. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.
email-account-registered-subject = Sie haben bereits ein Tessera-Konto
email-account-registered-intro = Jemand (hoffentlich Sie) wollte sich mit dieser E-Mail-Adresse bei Tessera registrieren, doch für sie gibt es bereits ein Konto.
email-account-registered-action = Anmelden
email-account-registered-link = Hier können Sie sich anmelden:
email-account-registered-forgot = Passwort vergessen?
email-account-registered-new-password = Neues Passwort festlegen
email-account-registered-reset-link = Hier können Sie ein neues festlegen:
email-account-registered-ignore = Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es hat sich nichts geändert.
email-refund-subject = Ihre Erstattung von { $amount } für { $event }
email-refund-claim-subject = Fordern Sie Ihre Erstattung von { $amount } für { $event } an
email-refund-heading = { $amount } erstattet
email-refund-sent-card = Wir haben { $amount } auf die Karte erstattet, mit der Sie bezahlt haben.
email-refund-sent-btc = Wir haben { $amount } in Bitcoin erstattet: Fordern Sie den Betrag über den Link unten an, mit Ihrer eigenen Adresse (On-Chain oder Lightning).
email-refund-sent-crypto = Wir haben { $amount } an die Adresse erstattet, von der Sie bezahlt haben, in derselben Währung.
email-refund-when-label = Wann das Geld ankommt:
email-refund-when-card = Kartenerstattungen erscheinen je nach Bank meist innerhalb von 5 bis 10 Werktagen auf Ihrer Abrechnung
email-refund-when-btc = sobald Sie den Betrag angefordert haben und die Transaktion bestätigt ist
email-refund-when-crypto = sobald die Transaktion bestätigt ist
email-refund-why-customer = Sie haben Ihre Bestellung storniert.
email-refund-why-event-cancelled = Die Veranstaltung wurde abgesagt; das tut uns leid.
email-refund-why-money-due-back = Ihre Zahlung konnte nicht für die Bestellung verwendet werden, deshalb geht sie an Sie zurück.
email-refund-why-organiser = Der Veranstalter hat Ihre Bestellung erstattet.
email-refund-ticket-cancelled = Ihr Ticket ist storniert.
email-refund-all-cancelled = Alle { $count } Tickets sind storniert.
email-refund-tickets-valid = Ihre Tickets bleiben gültig.
email-refund-some-cancelled =
    { $back ->
        [one] Eines Ihrer { $count } Tickets ist storniert; die übrigen bleiben gültig.
       *[other] { $back } Ihrer { $count } Tickets sind storniert; die übrigen bleiben gültig.
    }
email-refund-claim-button = Erstattung anfordern
email-refund-claim-here = Hier können Sie ihn anfordern:
email-refund-reply = Wenn etwas nicht stimmt, antworten Sie einfach auf diese E-Mail.

email-offer-subject = Tickets für { $event } warten auf Sie
email-offer-intro = Für { $event } sind Tickets frei geworden, und Sie waren als Nächste auf der Warteliste: { $quantity } × { $ticket } sind bis { $until } für Sie reserviert.
email-offer-action = Tickets bezahlen
email-offer-note = Wenn Sie bis dahin nicht bezahlen, gehen sie an die nächste Person in der Reihe; Sie müssen nichts tun, um darauf zu verzichten.

email-interest-subject = { $event } findet statt: Sie wollten Bescheid bekommen
email-interest-intro = Sie wollten Bescheid bekommen, wenn so etwas stattfindet: { $event }, in { $city }, { $when }.
email-interest-action = Zur Veranstaltung
email-interest-note = Das ist die einzige E-Mail zu dieser Anfrage; fragen Sie auf Tessera erneut, um von der nächsten zu hören.
