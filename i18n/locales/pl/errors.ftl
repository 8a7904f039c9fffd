## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = za sekundę
error-retry-seconds = { $count ->
    [one] za { $count } sekundę
    [few] za { $count } sekundy
   *[many] za { $count } sekund
}
error-retry-minutes = { $count ->
    [one] za { $count } minutę
    [few] za { $count } minuty
   *[many] za { $count } minut
}
error-retry-hours = { $count ->
    [one] za { $count } godzinę
    [few] za { $count } godziny
   *[many] za { $count } godzin
}
error-too-many-logins = Zbyt wiele prób logowania. Spróbuj ponownie { $when }.
error-too-many-passwords = Zbyt wiele prób podania hasła. Spróbuj ponownie { $when }.
error-too-many-signups = Zbyt wiele rejestracji. Spróbuj ponownie { $when }.
error-too-many-emails = Zbyt wiele próśb o e-mail. Spróbuj ponownie { $when }.
error-too-many-resets = Zbyt wiele prób zresetowania hasła. Spróbuj ponownie { $when }.
error-too-many-purchases = Zbyt wiele zakupów naraz. Spróbuj ponownie { $when }.

## Buying
error-idempotency-key-reused = Ten Idempotency-Key został już użyty przy innym zakupie; użyj nowego.
error-ticket-limit = { $limit ->
    [one] Na to wydarzenie możesz kupić najwyżej { $limit } bilet.
    [few] Na to wydarzenie możesz kupić najwyżej { $limit } bilety.
   *[many] Na to wydarzenie możesz kupić najwyżej { $limit } biletów.
}
error-ticket-limit-already = { $limit ->
    [one] Na to wydarzenie możesz zarezerwować lub kupić najwyżej { $limit } bilet, a masz już { $already }.
    [few] Na to wydarzenie możesz zarezerwować lub kupić najwyżej { $limit } bilety, a masz już { $already }.
   *[many] Na to wydarzenie możesz zarezerwować lub kupić najwyżej { $limit } biletów, a masz już { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] Masz już nieopłacone zamówienie. Opłać je albo anuluj, zanim zaczniesz kolejne.
    [few] Masz już { $limit } nieopłacone zamówienia. Opłać jedno albo je anuluj, zanim zaczniesz kolejne.
   *[many] Masz już { $limit } nieopłaconych zamówień. Opłać jedno albo je anuluj, zanim zaczniesz kolejne.
}
error-sold-out = { $count ->
    [0] { $name }: wyprzedane.
    [one] { $name }: został tylko 1 bilet.
    [few] { $name }: zostały tylko { $count } bilety.
   *[many] { $name }: zostało tylko { $count } biletów.
}
error-sold-out-short = { $count ->
    [0] { $name }: wyprzedane.
    [one] { $name }: został tylko 1.
    [few] { $name }: zostały tylko { $count }.
   *[many] { $name }: zostało tylko { $count }.
}
error-choose-tickets = Wybierz bilety: { $problem }.
error-field-problem = { $field }: { $problem }.
error-event-cancelled = To wydarzenie zostało odwołane; bilety nie są w sprzedaży.
error-event-started = To wydarzenie już się rozpoczęło; bilety nie są już sprzedawane.
error-none-on-sale-yet = Bilety na to wydarzenie nie są jeszcze w sprzedaży.
error-idempotency-key = musi mieć od 1 do 255 widocznych znaków ASCII
error-not-a-ticket-type-here = nie jest rodzajem biletu na to wydarzenie
error-total-too-large = łączna kwota jest za duża
error-choose-a-ticket = wybierz co najmniej jeden bilet
error-at-least-one = musi wynosić co najmniej 1
error-ticket-type-twice = występuje dwa razy; podaj łączną liczbę tylko raz
error-tickets-per-order = najwyżej { $max } biletów w jednym zamówieniu (wybrano { $total })
error-whole-number-up-to = musi być liczbą całkowitą od 1 do { $max }
error-method-unavailable = Płatności { $method } są tu niedostępne; wybierz inny sposób płatności.
error-chain-unavailable = { $method } nie jest tu przyjmowane w tej sieci; wybierz inną sieć lub inny sposób płatności.
error-not-cancellable = Tego zamówienia nie można już anulować (status: { $status }).
error-payment-in-progress = Płatność za to zamówienie jest właśnie potwierdzana, więc nie można go teraz anulować.
error-rail-switch-closed = To zamówienie nie czeka już na płatność, więc nie można zmienić sposobu płatności.
error-rail-switch-seen = Płatność za to zamówienie jest właśnie potwierdzana, więc nie można teraz zmienić sposobu płatności.
error-rail-switch-quoted = To zamówienie otrzymało wycenę w { $asset }, której nie można wycofać: zapłać w { $asset }, kartą lub w bitcoinach, nie w { $wanted }.
error-rail-switch-quote-left = Wycena w { $asset } dla tego zamówienia została porzucona na rzecz innego sposobu płatności i nie można jej wydać ponownie. Zapłać kartą lub w bitcoinach.
error-rail-switch-failed = Nie udało się otworzyć tego sposobu płatności; nic nie zostało pobrane, a bilety pozostają zarezerwowane. Spróbuj ponownie lub wybierz inny.
error-checkout-in-progress = Płatność za to zamówienie jest jeszcze przygotowywana. Spróbuj ponownie za chwilę.
error-payment-refused-because = Tego zakupu nie można opłacić w ten sposób ({ $reason }), więc nic nie pobrano, a bilety zostały zwolnione.
error-payment-refused = Operator płatności odrzucił ten zakup, więc nic nie pobrano, a bilety zostały zwolnione. Jeśli to się powtórzy, skontaktuj się z nami.
error-payment-unavailable = Nie udało się połączyć z operatorem płatności, więc nic nie pobrano, a bilety zostały zwolnione. Spróbuj ponownie za chwilę.
error-payment-unavailable-short = Nie udało się połączyć z operatorem płatności; nic nie pobrano. Spróbuj ponownie.

