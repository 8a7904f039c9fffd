## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Administration — Tessera
admin-door-page-title = { $page } — Entrée — Tessera
admin-nav-label = Administration
admin-nav-events = Événements
admin-nav-new-event = Nouvel événement
admin-nav-analytics = Statistiques
admin-nav-finance = Finances
admin-nav-refunds = Remboursements dus
admin-nav-deliveries = Envois
admin-nav-checkin = Contrôle d’accès
admin-nav-staff = Équipe
admin-nav-audit = Journal d’audit
admin-col-event = Événement
admin-col-where = Lieu
admin-col-city = Ville
admin-col-status = Statut
admin-col-state = État
admin-col-actions = Actions
admin-col-action = Action
admin-col-customer = Client
admin-col-tickets = Billets
admin-col-orders = Commandes
admin-col-order = Commande
admin-col-amount = Montant
admin-col-price = Prix
admin-col-capacity = Capacité
admin-col-held = Réservés
admin-col-why = Motif
admin-col-when-utc = Date (UTC)
admin-filter-from = Du
admin-filter-to = Au
admin-filter-all = Tous
admin-filter-show = Afficher
admin-none = Aucun.
admin-none-yet = Aucun pour l’instant.
admin-deleted-account = (compte supprimé)
admin-saved = Enregistré.
admin-ticket-count = 
    { $count ->
        [one] { $count } billet
       *[other] { $count } billets
    }

# The event list
admin-events-heading = Événements
admin-events-deleted = L’événement a été supprimé.
admin-events-find-label = Chercher un événement
admin-events-find-placeholder = Titre, salle ou ville
admin-events-find = Chercher
admin-events-none = Aucun événement.
admin-events-none-match = Aucun événement ne correspond à « { $query } ».
admin-events-col-starts = Début (heure locale)
admin-events-view = Voir
admin-events-delete = Supprimer
admin-event-status-draft = Brouillon
admin-event-status-published = Publié
admin-event-status-cancelled = Annulé

# Deleting an event
admin-delete-title = Supprimer { $title }
admin-delete-heading = Supprimer « { $title } » ?
admin-delete-explain = L’événement et ses types de billets sont supprimés définitivement. Un événement qui a des commandes ne peut pas être supprimé : annulez-le plutôt, ce qui arrête les ventes et conserve ses commandes.
admin-delete-confirm = Supprimer l’événement
admin-delete-keep = Non, le garder

# The event form
admin-new-event-heading = Nouvel événement
admin-edit-heading = Modifier « { $title } »
admin-form-public-page = Page publique :
admin-form-public-note = (visible une fois publié)
admin-form-image-alt-current = L’image actuelle de l’événement
admin-form-image-replace = Remplacer l’image
admin-form-image-add = Ajouter une image
admin-form-image-hint = (JPEG, PNG ou WebP, 10 Mo maximum)
admin-form-upload = Envoyer
admin-form-legend-event = L’événement
admin-form-title = Titre
admin-form-description = Description
admin-form-description-hint = (une ligne vide entre les paragraphes)
admin-form-category = Catégorie
admin-form-language = Langue
admin-form-tags = Mots-clés
admin-form-tags-hint = (séparés par des virgules)
admin-form-image-description = Description de l’image
admin-form-image-description-hint = (texte alternatif)
admin-form-legend-when = Quand
admin-form-starts = Début
admin-form-ends = Fin
admin-form-local-time = (heure locale)
admin-form-timezone = Fuseau horaire
admin-form-timezone-hint = (IANA, p. ex. Europe/Lisbon)
admin-form-legend-where = Où
admin-form-venue = Salle
admin-form-address = Adresse
admin-form-region = Région
admin-form-country = Pays
admin-form-latitude = Latitude
admin-form-longitude = Longitude
admin-form-currency = Devise
admin-form-tickets-hint = Laissez le nom d’une ligne vide pour supprimer ce type de billet (ou pour ne pas utiliser une nouvelle ligne). Prix dans l’unité de la devise, par exemple 18.50.
admin-form-ticket-type-n = Type de billet { $n }
admin-form-legend-translations = Traductions
admin-form-translations-hint = L’événement est rédigé dans sa propre langue (ci-dessus). Ajoutez les mêmes textes dans d’autres langues, chacun à côté de l’original : les acheteurs qui lisent l’une d’elles le voient ainsi, et peuvent revenir à l’original. Videz le titre d’une traduction pour la supprimer.
admin-form-add-language = Ajouter une langue
admin-form-title-original = Titre original
admin-form-description-original = Description originale
admin-form-ticket-type-original = Type de billet original
admin-form-ticket-type = Type de billet
admin-form-save = Enregistrer
admin-form-delete = Supprimer cet événement

