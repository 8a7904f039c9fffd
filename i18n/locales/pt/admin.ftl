## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Administração — Tessera
admin-door-page-title = { $page } — Entrada — Tessera
admin-nav-label = Administração
admin-nav-events = Eventos
admin-nav-new-event = Novo evento
admin-nav-analytics = Estatísticas
admin-nav-finance = Finanças
admin-nav-refunds = Reembolsos devidos
admin-nav-deliveries = Envios
admin-nav-checkin = Controlo de entradas
admin-nav-staff = Equipa
admin-nav-audit = Registo de alterações
admin-col-event = Evento
admin-col-where = Local
admin-col-city = Cidade
admin-col-status = Estado
admin-col-state = Estado
admin-col-actions = Ações
admin-col-action = Ação
admin-col-customer = Cliente
admin-col-tickets = Bilhetes
admin-col-orders = Encomendas
admin-col-order = Encomenda
admin-col-amount = Montante
admin-col-price = Preço
admin-col-capacity = Lotação
admin-col-held = Reservados
admin-col-why = Motivo
admin-col-when-utc = Quando (UTC)
admin-filter-from = De
admin-filter-to = Até
admin-filter-all = Todos
admin-filter-show = Mostrar
admin-none = Nenhum.
admin-none-yet = Nenhum por enquanto.
admin-deleted-account = (conta eliminada)
admin-saved = Guardado.
admin-ticket-count = 
    { $count ->
        [one] { $count } bilhete
       *[other] { $count } bilhetes
    }

# The event list
admin-events-heading = Eventos
admin-events-deleted = O evento foi eliminado.
admin-events-find-label = Procurar um evento
admin-events-find-placeholder = Título, sala ou cidade
admin-events-find = Procurar
admin-events-none = Não há eventos.
admin-events-none-match = Nenhum evento corresponde a «{ $query }».
admin-events-col-starts = Início (hora local)
admin-events-view = Ver
admin-events-delete = Eliminar
admin-event-status-draft = Rascunho
admin-event-status-published = Publicado
admin-event-status-cancelled = Cancelado

# Deleting an event
admin-delete-title = Eliminar { $title }
admin-delete-heading = Eliminar «{ $title }»?
admin-delete-explain = O evento e os seus tipos de bilhete são eliminados definitivamente. Um evento com encomendas não pode ser eliminado: cancele-o, o que para as vendas e mantém as encomendas.
admin-delete-confirm = Eliminar o evento
admin-delete-keep = Não, manter

# The event form
admin-new-event-heading = Novo evento
admin-edit-heading = Editar «{ $title }»
admin-form-public-page = Página pública:
admin-form-public-note = (visível depois de publicado)
admin-form-image-alt-current = A imagem atual do evento
admin-form-image-replace = Substituir a imagem
admin-form-image-add = Adicionar uma imagem
admin-form-image-hint = (JPEG, PNG ou WebP, até 10 MB)
admin-form-upload = Carregar
admin-form-legend-event = O evento
admin-form-title = Título
admin-form-description = Descrição
admin-form-description-hint = (linha em branco entre parágrafos)
admin-form-category = Categoria
admin-form-language = Língua
admin-form-tags = Etiquetas
admin-form-tags-hint = (separadas por vírgulas)
admin-form-image-description = Descrição da imagem
admin-form-image-description-hint = (texto alternativo)
admin-form-legend-when = Quando
admin-form-starts = Início
admin-form-ends = Fim
admin-form-local-time = (hora local)
admin-form-timezone = Fuso horário
admin-form-timezone-hint = (IANA, p. ex. Europe/Lisbon)
admin-form-legend-where = Onde
admin-form-venue = Sala
admin-form-address = Morada
admin-form-region = Região
admin-form-country = País
admin-form-latitude = Latitude
admin-form-longitude = Longitude
admin-form-currency = Moeda
admin-form-tickets-hint = Deixe vazio o nome de uma linha para remover esse tipo de bilhete (ou para não usar uma linha nova). Preços na unidade da moeda, como 18.50.
admin-form-ticket-type-n = Tipo de bilhete { $n }
admin-form-legend-translations = Traduções
admin-form-translations-hint = O evento está escrito na sua própria língua (acima). Adicione os mesmos textos noutras línguas, cada um ao lado do original: quem lê uma delas vê-o assim e pode mudar para o original. Apague o título de uma tradução para a remover.
admin-form-add-language = Adicionar uma língua
admin-form-title-original = Título original
admin-form-description-original = Descrição original
admin-form-ticket-type-original = Tipo de bilhete original
admin-form-ticket-type = Tipo de bilhete
admin-form-save = Guardar
admin-form-delete = Eliminar este evento

