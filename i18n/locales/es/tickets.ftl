## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Gratis
ticket-document-title = Entradas: { $title }
ticket-heading = TESSERA · ENTRADA
ticket-of = Entrada { $number } de { $count }
ticket-starts = { $date }, { $time } ({ $zone })
ticket-type-label = TIPO DE ENTRADA
ticket-holder-label = TITULAR
ticket-price-label = PRECIO PAGADO
ticket-order-label = PEDIDO
ticket-serial-label = NÚMERO DE SERIE
ticket-door-note = Muestra esta página en la entrada, impresa o en el móvil. El código QR da acceso a una persona, una sola vez: lo firma Tessera y se comprueba al escanearlo, así que una copia no entra dos veces. Lleva un documento de identidad con foto a nombre del titular.
email-tickets-subject =
    { $count ->
        [one] Tu entrada para { $event }
       *[other] Tus entradas para { $event }
    }
email-hello = Hola, { $name }:
email-tickets-attached =
    { $count ->
        [one] Tu entrada va adjunta a este correo en PDF.
       *[other] Tus { $count } entradas van adjuntas a este correo en PDF.
    }
email-when-label = Cuándo:
email-where-label = Dónde:
email-bring-heading = Qué llevar
email-bring-pdf = El PDF, impreso o en el móvil: cada página lleva un código QR que da acceso a una persona, una sola vez.
email-bring-id = Un documento de identidad con foto a nombre del titular de las entradas.
email-download-button = Descargar tus entradas
email-download-expires = No hace falta iniciar sesión; el enlace funciona hasta el { $date }.
email-download-again = Para descargar de nuevo las entradas (sin iniciar sesión; el enlace funciona hasta el { $date }):
email-order-label = Pedido
email-your-order = Tu pedido { $reference }:
email-see-you = ¡Nos vemos allí!
