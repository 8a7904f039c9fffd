## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Administración — Tessera
admin-door-page-title = { $page } — Acceso — Tessera
admin-nav-label = Administración
admin-nav-events = Eventos
admin-nav-new-event = Nuevo evento
admin-nav-analytics = Estadísticas
admin-nav-finance = Finanzas
admin-nav-refunds = Reembolsos pendientes
admin-nav-deliveries = Envíos
admin-nav-checkin = Control de acceso
admin-nav-staff = Personal
admin-nav-audit = Registro de cambios
admin-col-event = Evento
admin-col-where = Lugar
admin-col-city = Ciudad
admin-col-status = Estado
admin-col-state = Estado
admin-col-actions = Acciones
admin-col-action = Acción
admin-col-customer = Cliente
admin-col-tickets = Entradas
admin-col-orders = Pedidos
admin-col-order = Pedido
admin-col-amount = Importe
admin-col-price = Precio
admin-col-capacity = Aforo
admin-col-held = Reservadas
admin-col-why = Motivo
admin-col-when-utc = Cuándo (UTC)
admin-filter-from = Desde
admin-filter-to = Hasta
admin-filter-all = Todos
admin-filter-show = Mostrar
admin-none = Ninguno.
admin-none-yet = Ninguno todavía.
admin-deleted-account = (cuenta eliminada)
admin-saved = Guardado.
admin-ticket-count = 
    { $count ->
        [one] { $count } entrada
       *[other] { $count } entradas
    }

# The event list
admin-events-heading = Eventos
admin-events-deleted = Se ha eliminado el evento.
admin-events-find-label = Buscar un evento
admin-events-find-placeholder = Título, sala o ciudad
admin-events-find = Buscar
admin-events-none = No hay eventos.
admin-events-none-match = Ningún evento coincide con «{ $query }».
admin-events-col-starts = Inicio (hora local)
admin-events-view = Ver
admin-events-delete = Eliminar
admin-event-status-draft = Borrador
admin-event-status-published = Publicado
admin-event-status-cancelled = Cancelado

# Deleting an event
admin-delete-title = Eliminar { $title }
admin-delete-heading = ¿Eliminar «{ $title }»?
admin-delete-explain = El evento y sus tipos de entrada se eliminan definitivamente. Un evento con pedidos no se puede eliminar: cancélalo en su lugar; así se detienen las ventas y se conservan los pedidos.
admin-delete-confirm = Eliminar el evento
admin-delete-keep = No, conservarlo

# The event form
admin-new-event-heading = Nuevo evento
admin-edit-heading = Editar «{ $title }»
admin-form-public-page = Página pública:
admin-form-public-note = (visible una vez publicado)
admin-form-image-alt-current = La imagen actual del evento
admin-form-image-replace = Sustituir la imagen
admin-form-image-add = Añadir una imagen
admin-form-image-hint = (JPEG, PNG o WebP, hasta 10 MB)
admin-form-upload = Subir
admin-form-legend-event = El evento
admin-form-title = Título
admin-form-description = Descripción
admin-form-description-hint = (línea en blanco entre párrafos)
admin-form-category = Categoría
admin-form-language = Idioma
admin-form-tags = Etiquetas
admin-form-tags-hint = (separadas por comas)
admin-form-image-description = Descripción de la imagen
admin-form-image-description-hint = (texto alternativo)
admin-form-legend-when = Cuándo
admin-form-starts = Inicio
admin-form-ends = Fin
admin-form-local-time = (hora local)
admin-form-timezone = Zona horaria
admin-form-timezone-hint = (IANA, p. ej. Europe/Lisbon)
admin-form-legend-where = Dónde
admin-form-venue = Sala
admin-form-address = Dirección
admin-form-region = Región
admin-form-country = País
admin-form-latitude = Latitud
admin-form-longitude = Longitud
admin-form-currency = Moneda
admin-form-tickets-hint = Deja vacío el nombre de una fila para quitar ese tipo de entrada (o para no usar una fila nueva). Precios en la unidad de la moneda, como 18.50.
admin-form-ticket-type-n = Tipo de entrada { $n }
admin-form-legend-translations = Traducciones
admin-form-translations-hint = El evento está escrito en su propio idioma (arriba). Añade los mismos textos en otros idiomas, cada uno junto a su original: quienes compran en uno de ellos lo ven así y pueden cambiar al original. Vacía el título de una traducción para quitarla.
admin-form-add-language = Añadir un idioma
admin-form-title-original = Título original
admin-form-description-original = Descripción original
admin-form-ticket-type-original = Tipo de entrada original
admin-form-ticket-type = Tipo de entrada
admin-form-save = Guardar
admin-form-delete = Eliminar este evento