# The event form: refunds, holds and limits
admin-refunds-heading = Remboursements
admin-cancelled-refunding = Cet événement est annulé : chaque commande payée est remboursée par le moyen de paiement utilisé, et son acheteur prévenu par e-mail.
admin-cancelled-progress = Commandes remboursées : { $refunded } sur { $total }
admin-cancelled-pending = 
    { $count ->
        [one] { $count } en cours
       *[other] { $count } en cours
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } en échec (voir Remboursements)
       *[other] { $count } en échec (voir Remboursements)
    }
admin-policy-hint = Indique si les acheteurs peuvent annuler eux-mêmes leur commande contre un remboursement. Laissez les heures vides pour ne pas le permettre.
admin-policy-hours = Jusqu’à combien d’heures avant le début
admin-policy-fee = Frais (%)
admin-policy-save = Enregistrer les conditions
admin-holds-heading = Réservations et limites
admin-holds-hint = Nombre de billets qu’un même client peut réserver et acheter pour cet événement, toutes commandes confondues.
admin-holds-max = Billets par client
admin-holds-delayed = Le paiement par carte peut proposer des moyens lents (prélèvements, bons) dont le résultat arrive après la fin de la réservation
admin-holds-save = Enregistrer les limites
admin-holds-none = Personne ne réserve de billets pour cet événement en ce moment.
admin-holds-caption = Clients qui réservent des billets en ce moment, du plus au moins
admin-holds-col-payment-seen = Paiement reçu
admin-holds-col-bought = Achetés
admin-holds-col-open-orders = Commandes en cours
admin-holds-col-ends = Fin de réservation
admin-holds-col-release = Libérer
admin-holds-release = 
    { $count ->
        [one] Libérer { $count } billet
       *[other] Libérer { $count } billets
    }

# Analytics
admin-analytics-all-events = Tous les événements
admin-analytics-range = Jours selon { $zone }, du { $from } au { $to }.
admin-analytics-money-note = Les montants portent sur les commandes payées sur la période ; les commandes remboursées sont exclues.
admin-analytics-json = Ces chiffres en JSON
admin-analytics-received = Encaissements
admin-analytics-received-none = Aucun paiement sur cette période.
admin-analytics-kind-card = carte
admin-analytics-kind-bitcoin = bitcoin, on-chain
admin-analytics-kind-ether = ether, on-chain
admin-analytics-kind-token = jeton, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } commande
       *[other] { $count } commandes
    }
