## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = daqui a um segundo
error-retry-seconds = { $count ->
    [one] daqui a { $count } segundo
   *[other] daqui a { $count } segundos
}
error-retry-minutes = { $count ->
    [one] daqui a { $count } minuto
   *[other] daqui a { $count } minutos
}
error-retry-hours = { $count ->
    [one] daqui a { $count } hora
   *[other] daqui a { $count } horas
}
error-too-many-logins = Demasiadas tentativas de entrar. Tente novamente { $when }.
error-too-many-passwords = Demasiadas tentativas de palavra-passe. Tente novamente { $when }.
error-too-many-signups = Demasiados registos. Tente novamente { $when }.
error-too-many-emails = Demasiados pedidos de e-mail. Tente novamente { $when }.
error-too-many-resets = Demasiadas tentativas de repor a palavra-passe. Tente novamente { $when }.
error-too-many-purchases = Demasiadas compras seguidas. Tente novamente { $when }.

## Buying
error-idempotency-key-reused = Esta Idempotency-Key já foi usada noutra compra; use uma nova.
error-ticket-limit = { $limit ->
    [one] Pode comprar no máximo { $limit } bilhete para este evento.
   *[other] Pode comprar no máximo { $limit } bilhetes para este evento.
}
error-ticket-limit-already = { $limit ->
    [one] Pode reservar ou comprar no máximo { $limit } bilhete para este evento, e já tem { $already }.
   *[other] Pode reservar ou comprar no máximo { $limit } bilhetes para este evento, e já tem { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] Já tem uma encomenda por pagar. Pague-a ou cancele-a antes de começar outra.
   *[other] Já tem { $limit } encomendas por pagar. Pague ou cancele uma antes de começar outra.
}
error-sold-out = { $count ->
    [0] { $name }: esgotado.
    [one] { $name }: só resta 1 bilhete.
   *[other] { $name }: só restam { $count } bilhetes.
}
error-sold-out-short = { $count ->
    [0] { $name }: esgotado.
    [one] { $name }: só resta 1.
   *[other] { $name }: só restam { $count }.
}
error-choose-tickets = Escolha os bilhetes: { $problem }.
error-field-problem = { $field }: { $problem }.
error-event-cancelled = Este evento foi cancelado; não há bilhetes à venda.
error-event-started = Este evento já começou; os bilhetes já não estão à venda.
error-none-on-sale-yet = Ainda não há bilhetes à venda para este evento.
error-idempotency-key = deve ter de 1 a 255 caracteres ASCII visíveis
error-not-a-ticket-type-here = não é um tipo de bilhete deste evento
error-total-too-large = o total é demasiado elevado
error-choose-a-ticket = escolha pelo menos um bilhete
error-at-least-one = deve ser pelo menos 1
error-ticket-type-twice = aparece duas vezes; indique a quantidade total uma só vez
error-tickets-per-order = no máximo { $max } bilhetes por encomenda (pediu { $total })
error-whole-number-up-to = deve ser um número inteiro de 1 a { $max }
error-method-unavailable = Aqui não é possível pagar com { $method }; escolha outra forma de pagamento.
error-chain-unavailable = Aqui não se aceita { $method } nessa rede; escolha outra rede ou outra forma de pagamento.
error-not-cancellable = Esta encomenda já não pode ser cancelada (estado: { $status }).
error-payment-in-progress = Está a ser confirmado um pagamento desta encomenda, por isso não pode ser cancelada agora.
error-rail-switch-closed = Esta encomenda já não aguarda pagamento, por isso a forma de pagamento não pode mudar.
error-rail-switch-seen = Está a ser confirmado um pagamento desta encomenda, por isso a forma de pagamento não pode mudar agora.
error-rail-switch-quoted = Esta encomenda recebeu uma cotação em { $asset }, que não pode ser retirada: pague em { $asset }, com cartão ou em bitcoin, não em { $wanted }.
error-rail-switch-quote-left = A cotação em { $asset } desta encomenda foi deixada por outra forma de pagamento e não pode ser dada de novo. Pague com cartão ou em bitcoin.
error-rail-switch-failed = Não foi possível abrir essa forma de pagamento; nada foi cobrado e os seus bilhetes continuam reservados. Tente de novo ou escolha outra.
error-checkout-in-progress = O pagamento desta encomenda ainda está a ser preparado. Tente novamente daqui a pouco.
error-payment-refused-because = Esta compra não pode ser paga desta forma ({ $reason }): nada foi cobrado e os bilhetes foram libertados.
error-payment-refused = O prestador de pagamentos recusou esta compra: nada foi cobrado e os bilhetes foram libertados. Contacte-nos se voltar a acontecer.
error-payment-unavailable = Não conseguimos contactar o prestador de pagamentos: nada foi cobrado e os bilhetes foram libertados. Tente novamente daqui a pouco.
error-payment-unavailable-short = Não conseguimos contactar o prestador de pagamentos; nada foi cobrado. Tente novamente.

