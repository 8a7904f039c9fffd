## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = dentro de un segundo
error-retry-seconds = { $count ->
    [one] dentro de { $count } segundo
   *[other] dentro de { $count } segundos
}
error-retry-minutes = { $count ->
    [one] dentro de { $count } minuto
   *[other] dentro de { $count } minutos
}
error-retry-hours = { $count ->
    [one] dentro de { $count } hora
   *[other] dentro de { $count } horas
}
error-too-many-logins = Demasiados intentos de inicio de sesión. Vuelve a intentarlo { $when }.
error-too-many-passwords = Demasiados intentos de contraseña. Vuelve a intentarlo { $when }.
error-too-many-signups = Demasiados registros. Vuelve a intentarlo { $when }.
error-too-many-emails = Demasiadas solicitudes de correo. Vuelve a intentarlo { $when }.
error-too-many-resets = Demasiados intentos de restablecer la contraseña. Vuelve a intentarlo { $when }.
error-too-many-purchases = Demasiadas compras seguidas. Vuelve a intentarlo { $when }.

## Buying
error-idempotency-key-reused = Esta Idempotency-Key ya se usó para otra compra; usa una nueva.
error-ticket-limit = { $limit ->
    [one] Puedes comprar como máximo { $limit } entrada para este evento.
   *[other] Puedes comprar como máximo { $limit } entradas para este evento.
}
error-ticket-limit-already = { $limit ->
    [one] Puedes reservar o comprar como máximo { $limit } entrada para este evento, y ya tienes { $already }.
   *[other] Puedes reservar o comprar como máximo { $limit } entradas para este evento, y ya tienes { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] Ya tienes un pedido sin pagar. Págalo o cancélalo antes de empezar otro.
   *[other] Ya tienes { $limit } pedidos sin pagar. Paga uno o cancélalo antes de empezar otro.
}
error-sold-out = { $count ->
    [0] { $name }: agotado.
    [one] { $name }: solo queda 1 entrada.
   *[other] { $name }: solo quedan { $count } entradas.
}
error-sold-out-short = { $count ->
    [0] { $name }: agotado.
    [one] { $name }: solo queda 1.
   *[other] { $name }: solo quedan { $count }.
}
error-choose-tickets = Elige tus entradas: { $problem }.
error-field-problem = { $field }: { $problem }.
error-event-cancelled = Este evento se ha cancelado; no hay entradas a la venta.
error-event-started = Este evento ya ha empezado; ya no se venden entradas.
error-none-on-sale-yet = Todavía no hay entradas a la venta para este evento.
error-idempotency-key = debe tener de 1 a 255 caracteres ASCII visibles
error-not-a-ticket-type-here = no es un tipo de entrada de este evento
error-total-too-large = el total es demasiado alto
error-choose-a-ticket = elige al menos una entrada
error-at-least-one = debe ser al menos 1
error-ticket-type-twice = aparece dos veces; indica la cantidad total una sola vez
error-tickets-per-order = como máximo { $max } entradas por pedido (has pedido { $total })
error-whole-number-up-to = debe ser un número entero de 1 a { $max }
error-method-unavailable = Aquí no se puede pagar con { $method }; elige otra forma de pago.
error-chain-unavailable = Aquí no se acepta { $method } en esa red; elige otra red u otra forma de pago.
error-not-cancellable = Este pedido ya no se puede cancelar (estado: { $status }).
error-payment-in-progress = Se está confirmando un pago de este pedido, así que ahora no se puede cancelar.
error-rail-switch-closed = Este pedido ya no espera el pago, así que no se puede cambiar cómo se paga.
error-rail-switch-seen = Se está confirmando un pago de este pedido, así que ahora no se puede cambiar cómo se paga.
error-rail-switch-quoted = Este pedido recibió una cotización en { $asset } que no se puede retirar: págalo en { $asset }, con tarjeta o en bitcoin, no en { $wanted }.
error-rail-switch-quote-left = La cotización en { $asset } de este pedido se dejó por otra forma de pago y no se puede volver a dar. Paga con tarjeta o en bitcoin.
error-rail-switch-failed = No pudimos abrir esa forma de pago; no se cobró nada y tus entradas siguen reservadas. Inténtalo de nuevo o elige otra.
error-checkout-in-progress = El pago de este pedido todavía se está preparando. Vuelve a intentarlo en un momento.
error-payment-refused-because = Esta compra no se puede pagar así ({ $reason }): no se ha cobrado nada y tus entradas se han liberado.
error-payment-refused = El proveedor de pagos ha rechazado esta compra: no se ha cobrado nada y tus entradas se han liberado. Escríbenos si vuelve a ocurrir.
error-payment-unavailable = No hemos podido contactar con el proveedor de pagos: no se ha cobrado nada y tus entradas se han liberado. Vuelve a intentarlo en un momento.
error-payment-unavailable-short = No hemos podido contactar con el proveedor de pagos; no se ha cobrado nada. Vuelve a intentarlo.