admin-analytics-refunded-net = remboursé { $refunded } · net { $net }
admin-analytics-by-method = Par moyen de paiement
admin-analytics-method-other = Autre
admin-analytics-col-method = Moyen
admin-analytics-col-value = Valeur au cours proposé
admin-analytics-days = Jour par jour
admin-analytics-col-day = Jour
admin-analytics-col-placed = Commandes passées
admin-analytics-col-paid = Commandes payées
admin-analytics-col-sold = Billets vendus
admin-analytics-funnel = Ce que sont devenues les commandes
admin-funnel-placed = Passées
admin-funnel-paid = Payées
admin-funnel-delivered = Billets envoyés
admin-funnel-pending = En attente de paiement
admin-funnel-expired = Expirées
admin-funnel-cancelled = Annulées
admin-funnel-failed = Échouées
admin-funnel-refund-due = Avec un remboursement dû
admin-analytics-top-cities = Villes en tête
admin-analytics-top-categories = Catégories en tête
admin-analytics-none-sold = Aucun billet vendu.
admin-analytics-events-hint = À l’instant, quelle que soit la période : billets vendus et réservés par rapport à la capacité, et montant des commandes payées de chaque événement.
admin-analytics-col-sold-short = Vendus
admin-analytics-col-sell-through = Taux de vente
admin-analytics-col-revenue = Chiffre d’affaires
admin-analytics-percent = { $whole },{ $tenth } %
admin-chart-method = Commandes payées par moyen de paiement
admin-chart-orders-per-day = Commandes passées par jour
admin-chart-tickets-per-day = Billets vendus par jour
admin-chart-funnel = Commandes passées sur la période, selon ce qu’elles sont devenues
admin-chart-cities = Billets vendus par ville
admin-chart-categories = Billets vendus par catégorie
admin-chart-day = { $day }/{ $month }

# The audit log
admin-audit-none = Aucune modification pour l’instant.
admin-audit-col-who = Qui
admin-audit-col-what = Quoi
admin-audit-col-about = Objet
admin-audit-col-changed = Modifié
admin-audit-event-create = Événement créé
admin-audit-event-edit = Événement modifié
admin-audit-event-delete = Événement supprimé
admin-audit-event-refund-policy = Conditions de remboursement modifiées
admin-audit-event-limits = Limites modifiées
admin-audit-event-release-holds = Billets réservés libérés
admin-audit-refund-request = Remboursement demandé
admin-audit-refund-cancel = Remboursement annulé
admin-audit-discrepancy-resolve = Écart résolu
admin-audit-account-role = Rôle modifié

# The door
admin-checkin-heading = Contrôler les billets
admin-checkin-none = Aucun événement n’a encore de billets à contrôler.
admin-checkin-code = Code du billet
admin-checkin-code-hint = Scannez le code QR avec un lecteur (il saisit le code et appuie sur Entrée), ou collez-le.
admin-checkin-submit = Valider l’entrée
admin-checkin-progress = Billets contrôlés : { $checked } sur { $total }.
admin-checkin-welcome = Bienvenue, { $name }
admin-checkin-ticket = { $type } · billet { $serial }
admin-checkin-repeat = Déjà entré
admin-checkin-refused = Refuser l’entrée

# Ticket deliveries
admin-deliveries-heading = Envoi des billets
admin-deliveries-intro = Les billets de chaque commande payée : émis, mis en PDF et envoyés par e-mail par le service de billetterie. Les envois en échec ont été abandonnés après plusieurs erreurs ; relancez-les une fois la cause corrigée.
admin-deliveries-filter = Filtrer par statut
admin-delivery-status-failed = En échec
admin-delivery-status-pending = En attente
admin-delivery-status-sent = Envoyés
admin-deliveries-none = Aucun envoi.
admin-deliveries-none-failed = Aucun envoi en échec.
admin-deliveries-none-pending = Aucun envoi en attente.
admin-deliveries-none-sent = Aucun envoi effectué.
admin-deliveries-col-attempts = Tentatives
admin-deliveries-col-error = Dernière erreur
admin-deliveries-retry = Relancer
admin-deliveries-sent-at = envoyé le { $when }
admin-deliveries-next-try = prochain essai { $when }
admin-deliveries-retried = L’envoi de la commande { $order } est relancé ; le service de billetterie le reprend dans quelques secondes.

