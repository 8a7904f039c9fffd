## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Administracja — Tessera
admin-door-page-title = { $page } — Wejście — Tessera
admin-nav-label = Administracja
admin-nav-events = Wydarzenia
admin-nav-new-event = Nowe wydarzenie
admin-nav-analytics = Statystyki
admin-nav-finance = Finanse
admin-nav-refunds = Zwroty do wykonania
admin-nav-deliveries = Wysyłki
admin-nav-checkin = Kontrola wejść
admin-nav-staff = Personel
admin-nav-audit = Dziennik zmian
admin-col-event = Wydarzenie
admin-col-where = Miejsce
admin-col-city = Miasto
admin-col-status = Status
admin-col-state = Stan
admin-col-actions = Działania
admin-col-action = Działanie
admin-col-customer = Klient
admin-col-tickets = Bilety
admin-col-orders = Zamówienia
admin-col-order = Zamówienie
admin-col-amount = Kwota
admin-col-price = Cena
admin-col-capacity = Pojemność
admin-col-held = Zarezerwowane
admin-col-why = Powód
admin-col-when-utc = Kiedy (UTC)
admin-filter-from = Od
admin-filter-to = Do
admin-filter-all = Wszystkie
admin-filter-show = Pokaż
admin-none = Brak.
admin-none-yet = Na razie brak.
admin-deleted-account = (usunięte konto)
admin-saved = Zapisano.
admin-ticket-count = 
    { $count ->
        [one] { $count } bilet
        [few] { $count } bilety
        [many] { $count } biletów
       *[other] { $count } biletu
    }

# The event list
admin-events-heading = Wydarzenia
admin-events-deleted = Wydarzenie zostało usunięte.
admin-events-find-label = Znajdź wydarzenie
admin-events-find-placeholder = Tytuł, miejsce lub miasto
admin-events-find = Szukaj
admin-events-none = Brak wydarzeń.
admin-events-none-match = Żadne wydarzenie nie pasuje do „{ $query }”.
admin-events-col-starts = Początek (czas lokalny)
admin-events-view = Zobacz
admin-events-delete = Usuń
admin-event-status-draft = Szkic
admin-event-status-published = Opublikowane
admin-event-status-cancelled = Odwołane

# Deleting an event
admin-delete-title = Usuń { $title }
admin-delete-heading = Usunąć „{ $title }”?
admin-delete-explain = Wydarzenie i jego rodzaje biletów zostaną trwale usunięte. Wydarzenia z zamówieniami nie można usunąć: zamiast tego je odwołaj — sprzedaż się zatrzyma, a zamówienia zostaną zachowane.
admin-delete-confirm = Usuń wydarzenie
admin-delete-keep = Nie, zostaw

# The event form
admin-new-event-heading = Nowe wydarzenie
admin-edit-heading = Edytuj „{ $title }”
admin-form-public-page = Strona publiczna:
admin-form-public-note = (widoczna po opublikowaniu)
admin-form-image-alt-current = Obecny obraz wydarzenia
admin-form-image-replace = Zmień obraz
admin-form-image-add = Dodaj obraz
admin-form-image-hint = (JPEG, PNG lub WebP, do 10 MB)
admin-form-upload = Prześlij
admin-form-legend-event = Wydarzenie
admin-form-title = Tytuł
admin-form-description = Opis
admin-form-description-hint = (pusta linia między akapitami)
admin-form-category = Kategoria
admin-form-language = Język
admin-form-tags = Tagi
admin-form-tags-hint = (oddzielone przecinkami)
admin-form-image-description = Opis obrazu
admin-form-image-description-hint = (tekst alternatywny)
admin-form-legend-when = Kiedy
admin-form-starts = Początek
admin-form-ends = Koniec
admin-form-local-time = (czas lokalny)
admin-form-timezone = Strefa czasowa
admin-form-timezone-hint = (IANA, np. Europe/Warsaw)
admin-form-legend-where = Gdzie
admin-form-venue = Miejsce
admin-form-address = Adres
admin-form-region = Region
admin-form-country = Kraj
admin-form-latitude = Szerokość geogr.
admin-form-longitude = Długość geogr.
admin-form-currency = Waluta
admin-form-tickets-hint = Zostaw pustą nazwę w wierszu, aby usunąć ten rodzaj biletu (lub nie używać nowego wiersza). Ceny w jednostkach waluty, np. 18.50.
admin-form-ticket-type-n = Rodzaj biletu { $n }
admin-form-legend-translations = Tłumaczenia
admin-form-translations-hint = Wydarzenie jest opisane w swoim języku (powyżej). Dodaj te same teksty w innych językach, każdy obok oryginału: kupujący czytający w danym języku zobaczą tłumaczenie i mogą przełączyć się na oryginał. Aby usunąć tłumaczenie, wyczyść jego tytuł.
admin-form-add-language = Dodaj język
admin-form-title-original = Tytuł oryginalny
admin-form-description-original = Opis oryginalny
admin-form-ticket-type-original = Rodzaj biletu w oryginale
admin-form-ticket-type = Rodzaj biletu
admin-form-save = Zapisz
admin-form-delete = Usuń to wydarzenie