# The event form: refunds, holds and limits
admin-refunds-heading = Reembolsos
admin-cancelled-refunding = Este evento está cancelado: cada pedido pagado se reembolsa por el mismo medio con que se pagó y se avisa a quien lo compró por correo electrónico.
admin-cancelled-progress = Pedidos reembolsados: { $refunded } de { $total }
admin-cancelled-pending = 
    { $count ->
        [one] { $count } en curso
       *[other] { $count } en curso
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } fallido (ver Reembolsos)
       *[other] { $count } fallidos (ver Reembolsos)
    }
admin-policy-hint = Si los compradores pueden cancelar sus propios pedidos y recibir un reembolso. Deja las horas vacías para no permitirlo.
admin-policy-hours = Hasta horas antes del inicio
admin-policy-fee = Comisión (%)
admin-policy-save = Guardar la política de reembolso
admin-holds-heading = Reservas y límites
admin-holds-hint = Cuántas entradas puede reservar y comprar un mismo cliente para este evento, sumando todos sus pedidos.
admin-holds-max = Entradas por cliente
admin-holds-delayed = El pago con tarjeta puede ofrecer métodos lentos (domiciliaciones, vales) cuyo resultado llega después de la reserva
admin-holds-save = Guardar límites
admin-holds-none = Ahora mismo nadie tiene entradas reservadas de este evento.
admin-holds-caption = Clientes con entradas reservadas ahora, de más a menos
admin-holds-col-payment-seen = Pago recibido
admin-holds-col-bought = Compradas
admin-holds-col-open-orders = Pedidos abiertos
admin-holds-col-ends = Fin de la reserva
admin-holds-col-release = Liberar
admin-holds-release = 
    { $count ->
        [one] Liberar { $count } entrada
       *[other] Liberar { $count } entradas
    }

# Analytics
admin-analytics-all-events = Todos los eventos
admin-analytics-range = Días en { $zone }, del { $from } al { $to }.
admin-analytics-money-note = Los importes son los pedidos pagados en el periodo; se excluyen los reembolsados.
admin-analytics-json = Estas cifras en JSON
admin-analytics-received = Ingresos
admin-analytics-received-none = No se pagó nada en este periodo.
admin-analytics-kind-card = tarjeta
admin-analytics-kind-bitcoin = bitcoin, on-chain
admin-analytics-kind-ether = ether, on-chain
admin-analytics-kind-token = token, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } pedido
       *[other] { $count } pedidos
    }
