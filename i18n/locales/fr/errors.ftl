## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = dans une seconde
error-retry-seconds = { $count ->
    [one] dans { $count } seconde
   *[other] dans { $count } secondes
}
error-retry-minutes = { $count ->
    [one] dans { $count } minute
   *[other] dans { $count } minutes
}
error-retry-hours = { $count ->
    [one] dans { $count } heure
   *[other] dans { $count } heures
}
error-too-many-logins = Trop de tentatives de connexion. Réessayez { $when }.
error-too-many-passwords = Trop de tentatives de mot de passe. Réessayez { $when }.
error-too-many-signups = Trop d'inscriptions. Réessayez { $when }.
error-too-many-emails = Trop de demandes d'e-mail. Réessayez { $when }.
error-too-many-resets = Trop de tentatives de réinitialisation. Réessayez { $when }.
error-too-many-purchases = Trop d'achats d'affilée. Réessayez { $when }.

## Buying
error-idempotency-key-reused = Cette Idempotency-Key a déjà servi pour un autre achat ; utilisez-en une nouvelle.
error-ticket-limit = { $limit ->
    [one] Vous pouvez acheter au plus { $limit } billet pour cet événement.
   *[other] Vous pouvez acheter au plus { $limit } billets pour cet événement.
}
error-ticket-limit-already = { $limit ->
    [one] Vous pouvez réserver ou acheter au plus { $limit } billet pour cet événement, et vous en avez déjà { $already }.
   *[other] Vous pouvez réserver ou acheter au plus { $limit } billets pour cet événement, et vous en avez déjà { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] Vous avez déjà une commande non payée. Payez-la ou annulez-la avant d'en commencer une autre.
   *[other] Vous avez déjà { $limit } commandes non payées. Payez-en une ou annulez-la avant d'en commencer une autre.
}
error-sold-out = { $count ->
    [0] { $name } : complet.
    [one] { $name } : il ne reste qu'un billet.
   *[other] { $name } : il ne reste que { $count } billets.
}
error-sold-out-short = { $count ->
    [0] { $name } : complet.
    [one] { $name } : plus qu'une place.
   *[other] { $name } : plus que { $count } places.
}
error-choose-tickets = Choisissez vos billets : { $problem }.
error-field-problem = { $field } : { $problem }.
error-event-cancelled = Cet événement a été annulé ; aucun billet n'est en vente.
error-event-started = Cet événement a déjà commencé ; les billets ne sont plus en vente.
error-none-on-sale-yet = Aucun billet n'est encore en vente pour cet événement.
error-idempotency-key = doit comporter de 1 à 255 caractères ASCII visibles
error-not-a-ticket-type-here = n'est pas un type de billet de cet événement
error-total-too-large = le total est trop élevé
error-choose-a-ticket = choisissez au moins un billet
error-at-least-one = doit être au moins 1
error-ticket-type-twice = apparaît deux fois ; indiquez la quantité totale une seule fois
error-tickets-per-order = au plus { $max } billets par commande ({ $total } demandés)
error-whole-number-up-to = doit être un nombre entier de 1 à { $max }
error-method-unavailable = Le paiement par { $method } n'est pas disponible ici ; choisissez un autre moyen de paiement.
error-chain-unavailable = { $method } n'est pas accepté sur ce réseau ici ; choisissez un autre réseau ou un autre moyen de paiement.
error-not-cancellable = Cette commande ne peut plus être annulée (état : { $status }).
error-payment-in-progress = Un paiement pour cette commande est en cours de confirmation : elle ne peut pas être annulée pour l'instant.
error-rail-switch-closed = Cette commande n’attend plus de paiement : son moyen de paiement ne peut plus changer.
error-rail-switch-seen = Un paiement pour cette commande est en cours de confirmation : son moyen de paiement ne peut pas changer pour l’instant.
error-rail-switch-quoted = Cette commande a reçu un devis en { $asset }, qui ne peut pas être retiré : payez-la en { $asset }, par carte ou en bitcoin, pas en { $wanted }.
error-rail-switch-quote-left = Le devis en { $asset } de cette commande a été abandonné pour un autre moyen de paiement et ne peut pas être redonné. Payez par carte ou en bitcoin.
error-rail-switch-failed = Ce moyen de paiement n’a pas pu être ouvert ; rien n’a été débité et vos billets restent réservés. Réessayez ou choisissez-en un autre.
error-checkout-in-progress = Le paiement de cette commande est encore en préparation. Réessayez dans un instant.
error-payment-refused-because = Cet achat ne peut pas être payé ainsi ({ $reason }) : rien n'a été débité et vos billets ont été libérés.
error-payment-refused = Le prestataire de paiement a refusé cet achat : rien n'a été débité et vos billets ont été libérés. Contactez-nous si cela se reproduit.
error-payment-unavailable = Nous n'avons pas pu joindre le prestataire de paiement : rien n'a été débité et vos billets ont été libérés. Réessayez dans un instant.
error-payment-unavailable-short = Nous n'avons pas pu joindre le prestataire de paiement ; rien n'a été débité. Réessayez.

