## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Free
ticket-document-title = Tickets: { $title }
ticket-heading = TESSERA · ADMISSION TICKET
ticket-of = Ticket { $number } of { $count }
ticket-starts = { $date }, { $time } ({ $zone })
ticket-type-label = TICKET TYPE
ticket-holder-label = HOLDER
ticket-price-label = PRICE PAID
ticket-order-label = ORDER
ticket-serial-label = SERIAL
ticket-door-note = Show this page, printed or on your phone, at the door. The QR code admits one person, once; it is signed by Tessera and checked when scanned, so copies of it do not get in twice. Bring a photo ID in the holder's name.
email-tickets-subject =
    { $count ->
        [one] Your ticket for { $event }
       *[other] Your tickets for { $event }
    }
email-hello = Hello { $name },
email-tickets-attached =
    { $count ->
        [one] Your ticket is attached to this email as a PDF.
       *[other] Your { $count } tickets are attached to this email as a PDF.
    }
email-when-label = When:
email-where-label = Where:
email-bring-heading = What to bring
email-bring-pdf = The PDF, printed or on your phone: each page has a QR code that admits one person, once.
email-bring-id = A photo ID in the name on the tickets.
email-download-button = Download your tickets
email-download-expires = No login needed; the link works until { $date }.
email-download-again = Download the tickets again (no login needed; the link works until { $date }):
email-order-label = Order
email-your-order = Your order { $reference }:
email-see-you = See you there,