## Refusals and failures
error-invalid-body = Não conseguimos ler este pedido: { $why }
error-log-in-first = Entre primeiro na sua conta.
error-admins-only = Para isto é preciso uma conta de administrador.
error-staff-only = Para isto é preciso uma conta de controlo de entradas ou de administrador.
error-page-admins-only = Esta página é só para administradores.
error-page-staff-only = Esta página é só para o controlo de entradas e administradores.
error-through-load-balancer = Os pedidos têm de passar pelo balanceador de carga.
error-cross-site = Não são aceites pedidos vindos de outros sites.
error-email-unverified = Confirme primeiro o seu endereço de e-mail: use a ligação que lhe enviámos ou peça uma nova na página da sua conta.
error-method-not-allowed = Este endereço não aceita esse método.
error-payload-too-large = Esse ficheiro tem mais de 10 MB.
error-busy = Estamos com muita procura neste momento; tente novamente daqui a pouco.
error-internal = Algo correu mal do nosso lado. Ficou registado.
error-image-format = não é uma imagem JPEG, PNG ou WebP
error-image-unreadable = não pôde ser lida como imagem ({ $why })
error-stale-version = Outra pessoa guardou este evento depois de o abrir (editou a versão { $expected }; agora é a versão { $current }). Recarregue-o e volte a fazer a alteração.
error-event-has-orders = Este evento tem encomendas, por isso não pode ser apagado. Cancele-o em vez disso (estado «cancelled»): as vendas param e as encomendas são guardadas.

## Not found
error-not-found-account = Não encontrámos essa conta.
error-not-found-checkout = Não encontrámos esse pagamento.
error-not-found-door-staff = Não encontrámos esse membro do controlo de entradas.
error-not-found-download-link = Não encontrámos essa ligação de transferência.
error-not-found-event = Não encontrámos esse evento.
error-not-found-file = Não encontrámos esse ficheiro.
error-not-found-invoice = Não encontrámos essa fatura.
error-not-found-order = Não encontrámos essa encomenda.
error-not-found-payment = Não encontrámos esse pagamento.
error-not-found-receipt = Não encontrámos esse recebimento.
error-not-found-refund = Não encontrámos esse reembolso.
error-not-found-ticket = Não encontrámos esse bilhete.
error-not-found-page = Não há nada neste endereço.

## Accounts
error-bad-credentials = Esse e-mail e essa palavra-passe não correspondem a nenhuma conta.
error-not-this-accounts-password = Essa não é a palavra-passe da conta que esta ligação confirma.
error-link-invalid = Esta ligação expirou ou já foi usada. Peça uma nova.
error-not-current-password = não é a sua palavra-passe atual
error-this-field = Este campo { $problem }.
error-new-password = A nova palavra-passe { $problem }.
notice-signup-sent = Veja a sua caixa de correio: enviámos-lhe uma ligação para confirmar o seu e-mail e concluir o registo.
notice-signup-sent-48h = Veja a sua caixa de correio: enviámos-lhe uma ligação para confirmar o seu e-mail e concluir o registo. É válida durante 48 horas.
notice-reset-sent = Se alguma conta usar esse e-mail, enviámos-lhe uma ligação para escolher uma nova palavra-passe. É válida durante uma hora.
notice-already-confirmed = O seu endereço de e-mail já está confirmado.
notice-link-sent = Enviámos-lhe uma nova ligação para confirmar o seu endereço de e-mail.
notice-check-inbox = Veja a sua caixa de correio
notice-password-changed = A sua palavra-passe foi alterada. A sessão foi terminada nos outros dispositivos.
notice-email-confirmed = Obrigado: o seu endereço de e-mail está confirmado.
notice-confirm-email = Confirme o seu endereço de e-mail
notice-link-confirms = Esta ligação confirma { $email }. Introduza a palavra-passe que escolheu ao registar-se.
notice-ask-new-link = Entre na sua conta e peça uma nova ligação na página da conta.
notice-choose-password = Escolha uma nova palavra-passe