## Refusals and failures
error-invalid-body = Impossible de lire cette requête : { $why }
error-log-in-first = Connectez-vous d'abord.
error-admins-only = Il faut un compte administrateur.
error-staff-only = Il faut un compte du personnel d'accueil ou d'administrateur.
error-page-admins-only = Cette page est réservée aux administrateurs.
error-page-staff-only = Cette page est réservée au personnel d'accueil et aux administrateurs.
error-through-load-balancer = Les requêtes doivent passer par le répartiteur de charge.
error-cross-site = Les requêtes provenant d'un autre site ne sont pas acceptées.
error-email-unverified = Confirmez d'abord votre adresse e-mail : utilisez le lien que nous vous avons envoyé, ou demandez-en un nouveau depuis votre compte.
error-method-not-allowed = Cette adresse n'accepte pas cette méthode.
error-payload-too-large = Ce fichier dépasse 10 Mo.
error-busy = Nous sommes très sollicités en ce moment ; réessayez dans un instant.
error-internal = Un problème est survenu de notre côté. Il a été enregistré.
error-image-format = n'est pas une image JPEG, PNG ou WebP
error-image-unreadable = n'a pas pu être lue comme une image ({ $why })
error-stale-version = Quelqu'un d'autre a enregistré cet événement depuis que vous l'avez ouvert (vous avez modifié la version { $expected } ; c'est maintenant la version { $current }). Rechargez-le et refaites votre modification.
error-event-has-orders = Cet événement a des commandes : il ne peut pas être supprimé. Annulez-le plutôt (statut « cancelled ») : les ventes s'arrêtent et ses commandes sont conservées.

## Not found
error-not-found-account = Nous n'avons pas trouvé ce compte.
error-not-found-checkout = Nous n'avons pas trouvé ce paiement.
error-not-found-door-staff = Nous n'avons pas trouvé ce membre du personnel d'accueil.
error-not-found-download-link = Nous n'avons pas trouvé ce lien de téléchargement.
error-not-found-event = Nous n'avons pas trouvé cet événement.
error-not-found-file = Nous n'avons pas trouvé ce fichier.
error-not-found-invoice = Nous n'avons pas trouvé cette facture.
error-not-found-order = Nous n'avons pas trouvé cette commande.
error-not-found-payment = Nous n'avons pas trouvé ce paiement.
error-not-found-receipt = Nous n'avons pas trouvé ce reçu.
error-not-found-refund = Nous n'avons pas trouvé ce remboursement.
error-not-found-ticket = Nous n'avons pas trouvé ce billet.
error-not-found-page = Il n'y a rien à cette adresse.

## Accounts
error-bad-credentials = Cet e-mail et ce mot de passe ne correspondent à aucun compte.
error-not-this-accounts-password = Ce n'est pas le mot de passe du compte que ce lien confirme.
error-link-invalid = Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.
error-not-current-password = n'est pas votre mot de passe actuel
error-this-field = Ce champ { $problem }.
error-new-password = Le nouveau mot de passe { $problem }.
notice-signup-sent = Consultez votre boîte de réception : nous vous avons envoyé un lien pour confirmer votre adresse e-mail et terminer votre inscription.
notice-signup-sent-48h = Consultez votre boîte de réception : nous vous avons envoyé un lien pour confirmer votre adresse e-mail et terminer votre inscription. Il est valable 48 heures.
notice-reset-sent = Si un compte utilise cette adresse e-mail, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Il est valable une heure.
notice-already-confirmed = Votre adresse e-mail est déjà confirmée.
notice-link-sent = Nous vous avons envoyé un nouveau lien pour confirmer votre adresse e-mail.
notice-check-inbox = Consultez votre boîte de réception
notice-password-changed = Votre mot de passe a été modifié. Vos autres appareils ont été déconnectés.
notice-email-confirmed = Merci : votre adresse e-mail est confirmée.
notice-confirm-email = Confirmez votre adresse e-mail
notice-link-confirms = Ce lien confirme { $email }. Saisissez le mot de passe choisi à l'inscription.
notice-ask-new-link = Connectez-vous et demandez un nouveau lien depuis votre compte.
notice-choose-password = Choisissez un nouveau mot de passe