# Finance: reconciliation
admin-finance-heading = Finances : rapprochement
admin-finance-intro = Chaque encaissement sur chaque moyen de paiement — paiements par carte, sorties bitcoin, paiements à notre contrat Ethereum — rapproché de sa commande, avec le montant proposé à côté de ce qui a été reçu. Jours selon { $zone }.
admin-finance-from = Reçu du
admin-finance-to = au
admin-finance-rail = Moyen de paiement
admin-rail-card = Carte
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH et jetons)
admin-finance-discrepancy = Écart
admin-finance-any = Tous
admin-finance-unresolved-only = Non résolus seulement
admin-finance-csv = Télécharger le CSV
admin-finance-discrepancies = Écarts
admin-finance-col-kind = Type
admin-finance-col-receipts = Encaissements
admin-finance-col-unresolved = Non résolus
admin-finance-received = Reçu
admin-finance-none = Aucun encaissement ne correspond.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } encaissement
       *[other] { $count } encaissements
    }
admin-finance-unreadable = Paiements bitcoin illisibles
admin-finance-unreadable-note = BTCPay a signalé ces paiements sous une forme que Tessera n’accepte pas : ils ne figurent donc pas parmi les encaissements ci-dessous. Les commandes de leurs factures ont été réglées d’après ce que BTCPay dit de la facture ; vérifiez chacune dans BTCPay.
admin-finance-col-first-seen = Vu la première fois (UTC)
admin-finance-col-invoice = Facture
admin-finance-col-problem = Ce qui était illisible
admin-finance-col-raw = Tel que signalé par BTCPay
admin-finance-receipts = Encaissements
admin-finance-col-received-at = Reçu le
admin-finance-col-receipt = Encaissement
admin-finance-col-received = Reçu
admin-finance-col-quoted = Proposé
admin-finance-resolved = Résolu : { $resolution }
admin-finance-note = Note
admin-finance-note-placeholder = remboursé hors plateforme
admin-finance-mark-resolved = Marquer comme résolu
admin-finance-flash-resolved = Marqué comme résolu ; c’est noté dans le journal d’audit.
admin-finance-flash-already-resolved = Cet écart était déjà résolu (par quelqu’un d’autre, à l’instant ?).
admin-finance-flash-nothing = Cet encaissement n’a aucun écart à résoudre.
admin-finance-flash-unknown = Cet encaissement n’existe pas.
admin-finance-flash-note-needed = Indiquez ce qui a été fait, dans une note de 1 à 2000 caractères.
admin-finance-eth-detail = bloc { $block } · payeur { $payer } · jeton { $token }
admin-finance-btc-rate = au cours de { $rate }
admin-finance-btc-settled = réglé le { $when }
admin-discrepancy-underpaid = Paiement insuffisant
admin-discrepancy-overpaid = Trop-perçu (excédent à rembourser)
admin-discrepancy-paid-late = Payé en retard
admin-discrepancy-sold-out = Remboursement dû : complet
admin-discrepancy-refund-due = Remboursement dû
admin-discrepancy-reorged = Réorganisé (reorg)
admin-discrepancy-orphan = Orphelin (sans commande)
admin-discrepancy-not-confirmed = Plus confirmé
admin-discrepancy-refund-pending = Remboursement en cours
admin-discrepancy-refund-failed = Remboursement échoué
admin-discrepancy-disputed = Contesté
admin-payment-state-creating = En création
admin-payment-state-open = Ouvert
admin-payment-state-succeeded = Réussi
admin-payment-state-failed = Échoué
admin-payment-state-expired = Expiré
admin-payment-state-refund-due = Remboursement dû
admin-payment-state-refunded = Remboursé
admin-payment-state-unmatched = Sans commande
admin-payment-state-processing = En confirmation
admin-payment-state-settled = Réglé
admin-payment-state-invalid = Invalide
admin-payment-state-seen = Vu
admin-payment-state-confirmed = Confirmé
admin-payment-state-reorged = Réorganisé (reorg)