## What is wrong with a field (said after the field's name)
error-no-control-characters = não pode conter caracteres de controlo
error-no-invisible-characters = não pode conter caracteres de controlo nem de formatação invisíveis
error-no-nul = não pode conter caracteres NUL
error-required = é obrigatório
error-min-characters = deve ter pelo menos { $min } caracteres
error-max-characters = deve ter no máximo { $max } caracteres
error-at-most = não pode passar de { $max }
error-at-most-languages = não pode passar de { $max } línguas
error-between = deve estar entre { $min } e { $max }
error-not-negative = não pode ser negativo
error-too-large = é demasiado grande
error-appears-twice = aparece duas vezes
error-not-a-time = { $value } não é uma hora como 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } não é uma data como 2026-12-31
error-not-an-amount = { $value } não é um montante como 25 ou 25.50
error-not-a-limit = { $value } não é um número de 1 a 100
error-not-a-cursor = não é um cursor fornecido por esta API
error-cursor-other-query = pertence a outra pesquisa
error-unreadable-query = parâmetros ilegíveis: { $why }
error-not-an-id = { $kind ->
    [order] { $value } não é um identificador de encomenda (um UUID)
    [account] { $value } não é um identificador de conta (um UUID)
    [payment] { $value } não é um identificador de pagamento (um UUID)
    [refund] { $value } não é um identificador de reembolso (um UUID)
   *[event] { $value } não é um identificador de evento (um UUID)
}
error-not-a-payment-method = { $value } não é uma forma de pagamento; use card, btc, lightning, eth, usdc, usdt ou eurc
error-not-an-email = não é um endereço de e-mail como ana@example.org

## The event form and the admin API's validation
error-unknown-category = categoria desconhecida; use uma destas: { $known }
error-unknown-category-named = categoria desconhecida { $category }; use uma destas: { $known }
error-from-after-to = { $from } é depois da data final ({ $to })
error-not-a-country = não é um código de país ISO 3166-1 como PT
error-ends-after-start = deve ser depois do início (starts_at)
error-not-a-time-zone = não é um fuso horário IANA como Europe/Lisbon
error-not-a-language = não é um código de língua como { $example }
error-event-status = deve ser draft, published ou cancelled
error-name-taken = já é usado por outro tipo de bilhete
error-same-currency = deve ser { $currency }, como os outros tipos de bilhete do evento
error-published-needs-ticket-type = um evento publicado precisa de pelo menos um tipo de bilhete
error-currency-required = é obrigatória enquanto o evento não tiver tipos de bilhete
error-own-language = é a língua original do evento ({ $language })
error-second-translation = é uma segunda tradução para a mesma língua
error-translation-names = nomeia { $names } tipos de bilhete; o evento tem { $types }
error-currency-change = só pode mudar em conjunto com ticket_types, indicando de novo cada preço na nova moeda
error-capacity-below-taken = não pode ser inferior aos { $taken } bilhetes já vendidos ou reservados
error-capacity-below-sold = não pode ser inferior aos bilhetes já vendidos ou reservados

## Money
error-unknown-currency = { $code } não é um código de moeda ISO 4217 (como EUR, JPY ou CAD)
error-card-whole-units = os pagamentos com cartão em { $currency } têm de ser unidades inteiras de { $currency } (a Stripe não consegue cobrar frações)
error-card-three-decimals = os pagamentos com cartão em { $currency } têm de ser múltiplos de 0,010 { $currency } (regra da Stripe para moedas com três casas decimais)
error-amount-too-large = o montante é demasiado elevado

