# Every page's frame: the header, the footer and the language switcher.
site-description = Bilety na lokalne, autentyczne wydarzenia: festiwale, koncerty, stand-up, kuchnię i rękodzieło, płatne kartą lub kryptowalutą.
skip-to-content = Przejdź do treści
brand-home = Tessera, strona główna
search-label = Szukaj wydarzeń
search-placeholder = Wydarzenia, miasta, miejsca
search-button = Szukaj
nav-account = Konto
nav-admin = Administracja
nav-door = Wejście
nav-log-in = Zaloguj się
nav-sign-up = Załóż konto
footer-tagline = Tessera — bilety na lokalne, autentyczne wydarzenia. Płać kartą, w bitcoinach albo w ETH i stablecoinach.
footer-api = API
language-switcher = Język

# The home page and the search page.
home-title = Tessera — lokalne wydarzenia, prawdziwe bilety
home-heading = Lokalne wydarzenia prosto od ludzi, którzy je tworzą
home-intro = Fado w Mourarii, herbata w Kioto, sokkie w Kapsztadzie. Wybierz miasto, znajdź swój wieczór i zapłać kartą lub kryptowalutą.
home-upcoming = Nadchodzące wydarzenia
home-empty-heading = Brak pasujących wydarzeń
home-empty-filtered-html = Spróbuj innego miasta, kategorii lub daty albo <a href="/">zobacz wszystko, co przed nami</a>.
home-empty-none = W tej chwili nic nie jest w sprzedaży. Zajrzyj wkrótce.
search-title = Wyszukiwanie
search-heading = Szukaj wydarzeń
search-heading-query = Wydarzenia pasujące do „{ $query }”
search-corrected = Wyniki dla „{ $query }”.
search-empty-heading = Nie znaleziono wydarzeń
search-empty-html = Spróbuj mniejszej liczby słów lub innej pisowni albo <a href="/">przejrzyj wszystko, co przed nami</a>.
search-results = Wyniki

# The filters above the listing.
filters-label = Filtruj wydarzenia
filters-city = Miasto
filters-all-cities = Wszystkie miasta
filters-category = Kategoria
filters-all-categories = Wszystkie kategorie
filters-from = Od
filters-to = Do
filters-max-price = Cena maksymalna
filters-max-price-any = dowolna
filters-max-price-hint = Kwota, np. 25 lub 25.50, w walucie wydarzenia
filters-submit = Pokaż wydarzenia
pager-label = Strony
pager-first = ← Pierwsza strona
pager-next = Następna strona →
card-cancelled = Odwołane
error-back = Wróć do wszystkich wydarzeń

# Event categories.
category-festival = Festiwal
category-concert = Koncert
category-comedy = Stand-up
category-theatre = Teatr
category-food = Jedzenie i picie
category-workshop = Warsztaty
category-tour = Wycieczka
category-exhibition = Wystawa
category-market = Targ
category-dance = Taniec

# An event's card and its own page.
card-from-price = od { $price }
event-map = mapa
event-tags = Tagi
event-tickets = Bilety
event-cancelled-notice = To wydarzenie zostało odwołane. Bilety nie są w sprzedaży.
event-ended = To wydarzenie już się odbyło.
event-no-tickets = Jeszcze nie ma biletów.
event-buy = Kup bilety

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Zaloguj się
form-email = E-mail
form-password = Hasło
login-forgot = Nie pamiętasz hasła?
login-new-html = Jesteś tu po raz pierwszy? <a href="/signup">Załóż konto</a>.
signup-title = Załóż konto
signup-intro = Aby kupować bilety i mieć je zawsze pod ręką na swoim koncie.
signup-name = Imię i nazwisko
signup-name-hint = (tak, jak ma być na biletach)
password-hint = (co najmniej 10 znaków)
signup-submit = Załóż konto
signup-have-account-html = Masz już konto? <a href="/login">Zaloguj się</a>.
account-title = Twoje konto
account-unverified = Potwierdź swój adres e-mail: wysłaliśmy link na adres { $email }. Po potwierdzeniu możesz kupować bilety, a my wyślemy je właśnie tam.
account-resend = Wyślij link ponownie
account-name = Imię i nazwisko
account-role = Rola
account-role-admin-html = Administrator — <a href="/admin/events">zarządzaj wydarzeniami</a>
account-role-door-html = Obsługa wejścia — <a href="/admin/checkin">sprawdzaj bilety</a>
account-orders = Twoje zamówienia
account-no-orders-html = Nie masz jeszcze zamówień. <a href="/">Znajdź wydarzenie</a>.
account-order-tickets = { $count ->
    [one] { $count } bilet
    [few] { $count } bilety
   *[many] { $count } biletów
}
account-order-placed = złożone { $when }
account-download = Pobierz bilety (PDF)
account-change-password = Zmień hasło
account-current-password = Obecne hasło
account-new-password = Nowe hasło
account-change-submit = Zmień hasło
account-log-out = Wyloguj się
link-reset-hint = Wyślemy Ci e-mailem link do ustawienia nowego hasła. Działa jeden raz, przez godzinę.
link-reset-submit = Wyślij mi link
link-back-to-login = Wróć do logowania
link-signed-out-hint = Wszystkie urządzenia zalogowane na Twoje konto zostaną wylogowane.
link-save-password = Zapisz nowe hasło
link-your-password = Twoje hasło
link-confirm-submit = Potwierdź mój adres e-mail
link-not-yours-html = To nie Twoje konto albo nie pamiętasz hasła? <a href="/forgot-password">Poproś o link do ustawienia nowego</a>.