# The event form: refunds, holds and limits
admin-refunds-heading = Reembolsos
admin-cancelled-refunding = Este evento está cancelado: cada encomenda paga é reembolsada pelo meio com que foi paga, e quem a comprou é avisado por e-mail.
admin-cancelled-progress = Encomendas reembolsadas: { $refunded } de { $total }
admin-cancelled-pending = 
    { $count ->
        [one] { $count } em curso
       *[other] { $count } em curso
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } falhado (ver Reembolsos)
       *[other] { $count } falhados (ver Reembolsos)
    }
admin-policy-hint = Se os compradores podem cancelar as próprias encomendas e ser reembolsados. Deixe as horas vazias para não o permitir.
admin-policy-hours = Até horas antes do início
admin-policy-fee = Taxa (%)
admin-policy-save = Guardar a política de reembolso
admin-holds-heading = Reservas e limites
admin-holds-hint = Quantos bilhetes um mesmo cliente pode reservar e comprar para este evento, somando todas as suas encomendas.
admin-holds-max = Bilhetes por cliente
admin-holds-delayed = O pagamento com cartão pode oferecer métodos lentos (débitos diretos, vales) cujo resultado chega depois da reserva
admin-holds-save = Guardar limites
admin-holds-none = Neste momento ninguém tem bilhetes reservados deste evento.
admin-holds-caption = Clientes com bilhetes reservados agora, do maior para o menor
admin-holds-col-payment-seen = Pagamento recebido
admin-holds-col-bought = Comprados
admin-holds-col-open-orders = Encomendas em aberto
admin-holds-col-ends = Fim da reserva
admin-holds-col-release = Libertar
admin-holds-release = 
    { $count ->
        [one] Libertar { $count } bilhete
       *[other] Libertar { $count } bilhetes
    }

# Analytics
admin-analytics-all-events = Todos os eventos
admin-analytics-range = Dias em { $zone }, de { $from } a { $to }.
admin-analytics-money-note = Os montantes são as encomendas pagas no período; as reembolsadas ficam de fora.
admin-analytics-json = Estes números em JSON
admin-analytics-received = Receitas
admin-analytics-received-none = Nada foi pago neste período.
admin-analytics-kind-card = cartão
admin-analytics-kind-bitcoin = bitcoin, on-chain
admin-analytics-kind-ether = ether, on-chain
admin-analytics-kind-token = token, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } encomenda
       *[other] { $count } encomendas
    }
