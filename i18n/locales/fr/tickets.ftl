## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Gratuit
ticket-document-title = Billets : { $title }
ticket-heading = TESSERA · BILLET D’ENTRÉE
ticket-of = Billet { $number } sur { $count }
ticket-starts = { $date } à { $time } ({ $zone })
ticket-type-label = TYPE DE BILLET
ticket-holder-label = TITULAIRE
ticket-price-label = PRIX PAYÉ
ticket-order-label = COMMANDE
ticket-serial-label = NUMÉRO DE SÉRIE
ticket-door-note = Présentez cette page à l’entrée, imprimée ou sur votre téléphone. Le QR code fait entrer une personne, une seule fois : signé par Tessera et vérifié à chaque scan, il ne laisse pas passer une copie une seconde fois. Munissez-vous d’une pièce d’identité avec photo au nom du titulaire.
email-tickets-subject =
    { $count ->
        [one] Votre billet pour { $event }
       *[other] Vos billets pour { $event }
    }
email-hello = Bonjour { $name },
email-tickets-attached =
    { $count ->
        [one] Votre billet est joint à cet e-mail en PDF.
       *[other] Vos { $count } billets sont joints à cet e-mail en PDF.
    }
email-when-label = Quand :
email-where-label = Où :
email-bring-heading = À apporter
email-bring-pdf = Le PDF, imprimé ou sur votre téléphone : chaque page porte un QR code qui fait entrer une personne, une seule fois.
email-bring-id = Une pièce d’identité avec photo au nom inscrit sur les billets.
email-download-button = Télécharger vos billets
email-download-expires = Pas besoin de vous connecter ; le lien fonctionne jusqu’au { $date }.
email-download-again = Pour télécharger à nouveau les billets (sans vous connecter ; le lien fonctionne jusqu’au { $date }) :
email-order-label = Commande
email-your-order = Votre commande { $reference } :
email-see-you = À bientôt,