## Refusals and failures
error-invalid-body = Nie udało się odczytać tego żądania: { $why }
error-log-in-first = Najpierw się zaloguj.
error-admins-only = Do tego potrzebne jest konto administratora.
error-staff-only = Do tego potrzebne jest konto obsługi wejścia lub administratora.
error-page-admins-only = Ta strona jest tylko dla administratorów.
error-page-staff-only = Ta strona jest tylko dla obsługi wejścia i administratorów.
error-through-load-balancer = Żądania muszą przechodzić przez load balancer.
error-cross-site = Żądania z innych witryn nie są przyjmowane.
error-email-unverified = Najpierw potwierdź swój adres e-mail: użyj linku, który Ci wysłaliśmy, albo poproś o nowy na stronie konta.
error-method-not-allowed = Ten adres nie obsługuje tej metody.
error-payload-too-large = Ten plik ma więcej niż 10 MB.
error-busy = Mamy teraz bardzo duży ruch; spróbuj ponownie za chwilę.
error-internal = Coś poszło nie tak po naszej stronie. Zapisaliśmy to.
error-image-format = nie jest obrazem JPEG, PNG ani WebP
error-image-unreadable = nie da się odczytać jako obrazu ({ $why })
error-stale-version = Ktoś inny zapisał to wydarzenie, odkąd je otworzyłeś (edytowałeś wersję { $expected }, teraz jest wersja { $current }). Wczytaj je ponownie i wprowadź zmianę jeszcze raz.
error-event-has-orders = To wydarzenie ma zamówienia, więc nie można go usunąć. Zamiast tego je odwołaj (status „cancelled”): sprzedaż się zatrzyma, a zamówienia zostaną zachowane.