## What is wrong with a field (said after the field's name)
error-no-control-characters = ne doit pas contenir de caractères de contrôle
error-no-invisible-characters = ne doit pas contenir de caractères de contrôle ni de mise en forme invisibles
error-no-nul = ne doit pas contenir de caractère NUL
error-required = est obligatoire
error-min-characters = doit comporter au moins { $min } caractères
error-max-characters = doit comporter au plus { $max } caractères
error-at-most = ne doit pas dépasser { $max }
error-at-most-languages = ne doit pas dépasser { $max } langues
error-between = doit être compris entre { $min } et { $max }
error-not-negative = ne doit pas être négatif
error-too-large = est trop grand
error-appears-twice = apparaît deux fois
error-not-a-time = { $value } n'est pas une heure comme 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } n'est pas une date comme 2026-12-31
error-not-an-amount = { $value } n'est pas un montant comme 25 ou 25.50
error-not-a-limit = { $value } n'est pas un nombre de 1 à 100
error-not-a-cursor = n'est pas un curseur fourni par cette API
error-cursor-other-query = appartient à une autre recherche
error-unreadable-query = paramètres illisibles : { $why }
error-not-an-id = { $kind ->
    [order] { $value } n'est pas un identifiant de commande (un UUID)
    [account] { $value } n'est pas un identifiant de compte (un UUID)
    [payment] { $value } n'est pas un identifiant de paiement (un UUID)
    [refund] { $value } n'est pas un identifiant de remboursement (un UUID)
   *[event] { $value } n'est pas un identifiant d'événement (un UUID)
}
error-not-a-payment-method = { $value } n'est pas un moyen de paiement ; utilisez card, btc, lightning, eth, usdc, usdt ou eurc
error-not-an-email = n'est pas une adresse e-mail comme ana@example.org

## The event form and the admin API's validation
error-unknown-category = catégorie inconnue ; utilisez l'une de celles-ci : { $known }
error-unknown-category-named = catégorie inconnue { $category } ; utilisez l'une de celles-ci : { $known }
error-from-after-to = { $from } est après la date de fin ({ $to })
error-not-a-country = n'est pas un code pays ISO 3166-1 comme PT
error-ends-after-start = doit être après le début (starts_at)
error-not-a-time-zone = n'est pas un fuseau horaire IANA comme Europe/Lisbon
error-not-a-language = n'est pas un code de langue comme { $example }
error-event-status = doit être draft, published ou cancelled
error-name-taken = est déjà utilisé par un autre type de billet
error-same-currency = doit être { $currency }, comme les autres types de billet de l'événement
error-published-needs-ticket-type = un événement publié doit avoir au moins un type de billet
error-currency-required = est obligatoire tant que l'événement n'a aucun type de billet
error-own-language = est la langue d'origine de l'événement ({ $language })
error-second-translation = est une deuxième traduction dans la même langue
error-translation-names = nomme { $names } types de billet ; l'événement en a { $types }
error-currency-change = ne peut changer qu'avec ticket_types, en redonnant chaque prix dans la nouvelle devise
error-capacity-below-taken = ne peut pas être inférieure aux { $taken } billets déjà vendus ou réservés
error-capacity-below-sold = ne peut pas être inférieure aux billets déjà vendus ou réservés

## Money
error-unknown-currency = { $code } n'est pas un code de devise ISO 4217 (comme EUR, JPY ou CAD)
error-card-whole-units = les paiements par carte en { $currency } doivent être en unités entières de { $currency } (Stripe ne peut pas en débiter de fractions)
error-card-three-decimals = les paiements par carte en { $currency } doivent être un multiple de 0,010 { $currency } (règle de Stripe pour les devises à trois décimales)
error-amount-too-large = le montant est trop élevé

