## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = Gratuito
ticket-document-title = Bilhetes: { $title }
ticket-heading = TESSERA · BILHETE DE ENTRADA
ticket-of = Bilhete { $number } de { $count }
ticket-starts = { $date }, às { $time } ({ $zone })
ticket-type-label = TIPO DE BILHETE
ticket-holder-label = TITULAR
ticket-price-label = PREÇO PAGO
ticket-order-label = ENCOMENDA
ticket-serial-label = NÚMERO DE SÉRIE
ticket-door-note = Mostre esta página à entrada, impressa ou no telemóvel. O código QR dá entrada a uma pessoa, uma única vez: é assinado pela Tessera e verificado ao ser lido, por isso uma cópia não entra duas vezes. Traga um documento de identificação com fotografia em nome do titular.
email-tickets-subject =
    { $count ->
        [one] O seu bilhete para { $event }
       *[other] Os seus bilhetes para { $event }
    }
email-hello = Olá, { $name },
email-tickets-attached =
    { $count ->
        [one] O seu bilhete segue em anexo a este e-mail, em PDF.
       *[other] Os seus { $count } bilhetes seguem em anexo a este e-mail, em PDF.
    }
email-when-label = Quando:
email-where-label = Onde:
email-bring-heading = O que levar
email-bring-pdf = O PDF, impresso ou no telemóvel: cada página tem um código QR que dá entrada a uma pessoa, uma única vez.
email-bring-id = Um documento de identificação com fotografia no nome que consta dos bilhetes.
email-download-button = Descarregar os bilhetes
email-download-expires = Não precisa de iniciar sessão; a ligação funciona até { $date }.
email-download-again = Para descarregar os bilhetes outra vez (sem iniciar sessão; a ligação funciona até { $date }):
email-order-label = Encomenda
email-your-order = A sua encomenda { $reference }:
email-see-you = Até lá,