## Refusals and failures
error-invalid-body = No hemos podido leer esta solicitud: { $why }
error-log-in-first = Inicia sesión primero.
error-admins-only = Para esto hace falta una cuenta de administrador.
error-staff-only = Para esto hace falta una cuenta de personal de acceso o de administrador.
error-page-admins-only = Esta página es solo para administradores.
error-page-staff-only = Esta página es solo para el personal de acceso y los administradores.
error-through-load-balancer = Las solicitudes deben pasar por el balanceador de carga.
error-cross-site = No se aceptan solicitudes desde otros sitios.
error-email-unverified = Primero confirma tu dirección de correo: usa el enlace que te enviamos o pide otro desde tu cuenta.
error-method-not-allowed = Esta dirección no admite ese método.
error-payload-too-large = Ese archivo ocupa más de 10 MB.
error-busy = Ahora mismo tenemos mucha demanda; vuelve a intentarlo en un momento.
error-internal = Algo ha fallado por nuestra parte. Lo hemos registrado.
error-image-format = no es una imagen JPEG, PNG ni WebP
error-image-unreadable = no se ha podido leer como imagen ({ $why })
error-stale-version = Otra persona ha guardado este evento desde que lo abriste (editaste la versión { $expected }; ahora es la versión { $current }). Vuelve a cargarlo y repite tu cambio.
error-event-has-orders = Este evento tiene pedidos, así que no se puede borrar. Cancélalo en su lugar (estado «cancelled»): se detiene la venta y se conservan sus pedidos.

## Not found
error-not-found-account = No hemos encontrado esa cuenta.
error-not-found-checkout = No hemos encontrado ese pago.
error-not-found-door-staff = No hemos encontrado a esa persona del personal de acceso.
error-not-found-download-link = No hemos encontrado ese enlace de descarga.
error-not-found-event = No hemos encontrado ese evento.
error-not-found-file = No hemos encontrado ese archivo.
error-not-found-invoice = No hemos encontrado esa factura.
error-not-found-order = No hemos encontrado ese pedido.
error-not-found-payment = No hemos encontrado ese pago.
error-not-found-receipt = No hemos encontrado ese cobro.
error-not-found-refund = No hemos encontrado ese reembolso.
error-not-found-ticket = No hemos encontrado esa entrada.
error-not-found-page = No hay nada en esta dirección.

## Accounts
error-bad-credentials = Ese correo y esa contraseña no corresponden a ninguna cuenta.
error-not-this-accounts-password = Esa no es la contraseña de la cuenta que confirma este enlace.
error-link-invalid = Este enlace ha caducado o ya se ha usado. Pide uno nuevo.
error-not-current-password = no es tu contraseña actual
error-this-field = Este campo { $problem }.
error-new-password = La nueva contraseña { $problem }.
notice-signup-sent = Revisa tu bandeja de entrada: te hemos enviado un enlace para confirmar tu correo y terminar el registro.
notice-signup-sent-48h = Revisa tu bandeja de entrada: te hemos enviado un enlace para confirmar tu correo y terminar el registro. Funciona durante 48 horas.
notice-reset-sent = Si alguna cuenta usa ese correo, le hemos enviado un enlace para elegir una contraseña nueva. Funciona durante una hora.
notice-already-confirmed = Tu dirección de correo ya está confirmada.
notice-link-sent = Te hemos enviado un nuevo enlace para confirmar tu dirección de correo.
notice-check-inbox = Revisa tu bandeja de entrada
notice-password-changed = Tu contraseña se ha cambiado. Se ha cerrado la sesión en tus otros dispositivos.
notice-email-confirmed = Gracias: tu dirección de correo está confirmada.
notice-confirm-email = Confirma tu dirección de correo
notice-link-confirms = Este enlace confirma { $email }. Escribe la contraseña que elegiste al registrarte.
notice-ask-new-link = Inicia sesión y pide un enlace nuevo desde tu cuenta.
notice-choose-password = Elige una contraseña nueva