## Check-in and downloads
error-void-refunded = il a été remboursé
error-void-disputed = son paiement est contesté
error-void-event-cancelled = l'événement a été annulé
error-void-voided = il a été annulé
error-checkin-other-event = Ce billet est pour un autre événement : { $event }.
error-checkin-already = Déjà enregistré le { $when } : billet { $serial } ({ $holder }).
error-checkin-voided = Le billet { $serial } ne donne plus accès : { $why }.
error-checkin-void = La commande de ce billet n'est pas payée (état : { $status }) : il ne donne pas accès.
error-download-expired = Ce lien de téléchargement a expiré. Connectez-vous et téléchargez vos billets depuis votre compte.
error-tickets-voided = { $reason ->
    [disputed] Ces billets ne donnent plus accès : leur paiement est contesté. La page de la commande indique ce qui a été rendu.
    [event_cancelled] Ces billets ne donnent plus accès : l'événement a été annulé. La page de la commande indique ce qui a été rendu.
   *[other] Ces billets ne donnent plus accès : ils ont été remboursés. La page de la commande indique ce qui a été rendu.
}

## The admin API
error-already-delivered = Ces billets ont déjà été envoyés.
error-delivery-status = { $value } n'est ni pending, ni sent, ni failed
error-refund-not-cancellable = { $status ->
    [succeeded] Ce remboursement a abouti et ne peut plus être annulé.
    [failed] Ce remboursement a échoué et ne peut plus être annulé.
    [cancelled] Ce remboursement a déjà été annulé.
   *[other] Ce remboursement est en cours et ne peut plus être annulé.
}
error-refund-status = doit être requested, sent, succeeded, failed ou cancelled
error-idempotency-key-required = est obligatoire : de 1 à 255 caractères ASCII visibles
error-from-after-to-plain = ne doit pas être après la date de fin (to)
error-rail = { $value } n'est ni card, ni btc, ni eth
error-one-of = { $value } ne fait pas partie de : { $known }
error-true-or-false = { $value } n'est ni true ni false
error-json-or-csv = { $value } n'est ni json ni csv
error-resolution-note = dites ce qui a été fait, en 1 à 2000 caractères
error-nothing-to-resolve = Ce reçu n'a aucun écart à régler.
error-already-resolved = Cet écart a déjà été réglé.
error-report-days = un rapport couvre au plus { $max } jours
error-tickets-or-amount = indiquez des billets ou un montant, pas les deux
error-name-a-ticket = doit indiquer au moins un billet
error-hours-before = doit être compris entre 0 et 8760 heures
error-whole-tickets = doit être un nombre entier de billets
error-staff-no-account = Aucun compte n'utilise cette adresse e-mail ; demandez-lui de s'inscrire d'abord.
error-staff-unverified = Ce compte n'a pas encore confirmé son adresse e-mail ; demandez-lui d'utiliser le lien envoyé.
error-staff-is-admin = Ce compte est administrateur ; les administrateurs peuvent déjà enregistrer les billets.
error-staff-not-door = Ce compte ne fait pas partie du personnel d'accueil.