## Not found
error-not-found-account = Nie znaleźliśmy tego konta.
error-not-found-checkout = Nie znaleźliśmy tej płatności.
error-not-found-door-staff = Nie znaleźliśmy tej osoby z obsługi wejścia.
error-not-found-download-link = Nie znaleźliśmy tego linku do pobrania.
error-not-found-event = Nie znaleźliśmy tego wydarzenia.
error-not-found-file = Nie znaleźliśmy tego pliku.
error-not-found-invoice = Nie znaleźliśmy tej faktury.
error-not-found-order = Nie znaleźliśmy tego zamówienia.
error-not-found-payment = Nie znaleźliśmy tej płatności.
error-not-found-receipt = Nie znaleźliśmy tej wpłaty.
error-not-found-refund = Nie znaleźliśmy tego zwrotu.
error-not-found-ticket = Nie znaleźliśmy tego biletu.
error-not-found-page = Pod tym adresem nic nie ma.

## Accounts
error-bad-credentials = Ten e-mail i hasło nie pasują do żadnego konta.
error-not-this-accounts-password = To nie jest hasło konta, które potwierdza ten link.
error-link-invalid = Ten link wygasł albo został już użyty. Poproś o nowy.
error-not-current-password = nie jest Twoim obecnym hasłem
error-this-field = To pole { $problem }.
error-new-password = Nowe hasło { $problem }.
notice-signup-sent = Sprawdź skrzynkę: wysłaliśmy Ci link do potwierdzenia adresu e-mail i dokończenia rejestracji.
notice-signup-sent-48h = Sprawdź skrzynkę: wysłaliśmy Ci link do potwierdzenia adresu e-mail i dokończenia rejestracji. Link działa przez 48 godzin.
notice-reset-sent = Jeśli jakieś konto używa tego adresu e-mail, wysłaliśmy na nie link do ustawienia nowego hasła. Działa przez godzinę.
notice-already-confirmed = Twój adres e-mail jest już potwierdzony.
notice-link-sent = Wysłaliśmy Ci nowy link do potwierdzenia adresu e-mail.
notice-check-inbox = Sprawdź skrzynkę
notice-password-changed = Hasło zostało zmienione. Pozostałe urządzenia zostały wylogowane.
notice-email-confirmed = Dziękujemy: Twój adres e-mail jest potwierdzony.
notice-confirm-email = Potwierdź adres e-mail
notice-link-confirms = Ten link potwierdza adres { $email }. Wpisz hasło wybrane przy rejestracji.
notice-ask-new-link = Zaloguj się i poproś o nowy link na stronie konta.
notice-choose-password = Ustaw nowe hasło

## What is wrong with a field (said after the field's name)
error-no-control-characters = nie może zawierać znaków sterujących
error-no-invisible-characters = nie może zawierać znaków sterujących ani niewidocznych znaków formatowania
error-no-nul = nie może zawierać znaków NUL
error-required = jest wymagane
error-min-characters = { $min ->
    [one] musi mieć co najmniej { $min } znak
    [few] musi mieć co najmniej { $min } znaki
   *[many] musi mieć co najmniej { $min } znaków
}
error-max-characters = { $max ->
    [one] może mieć najwyżej { $max } znak
    [few] może mieć najwyżej { $max } znaki
   *[many] może mieć najwyżej { $max } znaków
}
error-at-most = może wynosić najwyżej { $max }
error-at-most-languages = może obejmować najwyżej { $max } języków
error-between = musi mieścić się między { $min } a { $max }
error-not-negative = nie może być ujemne
error-too-large = jest za duże
error-appears-twice = występuje dwa razy
error-not-a-time = { $value } nie jest czasem w postaci 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } nie jest datą w postaci 2026-12-31
error-not-an-amount = { $value } nie jest kwotą w postaci 25 lub 25.50
error-not-a-limit = { $value } nie jest liczbą od 1 do 100
error-not-a-cursor = nie jest kursorem wydanym przez to API
error-cursor-other-query = należy do innego zapytania
error-unreadable-query = nieczytelne parametry zapytania: { $why }
error-not-an-id = { $kind ->
    [order] { $value } nie jest identyfikatorem zamówienia (UUID)
    [account] { $value } nie jest identyfikatorem konta (UUID)
    [payment] { $value } nie jest identyfikatorem płatności (UUID)
    [refund] { $value } nie jest identyfikatorem zwrotu (UUID)
   *[event] { $value } nie jest identyfikatorem wydarzenia (UUID)
}
error-not-a-payment-method = { $value } nie jest sposobem płatności; użyj card, btc, lightning, eth, usdc, usdt lub eurc
error-not-an-email = nie jest adresem e-mail w postaci ana@example.org

