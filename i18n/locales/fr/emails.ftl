## Account and refund emails
email-account-verify-subject = Confirmez votre adresse e-mail pour Tessera
email-account-verify-intro = Merci de confirmer que cette adresse e-mail est bien la vôtre, pour que nous puissions vous y envoyer vos billets.
email-account-verify-action = Confirmer mon adresse e-mail
email-account-hours =
    { $hours ->
        [one] une heure
       *[other] { $hours } heures
    }
email-account-verify-note = Le lien ne fonctionne qu’une fois, pendant { $valid }. Si vous n’avez pas créé de compte Tessera, ignorez cet e-mail : rien ne se passe sans le lien.
email-account-reset-subject = Réinitialisez votre mot de passe Tessera
email-account-reset-intro = Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de votre compte Tessera.
email-account-reset-action = Choisir un nouveau mot de passe
email-account-reset-link = Choisissez-en un nouveau ici :
email-account-reset-note = Le lien ne fonctionne qu’une fois, pendant { $valid }. L’utiliser déconnecte tous les appareils connectés à votre compte. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.
email-account-registered-subject = Vous avez déjà un compte Tessera
email-account-registered-intro = Quelqu’un (vous, nous l’espérons) a essayé de s’inscrire sur Tessera avec cette adresse e-mail, qui a déjà un compte.
email-account-registered-action = Se connecter
email-account-registered-link = Connectez-vous ici :
email-account-registered-forgot = Mot de passe oublié ?
email-account-registered-new-password = Obtenez-en un nouveau
email-account-registered-reset-link = Obtenez-en un nouveau ici :
email-account-registered-ignore = Si ce n’était pas vous, ignorez cet e-mail : rien n’a changé.
email-refund-subject = Votre remboursement de { $amount } pour { $event }
email-refund-claim-subject = Réclamez votre remboursement de { $amount } pour { $event }
email-refund-heading = { $amount } remboursés
email-refund-sent-card = Nous avons remboursé { $amount } sur la carte utilisée pour le paiement.
email-refund-sent-btc = Nous avons remboursé { $amount } en bitcoins : récupérez-les avec votre propre adresse (on-chain ou Lightning) grâce au lien ci-dessous.
email-refund-sent-crypto = Nous avons remboursé { $amount } à l’adresse depuis laquelle vous avez payé, dans la même cryptomonnaie.
email-refund-when-label = Quand vous le recevrez :
email-refund-when-card = les remboursements sur carte apparaissent généralement sur votre relevé sous 5 à 10 jours ouvrés, selon votre banque
email-refund-when-btc = une fois que vous l’aurez réclamé, dès que la transaction sera confirmée
email-refund-when-crypto = dès que la transaction sera confirmée
email-refund-why-customer = Vous avez annulé votre commande.
email-refund-why-event-cancelled = L’événement a été annulé ; nous en sommes désolés.
email-refund-why-money-due-back = Votre paiement n’a pas pu être affecté à la commande ; il vous est donc restitué.
email-refund-why-organiser = L’organisateur a remboursé votre commande.
email-refund-ticket-cancelled = Votre billet est annulé.
email-refund-all-cancelled = Vos { $count } billets sont annulés.
email-refund-tickets-valid = Vos billets restent valables.
email-refund-some-cancelled =
    { $back ->
        [one] { $back } de vos { $count } billets est annulé ; les autres restent valables.
       *[other] { $back } de vos { $count } billets sont annulés ; les autres restent valables.
    }
email-refund-claim-button = Réclamer le remboursement
email-refund-claim-here = Réclamez-le ici :
email-refund-reply = Si quelque chose vous semble incorrect, répondez à cet e-mail.

email-offer-subject = Des billets pour { $event } vous attendent
email-offer-intro = Des billets pour { $event } se sont libérés et vous étiez le prochain sur la liste d’attente : { $quantity } × { $ticket } vous sont réservés jusqu’au { $until }.
email-offer-action = Payer vos billets
email-offer-note = Sans paiement d’ici là, ils passent à la personne suivante ; vous n’avez rien à faire pour y renoncer.

email-interest-subject = { $event } est programmé : vous nous aviez demandé de vous prévenir
email-interest-intro = Vous nous aviez demandé de vous prévenir quand quelque chose de ce genre serait programmé : { $event }, à { $city }, { $when }.
email-interest-action = Voir l’événement
email-interest-note = C’est le seul e-mail pour cette demande ; faites-en une nouvelle sur Tessera pour être prévenu du suivant.