# The event form: refunds, holds and limits
admin-refunds-heading = Zwroty
admin-cancelled-refunding = To wydarzenie jest odwołane: każde opłacone zamówienie zostaje zwrócone tą samą metodą, którą zapłacono, a kupujący dostaje e-mail.
admin-cancelled-progress = Zwrócone zamówienia: { $refunded } z { $total }
admin-cancelled-pending = 
    { $count ->
        [one] { $count } w drodze
        [few] { $count } w drodze
        [many] { $count } w drodze
       *[other] { $count } w drodze
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } nieudany (zob. Zwroty)
        [few] { $count } nieudane (zob. Zwroty)
        [many] { $count } nieudanych (zob. Zwroty)
       *[other] { $count } nieudanych (zob. Zwroty)
    }
admin-policy-hint = Czy kupujący mogą sami anulować zamówienie i dostać zwrot. Zostaw liczbę godzin pustą, aby na to nie pozwalać.
admin-policy-hours = Do ilu godzin przed początkiem
admin-policy-fee = Opłata (%)
admin-policy-save = Zapisz zasady zwrotów
admin-holds-heading = Rezerwacje i limity
admin-holds-hint = Ile biletów na to wydarzenie może zarezerwować i kupić jeden klient łącznie we wszystkich zamówieniach.
admin-holds-max = Biletów na klienta
admin-holds-delayed = Płatność kartą może oferować wolne metody (polecenie zapłaty, vouchery), których wynik przychodzi po końcu rezerwacji
admin-holds-save = Zapisz limity
admin-holds-none = Nikt nie ma teraz zarezerwowanych biletów na to wydarzenie.
admin-holds-caption = Klienci z rezerwacjami, od największej
admin-holds-col-payment-seen = Płatność widoczna
admin-holds-col-bought = Kupione
admin-holds-col-open-orders = Otwarte zamówienia
admin-holds-col-ends = Koniec rezerwacji
admin-holds-col-release = Zwolnij
admin-holds-release = 
    { $count ->
        [one] Zwolnij { $count } bilet
        [few] Zwolnij { $count } bilety
        [many] Zwolnij { $count } biletów
       *[other] Zwolnij { $count } biletu
    }

# Analytics
admin-analytics-all-events = Wszystkie wydarzenia
admin-analytics-range = Dni w strefie { $zone }, od { $from } do { $to }.
admin-analytics-money-note = Kwoty obejmują zamówienia opłacone w tym okresie, bez zwróconych.
admin-analytics-json = Te dane jako JSON
admin-analytics-received = Wpływy
admin-analytics-received-none = W tym okresie nic nie zapłacono.
admin-analytics-kind-card = karta
admin-analytics-kind-bitcoin = bitcoin, on-chain
admin-analytics-kind-ether = ether, on-chain
admin-analytics-kind-token = token, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } zamówienie
        [few] { $count } zamówienia
        [many] { $count } zamówień
       *[other] { $count } zamówienia
    }