## What is wrong with a field (said after the field's name)
error-no-control-characters = no puede contener caracteres de control
error-no-invisible-characters = no puede contener caracteres de control ni de formato invisibles
error-no-nul = no puede contener caracteres NUL
error-required = es obligatorio
error-min-characters = debe tener al menos { $min } caracteres
error-max-characters = debe tener como máximo { $max } caracteres
error-at-most = no puede pasar de { $max }
error-at-most-languages = no puede pasar de { $max } idiomas
error-between = debe estar entre { $min } y { $max }
error-not-negative = no puede ser negativo
error-too-large = es demasiado grande
error-appears-twice = aparece dos veces
error-not-a-time = { $value } no es una hora como 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } no es una fecha como 2026-12-31
error-not-an-amount = { $value } no es un importe como 25 o 25.50
error-not-a-limit = { $value } no es un número del 1 al 100
error-not-a-cursor = no es un cursor que haya dado esta API
error-cursor-other-query = pertenece a otra consulta
error-unreadable-query = parámetros ilegibles: { $why }
error-not-an-id = { $kind ->
    [order] { $value } no es un identificador de pedido (un UUID)
    [account] { $value } no es un identificador de cuenta (un UUID)
    [payment] { $value } no es un identificador de pago (un UUID)
    [refund] { $value } no es un identificador de reembolso (un UUID)
   *[event] { $value } no es un identificador de evento (un UUID)
}
error-not-a-payment-method = { $value } no es una forma de pago; usa card, btc, lightning, eth, usdc, usdt o eurc
error-not-an-email = no es una dirección de correo como ana@example.org

## The event form and the admin API's validation
error-unknown-category = categoría desconocida; usa una de estas: { $known }
error-unknown-category-named = categoría desconocida { $category }; usa una de estas: { $known }
error-from-after-to = { $from } es posterior a la fecha final ({ $to })
error-not-a-country = no es un código de país ISO 3166-1 como PT
error-ends-after-start = debe ser posterior al inicio (starts_at)
error-not-a-time-zone = no es una zona horaria IANA como Europe/Lisbon
error-not-a-language = no es un código de idioma como { $example }
error-event-status = debe ser draft, published o cancelled
error-name-taken = ya lo usa otro tipo de entrada
error-same-currency = debe ser { $currency }, como los demás tipos de entrada del evento
error-published-needs-ticket-type = un evento publicado necesita al menos un tipo de entrada
error-currency-required = es obligatoria mientras el evento no tenga tipos de entrada
error-own-language = es el idioma original del evento ({ $language })
error-second-translation = es una segunda traducción al mismo idioma
error-translation-names = nombra { $names } tipos de entrada; el evento tiene { $types }
error-currency-change = solo puede cambiar junto con ticket_types, indicando de nuevo cada precio en la nueva moneda
error-capacity-below-taken = no puede ser menor que las { $taken } entradas ya vendidas o reservadas
error-capacity-below-sold = no puede ser menor que las entradas ya vendidas o reservadas

## Money
error-unknown-currency = { $code } no es un código de moneda ISO 4217 (como EUR, JPY o CAD)
error-card-whole-units = los pagos con tarjeta en { $currency } deben ser unidades enteras de { $currency } (Stripe no puede cobrar fracciones)
error-card-three-decimals = los pagos con tarjeta en { $currency } deben ser múltiplos de 0,010 { $currency } (regla de Stripe para monedas con tres decimales)
error-amount-too-large = el importe es demasiado alto