admin-analytics-refunded-net = reembolsado { $refunded } · neto { $net }
admin-analytics-by-method = Por método de pago
admin-analytics-method-other = Otro
admin-analytics-col-method = Método
admin-analytics-col-value = Valor al tipo ofrecido
admin-analytics-days = Día a día
admin-analytics-col-day = Día
admin-analytics-col-placed = Pedidos realizados
admin-analytics-col-paid = Pedidos pagados
admin-analytics-col-sold = Entradas vendidas
admin-analytics-funnel = Qué fue de los pedidos
admin-funnel-placed = Realizados
admin-funnel-paid = Pagados
admin-funnel-delivered = Entradas enviadas
admin-funnel-pending = Pendientes de pago
admin-funnel-expired = Caducados
admin-funnel-cancelled = Cancelados
admin-funnel-failed = Fallidos
admin-funnel-refund-due = Con reembolso pendiente
admin-analytics-top-cities = Ciudades principales
admin-analytics-top-categories = Categorías principales
admin-analytics-none-sold = No se vendieron entradas.
admin-analytics-events-hint = Ahora, sea cual sea el periodo: entradas vendidas y reservadas frente al aforo, y el importe de los pedidos pagados de cada evento.
admin-analytics-col-sold-short = Vendidas
admin-analytics-col-sell-through = Porcentaje vendido
admin-analytics-col-revenue = Ingresos
admin-analytics-percent = { $whole },{ $tenth } %
admin-chart-method = Pedidos pagados por método de pago
admin-chart-orders-per-day = Pedidos realizados por día
admin-chart-tickets-per-day = Entradas vendidas por día
admin-chart-funnel = Pedidos realizados en el periodo, según qué fue de ellos
admin-chart-cities = Entradas vendidas por ciudad
admin-chart-categories = Entradas vendidas por categoría
admin-chart-day = { $day }/{ $month }

# The audit log
admin-audit-none = Todavía no hay cambios.
admin-audit-col-who = Quién
admin-audit-col-what = Qué
admin-audit-col-about = Sobre
admin-audit-col-changed = Cambios
admin-audit-event-create = Evento creado
admin-audit-event-edit = Evento editado
admin-audit-event-delete = Evento eliminado
admin-audit-event-refund-policy = Política de reembolso cambiada
admin-audit-event-limits = Límites cambiados
admin-audit-event-release-holds = Entradas reservadas liberadas
admin-audit-refund-request = Reembolso solicitado
admin-audit-refund-cancel = Reembolso cancelado
admin-audit-discrepancy-resolve = Discrepancia resuelta
admin-audit-account-role = Rol cambiado

# The door
admin-checkin-heading = Validar entradas
admin-checkin-none = Todavía ningún evento tiene entradas que validar.
admin-checkin-code = Código de la entrada
admin-checkin-code-hint = Escanea el código QR con un lector (escribe el código y pulsa Intro) o pégalo.
admin-checkin-submit = Validar
admin-checkin-progress = { $checked } de { $total } entradas validadas.
admin-checkin-welcome = Te damos la bienvenida, { $name }
admin-checkin-ticket = { $type } · entrada { $serial }
admin-checkin-repeat = Ya validada
admin-checkin-refused = No permitir la entrada

# Ticket deliveries
admin-deliveries-heading = Envío de entradas
admin-deliveries-intro = Las entradas de cada pedido pagado: emitidas, convertidas a PDF y enviadas por correo por el servicio de emisión. Los envíos fallidos se abandonaron tras varios errores; reinténtalos cuando se haya corregido la causa.
admin-deliveries-filter = Filtrar por estado
admin-delivery-status-failed = Fallidos
admin-delivery-status-pending = Pendientes
admin-delivery-status-sent = Enviados
admin-deliveries-none = No hay envíos.
admin-deliveries-none-failed = No hay envíos fallidos.
admin-deliveries-none-pending = No hay envíos pendientes.
admin-deliveries-none-sent = No hay envíos realizados.
admin-deliveries-col-attempts = Intentos
admin-deliveries-col-error = Último error
admin-deliveries-retry = Reintentar
admin-deliveries-sent-at = enviado { $when }
admin-deliveries-next-try = próximo intento { $when }
admin-deliveries-retried = El envío del pedido { $order } vuelve a la cola; el servicio de emisión lo recoge en unos segundos.