## Refunds
error-refund-key-reused = Cette clé d'idempotence a déjà servi pour un autre remboursement.
error-refund-not-paid = Seule une commande payée peut être remboursée (état : { $status }).
error-refund-too-much = C'est plus que ce qu'il reste à rembourser sur ce paiement ({ $left } dans sa plus petite unité).
error-refund-nothing-left = Tout ce que ce paiement a reçu a déjà été remboursé, ou est en cours de remboursement.
error-refund-zero = Le montant doit être supérieur à zéro.
error-refund-unknown-ticket = Le billet { $ticket } ne fait pas partie de cette commande.
error-refund-ticket-voided = Le billet { $serial } a déjà été remboursé ou annulé.
error-refund-checked-in = Le billet { $serial } a déjà servi à l'entrée ; le rembourser demande l'accord explicite d'un administrateur.
error-refund-not-issued = Les billets de cette commande sont encore en cours d'émission ; réessayez dans une minute.
error-refund-stock-taken = Les billets ne peuvent pas tous être rendus : ils ont été revendus à quelqu'un d'autre après leur remise en vente.
error-refund-only-paid = Seule une commande payée peut être annulée contre remboursement.
error-refund-event-cancelled = L'événement a été annulé : votre remboursement arrive sans que vous ayez à le demander.
error-refund-no-policy = L'organisateur de cet événement ne propose pas de remboursement sur demande.
error-refund-too-late = Il est trop tard pour annuler cette commande contre remboursement.
error-refund-free-order = Cette commande était gratuite : il n'y a rien à rembourser.
error-refund-cancelled-already = Vous avez déjà annulé cette commande ; son remboursement y figure.
error-refund-overpaid = Vous avez payé plus que le montant de la commande ; demandez à l'organisateur, qui vous rendra les deux.
error-refund-partly-refunded = Une partie de cette commande a déjà été remboursée ; adressez-vous à l'organisateur.
error-refund-no-btc-output = Aucune sortie bitcoin réglée n'est enregistrée pour cette facture : remboursez-la dans BTCPay Server.
error-refund-no-chain-payment = Aucun paiement confirmé de cette commande n'est enregistré sur la chaîne : rien ne peut encore être rendu.
error-refund-reorged = Le paiement de cette commande a disparu de la chaîne après confirmation : la comptabilité doit vérifier avant tout remboursement.
error-refund-wrong-token = Cette commande a été payée dans un jeton autre que celui du devis : remboursez-la manuellement.
error-refund-unreadable-btc = Un paiement de cette facture n'a pas pu être lu (voir /admin/finance) : remboursez-la dans BTCPay Server, ou une fois le paiement lisible.
error-refund-nothing-due = Rien n'est dû sur ce paiement.
error-refund-btc-unsettled = Aucune sortie bitcoin réglée n'est encore enregistrée pour cette facture : rien ne peut être rendu avant son règlement.
error-refund-no-reference = Ce paiement n'a pas de référence par laquelle rembourser : remboursez-le chez son prestataire.
error-refund-not-stray = Ce n'est pas un paiement confirmé pour un identifiant de commande jamais chiffré : remboursez plutôt sa commande.
error-refund-unknown-token = Il a été payé dans un jeton que Tessera n'a jamais proposé : remboursez-le manuellement depuis le portefeuille de remboursement.

## The Ethereum sandbox
error-nothing-to-pay = Il ne reste rien à payer sur cette commande.
error-chain-silent = la chaîne locale n'a pas répondu
error-sandbox-could-not-pay = Le bac à sable n'a pas pu payer cette commande : { $why }. Votre commande est inchangée et ses billets restent réservés.

## Near a place
error-not-a-place = { $value } n'est pas un lieu comme 38.7139,-9.1334 (latitude,longitude)
error-not-a-radius = { $value } n'est pas une distance de 0,1 à 20016 km
error-radius-without-near = demande near, le lieu d'où mesurer
error-distance-without-near = distance demande near, le lieu d'où mesurer
error-sort = { $value } n'est pas un tri possible : utilisez distance

error-tracking-part = utilisez des lettres, des chiffres, des points, des tirets et des tirets bas (60 au plus), en commençant par une lettre ou un chiffre
error-link-exists = cet événement a déjà un lien avec cette source, ce support et cette campagne
error-market-table = { $value } n'est pas un tableau du rapport ; utilisez l'un de ceux-ci : { $known }

notice-home-saved = Enregistré. Merci !
notice-home-declined = C'est noté : nous ne vous le demanderons plus.

error-interest-empty = Indiquez une ville, un type d'événement ou quelques mots.

error-interest-words = Utilisez des mots qui disent ce que vous cherchez (ceux-ci sont trop courants pour une recherche).
error-interest-too-many = Vous attendez déjà des nouvelles de { $max } demandes ; retirez-en une d'abord.
error-delete-staff = Les comptes du personnel d'accueil ne peuvent pas être supprimés ici : demandez d'abord à un administrateur de vous retirer de l'équipe.
error-delete-unpaid-order = Vous avez une commande en attente de paiement. Payez-la ou annulez-la (ou laissez sa réservation expirer), puis supprimez votre compte.
error-delete-refund-under-way = Un remboursement est en route vers vous, ou de l'argent doit vous être rendu. Vous pourrez supprimer votre compte une fois qu'il vous sera parvenu.
error-delete-tickets-being-sent = Vos billets sont encore en cours d'envoi par e-mail. Réessayez dans quelques minutes.
error-delete-admin = Les comptes d'administration ne peuvent pas être supprimés depuis la boutique.
error-delete-bitcoin-tickets = Vous avez payé en bitcoin des billets pour un événement à venir : s'il était annulé, votre remboursement se réclamerait par un lien envoyé par e-mail. Vous pourrez supprimer votre compte une fois l'événement passé.
error-metrics-forbidden = Les métriques ne sont servies qu'aux adresses autorisées par l'exploitant (TESSERA_METRICS_FROM), jamais via le répartiteur de charge.
