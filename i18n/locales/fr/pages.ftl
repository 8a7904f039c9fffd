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
home-empty-filtered-html = Essayez une autre ville, une autre catégorie ou une autre date, ou <a href="/">voyez tous les événements à venir</a>.
home-empty-none = Rien n'est en vente pour le moment. Revenez bientôt.
search-title = Recherche
search-heading = Rechercher des événements
search-heading-query = Événements correspondant à « { $query } »
search-corrected = Résultats pour « { $query } ».
search-empty-heading = Aucun événement trouvé
search-empty-html = Essayez avec moins de mots ou une autre orthographe, ou <a href="/">parcourez tous les événements à venir</a>.
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

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Se connecter
form-email = E-mail
form-password = Mot de passe
login-forgot = Mot de passe oublié ?
login-new-html = Nouveau sur Tessera ? <a href="/signup">Créez un compte</a>.
signup-title = Créer un compte
signup-intro = Pour acheter des billets et les retrouver dans votre compte.
signup-name = Votre nom
signup-name-hint = (tel qu'il figurera sur vos billets)
password-hint = (au moins 10 caractères)
signup-submit = Créer mon compte
signup-have-account-html = Vous avez déjà un compte ? <a href="/login">Connectez-vous</a>.
account-title = Votre compte
account-unverified = Merci de confirmer votre adresse e-mail : nous avons envoyé un lien à { $email }. Vous pourrez acheter des billets une fois l'adresse confirmée, et c'est là que nous les enverrons.
account-resend = Renvoyer le lien
account-name = Nom
account-role = Rôle
account-role-admin-html = Administrateur — <a href="/admin/events">gérer les événements</a>
account-role-door-html = Contrôle des billets — <a href="/admin/checkin">valider les entrées</a>
account-orders = Vos commandes
account-no-orders-html = Aucune commande pour l'instant. <a href="/">Trouvez un événement</a>.
account-order-tickets = { $count ->
    [one] { $count } billet
   *[other] { $count } billets
}
account-order-placed = commandé le { $when }
account-download = Télécharger les billets (PDF)
account-change-password = Changer de mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-change-submit = Changer le mot de passe
account-log-out = Se déconnecter
link-reset-hint = Nous vous enverrons par e-mail un lien pour choisir un nouveau mot de passe. Il ne sert qu'une fois et reste valable une heure.
link-reset-submit = M'envoyer un lien
link-back-to-login = Retour à la connexion
link-signed-out-hint = Tous les appareils connectés à votre compte seront déconnectés.
link-save-password = Enregistrer le nouveau mot de passe
link-your-password = Votre mot de passe
link-confirm-submit = Confirmer mon adresse e-mail
link-not-yours-html = Ce n'est pas votre compte, ou vous avez oublié le mot de passe ? <a href="/forgot-password">Recevez un lien pour en choisir un nouveau</a>.

# Buying tickets.
buy-title = Acheter des billets
buy-unverified = Merci de confirmer votre adresse e-mail avant d'acheter : c'est là que nous envoyons vos billets. Utilisez le lien que nous vous avons envoyé.
buy-ticket = Billet
buy-price = Prix
buy-quantity = Quantité
buy-sold-out = Complet
buy-only-left = { $count ->
    [one] plus qu'une place
   *[other] plus que { $count } places
}
buy-pay-with = Payer par
buy-per-order = { $count ->
    [one] Un billet par commande.
   *[other] Jusqu'à { $count } billets par commande.
}
buy-held = Vos billets sont réservés pendant { $minutes } minutes, le temps de payer.
buy-held-crypto = Vos billets sont réservés pendant { $minutes } minutes, le temps de payer ({ $crypto } minutes en crypto, tant que son cours est garanti).
buy-sandbox-html = Les paiements par carte passent par le <strong>bac à sable</strong> : aucun argent réel ne circule.
buy-continue = Passer au paiement
method-card = Carte
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } sur { $chain }

# Error pages.
error-title-not-found = Page introuvable
error-title-forbidden = Accès refusé
error-title-slow-down = Doucement
error-title-failed = Cela n'a pas fonctionné
error-title-busy = Nous sommes très sollicités
error-title-conflict = Indisponible
error-title-gone = N'est plus disponible
error-title-payments = Les paiements sont indisponibles
error-title-generic = Un problème est survenu
error-not-found = Nous n'avons pas trouvé cette page. L'événement a peut-être changé d'adresse ou est terminé.

## When an event happens, on its own clock

event-when-one-day = { $date }, de { $start } à { $end }
event-when-days = du { $date }, { $start }, au { $end_date }, { $end }

## An event in its own language, and in the reader's

event-translated = Traduit par l’organisateur (original : { $language }).
event-show-original = Voir l’original ({ $language })
event-show-translation = Voir la traduction ({ $language })
event-add-calendar = Ajouter au calendrier (.ics)
your-time = ({ $time } chez vous)
card-distance = à { $km } km
filters-near-me = Près de moi
filters-near-me-asking = Recherche de votre position…
filters-near-me-refused = Votre navigateur n'a pas partagé votre position. Choisissez plutôt une ville.
filters-near-me-failed = Impossible de trouver votre position pour le moment. Réessayez ou choisissez une ville.
filters-anywhere = Partout ×
event-related-nearby = Aussi à proximité
event-related-same-kind = Dans le même genre
event-related-also-bought = Ceux qui ont réservé ici ont aussi choisi

