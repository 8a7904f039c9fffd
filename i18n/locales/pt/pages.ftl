# Every page's frame: the header, the footer and the language switcher.
site-description = Bilhetes para eventos locais e autênticos: festivais, concertos, comédia, gastronomia e artesanato, pagos com cartão ou cripto.
skip-to-content = Saltar para o conteúdo
brand-home = Tessera, início
search-label = Procurar eventos
search-placeholder = Eventos, cidades, locais
search-button = Procurar
nav-account = Conta
nav-admin = Administração
nav-door = Entrada
nav-log-in = Entrar
nav-sign-up = Criar conta
footer-tagline = Tessera — bilhetes para eventos locais e autênticos. Pague com cartão, em bitcoin ou em ETH e stablecoins.
footer-api = API
language-switcher = Idioma

# The home page and the search page.
home-title = Tessera — eventos locais, bilhetes a sério
home-heading = Eventos locais, feitos por quem os vive
home-intro = Fado na Mouraria, chá em Quioto, um sokkie na Cidade do Cabo. Escolha uma cidade, encontre a sua noite e pague com cartão ou cripto.
home-upcoming = Próximos eventos
home-empty-heading = Nenhum evento corresponde
home-empty-filtered-html = Experimente outra cidade, categoria ou data, ou <a href="/">veja tudo o que aí vem</a>.
home-empty-none = De momento não há nada à venda. Volte em breve.
search-title = Pesquisa
search-heading = Procurar eventos
search-heading-query = Resultados para «{ $query }»
search-corrected = A mostrar resultados para «{ $query }».
search-empty-heading = Nenhum evento encontrado
search-empty-html = Experimente menos palavras ou outra grafia, ou <a href="/">explore tudo o que aí vem</a>.
search-results = Resultados

# The filters above the listing.
filters-label = Filtrar eventos
filters-city = Cidade
filters-all-cities = Todas as cidades
filters-category = Categoria
filters-all-categories = Todas as categorias
filters-from = De
filters-to = Até
filters-max-price = Preço máximo
filters-max-price-any = qualquer
filters-max-price-hint = Um valor como 25 ou 25.50, na moeda do evento
filters-submit = Mostrar eventos
pager-label = Páginas
pager-first = ← Primeira página
pager-next = Página seguinte →
card-cancelled = Cancelado
error-back = Voltar a todos os eventos

# Event categories.
category-festival = Festival
category-concert = Concerto
category-comedy = Comédia
category-theatre = Teatro
category-food = Comida e bebida
category-workshop = Oficina
category-tour = Visita guiada
category-exhibition = Exposição
category-market = Mercado
category-dance = Dança

# An event's card and its own page.
card-from-price = desde { $price }
event-map = mapa
event-tags = Etiquetas
event-tickets = Bilhetes
event-cancelled-notice = Este evento foi cancelado. Não há bilhetes à venda.
event-ended = Este evento já terminou.
event-no-tickets = Ainda não há bilhetes.
event-buy = Comprar bilhetes

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Entrar
form-email = E-mail
form-password = Palavra-passe
login-forgot = Esqueceu-se da palavra-passe?
login-new-html = É novo por cá? <a href="/signup">Crie uma conta</a>.
signup-title = Criar uma conta
signup-intro = Para comprar bilhetes e voltar a encontrá-los na sua conta.
signup-name = O seu nome
signup-name-hint = (como aparecerá nos bilhetes)
password-hint = (pelo menos 10 caracteres)
signup-submit = Criar conta
signup-have-account-html = Já tem conta? <a href="/login">Entre</a>.
account-title = A sua conta
account-unverified = Confirme o seu endereço de e-mail: enviámos uma ligação para { $email }. Poderá comprar bilhetes assim que o confirmar, e é para lá que os enviamos.
account-resend = Enviar a ligação de novo
account-name = Nome
account-role = Função
account-role-admin-html = Administrador — <a href="/admin/events">gerir eventos</a>
account-role-door-html = Entrada — <a href="/admin/checkin">validar bilhetes</a>
account-orders = As suas encomendas
account-no-orders-html = Ainda não há encomendas. <a href="/">Encontre um evento</a>.
account-order-tickets = { $count ->
    [one] { $count } bilhete
   *[other] { $count } bilhetes
}
account-order-placed = feita a { $when }
account-download = Descarregar bilhetes (PDF)
account-change-password = Alterar a palavra-passe
account-current-password = Palavra-passe atual
account-new-password = Nova palavra-passe
account-change-submit = Alterar palavra-passe
account-log-out = Terminar sessão
link-reset-hint = Vamos enviar-lhe por e-mail uma ligação para escolher uma nova palavra-passe. Só funciona uma vez, durante uma hora.
link-reset-submit = Enviar-me uma ligação
link-back-to-login = Voltar ao início de sessão
link-signed-out-hint = Todos os dispositivos com sessão iniciada na sua conta terminam a sessão.
link-save-password = Guardar a nova palavra-passe
link-your-password = A sua palavra-passe
link-confirm-submit = Confirmar o meu e-mail
link-not-yours-html = Não é a sua conta, ou esqueceu-se da palavra-passe? <a href="/forgot-password">Peça uma ligação para escolher uma nova</a>.