admin-analytics-refunded-net = reembolsado { $refunded } · líquido { $net }
admin-analytics-by-method = Por método de pagamento
admin-analytics-method-other = Outro
admin-analytics-col-method = Método
admin-analytics-col-value = Valor à taxa indicada
admin-analytics-days = Dia a dia
admin-analytics-col-day = Dia
admin-analytics-col-placed = Encomendas feitas
admin-analytics-col-paid = Encomendas pagas
admin-analytics-col-sold = Bilhetes vendidos
admin-analytics-funnel = O que aconteceu às encomendas
admin-funnel-placed = Feitas
admin-funnel-paid = Pagas
admin-funnel-delivered = Bilhetes enviados
admin-funnel-pending = A aguardar pagamento
admin-funnel-expired = Expiradas
admin-funnel-cancelled = Canceladas
admin-funnel-failed = Falhadas
admin-funnel-refund-due = Com reembolso devido
admin-analytics-top-cities = Cidades principais
admin-analytics-top-categories = Categorias principais
admin-analytics-none-sold = Nenhum bilhete vendido.
admin-analytics-events-hint = Agora, seja qual for o período: bilhetes vendidos e reservados face à lotação, e o valor das encomendas pagas de cada evento.
admin-analytics-col-sold-short = Vendidos
admin-analytics-col-sell-through = Taxa de venda
admin-analytics-col-revenue = Receita
admin-analytics-percent = { $whole },{ $tenth } %
admin-chart-method = Encomendas pagas por método de pagamento
admin-chart-orders-per-day = Encomendas feitas por dia
admin-chart-tickets-per-day = Bilhetes vendidos por dia
admin-chart-funnel = Encomendas feitas no período, segundo o que lhes aconteceu
admin-chart-cities = Bilhetes vendidos por cidade
admin-chart-categories = Bilhetes vendidos por categoria
admin-chart-day = { $day }/{ $month }

# The audit log
admin-audit-none = Ainda não há alterações.
admin-audit-col-who = Quem
admin-audit-col-what = O quê
admin-audit-col-about = Sobre
admin-audit-col-changed = Alterado
admin-audit-event-create = Evento criado
admin-audit-event-edit = Evento editado
admin-audit-event-delete = Evento eliminado
admin-audit-event-refund-policy = Política de reembolso alterada
admin-audit-event-limits = Limites alterados
admin-audit-event-release-holds = Bilhetes reservados libertados
admin-audit-refund-request = Reembolso pedido
admin-audit-refund-cancel = Reembolso cancelado
admin-audit-discrepancy-resolve = Discrepância resolvida
admin-audit-account-role = Função alterada

# The door
admin-checkin-heading = Validar bilhetes
admin-checkin-none = Ainda nenhum evento tem bilhetes para validar.
admin-checkin-code = Código do bilhete
admin-checkin-code-hint = Leia o código QR com um leitor (ele escreve o código e carrega em Enter) ou cole-o.
admin-checkin-submit = Validar entrada
admin-checkin-progress = { $checked } de { $total } bilhetes validados.
admin-checkin-welcome = Boas-vindas, { $name }
admin-checkin-ticket = { $type } · bilhete { $serial }
admin-checkin-repeat = Já validado
admin-checkin-refused = Não deixar entrar

# Ticket deliveries
admin-deliveries-heading = Envio de bilhetes
admin-deliveries-intro = Os bilhetes de cada encomenda paga: emitidos, gerados em PDF e enviados por e-mail pelo serviço de emissão. Os envios falhados desistiram após erros repetidos; tente de novo depois de corrigir a causa.
admin-deliveries-filter = Filtrar por estado
admin-delivery-status-failed = Falhados
admin-delivery-status-pending = Pendentes
admin-delivery-status-sent = Enviados
admin-deliveries-none = Não há envios.
admin-deliveries-none-failed = Não há envios falhados.
admin-deliveries-none-pending = Não há envios pendentes.
admin-deliveries-none-sent = Não há envios feitos.
admin-deliveries-col-attempts = Tentativas
admin-deliveries-col-error = Último erro
admin-deliveries-retry = Tentar de novo
admin-deliveries-sent-at = enviado { $when }
admin-deliveries-next-try = próxima tentativa { $when }
admin-deliveries-retried = O envio da encomenda { $order } voltou à fila; o serviço de emissão retoma-o dentro de segundos.