admin-analytics-refunded-net = zwrócono { $refunded } · netto { $net }
admin-analytics-by-method = Według metody płatności
admin-analytics-method-other = Inna
admin-analytics-col-method = Metoda
admin-analytics-col-value = Wartość po podanym kursie
admin-analytics-days = Dzień po dniu
admin-analytics-col-day = Dzień
admin-analytics-col-placed = Złożone zamówienia
admin-analytics-col-paid = Opłacone zamówienia
admin-analytics-col-sold = Sprzedane bilety
admin-analytics-funnel = Co stało się z zamówieniami
admin-funnel-placed = Złożone
admin-funnel-paid = Opłacone
admin-funnel-delivered = Bilety wysłane
admin-funnel-pending = Czekają na płatność
admin-funnel-expired = Wygasłe
admin-funnel-cancelled = Anulowane
admin-funnel-failed = Nieudane
admin-funnel-refund-due = Z kwotą do zwrotu
admin-analytics-top-cities = Najpopularniejsze miasta
admin-analytics-top-categories = Najpopularniejsze kategorie
admin-analytics-none-sold = Nie sprzedano biletów.
admin-analytics-events-hint = Stan obecny, niezależnie od okresu: bilety sprzedane i zarezerwowane względem pojemności oraz wartość opłaconych zamówień każdego wydarzenia.
admin-analytics-col-sold-short = Sprzedane
admin-analytics-col-sell-through = Odsetek sprzedanych
admin-analytics-col-revenue = Przychód
admin-analytics-percent = { $whole },{ $tenth }%
admin-chart-method = Opłacone zamówienia według metody płatności
admin-chart-orders-per-day = Złożone zamówienia dziennie
admin-chart-tickets-per-day = Sprzedane bilety dziennie
admin-chart-funnel = Zamówienia z tego okresu według tego, co się z nimi stało
admin-chart-cities = Sprzedane bilety według miasta
admin-chart-categories = Sprzedane bilety według kategorii
admin-chart-day = { $day }.{ $month }

# The audit log
admin-audit-none = Na razie brak zmian.
admin-audit-col-who = Kto
admin-audit-col-what = Co
admin-audit-col-about = Dotyczy
admin-audit-col-changed = Zmiany
admin-audit-event-create = Utworzono wydarzenie
admin-audit-event-edit = Edytowano wydarzenie
admin-audit-event-delete = Usunięto wydarzenie
admin-audit-event-refund-policy = Zmieniono zasady zwrotów
admin-audit-event-limits = Zmieniono limity
admin-audit-event-release-holds = Zwolniono rezerwację
admin-audit-refund-request = Zlecono zwrot
admin-audit-refund-cancel = Anulowano zwrot
admin-audit-discrepancy-resolve = Rozwiązano rozbieżność
admin-audit-account-role = Zmieniono rolę

# The door
admin-checkin-heading = Sprawdzanie biletów
admin-checkin-none = Żadne wydarzenie nie ma jeszcze biletów do sprawdzenia.
admin-checkin-code = Kod biletu
admin-checkin-code-hint = Zeskanuj kod QR czytnikiem (wpisze kod i naciśnie Enter) albo go wklej.
admin-checkin-submit = Wpuść
admin-checkin-progress = Wpuszczono: { $checked } z { $total }.
admin-checkin-welcome = Witamy, { $name }
admin-checkin-ticket = { $type } · bilet { $serial }
admin-checkin-repeat = Już wpuszczony
admin-checkin-refused = Nie wpuszczać

# Ticket deliveries
admin-deliveries-heading = Wysyłka biletów
admin-deliveries-intro = Bilety każdego opłaconego zamówienia: wystawione, zapisane jako PDF i wysłane e-mailem przez usługę biletową. Nieudane wysyłki zostały przerwane po powtarzających się błędach; ponów je po usunięciu przyczyny.
admin-deliveries-filter = Filtruj według statusu
admin-delivery-status-failed = Nieudane
admin-delivery-status-pending = Oczekujące
admin-delivery-status-sent = Wysłane
admin-deliveries-none = Brak wysyłek.
admin-deliveries-none-failed = Brak nieudanych wysyłek.
admin-deliveries-none-pending = Brak oczekujących wysyłek.
admin-deliveries-none-sent = Brak wysłanych biletów.
admin-deliveries-col-attempts = Próby
admin-deliveries-col-error = Ostatni błąd
admin-deliveries-retry = Ponów
admin-deliveries-sent-at = wysłano { $when }
admin-deliveries-next-try = następna próba { $when }
admin-deliveries-retried = Wysyłka zamówienia { $order } ponownie w kolejce; usługa biletowa podejmie ją w ciągu kilku sekund.