## Check-in and downloads
error-void-refunded = se ha reembolsado
error-void-disputed = su pago está en disputa
error-void-event-cancelled = el evento se ha cancelado
error-void-voided = se ha anulado
error-checkin-other-event = Esta entrada es para otro evento: { $event }.
error-checkin-already = Ya registrada el { $when }: entrada { $serial } ({ $holder }).
error-checkin-voided = La entrada { $serial } no da acceso: { $why }.
error-checkin-void = El pedido de esta entrada no está pagado (estado: { $status }); no da acceso.
error-download-expired = Este enlace de descarga ha caducado. Inicia sesión y descarga tus entradas desde tu cuenta.
error-tickets-voided = { $reason ->
    [disputed] Estas entradas ya no dan acceso: su pago está en disputa. La página del pedido indica qué se ha devuelto.
    [event_cancelled] Estas entradas ya no dan acceso: el evento se ha cancelado. La página del pedido indica qué se ha devuelto.
   *[other] Estas entradas ya no dan acceso: se han reembolsado. La página del pedido indica qué se ha devuelto.
}

## The admin API
error-already-delivered = Estas entradas ya se han entregado.
error-delivery-status = { $value } no es pending, sent ni failed
error-refund-not-cancellable = { $status ->
    [succeeded] Este reembolso ya se ha completado y no se puede cancelar.
    [failed] Este reembolso ha fallado y ya no se puede cancelar.
    [cancelled] Este reembolso ya estaba cancelado.
   *[other] Este reembolso ya está en camino y no se puede cancelar.
}
error-refund-status = debe ser requested, sent, succeeded, failed o cancelled
error-idempotency-key-required = es obligatoria: de 1 a 255 caracteres ASCII visibles
error-from-after-to-plain = no puede ser posterior a la fecha final (to)
error-rail = { $value } no es card, btc ni eth
error-one-of = { $value } no es ninguno de estos: { $known }
error-true-or-false = { $value } no es true ni false
error-json-or-csv = { $value } no es json ni csv
error-resolution-note = explica qué se ha hecho, en 1 a 2000 caracteres
error-nothing-to-resolve = Este cobro no tiene ninguna discrepancia que resolver.
error-already-resolved = Esta discrepancia ya se había resuelto.
error-report-days = un informe abarca como máximo { $max } días
error-tickets-or-amount = indica entradas o un importe, no ambas cosas
error-name-a-ticket = debe indicar al menos una entrada
error-hours-before = debe estar entre 0 y 8760 horas
error-whole-tickets = debe ser un número entero de entradas
error-staff-no-account = Ninguna cuenta usa este correo; pídele que se registre primero.
error-staff-unverified = Esta cuenta aún no ha confirmado su correo; pídele que use el enlace que le enviamos.
error-staff-is-admin = Esta cuenta es de administrador; los administradores ya pueden registrar entradas.
error-staff-not-door = Esta cuenta no es del personal de acceso.