# Finance: reconciliation
admin-finance-heading = Finanças: reconciliação
admin-finance-intro = Cada recebimento em cada via — pagamentos com cartão, saídas de bitcoin, pagamentos ao nosso contrato Ethereum — associado à sua encomenda, com o valor indicado ao lado do recebido. Dias em { $zone }.
admin-finance-from = Recebido de
admin-finance-to = até
admin-finance-rail = Via de pagamento
admin-rail-card = Cartão
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH e tokens)
admin-finance-discrepancy = Discrepância
admin-finance-any = Qualquer
admin-finance-unresolved-only = Só por resolver
admin-finance-csv = Descarregar CSV
admin-finance-discrepancies = Discrepâncias
admin-finance-col-kind = Tipo
admin-finance-col-receipts = Recebimentos
admin-finance-col-unresolved = Por resolver
admin-finance-received = Recebido
admin-finance-none = Nenhum recebimento corresponde.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } recebimento
       *[other] { $count } recebimentos
    }
admin-finance-unreadable = Pagamentos em bitcoin que não foi possível ler
admin-finance-unreadable-note = O BTCPay comunicou estes pagamentos num formato que a Tessera não aceita, por isso não estão entre os recebimentos abaixo. As encomendas das suas faturas foram resolvidas segundo o que o BTCPay diz da fatura; verifique cada uma no BTCPay.
admin-finance-col-first-seen = Visto pela primeira vez (UTC)
admin-finance-col-invoice = Fatura
admin-finance-col-problem = O que não foi possível ler
admin-finance-col-raw = Tal como o BTCPay o comunicou
admin-finance-receipts = Recebimentos
admin-finance-col-received-at = Recebido em
admin-finance-col-receipt = Recebimento
admin-finance-col-received = Recebido
admin-finance-col-quoted = Indicado
admin-finance-resolved = Resolvido: { $resolution }
admin-finance-note = Nota
admin-finance-note-placeholder = reembolsado fora da plataforma
admin-finance-mark-resolved = Marcar como resolvido
admin-finance-flash-resolved = Marcado como resolvido; fica no registo de alterações.
admin-finance-flash-already-resolved = Essa discrepância já estava resolvida (por outra pessoa, agora mesmo?).
admin-finance-flash-nothing = Esse recebimento não tem nenhuma discrepância a resolver.
admin-finance-flash-unknown = Esse recebimento não existe.
admin-finance-flash-note-needed = Indique o que foi feito, numa nota de 1 a 2000 caracteres.
admin-finance-eth-detail = bloco { $block } · pagador { $payer } · token { $token }
admin-finance-btc-rate = a { $rate }
admin-finance-btc-settled = liquidado { $when }
admin-discrepancy-underpaid = Pagamento insuficiente
admin-discrepancy-overpaid = Pago a mais (excesso a devolver)
admin-discrepancy-paid-late = Pago tarde
admin-discrepancy-sold-out = Reembolso devido: esgotado
admin-discrepancy-refund-due = Reembolso devido
admin-discrepancy-reorged = Reorganizado (reorg)
admin-discrepancy-orphan = Órfão (sem encomenda)
admin-discrepancy-not-confirmed = Já não confirmado
admin-discrepancy-refund-pending = Reembolso em curso
admin-discrepancy-refund-failed = Reembolso falhado
admin-discrepancy-disputed = Contestado
admin-payment-state-creating = A ser criado
admin-payment-state-open = Em aberto
admin-payment-state-succeeded = Concluído
admin-payment-state-failed = Falhado
admin-payment-state-expired = Expirado
admin-payment-state-refund-due = Reembolso devido
admin-payment-state-refunded = Reembolsado
admin-payment-state-unmatched = Sem encomenda
admin-payment-state-processing = A confirmar
admin-payment-state-settled = Liquidado
admin-payment-state-invalid = Inválido
admin-payment-state-seen = Visto
admin-payment-state-confirmed = Confirmado
admin-payment-state-reorged = Reorganizado (reorg)

