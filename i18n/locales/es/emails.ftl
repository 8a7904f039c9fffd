## Account and refund emails
email-account-verify-subject = Confirma tu dirección de correo para Tessera
email-account-verify-intro = Confirma que esta es tu dirección de correo para que podamos enviarte aquí tus entradas.
email-account-verify-action = Confirmar mi dirección de correo
email-account-hours =
    { $hours ->
        [one] una hora
       *[other] { $hours } horas
    }
email-account-verify-note = El enlace funciona una sola vez, durante { $valid }. Si no te has registrado en Tessera, ignora este correo: sin el enlace no pasa nada.
email-account-reset-subject = Restablece tu contraseña de Tessera
email-account-reset-intro = Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de Tessera.
email-account-reset-action = Elegir una contraseña nueva
email-account-reset-link = Elige una nueva aquí:
email-account-reset-note = El enlace funciona una sola vez, durante { $valid }. Al usarlo, se cerrará la sesión en todos los dispositivos conectados a tu cuenta. Si no lo has pedido tú, ignora este correo: tu contraseña seguirá siendo la misma.
email-account-registered-subject = Ya tienes una cuenta en Tessera
email-account-registered-intro = Alguien (esperamos que tú) ha intentado registrarse en Tessera con esta dirección de correo, que ya tiene una cuenta.
email-account-registered-action = Iniciar sesión
email-account-registered-link = Inicia sesión aquí:
email-account-registered-forgot = ¿Has olvidado tu contraseña?
email-account-registered-new-password = Consigue una nueva
email-account-registered-reset-link = Consigue una nueva aquí:
email-account-registered-ignore = Si no has sido tú, ignora este correo: no ha cambiado nada.
email-refund-subject = Tu reembolso de { $amount }: { $event }
email-refund-claim-subject = Reclama tu reembolso de { $amount }: { $event }
email-refund-heading = { $amount } reembolsados
email-refund-sent-card = Te hemos reembolsado { $amount } en la tarjeta con la que pagaste.
email-refund-sent-btc = Te hemos reembolsado { $amount } en bitcoin: reclámalo con tu propia dirección (on-chain o Lightning) en el enlace de abajo.
email-refund-sent-crypto = Te hemos reembolsado { $amount } a la dirección desde la que pagaste, en el mismo activo.
email-refund-when-label = Cuándo lo recibirás:
email-refund-when-card = los reembolsos con tarjeta suelen aparecer en tu extracto en un plazo de 5 a 10 días hábiles, según tu banco
email-refund-when-btc = cuando lo reclames, en cuanto se confirme la transacción
email-refund-when-crypto = en cuanto se confirme la transacción
email-refund-why-customer = Has cancelado tu pedido.
email-refund-why-event-cancelled = El evento se ha cancelado; lo sentimos.
email-refund-why-money-due-back = Tu pago no se ha podido aplicar al pedido, así que te lo devolvemos.
email-refund-why-organiser = El organizador ha reembolsado tu pedido.
email-refund-ticket-cancelled = Tu entrada queda cancelada.
email-refund-all-cancelled = Tus { $count } entradas quedan canceladas.
email-refund-tickets-valid = Tus entradas siguen siendo válidas.
email-refund-some-cancelled =
    { $back ->
        [one] Se ha cancelado 1 de tus { $count } entradas; las demás siguen siendo válidas.
       *[other] Se han cancelado { $back } de tus { $count } entradas; las demás siguen siendo válidas.
    }
email-refund-claim-button = Reclamar el reembolso
email-refund-claim-here = Reclámalo aquí:
email-refund-reply = Si algo no cuadra, responde a este correo.

email-offer-subject = Hay entradas para { $event } esperándote
email-offer-intro = Han quedado libres entradas para { $event } y eras el siguiente en la lista de espera: { $quantity } × { $ticket } están reservadas para ti hasta el { $until }.
email-offer-action = Pagar tus entradas
email-offer-note = Si no pagas antes, pasarán a la siguiente persona de la lista; no tienes que hacer nada para renunciar a ellas.

email-interest-subject = { $event } ya está a la venta: nos pediste que te avisáramos
email-interest-intro = Nos pediste que te avisáramos cuando hubiera algo así: { $event }, en { $city }, { $when }.
email-interest-action = Ver el evento
email-interest-note = Es el único correo sobre esta petición; vuelve a pedirlo en Tessera para enterarte del siguiente.