## The event form and the admin API's validation
error-unknown-category = nieznana kategoria; użyj jednej z: { $known }
error-unknown-category-named = nieznana kategoria { $category }; użyj jednej z: { $known }
error-from-after-to = { $from } jest po dacie końcowej ({ $to })
error-not-a-country = nie jest kodem kraju ISO 3166-1, np. PT
error-ends-after-start = musi być po rozpoczęciu (starts_at)
error-not-a-time-zone = nie jest strefą czasową IANA, np. Europe/Lisbon
error-not-a-language = nie jest kodem języka, np. { $example }
error-event-status = musi mieć wartość draft, published lub cancelled
error-name-taken = jest już używana przez inny rodzaj biletu
error-same-currency = musi być { $currency }, tak jak pozostałe rodzaje biletów tego wydarzenia
error-published-needs-ticket-type = opublikowane wydarzenie potrzebuje co najmniej jednego rodzaju biletu
error-currency-required = jest wymagana, dopóki wydarzenie nie ma rodzajów biletów
error-own-language = jest językiem oryginału wydarzenia ({ $language })
error-second-translation = jest drugim tłumaczeniem na ten sam język
error-translation-names = podaje { $names } nazw rodzajów biletów, a wydarzenie ma ich { $types }
error-currency-change = może się zmienić tylko razem z ticket_types, z każdą ceną podaną od nowa w nowej walucie
error-capacity-below-taken = nie może być mniejsza niż { $taken } biletów już sprzedanych lub zarezerwowanych
error-capacity-below-sold = nie może być mniejsza niż liczba biletów już sprzedanych lub zarezerwowanych

## Money
error-unknown-currency = { $code } nie jest kodem waluty ISO 4217 (jak EUR, JPY czy CAD)
error-card-whole-units = płatności kartą w { $currency } muszą być w pełnych jednostkach { $currency } (Stripe nie pobiera ułamków)
error-card-three-decimals = płatności kartą w { $currency } muszą być wielokrotnością 0,010 { $currency } (zasada Stripe dla walut z trzema miejscami po przecinku)
error-amount-too-large = kwota jest za duża

## Check-in and downloads
error-void-refunded = został zwrócony
error-void-disputed = jego płatność jest kwestionowana
error-void-event-cancelled = wydarzenie zostało odwołane
error-void-voided = został unieważniony
error-checkin-other-event = Ten bilet jest na inne wydarzenie: { $event }.
error-checkin-already = Już wpuszczono: { $when }, bilet { $serial } ({ $holder }).
error-checkin-voided = Bilet { $serial } nie uprawnia do wejścia: { $why }.
error-checkin-void = Zamówienie tego biletu nie jest opłacone (status: { $status }); bilet nie uprawnia do wejścia.
error-download-expired = Ten link do pobrania wygasł. Zaloguj się i pobierz bilety ze swojego konta.
error-tickets-voided = { $reason ->
    [disputed] Te bilety nie uprawniają już do wejścia: ich płatność jest kwestionowana. Na stronie zamówienia widać, co zostało zwrócone.
    [event_cancelled] Te bilety nie uprawniają już do wejścia: wydarzenie zostało odwołane. Na stronie zamówienia widać, co zostało zwrócone.
   *[other] Te bilety nie uprawniają już do wejścia: zostały zwrócone. Na stronie zamówienia widać, co zostało zwrócone.
}