# One order, for admins
admin-order-title = Encomenda { $id }
admin-order-heading = Encomenda
admin-order-total = Total
admin-order-refunded = Reembolsado
admin-order-placed = Feita em (UTC)
admin-order-payments = Pagamentos
admin-order-no-payment = Nenhum pagamento.
admin-order-col-provider = Fornecedor
admin-order-col-reference = Referência
admin-order-col-dispute = Contestação
admin-order-no-tickets = Nenhum bilhete emitido.
admin-order-refund = Reembolsar
admin-order-col-serial = Número
admin-order-col-holder = Titular
admin-order-col-type = Tipo
admin-order-refund-ticket = Reembolsar o bilhete { $serial }
admin-order-refund-legend = Reembolsar (restam até { $left })
admin-order-refund-explain = Marque bilhetes para os reembolsar ao seu preço (deixam de dar entrada e voltam à venda), ou indique um montante para reembolsar sem anular bilhetes, ou nada para reembolsar tudo o que resta.
admin-order-refund-amount = Montante em { $currency } (opcional)
admin-order-amount-example = p. ex. { $amount }
admin-order-refund-override = Reembolsar também bilhetes já validados (fica no registo de alterações)
admin-order-refundable-btc = os bitcoins recebidos pela fatura
admin-order-refundable-eth = o que o pagamento enviou ao contrato, para o endereço que pagou
admin-order-refunded-notice = Reembolso pedido; o estado está abaixo.
admin-ticket-void-disputed = Anulado: pagamento contestado
admin-ticket-void-cancelled = Anulado: evento cancelado
admin-ticket-refunded = Reembolsado
admin-ticket-checked-in = Entrada { $when }

# Refunds
admin-refunds-due = Dinheiro a devolver
admin-refunds-due-intro = Dinheiro recebido que não pôde pagar a sua encomenda, do mais recente para o mais antigo. O botão Reembolsar devolve de imediato os pagamentos com cartão através da Stripe; o estado segue aqui conforme a Stripe o comunica.
admin-refunds-due-none = Nada a reembolsar.
admin-refunds-col-received = Recebido (UTC)
admin-refunds-col-payment = Pagamento
admin-refunds-send = Reembolsar { $amount }
admin-refunds-unmatched = Pagamentos de encomendas que não temos
admin-refunds-unmatched-intro = Os pagamentos com cartão são devolvidos daqui através da Stripe; os de bitcoin, no BTCPay; um pagamento Ethereum volta ao endereço de origem, no mesmo ativo.
admin-refunds-col-claimed = Referência de encomenda enviada
admin-refunds-col-refund-to = Reembolsar para
admin-refunds-asked = Reembolsos pedidos
admin-refunds-col-asked = Pedido (UTC)
admin-refunds-col-by = Por
admin-refunds-col-provider-ref = Referência do fornecedor
admin-refunds-cancel = Cancelar
admin-refund-status-requested = Pedido
admin-refund-status-sent = Em curso
admin-refund-status-succeeded = Reembolsado
admin-refund-status-failed = Falhado
admin-refund-status-cancelled = Cancelado
admin-refunds-last-failed = Último reembolso: falhado
admin-refunds-last-cancelled = Último reembolso: cancelado
admin-refund-cause-customer = Cancelado pelo cliente
admin-refund-cause-admin = Reembolsado por um administrador
admin-refund-cause-event-cancelled = Evento cancelado
admin-refund-cause-money-due-back = Dinheiro a devolver
admin-refund-cause-outside = Reembolsado no fornecedor
admin-refunds-waiting = Em espera: { $why }
admin-refunds-wallet-soon = A carteira de reembolsos envia-o dentro de um minuto
admin-refunds-to = Para { $to }
admin-refunds-to-then = Para { $to }.
admin-refunds-claim-link = Link de resgate para quem pagou: { $link }
admin-refunds-done = Reembolso { $id } pedido; o estado está abaixo e acompanha o que o fornecedor comunica.
admin-refunds-goes-back = Volta: { $amount } para { $payer } (pago em { $tx }, log { $log })
admin-refunds-base-units = { $units } unidades base do token { $token }
admin-refunds-to-card = O cartão, na Stripe
admin-refunds-to-btcpay = Quem pagou, que o resgata na página do BTCPay (o link está mais abaixo)
admin-refunds-to-payer-at = Quem pagou, em { $provider }
admin-refunds-no-reference = (nenhuma)
admin-refunds-tx-log = { $tx } (log { $log })
admin-refunds-cancel-too-late = Este reembolso já foi entregue ao fornecedor ({ $state }), por isso já não pode ser cancelado.