# Finance: reconciliation
admin-finance-heading = Finanzas: conciliación
admin-finance-intro = Cada cobro por cada vía —pagos con tarjeta, salidas de bitcoin, pagos a nuestro contrato de Ethereum— cotejado con su pedido, con lo ofrecido junto a lo recibido. Días en { $zone }.
admin-finance-from = Recibido desde
admin-finance-to = hasta
admin-finance-rail = Vía de pago
admin-rail-card = Tarjeta
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH y tokens)
admin-finance-discrepancy = Discrepancia
admin-finance-any = Cualquiera
admin-finance-unresolved-only = Solo sin resolver
admin-finance-csv = Descargar CSV
admin-finance-discrepancies = Discrepancias
admin-finance-col-kind = Tipo
admin-finance-col-receipts = Cobros
admin-finance-col-unresolved = Sin resolver
admin-finance-received = Recibido
admin-finance-none = Ningún cobro coincide.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } cobro
       *[other] { $count } cobros
    }
admin-finance-unreadable = Pagos en bitcoin que no se pudieron leer
admin-finance-unreadable-note = BTCPay informó de estos pagos en un formato que Tessera no admite, así que no figuran entre los cobros de abajo. Los pedidos de sus facturas se cerraron según lo que BTCPay dice de la factura; revisa cada uno en BTCPay.
admin-finance-col-first-seen = Visto por primera vez (UTC)
admin-finance-col-invoice = Factura
admin-finance-col-problem = Qué no se pudo leer
admin-finance-col-raw = Tal como lo informó BTCPay
admin-finance-receipts = Cobros
admin-finance-col-received-at = Recibido el
admin-finance-col-receipt = Cobro
admin-finance-col-received = Recibido
admin-finance-col-quoted = Ofrecido
admin-finance-resolved = Resuelto: { $resolution }
admin-finance-note = Nota
admin-finance-note-placeholder = reembolsado fuera de la plataforma
admin-finance-mark-resolved = Marcar como resuelto
admin-finance-flash-resolved = Marcado como resuelto; queda en el registro de cambios.
admin-finance-flash-already-resolved = Esa discrepancia ya estaba resuelta (¿por otra persona, hace un momento?).
admin-finance-flash-nothing = Ese cobro no tiene ninguna discrepancia que resolver.
admin-finance-flash-unknown = Ese cobro no existe.
admin-finance-flash-note-needed = Indica qué se hizo, en una nota de 1 a 2000 caracteres.
admin-finance-eth-detail = bloque { $block } · pagador { $payer } · token { $token }
admin-finance-btc-rate = a { $rate }
admin-finance-btc-settled = liquidado { $when }
admin-discrepancy-underpaid = Pago insuficiente
admin-discrepancy-overpaid = Pago de más (exceso a devolver)
admin-discrepancy-paid-late = Pagado tarde
admin-discrepancy-sold-out = Reembolso pendiente: agotado
admin-discrepancy-refund-due = Reembolso pendiente
admin-discrepancy-reorged = Reorganizado (reorg)
admin-discrepancy-orphan = Huérfano (sin pedido)
admin-discrepancy-not-confirmed = Ya no confirmado
admin-discrepancy-refund-pending = Reembolso en curso
admin-discrepancy-refund-failed = Reembolso fallido
admin-discrepancy-disputed = Disputado
admin-payment-state-creating = Creándose
admin-payment-state-open = Abierto
admin-payment-state-succeeded = Completado
admin-payment-state-failed = Fallido
admin-payment-state-expired = Caducado
admin-payment-state-refund-due = Reembolso pendiente
admin-payment-state-refunded = Reembolsado
admin-payment-state-unmatched = Sin pedido
admin-payment-state-processing = Confirmándose
admin-payment-state-settled = Liquidado
admin-payment-state-invalid = No válido
admin-payment-state-seen = Visto
admin-payment-state-confirmed = Confirmado
admin-payment-state-reorged = Reorganizado (reorg)