# Buying tickets.
buy-title = Kup bilety
buy-unverified = Przed zakupem potwierdź swój adres e-mail: właśnie tam wysyłamy bilety. Skorzystaj z linku, który Ci wysłaliśmy.
buy-ticket = Bilet
buy-price = Cena
buy-quantity = Liczba
buy-sold-out = Wyprzedane
buy-only-left = { $count ->
    [one] został tylko { $count }
    [few] zostały tylko { $count }
   *[many] zostało tylko { $count }
}
buy-pay-with = Metoda płatności
buy-per-order = { $count ->
    [one] Jeden bilet w jednym zamówieniu.
   *[other] Do { $count } biletów w jednym zamówieniu.
}
buy-held = Rezerwujemy Twoje bilety na { $minutes } min na czas płatności.
buy-held-crypto = Rezerwujemy Twoje bilety na { $minutes } min na czas płatności ({ $crypto } min przy płatności kryptowalutą, tyle obowiązuje jej kurs).
buy-sandbox-html = Płatności kartą działają w <strong>piaskownicy</strong>: nie przepływają prawdziwe pieniądze.
buy-continue = Przejdź do płatności
method-card = Karta
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } w sieci { $chain }

# Error pages.
error-title-not-found = Nie znaleziono strony
error-title-forbidden = Brak dostępu
error-title-slow-down = Zwolnij trochę
error-title-failed = Nie udało się
error-title-busy = Mamy teraz duży ruch
error-title-conflict = Niedostępne
error-title-gone = Już niedostępne
error-title-payments = Płatności są niedostępne
error-title-generic = Coś poszło nie tak
error-not-found = Nie znaleźliśmy tej strony. Wydarzenie mogło zostać przeniesione albo już się odbyło.

## When an event happens, on its own clock

event-when-one-day = { $date }, godz. { $start }–{ $end }
event-when-days = { $date }, godz. { $start } – { $end_date }, godz. { $end }

## An event in its own language, and in the reader's

event-translated = Przetłumaczone przez organizatora (oryginał: { $language }).
event-show-original = Pokaż oryginał ({ $language })
event-show-translation = Pokaż tłumaczenie ({ $language })
event-add-calendar = Dodaj do kalendarza (.ics)
your-time = ({ $time } u Ciebie)
card-distance = { $km } km stąd
filters-near-me = W pobliżu
filters-near-me-asking = Ustalamy, gdzie jesteś…
filters-near-me-refused = Przeglądarka nie udostępniła Twojej lokalizacji. Wybierz miasto.
filters-near-me-failed = Nie udało się teraz ustalić, gdzie jesteś. Spróbuj ponownie albo wybierz miasto.
filters-anywhere = Wszędzie ×
event-related-nearby = Także w pobliżu
event-related-same-kind = Więcej w tym stylu
event-related-also-bought = Osoby, które tu kupiły bilety, wybrały też

## Search suggestions
suggest-list-label = Podpowiedzi wyszukiwania
suggest-heading-events = Wydarzenia
suggest-heading-cities = Miasta
suggest-heading-categories = Kategorie
suggest-available = Podpowiedzi poniżej: strzałki w górę i w dół, by wybrać, Enter, by otworzyć.
suggest-none = Brak podpowiedzi.
suggest-events-count =
    { $count ->
        [one] 1 wydarzenie
        [few] { $count } wydarzenia
       *[many] { $count } wydarzeń
    }

## City pages and maps
city-title = Co się dzieje: { $city }
city-intro =
    { $count ->
        [one] Jedno nadchodzące wydarzenie
        [few] { $count } nadchodzące wydarzenia
       *[many] { $count } nadchodzących wydarzeń
    } – { $city } ({ $country }).
