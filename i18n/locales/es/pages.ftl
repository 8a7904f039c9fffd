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

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Iniciar sesión
form-email = Correo electrónico
form-password = Contraseña
login-forgot = ¿Has olvidado tu contraseña?
login-new-html = ¿Eres nuevo? <a href="/signup">Crea una cuenta</a>.
signup-title = Crear una cuenta
signup-intro = Para comprar entradas y encontrarlas después en tu cuenta.
signup-name = Tu nombre
signup-name-hint = (tal como aparecerá en tus entradas)
password-hint = (al menos 10 caracteres)
signup-submit = Crear cuenta
signup-have-account-html = ¿Ya tienes una cuenta? <a href="/login">Inicia sesión</a>.
account-title = Tu cuenta
account-unverified = Confirma tu dirección de correo: hemos enviado un enlace a { $email }. Podrás comprar entradas en cuanto la confirmes, y te las enviaremos allí.
account-resend = Enviar el enlace de nuevo
account-name = Nombre
account-role = Función
account-role-admin-html = Administrador: <a href="/admin/events">gestionar eventos</a>
account-role-door-html = Control de acceso: <a href="/admin/checkin">validar entradas</a>
account-orders = Tus pedidos
account-no-orders-html = Todavía no tienes pedidos. <a href="/">Encuentra un evento</a>.
account-order-tickets = { $count ->
    [one] { $count } entrada
   *[other] { $count } entradas
}
account-order-placed = pedido el { $when }
account-download = Descargar entradas (PDF)
account-change-password = Cambiar la contraseña
account-current-password = Contraseña actual
account-new-password = Nueva contraseña
account-change-submit = Cambiar contraseña
account-log-out = Cerrar sesión
link-reset-hint = Te enviaremos un enlace para elegir una contraseña nueva. Solo sirve una vez y caduca en una hora.
link-reset-submit = Enviarme un enlace
link-back-to-login = Volver al inicio de sesión
link-signed-out-hint = Se cerrará la sesión en todos los dispositivos conectados a tu cuenta.
link-save-password = Guardar la nueva contraseña
link-your-password = Tu contraseña
link-confirm-submit = Confirmar mi correo
link-not-yours-html = ¿No es tu cuenta o has olvidado la contraseña? <a href="/forgot-password">Pide un enlace para elegir una nueva</a>.

# Buying tickets.
buy-title = Comprar entradas
buy-unverified = Confirma tu dirección de correo antes de comprar: es allí donde enviamos tus entradas. Usa el enlace que te hemos enviado.
buy-ticket = Entrada
buy-price = Precio
buy-quantity = Cantidad
buy-sold-out = Agotado
buy-only-left = { $count ->
    [one] solo queda { $count }
   *[other] solo quedan { $count }
}
buy-pay-with = Pagar con
buy-per-order = { $count ->
    [one] Una entrada por pedido.
   *[other] Hasta { $count } entradas por pedido.
}
buy-held = Tus entradas quedan reservadas { $minutes } minutos mientras pagas.
buy-held-crypto = Tus entradas quedan reservadas { $minutes } minutos mientras pagas ({ $crypto } minutos con cripto, lo que dura su cotización).
buy-sandbox-html = Los pagos con tarjeta funcionan en el <strong>entorno de pruebas</strong>: no se mueve dinero real.
buy-continue = Continuar al pago
method-card = Tarjeta
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } en { $chain }

# Error pages.
error-title-not-found = Página no encontrada
error-title-forbidden = No permitido
error-title-slow-down = Más despacio
error-title-failed = No ha funcionado
error-title-busy = Estamos muy ocupados
error-title-conflict = No disponible
error-title-gone = Ya no está disponible
error-title-payments = Los pagos no están disponibles
error-title-generic = Algo ha salido mal
error-not-found = No hemos encontrado esa página. Puede que el evento se haya movido o ya haya terminado.

## When an event happens, on its own clock

event-when-one-day = { $date }, de { $start } a { $end }
event-when-days = del { $date }, { $start }, al { $end_date }, { $end }

## An event in its own language, and in the reader's

event-translated = Traducido por el organizador (original: { $language }).
event-show-original = Ver el original ({ $language })
event-show-translation = Ver la traducción ({ $language })
event-add-calendar = Añadir al calendario (.ics)
your-time = ({ $time } en tu hora local)
card-distance = a { $km } km
filters-near-me = Cerca de mí
filters-near-me-asking = Buscando dónde estás…
filters-near-me-refused = Tu navegador no ha compartido tu ubicación. Elige una ciudad.
filters-near-me-failed = Ahora mismo no podemos saber dónde estás. Vuelve a intentarlo o elige una ciudad.
filters-anywhere = En cualquier lugar ×
event-related-nearby = También cerca
event-related-same-kind = Más del mismo tipo
event-related-also-bought = Quienes reservaron esto también eligieron