# One order, for admins
admin-order-title = Commande { $id }
admin-order-heading = Commande
admin-order-total = Total
admin-order-refunded = Remboursé
admin-order-placed = Passée le (UTC)
admin-order-payments = Paiements
admin-order-no-payment = Aucun paiement.
admin-order-col-provider = Prestataire
admin-order-col-reference = Référence
admin-order-col-dispute = Litige
admin-order-no-tickets = Aucun billet émis.
admin-order-refund = Rembourser
admin-order-col-serial = Numéro
admin-order-col-holder = Titulaire
admin-order-col-type = Type
admin-order-refund-ticket = Rembourser le billet { $serial }
admin-order-refund-legend = Rembourser (reste jusqu’à { $left })
admin-order-refund-explain = Cochez des billets pour les rembourser à leur prix (ils ne donnent plus accès et sont remis en vente), ou indiquez un montant à rembourser sans annuler de billets, ou rien pour rembourser tout ce qui reste.
admin-order-refund-amount = Montant en { $currency } (facultatif)
admin-order-amount-example = p. ex. { $amount }
admin-order-refund-override = Rembourser aussi les billets déjà utilisés à l’entrée (noté dans le journal d’audit)
admin-order-refundable-btc = les bitcoins reçus par la facture
admin-order-refundable-eth = ce que le paiement a envoyé au contrat, à l’adresse qui a payé
admin-order-refunded-notice = Remboursement demandé ; son état figure ci-dessous.
admin-ticket-void-disputed = Annulé : paiement contesté
admin-ticket-void-cancelled = Annulé : événement annulé
admin-ticket-refunded = Remboursé
admin-ticket-checked-in = Entré le { $when }

# Refunds
admin-refunds-due = Sommes à rembourser
admin-refunds-due-intro = L’argent reçu qui n’a pas pu payer sa commande, du plus récent au plus ancien. Le bouton Rembourser renvoie aussitôt les paiements par carte via Stripe ; l’état s’affiche ici au fil de ce que Stripe signale.
admin-refunds-due-none = Rien à rembourser.
admin-refunds-col-received = Reçu (UTC)
admin-refunds-col-payment = Paiement
admin-refunds-send = Rembourser { $amount }
admin-refunds-unmatched = Paiements pour des commandes inconnues
admin-refunds-unmatched-intro = Les paiements par carte sont remboursés via Stripe depuis cette page ; les paiements en bitcoin sur BTCPay ; un paiement Ethereum retourne à l’adresse d’origine, dans le même actif.
admin-refunds-col-claimed = Référence de commande envoyée
admin-refunds-col-refund-to = Rembourser à
admin-refunds-asked = Remboursements demandés
admin-refunds-col-asked = Demandé (UTC)
admin-refunds-col-by = Par
admin-refunds-col-provider-ref = Référence du prestataire
admin-refunds-cancel = Annuler
admin-refund-status-requested = Demandé
admin-refund-status-sent = En cours
admin-refund-status-succeeded = Remboursé
admin-refund-status-failed = Échoué
admin-refund-status-cancelled = Annulé
admin-refunds-last-failed = Dernier remboursement : échoué
admin-refunds-last-cancelled = Dernier remboursement : annulé
admin-refund-cause-customer = Annulé par le client
admin-refund-cause-admin = Remboursé par un administrateur
admin-refund-cause-event-cancelled = Événement annulé
admin-refund-cause-money-due-back = Somme à rembourser
admin-refund-cause-outside = Remboursé chez le prestataire
admin-refunds-waiting = En attente : { $why }
admin-refunds-wallet-soon = Le portefeuille de remboursement l’envoie dans la minute
admin-refunds-to = À { $to }
admin-refunds-to-then = À { $to }.
admin-refunds-claim-link = Lien de réclamation pour le payeur : { $link }
admin-refunds-done = Remboursement { $id } demandé ; son état figure ci-dessous et suit ce que signale le prestataire.
admin-refunds-goes-back = Retour : { $amount } vers { $payer } (payé dans { $tx }, log { $log })
admin-refunds-base-units = { $units } unités de base du jeton { $token }
admin-refunds-to-card = La carte, via Stripe
admin-refunds-to-btcpay = Le payeur, qui le réclame sur la page de BTCPay (le lien figure plus bas)
admin-refunds-to-payer-at = Le payeur, via { $provider }
admin-refunds-no-reference = (aucune)
admin-refunds-tx-log = { $tx } (log { $log })
admin-refunds-cancel-too-late = Ce remboursement a déjà été transmis au prestataire ({ $state }) : il ne peut plus être annulé.