## Check-in and downloads
error-void-refunded = foi reembolsado
error-void-disputed = o pagamento está a ser contestado
error-void-event-cancelled = o evento foi cancelado
error-void-voided = foi anulado
error-checkin-other-event = Este bilhete é para outro evento: { $event }.
error-checkin-already = Já registado em { $when }: bilhete { $serial } ({ $holder }).
error-checkin-voided = O bilhete { $serial } não dá entrada: { $why }.
error-checkin-void = A encomenda deste bilhete não está paga (estado: { $status }); não dá entrada.
error-download-expired = Esta ligação de transferência expirou. Entre na sua conta e transfira os bilhetes a partir dela.
error-tickets-voided = { $reason ->
    [disputed] Estes bilhetes já não dão entrada: o pagamento está a ser contestado. A página da encomenda indica o que foi devolvido.
    [event_cancelled] Estes bilhetes já não dão entrada: o evento foi cancelado. A página da encomenda indica o que foi devolvido.
   *[other] Estes bilhetes já não dão entrada: foram reembolsados. A página da encomenda indica o que foi devolvido.
}

## The admin API
error-already-delivered = Estes bilhetes já foram entregues.
error-delivery-status = { $value } não é pending, sent nem failed
error-refund-not-cancellable = { $status ->
    [succeeded] Este reembolso já foi concluído e não pode ser cancelado.
    [failed] Este reembolso falhou e já não pode ser cancelado.
    [cancelled] Este reembolso já tinha sido cancelado.
   *[other] Este reembolso já está a caminho e não pode ser cancelado.
}
error-refund-status = deve ser requested, sent, succeeded, failed ou cancelled
error-idempotency-key-required = é obrigatória: de 1 a 255 caracteres ASCII visíveis
error-from-after-to-plain = não pode ser depois da data final (to)
error-rail = { $value } não é card, btc nem eth
error-one-of = { $value } não é nenhum destes: { $known }
error-true-or-false = { $value } não é true nem false
error-json-or-csv = { $value } não é json nem csv
error-resolution-note = diga o que foi feito, em 1 a 2000 caracteres
error-nothing-to-resolve = Este recebimento não tem nenhuma discrepância por resolver.
error-already-resolved = Esta discrepância já tinha sido resolvida.
error-report-days = um relatório abrange no máximo { $max } dias
error-tickets-or-amount = indique bilhetes ou um montante, não ambos
error-name-a-ticket = deve indicar pelo menos um bilhete
error-hours-before = deve estar entre 0 e 8760 horas
error-whole-tickets = deve ser um número inteiro de bilhetes
error-staff-no-account = Nenhuma conta usa este e-mail; peça-lhe que se registe primeiro.
error-staff-unverified = Esta conta ainda não confirmou o e-mail; peça-lhe que use a ligação que enviámos.
error-staff-is-admin = Esta conta é de administrador; os administradores já podem registar entradas.
error-staff-not-door = Esta conta não pertence ao controlo de entradas.