city-neighbourhoods = Dzielnice
city-all-neighbourhoods = Wszystkie dzielnice
city-empty = Na razie nic tu nie zaplanowano. Sprawdź inną dzielnicę albo całe miasto.
city-link = Więcej: { $city }
map-show = Pokaż na mapie
map-label = Mapa wydarzeń z tej listy: każdy znacznik prowadzi do swojego wydarzenia.

map-hide = Ukryj mapę
map-zoom-in = Przybliż
map-zoom-out = Oddal
map-move-hint = Przeciągnij mapę lub użyj strzałek, aby ją przesunąć.

account-home-heading = Gdzie mieszkasz
account-home-ask = Dziękujemy za pierwszy zakup! Gdzie mieszkasz? To nieobowiązkowe i pytamy tylko raz: pomaga organizatorom przywieźć wydarzenia do Twojego miasta i nie służy do niczego innego.
account-home-hint = Nieobowiązkowe: pomaga organizatorom przywieźć wydarzenia do Twojego miasta. Zostaw oba pola puste, aby to usunąć.
account-home-country = Kraj
account-home-city = Miasto
account-home-save = Zapisz
account-home-decline = Wolę nie mówić

waitlist-heading = Lista oczekujących
waitlist-intro = Wyprzedane? Zapisz się na listę. Gdy zwolnią się bilety, następna osoba dostaje e-mail, a bilety czekają na nią przez pewien czas; jeśli nie zapłaci, przechodzą na kolejną.
waitlist-join = Zapisz się na listę oczekujących: { $ticket }
waitlist-in-line = Jesteś numerem { $position } w kolejce po { $quantity } × { $ticket }.
waitlist-offered = Zwolniły się bilety: { $quantity } × { $ticket } czekają na Ciebie.
waitlist-pay = Zapłać
waitlist-leave = Wypisz się
waitlist-joined = Jesteś na liście oczekujących. Napiszemy, jeśli zwolnią się bilety.
waitlist-left = Wypisano Cię z listy oczekujących.
waitlist-not-sold-out = Te bilety są jeszcze w sprzedaży: kup je powyżej.
waitlist-already = Masz już miejsce na tej liście.
waitlist-quantity = Wybierz od 1 do 10 biletów.
waitlist-method = Wybierz sposób płatności.
waitlist-no-type = Tego rodzaju biletu nie ma w sprzedaży na to wydarzenie.

interest-title = Powiadom mnie
interest-intro = Nic takiego jeszcze nie ma? Powiedz, czego szukasz, a napiszemy raz, gdy pojawi się podobne wydarzenie.
interest-ask = Powiadom mnie, gdy pojawi się coś takiego
interest-words = Słowa
interest-save = Powiadom mnie
interest-yours = Na co czekasz
interest-any-city = Dowolne miasto
interest-any-category = Dowolny rodzaj wydarzenia
interest-answered = Odpowiedziano { $when }
interest-remove = Przestań czekać
interest-saved = Zapisano: napiszemy raz, gdy pojawi się podobne wydarzenie.
interest-removed = Nie powiadomimy Cię.
account-delete-heading = Usuń konto
account-delete-hint = Usuń konto i to, co zapisaliśmy o Twoich wizytach; Twoje bilety pozostają ważne.
account-delete-start = Usuń moje konto…
account-delete-goes-heading = Co zostanie usunięte
account-delete-goes = Imię, adres e-mail, hasło i miejsce zamieszkania zapisane na koncie; wylogujemy Cię na wszystkich urządzeniach; usuniemy wyszukiwania i strony zapisane jako Twoje, prośby „Powiadom mnie” i miejsca na listach oczekujących.
account-delete-stays-heading = Co zostaje
account-delete-stays = Twoje zamówienia z biletami (z wydrukowanym na nich imieniem) i płatnościami, które musimy zachować dla księgowości i do kontroli wejścia. Wysłane bilety pozostają ważne: zachowaj pliki PDF z e-maili, bo tutaj już ich nie zobaczysz.
account-delete-upcoming =
    { $count ->
        [one] Masz 1 bilet na nadchodzące wydarzenie.
        [few] Masz { $count } bilety na nadchodzące wydarzenia.
       *[many] Masz { $count } biletów na nadchodzące wydarzenia.
    }
account-delete-password = Twoje hasło, aby potwierdzić
account-delete-submit = Usuń moje konto na zawsze
account-delete-back = Wróć do konta
account-deleted-heading = Twoje konto zostało usunięte
account-deleted-message = To, co należało tylko do Ciebie, zostało usunięte, a Ty jesteś wylogowany wszędzie. Wysłane bilety pozostają ważne. Dziękujemy, że wychodziłeś z Tessera.