## Refunds
error-refund-key-reused = Esta clave de idempotencia ya se usó para otro reembolso.
error-refund-not-paid = Solo se puede reembolsar un pedido pagado (estado: { $status }).
error-refund-too-much = Es más de lo que queda por reembolsar de este pago ({ $left } en su unidad mínima).
error-refund-nothing-left = Todo lo que recibió este pago ya se ha reembolsado o se está reembolsando.
error-refund-zero = El importe debe ser mayor que cero.
error-refund-unknown-ticket = La entrada { $ticket } no es de este pedido.
error-refund-ticket-voided = La entrada { $serial } ya se había reembolsado o anulado.
error-refund-checked-in = La entrada { $serial } ya se ha usado para entrar; reembolsarla requiere la autorización expresa de un administrador.
error-refund-not-issued = Las entradas de este pedido aún se están emitiendo; vuelve a intentarlo dentro de un minuto.
error-refund-stock-taken = No se pueden devolver todas las entradas: se vendieron a otra persona después de devolverse.
error-refund-only-paid = Solo se puede cancelar con reembolso un pedido pagado.
error-refund-event-cancelled = El evento se ha cancelado: tu reembolso ya está en camino sin que tengas que pedirlo.
error-refund-no-policy = El organizador de este evento no ofrece reembolsos a petición.
error-refund-too-late = Ya es demasiado tarde para cancelar este pedido con reembolso.
error-refund-free-order = Este pedido era gratuito: no hay nada que reembolsar.
error-refund-cancelled-already = Ya cancelaste este pedido; su reembolso aparece en él.
error-refund-overpaid = Pagaste más que el importe del pedido; pídeselo al organizador, que te devolverá ambas cosas.
error-refund-partly-refunded = Parte de este pedido ya se ha reembolsado; pregunta al organizador.
error-refund-no-btc-output = No consta ningún pago en bitcoin liquidado de esta factura: reembólsala en BTCPay Server.
error-refund-no-chain-payment = No consta ningún pago confirmado de este pedido en la cadena: todavía no se puede devolver nada.
error-refund-reorged = El pago de este pedido salió de la cadena después de confirmarse: contabilidad debe revisarlo antes de devolver nada.
error-refund-wrong-token = Este pedido se pagó con un token distinto del presupuestado: reembólsalo a mano.
error-refund-unreadable-btc = No se ha podido leer un pago de esta factura (ver /admin/finance): reembólsala en BTCPay Server, o cuando se pueda leer.
error-refund-nothing-due = No hay nada que devolver de este pago.
error-refund-btc-unsettled = Aún no consta ningún pago en bitcoin liquidado de esta factura: no se puede devolver nada hasta que se liquide.
error-refund-no-reference = Este pago no tiene referencia con la que reembolsarlo: reembólsalo en su proveedor.
error-refund-not-stray = No es un pago confirmado de un pedido que nunca presupuestamos: reembolsa su pedido.
error-refund-unknown-token = Se pagó con un token que Tessera nunca ha presupuestado: reembólsalo a mano desde la cartera de reembolsos.

## The Ethereum sandbox
error-nothing-to-pay = No queda nada por pagar en este pedido.
error-chain-silent = la cadena local no ha respondido
error-sandbox-could-not-pay = El entorno de pruebas no ha podido pagar este pedido: { $why }. Tu pedido no ha cambiado y sus entradas siguen reservadas.

## Near a place
error-not-a-place = { $value } no es un lugar como 38.7139,-9.1334 (latitud,longitud)
error-not-a-radius = { $value } no es una distancia de 0,1 a 20016 km
error-radius-without-near = necesita near, el lugar desde el que medir
error-distance-without-near = distance necesita near, el lugar desde el que medir
error-sort = { $value } no es una forma de ordenar: usa distance

error-tracking-part = usa letras, dígitos, puntos, guiones y guiones bajos (60 como máximo), empezando por una letra o un dígito
error-link-exists = este evento ya tiene un enlace con esta fuente, este medio y esta campaña
error-market-table = { $value } no es una tabla del informe; usa una de estas: { $known }

notice-home-saved = Guardado. ¡Gracias!
notice-home-declined = Entendido: no volveremos a preguntar.

error-interest-empty = Indica una ciudad, un tipo de evento o algunas palabras.

error-interest-words = Usa palabras que digan lo que buscas (estas son demasiado comunes para buscar).
error-interest-too-many = Ya esperas noticias de { $max } peticiones; retira una primero.
error-delete-staff = Las cuentas del personal de acceso no se pueden eliminar aquí: pide primero a un administrador que te quite del equipo.
error-delete-unpaid-order = Tienes un pedido pendiente de pago. Págalo o cancélalo (o deja que caduque la reserva) y después elimina tu cuenta.
error-delete-refund-under-way = Hay un reembolso en camino o te debemos dinero. Podrás eliminar tu cuenta cuando lo hayas recibido.
error-delete-tickets-being-sent = Todavía te estamos enviando las entradas por correo. Vuelve a intentarlo en unos minutos.
error-delete-admin = Las cuentas de administración no se pueden eliminar desde la tienda.
error-delete-bitcoin-tickets = Pagaste en bitcoin entradas para un evento que aún no ha tenido lugar: si se cancelara, reclamarías el reembolso con un enlace que te enviamos por correo. Podrás eliminar tu cuenta cuando haya pasado el evento.
error-metrics-forbidden = Las métricas solo se sirven a las direcciones que permite el operador (TESSERA_METRICS_FROM), nunca a través del balanceador de carga.
