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
