# Every page's frame: the header, the footer and the language switcher.
site-description = Des billets pour des événements locaux et authentiques : festivals, concerts, humour, gastronomie et artisanat, payés par carte ou en crypto.
skip-to-content = Aller au contenu
brand-home = Tessera, accueil
search-label = Rechercher des événements
search-placeholder = Événements, villes, lieux
search-button = Rechercher
nav-account = Compte
nav-admin = Administration
nav-door = Contrôle des billets
nav-log-in = Se connecter
nav-sign-up = Créer un compte
footer-tagline = Tessera — des billets pour des événements locaux et authentiques. Payez par carte, en bitcoin, en ETH ou en stablecoins.
footer-api = API
language-switcher = Langue

# The home page and the search page.
home-title = Tessera — événements locaux, vrais billets
home-heading = Des événements locaux, par celles et ceux qui les font vivre
home-intro = Du fado à la Mouraria, du thé à Kyoto, un sokkie au Cap. Choisissez une ville, trouvez votre soirée, payez par carte ou en crypto.
home-upcoming = Événements à venir
home-empty-heading = Aucun événement ne correspond
home-empty-filtered-html = Essayez une autre ville, une autre catégorie ou une autre date, ou <a href="/">voyez tout ce qui arrive</a>.
home-empty-none = Rien n'est en vente pour le moment. Revenez bientôt.
search-title = Recherche
search-heading = Rechercher des événements
search-heading-query = Événements correspondant à « { $query } »
search-corrected = Résultats pour « { $query } ».
search-empty-heading = Aucun événement trouvé
search-empty-html = Essayez avec moins de mots ou une autre orthographe, ou <a href="/">parcourez tout ce qui arrive</a>.
search-results = Résultats

# The filters above the listing.
filters-label = Filtrer les événements
filters-city = Ville
filters-all-cities = Toutes les villes
filters-category = Catégorie
filters-all-categories = Toutes les catégories
filters-from = Du
filters-to = Au
filters-max-price = Prix maximum
filters-max-price-any = sans limite
filters-max-price-hint = Un montant comme 25 ou 25.50, dans la devise de l'événement
filters-submit = Afficher les événements
pager-label = Pages
pager-first = ← Première page
pager-next = Page suivante →
card-cancelled = Annulé
error-back = Retour à tous les événements

# Event categories.
category-festival = Festival
category-concert = Concert
category-comedy = Humour
category-theatre = Théâtre
category-food = Gastronomie
category-workshop = Atelier
category-tour = Visite
category-exhibition = Exposition
category-market = Marché
category-dance = Danse

# An event's card and its own page.
card-from-price = à partir de { $price }
event-map = plan
event-tags = Mots-clés
event-tickets = Billets
event-cancelled-notice = Cet événement a été annulé. Aucun billet n'est en vente.
event-ended = Cet événement est terminé.
event-no-tickets = Pas encore de billets.
event-buy = Acheter des billets