# One order, for admins
admin-order-title = Pedido { $id }
admin-order-heading = Pedido
admin-order-total = Total
admin-order-refunded = Reembolsado
admin-order-placed = Realizado (UTC)
admin-order-payments = Pagos
admin-order-no-payment = Ningún pago.
admin-order-col-provider = Proveedor
admin-order-col-reference = Referencia
admin-order-col-dispute = Disputa
admin-order-no-tickets = No se han emitido entradas.
admin-order-refund = Reembolsar
admin-order-col-serial = Número
admin-order-col-holder = Titular
admin-order-col-type = Tipo
admin-order-refund-ticket = Reembolsar la entrada { $serial }
admin-order-refund-legend = Reembolsar (quedan hasta { $left })
admin-order-refund-explain = Marca entradas para reembolsarlas a su precio (dejan de dar acceso y vuelven a la venta), o indica un importe para reembolsar sin anular entradas, o nada para reembolsar todo lo que queda.
admin-order-refund-amount = Importe en { $currency } (opcional)
admin-order-amount-example = p. ej. { $amount }
admin-order-refund-override = Reembolsar también las entradas ya validadas (queda en el registro de cambios)
admin-order-refundable-btc = los bitcoins que recibió la factura
admin-order-refundable-eth = lo que el pago envió al contrato, a la dirección que pagó
admin-order-refunded-notice = Reembolso solicitado; su estado aparece abajo.
admin-ticket-void-disputed = Anulada: pago disputado
admin-ticket-void-cancelled = Anulada: evento cancelado
admin-ticket-refunded = Reembolsada
admin-ticket-checked-in = Validada { $when }

# Refunds
admin-refunds-due = Dinero por devolver
admin-refunds-due-intro = Dinero recibido que no pudo pagar su pedido, del más reciente al más antiguo. El botón Reembolsar devuelve al momento los pagos con tarjeta a través de Stripe; el estado se actualiza aquí según lo que informe Stripe.
admin-refunds-due-none = Nada que reembolsar.
admin-refunds-col-received = Recibido (UTC)
admin-refunds-col-payment = Pago
admin-refunds-send = Reembolsar { $amount }
admin-refunds-unmatched = Pagos de pedidos que no tenemos
admin-refunds-unmatched-intro = Los pagos con tarjeta se devuelven desde aquí a través de Stripe; los de bitcoin, en BTCPay; un pago en Ethereum vuelve a la dirección de origen, en el mismo activo.
admin-refunds-col-claimed = Referencia de pedido enviada
admin-refunds-col-refund-to = Reembolsar a
admin-refunds-asked = Reembolsos solicitados
admin-refunds-col-asked = Solicitado (UTC)
admin-refunds-col-by = Por
admin-refunds-col-provider-ref = Referencia del proveedor
admin-refunds-cancel = Cancelar
admin-refund-status-requested = Solicitado
admin-refund-status-sent = En curso
admin-refund-status-succeeded = Reembolsado
admin-refund-status-failed = Fallido
admin-refund-status-cancelled = Cancelado
admin-refunds-last-failed = Último reembolso: fallido
admin-refunds-last-cancelled = Último reembolso: cancelado
admin-refund-cause-customer = Cancelado por el cliente
admin-refund-cause-admin = Reembolsado por un administrador
admin-refund-cause-event-cancelled = Evento cancelado
admin-refund-cause-money-due-back = Dinero por devolver
admin-refund-cause-outside = Reembolsado en el proveedor
admin-refunds-waiting = En espera: { $why }
admin-refunds-wallet-soon = La cartera de reembolsos lo envía en menos de un minuto
admin-refunds-to = A { $to }
admin-refunds-to-then = A { $to }.
admin-refunds-claim-link = Enlace de cobro para quien pagó: { $link }
admin-refunds-done = Reembolso { $id } solicitado; su estado aparece abajo y sigue lo que informe el proveedor.
admin-refunds-goes-back = Se devuelve: { $amount } a { $payer } (pagado en { $tx }, log { $log })
admin-refunds-base-units = { $units } unidades base del token { $token }
admin-refunds-to-card = La tarjeta, en Stripe
admin-refunds-to-btcpay = Quien pagó, que lo reclama en la página de BTCPay (el enlace aparece más abajo)
admin-refunds-to-payer-at = Quien pagó, en { $provider }
admin-refunds-no-reference = (ninguna)
admin-refunds-tx-log = { $tx } (log { $log })
admin-refunds-cancel-too-late = Este reembolso ya se entregó al proveedor ({ $state }), así que no se puede cancelar.

