## Account and refund emails
email-account-verify-subject = Potwierdź swój adres e-mail w Tessera
email-account-verify-intro = Potwierdź, że to Twój adres e-mail, abyśmy mogli wysyłać na niego Twoje bilety.
email-account-verify-action = Potwierdź adres e-mail
email-account-hours =
    { $hours ->
        [one] godzinę
        [few] { $hours } godziny
        [many] { $hours } godzin
       *[other] { $hours } godziny
    }
email-account-verify-note = Link działa jeden raz przez { $valid }. Jeśli nie zakładasz konta w Tessera, zignoruj tę wiadomość: bez linku nic się nie stanie.
email-account-reset-subject = Zresetuj hasło do Tessera
email-account-reset-intro = Ktoś (mamy nadzieję, że Ty) poprosił o zresetowanie hasła do Twojego konta w Tessera.
email-account-reset-action = Ustaw nowe hasło
email-account-reset-link = Nowe hasło ustawisz tutaj:
email-account-reset-note = Link działa jeden raz przez { $valid }. Skorzystanie z niego wyloguje Twoje konto ze wszystkich urządzeń. Jeśli to nie Ty prosisz o zmianę, zignoruj tę wiadomość: hasło pozostanie bez zmian.
email-account-registered-subject = Masz już konto w Tessera
email-account-registered-intro = Ktoś (mamy nadzieję, że Ty) próbował założyć konto w Tessera na ten adres e-mail, a konto z tym adresem już istnieje.
email-account-registered-action = Zaloguj się
email-account-registered-link = Zaloguj się tutaj:
email-account-registered-forgot = Nie pamiętasz hasła?
email-account-registered-new-password = Ustaw nowe
email-account-registered-reset-link = Nowe ustawisz tutaj:
email-account-registered-ignore = Jeśli to nie Ty, zignoruj tę wiadomość: nic się nie zmieniło.
email-refund-subject = Zwrot { $amount } za { $event }
email-refund-claim-subject = Odbierz zwrot { $amount } za { $event }
email-refund-heading = Zwrócono { $amount }
email-refund-sent-card = Zwróciliśmy { $amount } na kartę użytą do płatności.
email-refund-sent-btc = Zwróciliśmy { $amount } w bitcoinach: odbierz zwrot na własny adres (on-chain lub Lightning) przez link poniżej.
email-refund-sent-crypto = Zwróciliśmy { $amount } na adres, z którego przyszła płatność, w tej samej walucie.
email-refund-when-label = Kiedy dotrą pieniądze:
email-refund-when-card = zwrot na kartę pojawia się zwykle na wyciągu w ciągu 5–10 dni roboczych, zależnie od banku
email-refund-when-btc = po odebraniu zwrotu, gdy tylko transakcja zostanie potwierdzona
email-refund-when-crypto = gdy tylko transakcja zostanie potwierdzona
email-refund-why-customer = Zamówienie zostało przez Ciebie anulowane.
email-refund-why-event-cancelled = Wydarzenie zostało odwołane. Przepraszamy.
email-refund-why-money-due-back = Twojej płatności nie udało się zaliczyć na poczet zamówienia, więc wraca do Ciebie.
email-refund-why-organiser = Organizator zwrócił pieniądze za Twoje zamówienie.
email-refund-ticket-cancelled = Twój bilet został anulowany.
email-refund-all-cancelled = Anulowano wszystkie Twoje bilety ({ $count }).
email-refund-tickets-valid = Twoje bilety pozostają ważne.
email-refund-some-cancelled = Anulowano { $back } z { $count } Twoich biletów; pozostałe są nadal ważne.
email-refund-claim-button = Odbierz zwrot
email-refund-claim-here = Odbierz go tutaj:
email-refund-reply = Jeśli coś się nie zgadza, odpowiedz na tę wiadomość.

email-offer-subject = Bilety na { $event } czekają na Ciebie
email-offer-intro = Zwolniły się bilety na { $event }, a Ty byłeś następny na liście oczekujących: { $quantity } × { $ticket } czekają na Ciebie do { $until }.
email-offer-action = Zapłać za bilety
email-offer-note = Jeśli do tego czasu nie zapłacisz, przejdą na kolejną osobę z listy; nie musisz nic robić, aby z nich zrezygnować.

email-interest-subject = { $event } już w sprzedaży: prosiłeś o powiadomienie
email-interest-intro = Prosiłeś o powiadomienie, gdy pojawi się coś takiego: { $event }, { $city }, { $when }.
email-interest-action = Zobacz wydarzenie
email-interest-note = To jedyny e-mail w tej sprawie; poproś ponownie w Tessera, aby dowiedzieć się o kolejnym.