# Finance: reconciliation
admin-finance-heading = Finanse: uzgadnianie
admin-finance-intro = Każdy wpływ każdą drogą — płatności kartą, wyjścia bitcoin, płatności do naszego kontraktu Ethereum — przypisany do zamówienia, z kwotą z wyceny obok tego, co wpłynęło. Dni w strefie { $zone }.
admin-finance-from = Wpływy od
admin-finance-to = do
admin-finance-rail = Metoda
admin-rail-card = Karta
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH i tokeny)
admin-finance-discrepancy = Rozbieżność
admin-finance-any = Dowolna
admin-finance-unresolved-only = Tylko nierozwiązane
admin-finance-csv = Pobierz CSV
admin-finance-discrepancies = Rozbieżności
admin-finance-col-kind = Rodzaj
admin-finance-col-receipts = Wpływy
admin-finance-col-unresolved = Nierozwiązane
admin-finance-received = Wpłynęło
admin-finance-none = Brak pasujących wpływów.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } wpływ
        [few] { $count } wpływy
        [many] { $count } wpływów
       *[other] { $count } wpływu
    }
admin-finance-unreadable = Nieczytelne płatności bitcoin
admin-finance-unreadable-note = BTCPay zgłosił te płatności w formie, której Tessera nie przyjmuje, więc nie ma ich wśród wpływów poniżej. Zamówienia z tych faktur rozliczono według tego, co BTCPay podaje o fakturze; sprawdź każdą w BTCPay.
admin-finance-col-first-seen = Pierwszy raz (UTC)
admin-finance-col-invoice = Faktura
admin-finance-col-problem = Czego nie odczytano
admin-finance-col-raw = Jak zgłosił BTCPay
admin-finance-receipts = Wpływy
admin-finance-col-received-at = Data wpływu
admin-finance-col-receipt = Wpływ
admin-finance-col-received = Wpłynęło
admin-finance-col-quoted = Wycena
admin-finance-resolved = Rozwiązano: { $resolution }
admin-finance-note = Notatka
admin-finance-note-placeholder = zwrócono poza platformą
admin-finance-mark-resolved = Oznacz jako rozwiązane
admin-finance-flash-resolved = Oznaczono jako rozwiązane; zapisano w dzienniku zmian.
admin-finance-flash-already-resolved = Ta rozbieżność była już rozwiązana (przed chwilą przez kogoś innego?).
admin-finance-flash-nothing = Ten wpływ nie ma rozbieżności do rozwiązania.
admin-finance-flash-unknown = Nie ma takiego wpływu.
admin-finance-flash-note-needed = Opisz, co zrobiono, w notatce o długości od 1 do 2000 znaków.
admin-finance-eth-detail = blok { $block } · płatnik { $payer } · token { $token }
admin-finance-btc-rate = po kursie { $rate }
admin-finance-btc-settled = rozliczono { $when }
admin-discrepancy-underpaid = Niedopłata
admin-discrepancy-overpaid = Nadpłata (nadwyżka do zwrotu)
admin-discrepancy-paid-late = Zapłacono po terminie
admin-discrepancy-sold-out = Do zwrotu: wyprzedane
admin-discrepancy-refund-due = Do zwrotu
admin-discrepancy-reorged = Reorganizacja (reorg)
admin-discrepancy-orphan = Osierocony (bez zamówienia)
admin-discrepancy-not-confirmed = Już niepotwierdzony
admin-discrepancy-refund-pending = Zwrot w drodze
admin-discrepancy-refund-failed = Zwrot nieudany
admin-discrepancy-disputed = Sporny
admin-payment-state-creating = Tworzona
admin-payment-state-open = Otwarta
admin-payment-state-succeeded = Udana
admin-payment-state-failed = Nieudana
admin-payment-state-expired = Wygasła
admin-payment-state-refund-due = Do zwrotu
admin-payment-state-refunded = Zwrócona
admin-payment-state-unmatched = Bez zamówienia
admin-payment-state-processing = Potwierdzana
admin-payment-state-settled = Rozliczona
admin-payment-state-invalid = Nieważna
admin-payment-state-seen = Widoczna
admin-payment-state-confirmed = Potwierdzona
admin-payment-state-reorged = Reorganizacja (reorg)