# Staff
admin-staff-intro-html = L’équipe d’accueil contrôle les billets sur <a href="/admin/checkin">la page de l’entrée</a> et ne peut rien faire d’autre ici. Demandez-leur de créer un compte et de confirmer leur adresse e-mail, puis ajoutez-les avec cette adresse. Les administrateurs se créent en ligne de commande (<code>tessera admin create</code>).
admin-staff-email = E-mail du nouveau membre de l’accueil
admin-staff-add = Ajouter à l’accueil
admin-staff-col-name = Nom
admin-staff-col-email = E-mail
admin-staff-col-role = Rôle
admin-staff-col-since = Depuis (UTC)
admin-staff-remove = Retirer
admin-staff-role-admin = Administrateur
admin-staff-role-door = Accueil
admin-staff-added = { $email } fait maintenant partie de l’accueil : cette personne peut contrôler les billets.
admin-staff-removed = { $email } ne fait plus partie de l’accueil.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = n’est pas un prix comme { $example }
admin-error-too-large = est trop grand
admin-error-not-a-zone = n’est pas un fuseau IANA comme Europe/Lisbon
admin-error-not-a-datetime = n’est pas une date et une heure
admin-error-time-skipped = n’existe pas dans { $zone } (changement d’heure à ce moment-là)
admin-error-not-a-number = n’est pas un nombre
admin-error-not-ours = ne nous appartient pas
admin-error-not-whole = n’est pas un nombre entier
admin-error-translation-language = indiquez la langue de chaque traduction (en, ja, pt-BR…)
admin-error-translation-twice = apparaît deux fois : une seule traduction par langue
admin-error-translation-title = est obligatoire (videz toute la traduction pour la supprimer)
admin-error-upload-unreadable = envoi illisible : { $error }
admin-error-upload-none = choisissez un fichier à envoyer
admin-error-upload-too-large = dépasse 10 Mo
admin-error-not-an-account = n’est pas un compte
admin-error-policy-hours = doit être un nombre entier d’heures
admin-error-policy-fee = doit être un pourcentage comme 10 ou 2.5
admin-error-form-expired = Le formulaire a expiré ; rechargez la page et réessayez.
admin-error-refund-both = Cochez des billets ou indiquez un montant, pas les deux.
admin-error-refund-amount = « { $amount } » n’est pas un montant en { $currency }.

# Why money is due back
admin-due-sold-out = Payé après la fin de la réservation ; complet entre-temps
admin-due-event-closed = Payé après la fin de la réservation ; l’événement était annulé ou commencé
admin-due-duplicate = Second paiement d’une commande déjà payée
admin-due-amount-mismatch = Le montant payé diffère de la commande
admin-due-wrong-rail = Payé par un autre moyen que celui de la commande
admin-due-partial = Seule une partie de la commande payée avant l’expiration de la facture
admin-due-overpaid = Payé plus que la commande ; l’excédent
admin-due-invoice-invalid = Argent versé sur une facture invalidée
admin-due-underpaid = Payé on-chain moins que le montant proposé, ou dans un autre actif
admin-due-order-closed = La commande était déjà close
admin-provider-free = Aucun (billets gratuits)

admin-form-neighbourhood = Quartier