## Search suggestions
suggest-list-label = Suggestions de recherche
suggest-heading-events = Événements
suggest-heading-cities = Villes
suggest-heading-categories = Catégories
suggest-available = Suggestions ci-dessous : flèches haut et bas pour choisir, Entrée pour ouvrir.
suggest-none = Aucune suggestion.
suggest-events-count =
    { $count ->
        [one] { $count } événement
       *[other] { $count } événements
    }

## City pages and maps
city-title = Que faire à { $city }
city-intro =
    { $count ->
        [one] { $count } événement à venir
       *[other] { $count } événements à venir
    } à { $city } ({ $country }).
city-neighbourhoods = Quartiers
city-all-neighbourhoods = Tous les quartiers
city-empty = Rien de prévu ici pour l’instant. Essayez un autre quartier, ou toute la ville.
city-link = Plus à { $city }
map-show = Voir sur une carte
map-label = Carte des événements listés ici : chaque repère mène à son événement.

map-hide = Masquer la carte
map-zoom-in = Zoomer
map-zoom-out = Dézoomer
map-move-hint = Faites glisser la carte, ou utilisez les flèches du clavier, pour la déplacer.

account-home-heading = Où vous habitez
account-home-ask = Merci pour votre premier achat ! Où habitez-vous ? C’est facultatif et demandé une seule fois : cela aide les organisateurs à proposer des événements dans votre ville, et rien d’autre n’en est fait.
account-home-hint = Facultatif : cela aide les organisateurs à proposer des événements dans votre ville. Laissez les deux champs vides pour l’effacer.
account-home-country = Pays
account-home-city = Ville
account-home-save = Enregistrer
account-home-decline = Je préfère ne pas le dire

waitlist-heading = Liste d’attente
waitlist-intro = Complet ? Prenez place dans la file. Quand des billets se libèrent, la personne suivante reçoit un e-mail et les billets lui sont réservés un moment ; sans paiement, ils passent à la suivante.
waitlist-join = Rejoindre la liste d’attente pour { $ticket }
waitlist-in-line = Vous êtes numéro { $position } dans la file pour { $quantity } × { $ticket }.
waitlist-offered = Des billets se sont libérés : { $quantity } × { $ticket } vous sont réservés.
waitlist-pay = Les payer
waitlist-leave = Quitter la file
waitlist-joined = Vous êtes sur la liste d’attente. Nous vous écrirons si des billets se libèrent.
waitlist-left = Vous avez quitté la liste d’attente.
waitlist-not-sold-out = Ce type de billet est encore en vente : achetez-le ci-dessus.
waitlist-already = Vous avez déjà une place dans cette file.
waitlist-quantity = Choisissez de 1 à 10 billets.
waitlist-method = Choisissez comment vous paierez.
waitlist-no-type = Ce type de billet n’est pas en vente pour cet événement.

interest-title = Prévenez-moi
interest-intro = Rien de tel pour l’instant ? Dites-nous ce que vous cherchez et nous vous écrirons une fois quand un événement de ce genre sera publié.
interest-ask = Prévenez-moi quand il y aura quelque chose de ce genre
interest-words = Mots
interest-save = Prévenez-moi
interest-yours = Ce que vous attendez
interest-any-city = Toute ville
interest-any-category = Tout type d’événement
interest-answered = Répondu le { $when }
interest-remove = Ne plus attendre
interest-saved = C’est noté : nous vous écrirons une fois quand un événement de ce genre sera publié.
interest-removed = Vous ne serez pas prévenu.
account-delete-heading = Supprimer votre compte
account-delete-hint = Effacez votre compte et ce que nous avons noté de vos visites ; vos billets restent valables.
account-delete-start = Supprimer mon compte…
account-delete-goes-heading = Ce qui disparaît
account-delete-goes = Le nom, l’adresse e-mail, le mot de passe et le lieu de résidence de votre compte ; tous vos appareils sont déconnectés ; les recherches et pages notées comme les vôtres, vos demandes « Prévenez-moi » et vos places sur les listes d’attente.
account-delete-stays-heading = Ce qui reste
account-delete-stays = Vos commandes, leurs billets (avec le nom qui y figure) et leurs paiements, que nous devons garder pour notre comptabilité et pour l’entrée. Les billets envoyés restent valables : gardez les PDF reçus par e-mail, vous ne les verrez plus ici.
account-delete-upcoming =
    { $count ->
        [one] Vous avez 1 billet pour un événement à venir.
       *[other] Vous avez { $count } billets pour des événements à venir.
    }
account-delete-password = Votre mot de passe, pour confirmer
account-delete-submit = Supprimer définitivement mon compte
account-delete-back = Retour à votre compte
account-deleted-heading = Votre compte est supprimé
account-deleted-message = Ce qui n’appartenait qu’à vous a disparu, et vous êtes déconnecté partout. Les billets envoyés restent valables. Merci d’être sorti avec Tessera.