# Staff
admin-staff-intro-html = A equipa de entrada valida bilhetes na <a href="/admin/checkin">página da entrada</a> e não pode fazer mais nada aqui. Peça-lhes que criem conta e confirmem o e-mail; depois adicione-os por esse endereço. Os administradores são criados na linha de comandos (<code>tessera admin create</code>).
admin-staff-email = E-mail do novo membro da entrada
admin-staff-add = Adicionar à equipa de entrada
admin-staff-col-name = Nome
admin-staff-col-email = E-mail
admin-staff-col-role = Função
admin-staff-col-since = Desde (UTC)
admin-staff-remove = Remover
admin-staff-role-admin = Administrador
admin-staff-role-door = Equipa de entrada
admin-staff-added = { $email } faz agora parte da equipa de entrada: pode validar bilhetes.
admin-staff-removed = { $email } já não faz parte da equipa de entrada.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = não é um preço como { $example }
admin-error-too-large = é demasiado grande
admin-error-not-a-zone = não é um fuso horário IANA como Europe/Lisbon
admin-error-not-a-datetime = não é uma data e hora
admin-error-time-skipped = não existe em { $zone } (é a mudança de hora)
admin-error-not-a-number = não é um número
admin-error-not-ours = não é nosso
admin-error-not-whole = não é um número inteiro
admin-error-translation-language = indique em que língua está cada tradução (en, ja, pt-BR…)
admin-error-translation-twice = aparece duas vezes: escreva cada língua uma só vez
admin-error-translation-title = é obrigatório (apague toda a tradução para a remover)
admin-error-upload-unreadable = carregamento ilegível: { $error }
admin-error-upload-none = escolha um ficheiro para carregar
admin-error-upload-too-large = tem mais de 10 MB
admin-error-not-an-account = não é uma conta
admin-error-policy-hours = tem de ser um número inteiro de horas
admin-error-policy-fee = tem de ser uma percentagem como 10 ou 2.5
admin-error-form-expired = O formulário expirou; recarregue a página e tente de novo.
admin-error-refund-both = Marque bilhetes ou indique um montante, não ambos.
admin-error-refund-amount = «{ $amount }» não é um montante em { $currency }.

# Why money is due back
admin-due-sold-out = Pago depois da reserva; entretanto esgotou
admin-due-event-closed = Pago depois da reserva; o evento estava cancelado ou já tinha começado
admin-due-duplicate = Segundo pagamento de uma encomenda já paga
admin-due-amount-mismatch = O montante pago difere da encomenda
admin-due-wrong-rail = Pago por outro método que não o da encomenda
admin-due-partial = Só parte da encomenda foi paga antes de a fatura expirar
admin-due-overpaid = Pago a mais do que a encomenda; o excesso
admin-due-invoice-invalid = Dinheiro numa fatura que foi invalidada
admin-due-underpaid = Pago on-chain abaixo do valor indicado, ou noutro ativo
admin-due-order-closed = A encomenda já estava fechada
admin-provider-free = Nenhum (bilhetes gratuitos)

admin-form-neighbourhood = Bairro