# Staff
admin-staff-intro-html = El personal de acceso valida entradas en <a href="/admin/checkin">la página de acceso</a> y no puede hacer nada más aquí. Pídeles que se registren y confirmen su correo electrónico; después añádelos con esa dirección. Los administradores se crean desde la línea de comandos (<code>tessera admin create</code>).
admin-staff-email = Correo del nuevo miembro de acceso
admin-staff-add = Añadir personal de acceso
admin-staff-col-name = Nombre
admin-staff-col-email = Correo
admin-staff-col-role = Rol
admin-staff-col-since = Desde (UTC)
admin-staff-remove = Quitar
admin-staff-role-admin = Administrador
admin-staff-role-door = Personal de acceso
admin-staff-added = { $email } ya es personal de acceso: puede validar entradas.
admin-staff-removed = { $email } ya no es personal de acceso.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = no es un precio como { $example }
admin-error-too-large = es demasiado grande
admin-error-not-a-zone = no es una zona horaria IANA como Europe/Lisbon
admin-error-not-a-datetime = no es una fecha y hora
admin-error-time-skipped = no existe en { $zone } (es el cambio de hora)
admin-error-not-a-number = no es un número
admin-error-not-ours = no es nuestro
admin-error-not-whole = no es un número entero
admin-error-translation-language = indica en qué idioma está cada traducción (en, ja, pt-BR…)
admin-error-translation-twice = aparece dos veces: escribe cada idioma una sola vez
admin-error-translation-title = es obligatorio (vacía toda la traducción para quitarla)
admin-error-upload-unreadable = subida ilegible: { $error }
admin-error-upload-none = elige un archivo para subir
admin-error-upload-too-large = supera los 10 MB
admin-error-not-an-account = no es una cuenta
admin-error-policy-hours = debe ser un número entero de horas
admin-error-policy-fee = debe ser un porcentaje como 10 o 2.5
admin-error-form-expired = El formulario ha caducado; recarga la página y vuelve a intentarlo.
admin-error-refund-both = Marca entradas o indica un importe, no ambas cosas.
admin-error-refund-amount = «{ $amount }» no es un importe en { $currency }.

# Why money is due back
admin-due-sold-out = Pagado después de la reserva; ya estaba agotado
admin-due-event-closed = Pagado después de la reserva; el evento estaba cancelado o ya había empezado
admin-due-duplicate = Segundo pago de un pedido ya pagado
admin-due-amount-mismatch = El importe pagado no coincide con el pedido
admin-due-wrong-rail = Pagado con otro método distinto al del pedido
admin-due-partial = Solo se pagó una parte del pedido antes de que caducara la factura
admin-due-overpaid = Se pagó más que el pedido; el exceso
admin-due-invoice-invalid = Dinero en una factura que se invalidó
admin-due-underpaid = Pagado en cadena menos de lo ofrecido, o en otro activo
admin-due-order-closed = El pedido ya estaba cerrado
admin-provider-free = Ninguno (entradas gratuitas)

admin-form-neighbourhood = Barrio