## The admin API
error-already-delivered = Te bilety zostały już dostarczone.
error-delivery-status = { $value } nie jest wartością pending, sent ani failed
error-refund-not-cancellable = { $status ->
    [succeeded] Ten zwrot został już zrealizowany i nie można go anulować.
    [failed] Ten zwrot się nie powiódł i nie można go już anulować.
    [cancelled] Ten zwrot został już anulowany.
   *[other] Ten zwrot jest w drodze i nie można go już anulować.
}
error-refund-status = musi mieć wartość requested, sent, succeeded, failed lub cancelled
error-idempotency-key-required = jest wymagany: od 1 do 255 widocznych znaków ASCII
error-from-after-to-plain = nie może być po dacie końcowej (to)
error-rail = { $value } nie jest wartością card, btc ani eth
error-one-of = { $value } nie jest żadną z wartości: { $known }
error-true-or-false = { $value } nie jest wartością true ani false
error-json-or-csv = { $value } nie jest wartością json ani csv
error-resolution-note = opisz, co zostało zrobione, w 1–2000 znakach
error-nothing-to-resolve = Ta wpłata nie ma rozbieżności do wyjaśnienia.
error-already-resolved = Ta rozbieżność została już wyjaśniona.
error-report-days = raport obejmuje najwyżej { $max } dni
error-tickets-or-amount = podaj albo bilety, albo kwotę, nie jedno i drugie
error-name-a-ticket = musi wskazywać co najmniej jeden bilet
error-hours-before = musi wynosić od 0 do 8760 godzin
error-whole-tickets = musi być całkowitą liczbą biletów
error-staff-no-account = Żadne konto nie używa tego adresu e-mail; poproś tę osobę, by najpierw się zarejestrowała.
error-staff-unverified = To konto nie potwierdziło jeszcze adresu e-mail; poproś tę osobę o użycie wysłanego linku.
error-staff-is-admin = To konto administratora; administratorzy mogą już wpuszczać na bilety.
error-staff-not-door = To konto nie należy do obsługi wejścia.

## Refunds
error-refund-key-reused = Ten klucz idempotencji został już użyty przy innym zwrocie.
error-refund-not-paid = Zwrot jest możliwy tylko dla opłaconego zamówienia (status: { $status }).
error-refund-too-much = To więcej, niż zostało do zwrotu z tej płatności ({ $left } w najmniejszej jednostce).
error-refund-nothing-left = Wszystko, co wpłynęło z tej płatności, zostało już zwrócone lub jest zwracane.
error-refund-zero = Kwota musi być większa od zera.
error-refund-unknown-ticket = Bilet { $ticket } nie należy do tego zamówienia.
error-refund-ticket-voided = Bilet { $serial } został już zwrócony lub unieważniony.
error-refund-checked-in = Na bilet { $serial } już wpuszczono; jego zwrot wymaga wyraźnej zgody administratora.
error-refund-not-issued = Bilety z tego zamówienia są jeszcze wystawiane; spróbuj ponownie za minutę.
error-refund-stock-taken = Nie da się przywrócić wszystkich biletów: po zwrocie zostały sprzedane komuś innemu.
error-refund-only-paid = Tylko opłacone zamówienie można anulować ze zwrotem pieniędzy.
error-refund-event-cancelled = Wydarzenie zostało odwołane: zwrot jest już w drodze, nie musisz o niego prosić.
error-refund-no-policy = Organizator tego wydarzenia nie oferuje zwrotów na życzenie.
error-refund-too-late = Jest już za późno, by anulować to zamówienie ze zwrotem pieniędzy.
error-refund-free-order = To zamówienie było bezpłatne: nie ma czego zwracać.
error-refund-cancelled-already = To zamówienie zostało już anulowane; zwrot widać na jego stronie.
error-refund-overpaid = Zapłacono więcej, niż wynosi zamówienie; zwróć się do organizatora, który odeśle obie kwoty.
error-refund-partly-refunded = Część tego zamówienia została już zwrócona; zwróć się do organizatora.
error-refund-no-btc-output = Nie zapisano rozliczonej wpłaty w bitcoinach dla tej faktury: zwróć ją w BTCPay Server.
error-refund-no-chain-payment = Nie zapisano potwierdzonej płatności za to zamówienie w łańcuchu: jeszcze nic nie może wrócić.
error-refund-reorged = Płatność za to zamówienie zniknęła z łańcucha po potwierdzeniu: przed jakimkolwiek zwrotem musi to sprawdzić księgowość.
error-refund-wrong-token = To zamówienie opłacono innym tokenem niż w wycenie: zwróć je ręcznie.
error-refund-unreadable-btc = Nie udało się odczytać płatności tej faktury (zob. /admin/finance): zwróć ją w BTCPay Server albo gdy da się ją odczytać.
error-refund-nothing-due = Z tej płatności nic nie należy się do zwrotu.
error-refund-btc-unsettled = Nie zapisano jeszcze rozliczonej wpłaty w bitcoinach dla tej faktury: do czasu rozliczenia nic nie może wrócić.
error-refund-no-reference = Ta płatność nie ma identyfikatora, przez który można ją zwrócić: zwróć ją u operatora.
error-refund-not-stray = To nie jest potwierdzona płatność dla identyfikatora zamówienia, którego nie wyceniliśmy: zwróć zamiast tego jej zamówienie.
error-refund-unknown-token = Zapłacono tokenem, którego Tessera nigdy nie wyceniała: zwróć go ręcznie z portfela zwrotów.

