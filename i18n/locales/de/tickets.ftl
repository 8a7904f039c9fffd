## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Kostenlos
ticket-document-title = Tickets: { $title }
ticket-heading = TESSERA · EINTRITTSKARTE
ticket-of = Karte { $number } von { $count }
ticket-starts = { $date }, { $time } Uhr ({ $zone })
ticket-type-label = KARTENART
ticket-holder-label = INHABER/IN
ticket-price-label = BEZAHLTER PREIS
ticket-order-label = BESTELLUNG
ticket-serial-label = SERIENNUMMER
ticket-door-note = Zeigen Sie diese Seite am Einlass vor, ausgedruckt oder auf dem Handy. Der QR-Code gilt für eine Person und nur einmal: Tessera signiert ihn, und beim Scannen wird er geprüft, sodass eine Kopie nicht ein zweites Mal eingelassen wird. Bitte bringen Sie einen Lichtbildausweis auf den Namen des Inhabers mit.
email-tickets-subject =
    { $count ->
        [one] Ihre Karte für { $event }
       *[other] Ihre Karten für { $event }
    }
email-hello = Hallo { $name },
email-tickets-attached =
    { $count ->
        [one] Ihre Karte ist dieser E-Mail als PDF angehängt.
       *[other] Ihre { $count } Karten sind dieser E-Mail als PDF angehängt.
    }
email-when-label = Wann:
email-where-label = Wo:
email-bring-heading = Was Sie mitbringen sollten
email-bring-pdf = Das PDF, ausgedruckt oder auf dem Handy: Jede Seite hat einen QR-Code, der eine Person einmal einlässt.
email-bring-id = Einen Lichtbildausweis auf den Namen, der auf den Karten steht.
email-download-button = Karten herunterladen
email-download-expires = Ohne Anmeldung; der Link gilt bis { $date }.
email-download-again = Karten erneut herunterladen (ohne Anmeldung; der Link gilt bis { $date }):
email-order-label = Bestellung
email-your-order = Ihre Bestellung { $reference }:
email-see-you = Bis bald,