# One order, for admins
admin-order-title = Zamówienie { $id }
admin-order-heading = Zamówienie
admin-order-total = Razem
admin-order-refunded = Zwrócono
admin-order-placed = Złożone (UTC)
admin-order-payments = Płatności
admin-order-no-payment = Brak płatności.
admin-order-col-provider = Operator
admin-order-col-reference = Numer referencyjny
admin-order-col-dispute = Spór
admin-order-no-tickets = Nie wystawiono biletów.
admin-order-refund = Zwróć
admin-order-col-serial = Numer
admin-order-col-holder = Posiadacz
admin-order-col-type = Rodzaj
admin-order-refund-ticket = Zwróć bilet { $serial }
admin-order-refund-legend = Zwrot (pozostało do { $left })
admin-order-refund-explain = Zaznacz bilety, aby zwrócić ich cenę (przestaną uprawniać do wejścia i wrócą do sprzedaży), albo podaj kwotę, aby zwrócić ją bez unieważniania biletów, albo nic, aby zwrócić całą pozostałą kwotę.
admin-order-refund-amount = Kwota w { $currency } (opcjonalnie)
admin-order-amount-example = np. { $amount }
admin-order-refund-override = Zwróć także bilety już użyte przy wejściu (zostanie to zapisane w dzienniku zmian)
admin-order-refundable-btc = bitcoiny otrzymane na fakturę
admin-order-refundable-eth = to, co płatność wysłała do kontraktu, na adres, z którego zapłacono
admin-order-refunded-notice = Zlecono zwrot; jego stan widać poniżej.
admin-ticket-void-disputed = Unieważniony: płatność zakwestionowana
admin-ticket-void-cancelled = Unieważniony: wydarzenie odwołane
admin-ticket-refunded = Zwrócony
admin-ticket-checked-in = Wpuszczony { $when }

# Refunds
admin-refunds-due = Pieniądze do zwrotu
admin-refunds-due-intro = Pieniądze, które wpłynęły, ale nie mogły opłacić zamówienia, od najnowszych. Przycisk „Zwróć” od razu odsyła płatności kartą przez Stripe; stan jest tu aktualizowany według informacji ze Stripe.
admin-refunds-due-none = Nie ma nic do zwrotu.
admin-refunds-col-received = Wpłynęło (UTC)
admin-refunds-col-payment = Płatność
admin-refunds-send = Zwróć { $amount }
admin-refunds-unmatched = Płatności za nieistniejące zamówienia
admin-refunds-unmatched-intro = Płatności kartą wracają stąd przez Stripe, bitcoinowe przez BTCPay; płatność Ethereum wraca na adres, z którego przyszła, w tym samym aktywie.
admin-refunds-col-claimed = Podany numer zamówienia
admin-refunds-col-refund-to = Zwrot na
admin-refunds-asked = Zlecone zwroty
admin-refunds-col-asked = Zlecono (UTC)
admin-refunds-col-by = Przez
admin-refunds-col-provider-ref = Numer u operatora
admin-refunds-cancel = Anuluj
admin-refund-status-requested = Zlecony
admin-refund-status-sent = W drodze
admin-refund-status-succeeded = Zwrócony
admin-refund-status-failed = Nieudany
admin-refund-status-cancelled = Anulowany
admin-refunds-last-failed = Ostatni zwrot: nieudany
admin-refunds-last-cancelled = Ostatni zwrot: anulowany
admin-refund-cause-customer = Anulowane przez klienta
admin-refund-cause-admin = Zwrot przez administratora
admin-refund-cause-event-cancelled = Wydarzenie odwołane
admin-refund-cause-money-due-back = Kwota do zwrotu
admin-refund-cause-outside = Zwrot u operatora
admin-refunds-waiting = Oczekuje: { $why }
admin-refunds-wallet-soon = Portfel zwrotów wyśle go w ciągu minuty
admin-refunds-to = Na { $to }
admin-refunds-to-then = Na { $to }.
admin-refunds-claim-link = Link do odbioru dla płatnika: { $link }
admin-refunds-done = Zlecono zwrot { $id }; jego stan widać poniżej i zmienia się zgodnie z informacjami operatora.
admin-refunds-goes-back = Wraca: { $amount } na { $payer } (zapłacono w { $tx }, log { $log })
admin-refunds-base-units = { $units } jednostek bazowych tokena { $token }
admin-refunds-to-card = Karta, przez Stripe
admin-refunds-to-btcpay = Płatnik, który odbiera go na stronie BTCPay (link jest niżej)
admin-refunds-to-payer-at = Płatnik, przez { $provider }
admin-refunds-no-reference = (brak)
admin-refunds-tx-log = { $tx } (log { $log })
admin-refunds-cancel-too-late = Ten zwrot został już przekazany operatorowi ({ $state }), więc nie można go anulować.