## Refunds
error-refund-key-reused = Esta chave de idempotência já foi usada noutro reembolso.
error-refund-not-paid = Só uma encomenda paga pode ser reembolsada (estado: { $status }).
error-refund-too-much = É mais do que resta reembolsar deste pagamento ({ $left } na unidade mais pequena).
error-refund-nothing-left = Tudo o que este pagamento recebeu já foi reembolsado ou está a sê-lo.
error-refund-zero = O montante tem de ser superior a zero.
error-refund-unknown-ticket = O bilhete { $ticket } não pertence a esta encomenda.
error-refund-ticket-voided = O bilhete { $serial } já foi reembolsado ou anulado.
error-refund-checked-in = O bilhete { $serial } já deu entrada; reembolsá-lo exige a autorização expressa de um administrador.
error-refund-not-issued = Os bilhetes desta encomenda ainda estão a ser emitidos; tente novamente daqui a um minuto.
error-refund-stock-taken = Nem todos os bilhetes podem ser devolvidos: foram vendidos a outra pessoa depois de voltarem à venda.
error-refund-only-paid = Só uma encomenda paga pode ser cancelada com reembolso.
error-refund-event-cancelled = O evento foi cancelado: o seu reembolso já está a caminho, sem ter de o pedir.
error-refund-no-policy = O organizador deste evento não oferece reembolsos a pedido.
error-refund-too-late = Já é tarde demais para cancelar esta encomenda com reembolso.
error-refund-free-order = Esta encomenda foi gratuita: não há nada a reembolsar.
error-refund-cancelled-already = Já cancelou esta encomenda; o reembolso aparece nela.
error-refund-overpaid = Pagou mais do que o valor da encomenda; peça ao organizador, que devolve ambos.
error-refund-partly-refunded = Parte desta encomenda já foi reembolsada; fale com o organizador.
error-refund-no-btc-output = Não há registo de nenhum pagamento em bitcoin liquidado desta fatura: reembolse-a no BTCPay Server.
error-refund-no-chain-payment = Não há registo de nenhum pagamento confirmado desta encomenda na cadeia: ainda nada pode ser devolvido.
error-refund-reorged = O pagamento desta encomenda saiu da cadeia depois de confirmado: a contabilidade tem de verificar antes de devolver o que quer que seja.
error-refund-wrong-token = Esta encomenda foi paga num token diferente do cotado: reembolse-a manualmente.
error-refund-unreadable-btc = Não foi possível ler um pagamento desta fatura (ver /admin/finance): reembolse-a no BTCPay Server, ou quando puder ser lido.
error-refund-nothing-due = Não há nada a devolver deste pagamento.
error-refund-btc-unsettled = Ainda não há registo de nenhum pagamento em bitcoin liquidado desta fatura: nada pode ser devolvido até ser liquidado.
error-refund-no-reference = Este pagamento não tem referência pela qual reembolsar: reembolse-o no prestador.
error-refund-not-stray = Não é um pagamento confirmado de um identificador de encomenda nunca cotado: reembolse antes a encomenda.
error-refund-unknown-token = Foi pago num token que a Tessera nunca cotou: reembolse-o manualmente a partir da carteira de reembolsos.

## The Ethereum sandbox
error-nothing-to-pay = Não há mais nada a pagar nesta encomenda.
error-chain-silent = a cadeia local não respondeu
error-sandbox-could-not-pay = A sandbox não conseguiu pagar esta encomenda: { $why }. A encomenda não mudou e os bilhetes continuam reservados.

## Near a place
error-not-a-place = { $value } não é um local como 38.7139,-9.1334 (latitude,longitude)
error-not-a-radius = { $value } não é uma distância de 0,1 a 20016 km
error-radius-without-near = precisa de near, o local a partir do qual medir
error-distance-without-near = distance precisa de near, o local a partir do qual medir
error-sort = { $value } não é uma forma de ordenar: use distance

error-tracking-part = use letras, algarismos, pontos, hífenes e sublinhados (no máximo 60), começando por uma letra ou um algarismo
error-link-exists = este evento já tem uma ligação com esta origem, este meio e esta campanha
error-market-table = { $value } não é uma tabela do relatório; use uma destas: { $known }

notice-home-saved = Guardado. Obrigado!
notice-home-declined = Entendido: não voltaremos a perguntar.

error-interest-empty = Indique uma cidade, um tipo de evento ou algumas palavras.

error-interest-words = Use palavras que digam o que procura (estas são demasiado comuns para pesquisar).
error-interest-too-many = Já aguarda notícias de { $max } pedidos; retire um primeiro.
error-delete-staff = As contas do pessoal de entrada não podem ser eliminadas aqui: peça primeiro a um administrador que o retire da equipa.
error-delete-unpaid-order = Tem uma encomenda à espera de pagamento. Pague-a ou cancele-a (ou deixe a reserva expirar) e depois elimine a sua conta.
error-delete-refund-under-way = Há um reembolso a caminho ou dinheiro a devolver-lhe. Poderá eliminar a sua conta quando o receber.
error-delete-tickets-being-sent = Os seus bilhetes ainda estão a ser enviados por email. Tente novamente dentro de alguns minutos.
error-delete-admin = As contas de administração não podem ser eliminadas a partir da loja.
error-delete-bitcoin-tickets = Pagou em bitcoin bilhetes para um evento que ainda não aconteceu: se fosse cancelado, reclamaria o reembolso através de uma ligação enviada por email. Poderá eliminar a sua conta depois do evento.
error-metrics-forbidden = As métricas só são servidas aos endereços que o operador permite (TESSERA_METRICS_FROM), nunca através do balanceador de carga.