# Buying tickets.
buy-title = Comprar bilhetes
buy-unverified = Confirme o seu endereço de e-mail antes de comprar: é para lá que enviamos os bilhetes. Use a ligação que lhe enviámos.
buy-ticket = Bilhete
buy-price = Preço
buy-quantity = Quantidade
buy-sold-out = Esgotado
buy-only-left = { $count ->
    [one] só resta { $count }
   *[other] só restam { $count }
}
buy-pay-with = Pagar com
buy-per-order = { $count ->
    [one] Um bilhete por encomenda.
   *[other] Até { $count } bilhetes por encomenda.
}
buy-held = Os seus bilhetes ficam reservados durante { $minutes } minutos enquanto paga.
buy-held-crypto = Os seus bilhetes ficam reservados durante { $minutes } minutos enquanto paga ({ $crypto } minutos em cripto, enquanto a cotação se mantém).
buy-sandbox-html = Os pagamentos com cartão correm no <strong>ambiente de testes</strong>: não circula dinheiro real.
buy-continue = Continuar para o pagamento
method-card = Cartão
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } na rede { $chain }

# Error pages.
error-title-not-found = Página não encontrada
error-title-forbidden = Não permitido
error-title-slow-down = Mais devagar
error-title-failed = Não resultou
error-title-busy = Estamos com muita procura
error-title-conflict = Indisponível
error-title-gone = Já não está disponível
error-title-payments = Os pagamentos estão indisponíveis
error-title-generic = Algo correu mal
error-not-found = Não encontrámos essa página. O evento pode ter mudado de endereço ou já ter terminado.

## When an event happens, on its own clock

event-when-one-day = { $date }, das { $start } às { $end }
event-when-days = de { $date }, { $start }, a { $end_date }, { $end }

## An event in its own language, and in the reader's

event-translated = Traduzido pelo organizador (original: { $language }).
event-show-original = Ver o original ({ $language })
event-show-translation = Ver a tradução ({ $language })
event-add-calendar = Adicionar ao calendário (.ics)
your-time = ({ $time } na sua hora local)
card-distance = a { $km } km
filters-near-me = Perto de mim
filters-near-me-asking = A procurar onde está…
filters-near-me-refused = O seu navegador não partilhou a sua localização. Escolha antes uma cidade.
filters-near-me-failed = Neste momento não foi possível saber onde está. Tente novamente ou escolha uma cidade.
filters-anywhere = Em qualquer lugar ×
event-related-nearby = Também por perto
event-related-same-kind = Mais do mesmo género
event-related-also-bought = Quem reservou isto também escolheu

## Search suggestions
suggest-list-label = Sugestões de pesquisa
suggest-heading-events = Eventos
suggest-heading-cities = Cidades
suggest-heading-categories = Categorias
suggest-available = Sugestões abaixo: setas para cima e para baixo para escolher, Enter para abrir.
suggest-none = Sem sugestões.
suggest-events-count =
    { $count ->
        [one] 1 evento
       *[other] { $count } eventos
    }

## City pages and maps
city-title = O que há em { $city }
city-intro =
    { $count ->
        [one] Um evento a caminho
       *[other] { $count } eventos a caminho
    } em { $city } ({ $country }).