# Staff
admin-staff-intro-html = Obsługa wejścia sprawdza bilety na <a href="/admin/checkin">stronie wejścia</a> i nie może tu robić nic więcej. Poproś te osoby o założenie konta i potwierdzenie adresu e-mail, a potem dodaj je po tym adresie. Administratorów tworzy się z wiersza poleceń (<code>tessera admin create</code>).
admin-staff-email = E-mail nowej osoby z obsługi wejścia
admin-staff-add = Dodaj do obsługi wejścia
admin-staff-col-name = Imię i nazwisko
admin-staff-col-email = E-mail
admin-staff-col-role = Rola
admin-staff-col-since = Od (UTC)
admin-staff-remove = Usuń
admin-staff-role-admin = Administrator
admin-staff-role-door = Obsługa wejścia
admin-staff-added = { $email } należy teraz do obsługi wejścia i może sprawdzać bilety.
admin-staff-removed = { $email } nie należy już do obsługi wejścia.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = nie jest ceną w rodzaju { $example }
admin-error-too-large = ma za dużą wartość
admin-error-not-a-zone = nie jest strefą czasową IANA, np. Europe/Warsaw
admin-error-not-a-datetime = nie jest datą i godziną
admin-error-time-skipped = nie istnieje w strefie { $zone } (zmiana czasu)
admin-error-not-a-number = nie jest liczbą
admin-error-not-ours = nie należy do nas
admin-error-not-whole = nie jest liczbą całkowitą
admin-error-translation-language = podaj język każdego tłumaczenia (en, ja, pt-BR…)
admin-error-translation-twice = występuje dwa razy: każdy język tylko raz
admin-error-translation-title = jest wymagany (wyczyść całe tłumaczenie, aby je usunąć)
admin-error-upload-unreadable = nieczytelny plik: { $error }
admin-error-upload-none = wybierz plik do przesłania
admin-error-upload-too-large = jest większy niż 10 MB
admin-error-not-an-account = nie jest kontem
admin-error-policy-hours = musi być całkowitą liczbą godzin
admin-error-policy-fee = musi być procentem, np. 10 lub 2.5
admin-error-form-expired = Formularz wygasł; odśwież stronę i spróbuj ponownie.
admin-error-refund-both = Zaznacz bilety albo podaj kwotę, nie oba naraz.
admin-error-refund-amount = „{ $amount }” nie jest kwotą w { $currency }.

# Why money is due back
admin-due-sold-out = Zapłacono po końcu rezerwacji; wtedy już wyprzedane
admin-due-event-closed = Zapłacono po końcu rezerwacji; wydarzenie było odwołane lub już trwało
admin-due-duplicate = Druga płatność za opłacone zamówienie
admin-due-amount-mismatch = Zapłacona kwota różni się od zamówienia
admin-due-wrong-rail = Zapłacono inną metodą niż w zamówieniu
admin-due-partial = Przed wygaśnięciem faktury opłacono tylko część zamówienia
admin-due-overpaid = Zapłacono więcej niż zamówienie; nadwyżka
admin-due-invoice-invalid = Wpłata na fakturę, która została unieważniona
admin-due-underpaid = Zapłacono on-chain mniej niż w wycenie lub w innym aktywie
admin-due-order-closed = Zamówienie było już zamknięte
admin-provider-free = Brak (bilety bezpłatne)

admin-form-neighbourhood = Dzielnica