admin-nav-market = Mercado
market-intro = Quem quer o quê, onde e como chegar até essas pessoas: a procura registada pelo nosso próprio servidor, ao lado do que a contabilidade regista como vendido.
market-all-categories = Todas as categorias
market-privacy-note = As visualizações e as pesquisas são contadas sem rastrear ninguém: o identificador de cada visitante muda todos os dias, nenhum endereço é guardado e os visitantes que pedem para não ser rastreados são contados sem identificador.
market-csv = { $table } em CSV
market-views = Visualizações da página do evento
market-buy-views = Visualizações da página de compra
market-holds = Encomendas feitas
market-paid = Pagas
market-attended = Presentes
market-buyers = Compradores
market-searches-missing = Pesquisas sem resultados
market-paid-of-holds = Percentagem paga
market-band-free = Gratuito
market-band = De { $from } a { $to }
market-band-over = { $from } ou mais
market-band-col = Bilhete mais barato
market-direct = Direto
market-none = Ainda não há nada neste período.
market-funnel = De ver a ir
market-step = Etapa
market-count = Número
market-of-previous = Da etapa anterior
market-started = Iniciados
market-by-rail = Vias de pagamento: pagamentos iniciados e concluídos
market-by-city = Por cidade
market-by-category = Por categoria
market-by-band = Por preço
market-willing = Dispostos a pagar
market-willing-hint = Visualizações das páginas de evento e de compra no período e, depois, as encomendas feitas nele: quantas foram pagas e em quantas um bilhete foi validado à entrada.
market-who = Quem
market-who-hint = Pessoas que pagaram encomendas feitas no período: se pagaram pela primeira vez ou voltaram, se vivem na cidade do evento ou estavam de visita (segundo a sua conta), a língua em que compraram e quantos bilhetes compraram de uma vez.
market-who-col = Tipo de comprador
market-new-buyers = Novos
market-returning-buyers = Recorrentes
market-locals = Locais
market-visitors = De visita
market-home-unknown = Não indicado
market-languages = Línguas
market-language = Língua
market-group-sizes = Tamanho dos grupos
market-tickets-per-order = Bilhetes por encomenda
market-where = Onde
market-where-hint = Onde vivem os compradores (segundo nos disseram depois da primeira compra) face ao local dos eventos que pagaram.
market-flows = Residência dos compradores e cidade dos eventos
market-home = Os compradores vivem em
market-event-city = Evento em
market-reach = Como chegar até eles
market-reach-hint = De onde vieram as visitas: as etiquetas utm de uma ligação de rastreio; se não houver, o site que as enviou; se não, direto. Uma encomenda mantém o canal da visita em que foi feita.
market-channels = Canais
market-channel = Canal
market-page-views = Visualizações de página
market-paid-per-views = Pagas por visualização de página
market-links = Ligações de rastreio
market-missing = O que falta
market-missing-hint = O que se procurou e ninguém oferece ainda, o que esgotou e quem o aguarda, e o que pediram para ser avisados.
market-search-gaps = Pesquisas sem resultados ou com poucos
market-words = Palavras
market-no-words = (só filtros)
market-results = Encontrados
market-results-none = nada
market-results-few = 3 ou menos
market-searches = Pesquisas
market-searchers = Pessoas que pesquisaram
market-sold-out = Tipos de bilhete esgotados
market-ticket-type = Tipo de bilhete
links-title = Ligações de rastreio
links-intro = Crie uma ligação para cada sítio onde promove este evento (uma newsletter, o código QR de um cartaz, o site de um parceiro). As visitas que chegam por ela, as encomendas que fazem e o que pagam aparecem na página Mercado.
links-source = Origem
links-medium = Meio
links-campaign = Campanha
links-create = Criar a ligação
links-none = Ainda não há ligações de rastreio para este evento.
links-address = Ligação
links-created = Criada
links-remove = Remover
links-see-market = Ver na página Mercado o que as ligações trouxeram
links-added = Ligação criada. Copie-a da tabela abaixo.
links-removed = Ligação removida. O que trouxe continua contado no seu canal.
links-manage = Ligações de rastreio

market-waiting = Em espera
market-waiting-tickets = Bilhetes pedidos

market-interests = Pedidos «Avise-me»
market-interests-open = Em espera
market-interests-answered = Respondidos
market-any = Qualquer