city-neighbourhoods = Bairros
city-all-neighbourhoods = Todos os bairros
city-empty = Neste momento não há nada previsto aqui. Experimente outro bairro ou toda a cidade.
city-link = Mais em { $city }
map-show = Ver num mapa
map-label = Mapa dos eventos desta lista: cada marcador leva ao seu evento.

map-hide = Ocultar o mapa
map-zoom-in = Aproximar
map-zoom-out = Afastar
map-move-hint = Arraste o mapa, ou use as setas do teclado, para o mover.

account-home-heading = Onde vive
account-home-ask = Obrigado pela sua primeira compra! Onde vive? É opcional e só perguntamos uma vez: ajuda os organizadores a levar eventos à sua cidade, e não é usado para mais nada.
account-home-hint = Opcional: ajuda os organizadores a levar eventos à sua cidade. Deixe os dois campos vazios para o apagar.
account-home-country = País
account-home-city = Cidade
account-home-save = Guardar
account-home-decline = Prefiro não dizer

waitlist-heading = Lista de espera
waitlist-intro = Esgotado? Entre na fila. Quando ficam bilhetes disponíveis, a pessoa seguinte recebe um e-mail e os bilhetes ficam reservados para ela durante algum tempo; se não pagar, passam para a seguinte.
waitlist-join = Entrar na lista de espera de { $ticket }
waitlist-in-line = É o número { $position } na fila para { $quantity } × { $ticket }.
waitlist-offered = Ficaram bilhetes disponíveis: { $quantity } × { $ticket } estão reservados para si.
waitlist-pay = Pagar
waitlist-leave = Sair da fila
waitlist-joined = Está na lista de espera. Enviamos-lhe um e-mail se ficarem bilhetes disponíveis.
waitlist-left = Saiu da lista de espera.
waitlist-not-sold-out = Estes bilhetes ainda estão à venda: compre-os acima.
waitlist-already = Já tem lugar nesta fila.
waitlist-quantity = Escolha de 1 a 10 bilhetes.
waitlist-method = Escolha como vai pagar.
waitlist-no-type = Esse tipo de bilhete não está à venda para este evento.

interest-title = Avise-me
interest-intro = Ainda não há nada assim? Diga-nos o que procura e enviamos-lhe um e-mail quando for publicado um evento do género.
interest-ask = Avise-me quando houver algo assim
interest-words = Palavras
interest-save = Avise-me
interest-yours = O que aguarda
interest-any-city = Qualquer cidade
interest-any-category = Qualquer tipo de evento
interest-answered = Respondido a { $when }
interest-remove = Deixar de aguardar
interest-saved = Guardado: enviamos-lhe um e-mail quando for publicado um evento do género.
interest-removed = Não será avisado.
account-delete-heading = Eliminar a sua conta
account-delete-hint = Apague a sua conta e o que registámos das suas visitas; os seus bilhetes continuam válidos.
account-delete-start = Eliminar a minha conta…
account-delete-goes-heading = O que é apagado
account-delete-goes = O nome, o endereço de email, a palavra-passe e o local de residência da sua conta; a sessão termina em todos os seus dispositivos; as pesquisas e páginas registadas como suas, os seus pedidos «Avise-me» e os seus lugares em listas de espera.
account-delete-stays-heading = O que se mantém
account-delete-stays = As suas encomendas, os respetivos bilhetes (com o nome neles impresso) e pagamentos, que temos de guardar para a contabilidade e para a entrada. Os bilhetes enviados continuam válidos: guarde os PDF dos seus emails, pois deixará de os ver aqui.
account-delete-upcoming =
    { $count ->
        [one] Tem 1 bilhete para um evento que ainda não aconteceu.
       *[other] Tem { $count } bilhetes para eventos que ainda não aconteceram.
    }
account-delete-password = A sua palavra-passe, para confirmar
account-delete-submit = Eliminar a minha conta definitivamente
account-delete-back = Voltar à sua conta
account-deleted-heading = A sua conta foi eliminada
account-deleted-message = O que era só seu foi apagado e a sessão terminou em todo o lado. Os bilhetes enviados continuam válidos. Obrigado por sair com a Tessera.
