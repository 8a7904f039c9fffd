## Account and refund emails
email-account-verify-subject = Confirme o seu endereço de e-mail no Tessera
email-account-verify-intro = Confirme que este é o seu endereço de e-mail, para que lhe possamos enviar os bilhetes para aqui.
email-account-verify-action = Confirmar o meu endereço de e-mail
email-account-hours =
    { $hours ->
        [one] uma hora
       *[other] { $hours } horas
    }
email-account-verify-note = A ligação funciona uma única vez, durante { $valid }. Se não se registou no Tessera, ignore este e-mail: sem a ligação, nada acontece.
email-account-reset-subject = Redefina a sua palavra-passe do Tessera
email-account-reset-intro = Alguém (esperamos que tenha sido você) pediu para redefinir a palavra-passe da sua conta Tessera.
email-account-reset-action = Escolher uma nova palavra-passe
email-account-reset-link = Escolha uma nova aqui:
email-account-reset-note = A ligação funciona uma única vez, durante { $valid }. Ao usá-la, termina a sessão em todos os dispositivos com sessão iniciada na sua conta. Se não fez este pedido, ignore este e-mail: a sua palavra-passe mantém-se.
email-account-registered-subject = Já tem uma conta no Tessera
email-account-registered-intro = Alguém (esperamos que tenha sido você) tentou registar-se no Tessera com este endereço de e-mail, que já tem uma conta.
email-account-registered-action = Iniciar sessão
email-account-registered-link = Inicie sessão aqui:
email-account-registered-forgot = Esqueceu-se da palavra-passe?
email-account-registered-new-password = Peça uma nova
email-account-registered-reset-link = Peça uma nova aqui:
email-account-registered-ignore = Se não foi você, ignore este e-mail: nada foi alterado.
email-refund-subject = O seu reembolso de { $amount }: { $event }
email-refund-claim-subject = Reclame o seu reembolso de { $amount }: { $event }
email-refund-heading = { $amount } reembolsados
email-refund-sent-card = Reembolsámos { $amount } no cartão com que pagou.
email-refund-sent-btc = Reembolsámos { $amount } em bitcoin: reclame-o com o seu próprio endereço (on-chain ou Lightning) na ligação abaixo.
email-refund-sent-crypto = Reembolsámos { $amount } para o endereço a partir do qual pagou, no mesmo ativo.
email-refund-when-label = Quando o vai receber:
email-refund-when-card = os reembolsos no cartão costumam aparecer no extrato em 5 a 10 dias úteis, consoante o seu banco
email-refund-when-btc = depois de o reclamar, assim que a transação for confirmada
email-refund-when-crypto = assim que a transação for confirmada
email-refund-why-customer = Cancelou a sua encomenda.
email-refund-why-event-cancelled = O evento foi cancelado; lamentamos.
email-refund-why-money-due-back = O seu pagamento não pôde ser usado na encomenda, por isso é-lhe devolvido.
email-refund-why-organiser = O organizador reembolsou a sua encomenda.
email-refund-ticket-cancelled = O seu bilhete foi cancelado.
email-refund-all-cancelled = Os seus { $count } bilhetes foram cancelados.
email-refund-tickets-valid = Os seus bilhetes continuam válidos.
email-refund-some-cancelled =
    { $back ->
        [one] Foi cancelado 1 dos seus { $count } bilhetes; os restantes continuam válidos.
       *[other] Foram cancelados { $back } dos seus { $count } bilhetes; os restantes continuam válidos.
    }
email-refund-claim-button = Reclamar o reembolso
email-refund-claim-here = Reclame-o aqui:
email-refund-reply = Se algo lhe parecer errado, responda a este e-mail.

email-offer-subject = Há bilhetes para { $event } à sua espera
email-offer-intro = Ficaram disponíveis bilhetes para { $event } e era o próximo na lista de espera: { $quantity } × { $ticket } estão reservados para si até { $until }.
email-offer-action = Pagar os seus bilhetes
email-offer-note = Se não pagar até lá, passam para a pessoa seguinte; não precisa de fazer nada para desistir deles.

email-interest-subject = { $event } já está à venda: pediu-nos para o avisar
email-interest-intro = Pediu-nos para o avisar quando houvesse algo assim: { $event }, em { $city }, { $when }.
email-interest-action = Ver o evento
email-interest-note = Este é o único e-mail sobre este pedido; peça de novo no Tessera para saber do próximo.