## Search suggestions
suggest-list-label = Sugerencias de búsqueda
suggest-heading-events = Eventos
suggest-heading-cities = Ciudades
suggest-heading-categories = Categorías
suggest-available = Sugerencias abajo: flechas arriba y abajo para elegir, Intro para abrir.
suggest-none = No hay sugerencias.
suggest-events-count =
    { $count ->
        [one] 1 evento
       *[other] { $count } eventos
    }

## City pages and maps
city-title = Qué hacer en { $city }
city-intro =
    { $count ->
        [one] Un evento próximo
       *[other] { $count } eventos próximos
    } en { $city } ({ $country }).
city-neighbourhoods = Barrios
city-all-neighbourhoods = Todos los barrios
city-empty = Ahora mismo no hay nada previsto aquí. Prueba otro barrio o toda la ciudad.
city-link = Más en { $city }
map-show = Ver en un mapa
map-label = Mapa de los eventos de esta lista: cada marcador lleva a su evento.

map-hide = Ocultar el mapa
map-zoom-in = Acercar
map-zoom-out = Alejar
map-move-hint = Arrastra el mapa, o usa las flechas del teclado, para moverlo.

account-home-heading = Dónde vives
account-home-ask = ¡Gracias por tu primera compra! ¿Dónde vives? Es opcional y solo te lo preguntamos una vez: ayuda a los organizadores a llevar eventos a tu ciudad, y no se usa para nada más.
account-home-hint = Opcional: ayuda a los organizadores a llevar eventos a tu ciudad. Deja ambos campos vacíos para borrarlo.
account-home-country = País
account-home-city = Ciudad
account-home-save = Guardar
account-home-decline = Prefiero no decirlo

waitlist-heading = Lista de espera
waitlist-intro = ¿Agotado? Apúntate a la lista. Cuando quedan entradas libres, la siguiente persona recibe un correo y se le reservan un tiempo; si no paga, pasan a la siguiente.
waitlist-join = Apuntarme a la lista de espera de { $ticket }
waitlist-in-line = Eres el número { $position } en la lista para { $quantity } × { $ticket }.
waitlist-offered = Han quedado entradas libres: { $quantity } × { $ticket } están reservadas para ti.
waitlist-pay = Pagarlas
waitlist-leave = Salir de la lista
waitlist-joined = Estás en la lista de espera. Te escribiremos si quedan entradas libres.
waitlist-left = Has salido de la lista de espera.
waitlist-not-sold-out = Estas entradas siguen a la venta: cómpralas arriba.
waitlist-already = Ya tienes un sitio en esta lista.
waitlist-quantity = Elige de 1 a 10 entradas.
waitlist-method = Elige cómo vas a pagar.
waitlist-no-type = Ese tipo de entrada no está a la venta para este evento.

interest-title = Avísame
interest-intro = ¿Aún no hay nada así? Dinos qué buscas y te escribiremos una vez cuando se publique un evento parecido.
interest-ask = Avísame cuando haya algo así
interest-words = Palabras
interest-save = Avísame
interest-yours = Lo que esperas
interest-any-city = Cualquier ciudad
interest-any-category = Cualquier tipo de evento
interest-answered = Respondido el { $when }
interest-remove = Dejar de esperar
interest-saved = Guardado: te escribiremos una vez cuando se publique un evento parecido.
interest-removed = No te avisaremos.
account-delete-heading = Eliminar tu cuenta
account-delete-hint = Borra tu cuenta y lo que registramos de tus visitas; tus entradas siguen siendo válidas.
account-delete-start = Eliminar mi cuenta…
account-delete-goes-heading = Lo que se borra
account-delete-goes = El nombre, el correo electrónico, la contraseña y el lugar de residencia de tu cuenta; se cierra la sesión en todos tus dispositivos; las búsquedas y páginas registradas como tuyas, tus avisos de «Avísame» y tus puestos en listas de espera.
account-delete-stays-heading = Lo que se conserva
account-delete-stays = Tus pedidos, sus entradas (con el nombre impreso en ellas) y pagos, que debemos conservar para la contabilidad y para el acceso. Las entradas enviadas siguen siendo válidas: guarda los PDF de tus correos, porque aquí ya no los verás.
account-delete-upcoming =
    { $count ->
        [one] Tienes 1 entrada para un evento que aún no ha tenido lugar.
       *[other] Tienes { $count } entradas para eventos que aún no han tenido lugar.
    }
account-delete-password = Tu contraseña, para confirmar
account-delete-submit = Eliminar mi cuenta para siempre
account-delete-back = Volver a tu cuenta
account-deleted-heading = Tu cuenta se ha eliminado
account-deleted-message = Lo que era solo tuyo se ha borrado y se ha cerrado tu sesión en todas partes. Las entradas enviadas siguen siendo válidas. Gracias por salir con Tessera.
