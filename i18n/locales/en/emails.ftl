## Account and refund emails
email-account-verify-subject = Confirm your email address for Tessera
email-account-verify-intro = Please confirm that this is your email address, so we can send your tickets here.
email-account-verify-action = Confirm my email address
email-account-hours =
    { $hours ->
        [one] an hour
       *[other] { $hours } hours
    }
email-account-verify-note = The link works once, for { $valid }. If you did not sign up for Tessera, ignore this email: nothing happens without the link.
email-account-reset-subject = Reset your Tessera password
email-account-reset-intro = Someone (we hope you) asked to reset the password of your Tessera account.
email-account-reset-action = Choose a new password
email-account-reset-link = Choose a new one here:
email-account-reset-note = The link works once, for { $valid }. Using it signs out every device signed in to your account. If you did not ask, ignore this email: your password stays as it is.
email-account-registered-subject = You already have a Tessera account
email-account-registered-intro = Someone (we hope you) tried to sign up for Tessera with this email address, which already has an account.
email-account-registered-action = Log in
email-account-registered-link = Log in here:
email-account-registered-forgot = Forgot your password?
email-account-registered-new-password = Get a new one
email-account-registered-reset-link = Get a new one here:
email-account-registered-ignore = If it was not you, ignore this email: nothing has changed.
email-refund-subject = Your refund of { $amount } for { $event }
email-refund-claim-subject = Claim your refund of { $amount } for { $event }
email-refund-heading = { $amount } refunded
email-refund-sent-card = We have refunded { $amount } to the card you paid with.
email-refund-sent-btc = We have refunded { $amount } in bitcoin: claim it with your own address (on-chain or Lightning) at the link below.
email-refund-sent-crypto = We have refunded { $amount } to the address you paid from, in the same asset.
email-refund-when-label = When you will see it:
email-refund-when-card = card refunds usually appear on your statement within 5 to 10 business days, depending on your bank
email-refund-when-btc = once you claim it, as soon as the transaction confirms
email-refund-when-crypto = as soon as the transaction confirms
email-refund-why-customer = You cancelled your order.
email-refund-why-event-cancelled = The event was cancelled; we are sorry.
email-refund-why-money-due-back = Your payment could not be used for the order, so it goes back to you.
email-refund-why-organiser = The organiser refunded your order.
email-refund-ticket-cancelled = Your ticket is cancelled.
email-refund-all-cancelled = All { $count } of your tickets are cancelled.
email-refund-tickets-valid = Your tickets stay valid.
email-refund-some-cancelled =
    { $back ->
        [one] 1 of your { $count } tickets is cancelled; the others stay valid.
       *[other] { $back } of your { $count } tickets are cancelled; the others stay valid.
    }
email-refund-claim-button = Claim your refund
email-refund-claim-here = Claim it here:
email-refund-reply = If anything looks wrong, reply to this email.

email-offer-subject = Tickets for { $event } are yours if you want them
email-offer-intro = Tickets came back for { $event } and you were next on the waiting list: { $quantity } × { $ticket } are held for you until { $until }.
email-offer-action = Pay for your tickets
email-offer-note = If you do not pay by then, they go to the next person in line; you do not need to do anything to give them up.

email-interest-subject = { $event } is on: you asked us to tell you
email-interest-intro = You asked us to tell you when something like this is on: { $event }, in { $city }, { $when }.
email-interest-action = See the event
email-interest-note = This is the only email about this request; ask again on Tessera to hear about the next one.