admin-nav-market = Mercado
market-intro = Quién quiere qué, dónde y cómo llegar a ellos: la demanda que registra nuestro propio servidor, junto a lo que el libro de cuentas da como vendido.
market-all-categories = Todas las categorías
market-privacy-note = Las visitas y las búsquedas se cuentan sin rastrear a nadie: el identificador de cada visitante cambia cada día, no se guarda ninguna dirección y quienes piden no ser rastreados se cuentan sin identificador.
market-csv = { $table } en CSV
market-views = Visitas a la página del evento
market-buy-views = Visitas a la página de compra
market-holds = Pedidos realizados
market-paid = Pagados
market-attended = Asistieron
market-buyers = Compradores
market-searches-missing = Búsquedas sin resultados
market-paid-of-holds = Porcentaje pagado
market-band-free = Gratuito
market-band = De { $from } a { $to }
market-band-over = { $from } o más
market-band-col = Entrada más barata
market-direct = Directo
market-none = Todavía no hay nada en este periodo.
market-funnel = De mirar a ir
market-step = Paso
market-count = Número
market-of-previous = Del paso anterior
market-started = Iniciados
market-by-rail = Vías de pago: pagos iniciados y completados
market-by-city = Por ciudad
market-by-category = Por categoría
market-by-band = Por precio
market-willing = Dispuestos a pagar
market-willing-hint = Visitas a las páginas de evento y de compra en el periodo y, después, los pedidos realizados en él: cuántos se pagaron y en cuántos se validó una entrada en el acceso.
market-who = Quién
market-who-hint = Personas que pagaron pedidos realizados en el periodo: si pagaban por primera vez o repetían, si viven en la ciudad del evento o estaban de visita (según su cuenta), el idioma en que compraron y cuántas entradas compraron de una vez.
market-who-col = Tipo de comprador
market-new-buyers = Nuevos
market-returning-buyers = Recurrentes
market-locals = Locales
market-visitors = De visita
market-home-unknown = Sin indicar
market-languages = Idiomas
market-language = Idioma
market-group-sizes = Tamaño de los grupos
market-tickets-per-order = Entradas por pedido
market-where = Dónde
market-where-hint = Dónde viven los compradores (según nos dijeron tras su primera compra) frente a dónde son los eventos que pagaron.
market-flows = Residencia de los compradores y ciudad de los eventos
market-home = Los compradores viven en
market-event-city = Evento en
market-reach = Cómo llegar a ellos
market-reach-hint = De dónde llegaron las visitas: las etiquetas utm de un enlace de seguimiento; si no, el sitio que las envió; si no, directo. Un pedido conserva el canal de la visita en la que se realizó.
market-channels = Canales
market-channel = Canal
market-page-views = Páginas vistas
market-paid-per-views = Pagados por página vista
market-links = Enlaces de seguimiento
market-missing = Lo que falta
market-missing-hint = Lo que la gente buscó y nadie ofrece todavía, lo que se agotó y quién lo espera, y de qué pidieron que les avisáramos.
market-search-gaps = Búsquedas sin resultados o con pocos
market-words = Palabras
market-no-words = (solo filtros)
market-results = Encontrados
market-results-none = nada
market-results-few = 3 o menos
market-searches = Búsquedas
market-searchers = Personas que buscaron
market-sold-out = Tipos de entrada agotados
market-ticket-type = Tipo de entrada
links-title = Enlaces de seguimiento
links-intro = Crea un enlace para cada sitio donde promociones este evento (un boletín, el código QR de un cartel, la web de un socio). Las visitas que llegan por él, los pedidos que realizan y lo que pagan aparecen en la página Mercado.
links-source = Fuente
links-medium = Medio
links-campaign = Campaña
links-create = Crear el enlace
links-none = Todavía no hay enlaces de seguimiento para este evento.
links-address = Enlace
links-created = Creado
links-remove = Quitar
links-see-market = Ver en la página Mercado lo que han traído los enlaces
links-added = Enlace creado. Cópialo de la tabla de abajo.
links-removed = Enlace quitado. Lo que trajo sigue contando en su canal.
links-manage = Enlaces de seguimiento

market-waiting = En espera
market-waiting-tickets = Entradas pedidas

market-interests = Peticiones de «Avísame»
market-interests-open = En espera
market-interests-answered = Respondidas
market-any = Cualquiera