## The Ethereum sandbox
error-nothing-to-pay = W tym zamówieniu nie ma już nic do zapłaty.
error-chain-silent = lokalny łańcuch nie odpowiedział
error-sandbox-could-not-pay = Piaskownica nie mogła opłacić tego zamówienia: { $why }. Zamówienie się nie zmieniło, a bilety są nadal zarezerwowane.

## Near a place
error-not-a-place = { $value } nie jest miejscem w postaci 38.7139,-9.1334 (szerokość,długość)
error-not-a-radius = { $value } nie jest odległością od 0,1 do 20016 km
error-radius-without-near = wymaga parametru near, miejsca, od którego liczyć odległość
error-distance-without-near = distance wymaga parametru near, miejsca, od którego liczyć odległość
error-sort = { $value } nie jest sposobem sortowania: użyj distance

error-tracking-part = użyj liter, cyfr, kropek, łączników i podkreśleń (najwyżej 60), zaczynając od litery lub cyfry
error-link-exists = to wydarzenie ma już link z tym źródłem, medium i kampanią
error-market-table = { $value } nie jest tabelą raportu; użyj jednej z: { $known }

notice-home-saved = Zapisano. Dziękujemy!
notice-home-declined = Rozumiemy: nie zapytamy ponownie.

error-interest-empty = Podaj miasto, rodzaj wydarzenia lub kilka słów.

error-interest-words = Użyj słów, które mówią, czego szukasz (te są zbyt pospolite, by ich szukać).
error-interest-too-many = Czekasz już na { $max } powiadomień; najpierw wycofaj jedno.
error-delete-staff = Kont obsługi wejścia nie można tu usunąć: najpierw poproś administratora o usunięcie Cię z zespołu.
error-delete-unpaid-order = Masz zamówienie oczekujące na płatność. Opłać je lub anuluj (albo poczekaj, aż rezerwacja wygaśnie), a potem usuń konto.
error-delete-refund-under-way = Zwrot pieniędzy jest w drodze albo mamy Ci coś do oddania. Konto możesz usunąć, gdy pieniądze do Ciebie dotrą.
error-delete-tickets-being-sent = Wciąż wysyłamy Ci bilety e-mailem. Spróbuj ponownie za kilka minut.
error-delete-admin = Kont administratorów nie można usunąć w sklepie.
error-delete-bitcoin-tickets = Za bilety na nadchodzące wydarzenie zapłaciłeś bitcoinem: gdyby zostało odwołane, zwrot odbierzesz przez link wysłany e-mailem. Konto możesz usunąć po wydarzeniu.
error-metrics-forbidden = Metryki są udostępniane tylko adresom dozwolonym przez operatora (TESSERA_METRICS_FROM), nigdy przez load balancer.