admin-nav-market = Rynek
market-intro = Kto czego chce, gdzie i jak do niego dotrzeć: popyt zarejestrowany przez nasz własny serwer obok tego, co według księgi zostało sprzedane.
market-all-categories = Wszystkie kategorie
market-privacy-note = Wyświetlenia i wyszukiwania są liczone bez śledzenia kogokolwiek: identyfikator odwiedzającego zmienia się codziennie, żaden adres nie jest przechowywany, a osoby, które proszą, by ich nie śledzić, są liczone bez identyfikatora.
market-csv = { $table } jako CSV
market-views = Wyświetlenia strony wydarzenia
market-buy-views = Wyświetlenia strony zakupu
market-holds = Złożone zamówienia
market-paid = Opłacone
market-attended = Obecni
market-buyers = Kupujący
market-searches-missing = Wyszukiwania bez wyników
market-paid-of-holds = Odsetek opłaconych
market-band-free = Bezpłatne
market-band = Od { $from } do { $to }
market-band-over = { $from } lub więcej
market-band-col = Najtańszy bilet
market-direct = Bezpośrednio
market-none = W tym okresie na razie nic.
market-funnel = Od oglądania do przyjścia
market-step = Etap
market-count = Liczba
market-of-previous = Z poprzedniego etapu
market-started = Rozpoczęte
market-by-rail = Metody płatności: rozpoczęte i zakończone
market-by-city = Według miasta
market-by-category = Według kategorii
market-by-band = Według ceny
market-willing = Gotowość do zapłaty
market-willing-hint = Wyświetlenia stron wydarzeń i zakupu w tym okresie, a potem złożone w nim zamówienia: ile opłacono i w ilu bilet został sprawdzony przy wejściu.
market-who = Kto
market-who-hint = Osoby, które opłaciły zamówienia złożone w tym okresie: płacące po raz pierwszy lub powracające, mieszkające w mieście wydarzenia lub przyjezdne (według ich konta), język, w którym kupowały, i liczba biletów kupionych naraz.
market-who-col = Rodzaj kupujących
market-new-buyers = Nowi
market-returning-buyers = Powracający
market-locals = Miejscowi
market-visitors = Przyjezdni
market-home-unknown = Nie podano
market-languages = Języki
market-language = Język
market-group-sizes = Wielkość grup
market-tickets-per-order = Bilety w zamówieniu
market-where = Gdzie
market-where-hint = Gdzie mieszkają kupujący (jak podali nam po pierwszym zakupie) w zestawieniu z miejscem wydarzeń, za które zapłacili.
market-flows = Miejsca zamieszkania kupujących i miasta wydarzeń
market-home = Miejsce zamieszkania kupujących
market-event-city = Miasto wydarzenia
market-reach = Jak do nich dotrzeć
market-reach-hint = Skąd przyszły wizyty: tagi utm linku śledzącego, a jeśli ich brak — witryna, która je przysłała, a jeśli i jej brak — wejście bezpośrednie. Zamówienie zachowuje kanał wizyty, w której zostało złożone.
market-channels = Kanały
market-channel = Kanał
market-page-views = Wyświetlenia stron
market-paid-per-views = Opłacone na wyświetlenie strony
market-links = Linki śledzące
market-missing = Czego brakuje
market-missing-hint = Czego szukano, a czego nikt jeszcze nie oferuje, co się wyprzedało i kto na to czeka, oraz o czym proszono o powiadomienie.
market-search-gaps = Wyszukiwania bez wyników lub z nielicznymi
market-words = Słowa
market-no-words = (tylko filtry)
market-results = Znaleziono
market-results-none = nic
market-results-few = 3 lub mniej
market-searches = Wyszukiwania
market-searchers = Szukający
market-sold-out = Wyprzedane rodzaje biletów
market-ticket-type = Rodzaj biletu
links-title = Linki śledzące
links-intro = Utwórz link dla każdego miejsca, w którym promujesz to wydarzenie (newsletter, kod QR na plakacie, strona partnera). Wizyty z tego linku, złożone podczas nich zamówienia i zapłacone kwoty widać na stronie „Rynek”.
links-source = Źródło
links-medium = Medium
links-campaign = Kampania
links-create = Utwórz link
links-none = To wydarzenie nie ma jeszcze linków śledzących.
links-address = Link
links-created = Utworzono
links-remove = Usuń
links-see-market = Zobacz na stronie „Rynek”, co przyniosły linki
links-added = Link utworzony. Skopiuj go z tabeli poniżej.
links-removed = Link usunięty. To, co przyniósł, nadal liczy się w jego kanale.
links-manage = Linki śledzące

market-waiting = Oczekujący
market-waiting-tickets = Żądane bilety

market-interests = Prośby „Powiadom mnie”
market-interests-open = Oczekujące
market-interests-answered = Zrealizowane
market-any = Dowolne
