## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Bezpłatnie
ticket-document-title = Bilety: { $title }
ticket-heading = TESSERA · BILET WSTĘPU
ticket-of = Bilet { $number } z { $count }
ticket-starts = { $date }, godz. { $time } ({ $zone })
ticket-type-label = RODZAJ BILETU
ticket-holder-label = POSIADACZ
ticket-price-label = ZAPŁACONA CENA
ticket-order-label = ZAMÓWIENIE
ticket-serial-label = NUMER SERYJNY
ticket-door-note = Pokaż tę stronę przy wejściu, wydrukowaną lub na telefonie. Kod QR wpuszcza jedną osobę, jeden raz: podpisuje go Tessera i sprawdza przy skanowaniu, więc kopia nie wejdzie drugi raz. Zabierz dokument tożsamości ze zdjęciem na nazwisko posiadacza biletu.
email-tickets-subject =
    { $count ->
        [one] Twój bilet na { $event }
       *[other] Twoje bilety na { $event }
    }
email-hello = Dzień dobry, { $name }!
email-tickets-attached =
    { $count ->
        [one] Twój bilet jest w załączniku do tego e-maila jako PDF.
        [few] Twoje { $count } bilety są w załączniku do tego e-maila jako PDF.
        [many] Twoich { $count } biletów jest w załączniku do tego e-maila jako PDF.
       *[other] Twoje bilety ({ $count }) są w załączniku do tego e-maila jako PDF.
    }
email-when-label = Kiedy:
email-where-label = Gdzie:
email-bring-heading = Co zabrać
email-bring-pdf = PDF, wydrukowany lub na telefonie: każda strona ma kod QR, który wpuszcza jedną osobę, jeden raz.
email-bring-id = Dokument tożsamości ze zdjęciem na nazwisko podane na biletach.
email-download-button = Pobierz bilety
email-download-expires = Bez logowania; link działa do { $date }.
email-download-again = Pobierz bilety ponownie (bez logowania; link działa do { $date }):
email-order-label = Zamówienie
email-your-order = Twoje zamówienie { $reference }:
email-see-you = Do zobaczenia,