admin-nav-market = Marché
market-intro = Qui veut quoi, où, et comment les atteindre : la demande relevée par notre propre serveur, à côté des ventes inscrites au registre.
market-all-categories = Toutes les catégories
market-privacy-note = Les vues et les recherches sont comptées sans suivre personne : l’identifiant d’un visiteur change chaque jour, aucune adresse n’est conservée, et les visiteurs qui demandent à ne pas être suivis sont comptés sans identifiant.
market-csv = { $table } en CSV
market-views = Vues des pages d’événement
market-buy-views = Vues de la page d’achat
market-holds = Commandes passées
market-paid = Payées
market-attended = Présents
market-buyers = Acheteurs
market-searches-missing = Recherches sans résultat
market-paid-of-holds = Part payée
market-band-free = Gratuit
market-band = De { $from } à { $to }
market-band-over = { $from } ou plus
market-band-col = Billet le moins cher
market-direct = Direct
market-none = Rien sur cette période pour l’instant.
market-funnel = De la visite à la venue
market-step = Étape
market-count = Nombre
market-of-previous = Par rapport à l’étape précédente
market-started = Commencés
market-by-rail = Moyens de paiement : paiements commencés et aboutis
market-by-city = Par ville
market-by-category = Par catégorie
market-by-band = Par prix
market-willing = Prêts à payer
market-willing-hint = Vues des pages d’événement et d’achat sur la période, puis les commandes passées pendant celle-ci : combien ont été payées, et pour combien un billet a été contrôlé à l’entrée.
market-who = Qui
market-who-hint = Les personnes qui ont payé des commandes passées sur la période : premier achat ou retour, habitant la ville de l’événement ou de passage (d’après leur compte), la langue dans laquelle elles ont acheté, et le nombre de billets achetés d’un coup.
market-who-col = Profil des acheteurs
market-new-buyers = Nouveaux
market-returning-buyers = Récurrents
market-locals = Habitants
market-visitors = De passage
market-home-unknown = Non précisé
market-languages = Langues
market-language = Langue
market-group-sizes = Taille des groupes
market-tickets-per-order = Billets par commande
market-where = Où
market-where-hint = Où vivent les acheteurs (d’après ce qu’ils nous ont dit après leur premier achat), face au lieu des événements qu’ils ont payés.
market-flows = Domicile des acheteurs et ville des événements
market-home = Les acheteurs vivent à
market-event-city = Événement à
market-reach = Comment les atteindre
market-reach-hint = D’où venaient les visites : les balises utm d’un lien de suivi, sinon le site qui les a envoyées, sinon accès direct. Une commande garde le canal de la visite au cours de laquelle elle a été passée.
market-channels = Canaux
market-channel = Canal
market-page-views = Pages vues
market-paid-per-views = Payées par page vue
market-links = Liens de suivi
market-missing = Ce qui manque
market-missing-hint = Ce que l’on a cherché et que personne ne propose encore, ce qui est complet et qui l’attend, et ce dont on a demandé à être prévenu.
market-search-gaps = Recherches sans résultat, ou avec peu
market-words = Mots
market-no-words = (filtres seulement)
market-results = Trouvés
market-results-none = rien
market-results-few = 3 ou moins
market-searches = Recherches
market-searchers = Personnes ayant cherché
market-sold-out = Types de billet complets
market-ticket-type = Type de billet
links-title = Liens de suivi
links-intro = Créez un lien pour chaque endroit où vous faites la promotion de cet événement (une newsletter, le code QR d’une affiche, le site d’un partenaire). Les visites qui passent par ce lien, les commandes qu’elles donnent et ce qui est payé apparaissent sur la page Marché.
links-source = Source
links-medium = Support
links-campaign = Campagne
links-create = Créer le lien
links-none = Aucun lien de suivi pour cet événement pour l’instant.
links-address = Lien
links-created = Créé le
links-remove = Supprimer
links-see-market = Voir sur la page Marché ce que les liens ont apporté
links-added = Lien créé. Copiez-le depuis le tableau ci-dessous.
links-removed = Lien supprimé. Ce qu’il a apporté reste compté dans son canal.
links-manage = Liens de suivi

market-waiting = En attente
market-waiting-tickets = Billets demandés

market-interests = Demandes « Prévenez-moi »
market-interests-open = En attente
market-interests-answered = Répondues
market-any = Tous
