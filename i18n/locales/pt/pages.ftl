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
search-heading-query = Eventos para «{ $query }»
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
