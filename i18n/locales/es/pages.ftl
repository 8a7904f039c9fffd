# Every page's frame: the header, the footer and the language switcher.
site-description = Entradas para eventos locales y auténticos: festivales, conciertos, comedia, gastronomía y artesanía, pagadas con tarjeta o con cripto.
skip-to-content = Ir al contenido
brand-home = Tessera, inicio
search-label = Buscar eventos
search-placeholder = Eventos, ciudades, lugares
search-button = Buscar
nav-account = Cuenta
nav-admin = Administración
nav-door = Control de acceso
nav-log-in = Iniciar sesión
nav-sign-up = Crear cuenta
footer-tagline = Tessera: entradas para eventos locales y auténticos. Paga con tarjeta, en bitcoin o en ETH y stablecoins.
footer-api = API
language-switcher = Idioma

# The home page and the search page.
home-title = Tessera: eventos locales, entradas de verdad
home-heading = Eventos locales, de la mano de quienes los hacen
home-intro = Fado en la Mouraria, té en Kioto, un sokkie en Ciudad del Cabo. Elige una ciudad, encuentra tu noche y paga con tarjeta o con cripto.
home-upcoming = Próximos eventos
home-empty-heading = Ningún evento coincide
home-empty-filtered-html = Prueba con otra ciudad, categoría o fecha, o <a href="/">mira todo lo que viene</a>.
home-empty-none = Ahora mismo no hay nada a la venta. Vuelve pronto.
search-title = Búsqueda
search-heading = Buscar eventos
search-heading-query = Eventos que coinciden con «{ $query }»
search-corrected = Mostrando resultados para «{ $query }».
search-empty-heading = No se encontraron eventos
search-empty-html = Prueba con menos palabras u otra ortografía, o <a href="/">explora todo lo que viene</a>.
search-results = Resultados

# The filters above the listing.
filters-label = Filtrar eventos
filters-city = Ciudad
filters-all-cities = Todas las ciudades
filters-category = Categoría
filters-all-categories = Todas las categorías
filters-from = Desde
filters-to = Hasta
filters-max-price = Precio máximo
filters-max-price-any = cualquiera
filters-max-price-hint = Un importe como 25 o 25.50, en la moneda del evento
filters-submit = Ver eventos
pager-label = Páginas
pager-first = ← Primera página
pager-next = Página siguiente →
card-cancelled = Cancelado
error-back = Volver a todos los eventos

# Event categories.
category-festival = Festival
category-concert = Concierto
category-comedy = Comedia
category-theatre = Teatro
category-food = Gastronomía
category-workshop = Taller
category-tour = Visita guiada
category-exhibition = Exposición
category-market = Mercado
category-dance = Danza

# An event's card and its own page.
card-from-price = desde { $price }
event-map = mapa
event-tags = Etiquetas
event-tickets = Entradas
event-cancelled-notice = Este evento se ha cancelado. No hay entradas a la venta.
event-ended = Este evento ya ha terminado.
event-no-tickets = Todavía no hay entradas.
event-buy = Comprar entradas
