## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = in a second
error-retry-seconds = { $count ->
    [one] in { $count } second
   *[other] in { $count } seconds
}
error-retry-minutes = { $count ->
    [one] in { $count } minute
   *[other] in { $count } minutes
}
error-retry-hours = { $count ->
    [one] in { $count } hour
   *[other] in { $count } hours
}
error-too-many-logins = Too many login attempts. Try again { $when }.
error-too-many-passwords = Too many password attempts. Try again { $when }.
error-too-many-signups = Too many sign-ups. Try again { $when }.
error-too-many-emails = Too many email requests. Try again { $when }.
error-too-many-resets = Too many reset attempts. Try again { $when }.
error-too-many-purchases = Too many purchases. Try again { $when }.

## Buying
error-idempotency-key-reused = This Idempotency-Key was already used for a different purchase; use a new key.
error-ticket-limit = { $limit ->
    [one] You can buy at most { $limit } ticket for this event.
   *[other] You can buy at most { $limit } tickets for this event.
}
error-ticket-limit-already = { $limit ->
    [one] You can hold or buy at most { $limit } ticket for this event, and you already have { $already }.
   *[other] You can hold or buy at most { $limit } tickets for this event, and you already have { $already }.
}
error-too-many-open-orders = { $limit ->
    [one] You already have an unpaid order. Pay for it or cancel it before starting another.
   *[other] You already have { $limit } unpaid orders. Pay for one or cancel it before starting another.
}
error-sold-out = { $count ->
    [0] { $name } is sold out.
    [one] Only 1 { $name } ticket is left.
   *[other] Only { $count } { $name } tickets are left.
}
error-sold-out-short = { $count ->
    [0] { $name } is sold out.
   *[other] Only { $count } { $name } left.
}
error-choose-tickets = Choose your tickets: { $problem }.
error-field-problem = { $field } { $problem }.
error-event-cancelled = This event was cancelled; no tickets are on sale.
error-event-started = This event has already started; tickets are no longer sold.
error-none-on-sale-yet = No tickets are on sale for this event yet.
error-idempotency-key = must be 1 to 255 visible ASCII characters
error-not-a-ticket-type-here = is not a ticket type of this event
error-total-too-large = the total is too large
error-choose-a-ticket = choose at least one ticket
error-at-least-one = must be at least 1
error-ticket-type-twice = appears twice; ask for the total quantity once
error-tickets-per-order = at most { $max } tickets per order (asked for { $total })
error-whole-number-up-to = must be a whole number from 1 to { $max }
error-method-unavailable = { $method } payments are not available here; choose another way to pay.
error-chain-unavailable = { $method } is not taken on that network here; choose another network or way to pay.
error-not-cancellable = This order can no longer be cancelled (it is { $status }).
error-payment-in-progress = A payment for this order is being confirmed, so it cannot be cancelled now.
error-rail-switch-closed = This order is no longer waiting for payment, so how it is paid cannot change.
error-rail-switch-seen = A payment for this order is being confirmed, so how it is paid cannot change now.
error-rail-switch-quoted = This order was given a quote in { $asset }, which cannot be withdrawn: pay it in { $asset }, or by card or bitcoin, not in { $wanted }.
error-rail-switch-quote-left = The { $asset } quote this order was given was left for another way to pay; it cannot be given again. Pay by card or in bitcoin.
error-rail-switch-failed = We could not open that way of paying; nothing was charged and your tickets are still held. Try again, or choose another way.
error-checkout-in-progress = This order's payment is still being set up. Try again in a moment.
error-payment-refused-because = This purchase cannot be paid this way ({ $reason }), so nothing was charged and your tickets were released.
error-payment-refused = The payment provider refused this purchase, so nothing was charged and your tickets were released. Please contact us if it happens again.
error-payment-unavailable = We could not reach the payment provider, so nothing was charged and your tickets were released. Please try again in a moment.
error-payment-unavailable-short = We could not reach the payment provider; nothing was charged. Please try again.

## Refusals and failures
error-invalid-body = We could not read this request: { $why }
error-log-in-first = Log in first.
error-admins-only = This needs an admin account.
error-staff-only = This needs a door staff or an admin account.
error-page-admins-only = This page is for admins.
error-page-staff-only = This page is for door staff and admins.
error-through-load-balancer = Requests must come through the load balancer.
error-cross-site = Cross-site requests are not accepted.
error-email-unverified = Confirm your email address first: use the link we sent you, or ask for a new one on your account page.
error-method-not-allowed = This address does not take that method.
error-payload-too-large = That file is larger than 10 MB.
error-busy = We are very busy right now; please try again in a moment.
error-internal = Something went wrong on our side. It has been logged.
error-image-format = is not a JPEG, PNG or WebP image
error-image-unreadable = could not be read as an image ({ $why })
error-stale-version = Someone else saved this event since you loaded it (you edited version { $expected }; it is now version { $current }). Reload it and make your change again.
error-event-has-orders = This event has orders, so it cannot be deleted. Cancel it instead (status "cancelled"): sales stop and its orders are kept.

## Not found
error-not-found-account = We could not find that account.
error-not-found-checkout = We could not find that checkout.
error-not-found-door-staff = We could not find that door staff member.
error-not-found-download-link = We could not find that download link.
error-not-found-event = We could not find that event.
error-not-found-file = We could not find that file.
error-not-found-invoice = We could not find that invoice.
error-not-found-order = We could not find that order.
error-not-found-payment = We could not find that payment.
error-not-found-receipt = We could not find that receipt.
error-not-found-refund = We could not find that refund.
error-not-found-ticket = We could not find that ticket.
error-not-found-page = There is nothing at this address.

## Accounts
error-bad-credentials = That email and password do not match an account.
error-not-this-accounts-password = That is not the password of the account this link confirms.
error-link-invalid = This link has expired or was already used. Ask for a new one.
error-not-current-password = is not your current password
error-this-field = This { $problem }
error-new-password = The new password { $problem }.
notice-signup-sent = Check your inbox: we sent you a link to confirm your email address and finish signing up.
notice-signup-sent-48h = Check your inbox: we sent you a link to confirm your email address and finish signing up. The link works for 48 hours.
notice-reset-sent = If an account uses that email address, we sent it a link to choose a new password. It works for an hour.
notice-already-confirmed = Your email address is already confirmed.
notice-link-sent = We sent you a new link to confirm your email address.
notice-check-inbox = Check your inbox
notice-password-changed = Your password was changed. Other devices were signed out.
notice-email-confirmed = Thank you: your email address is confirmed.
notice-confirm-email = Confirm your email address
notice-link-confirms = This link confirms { $email }. Enter the password you chose when signing up.
notice-ask-new-link = Log in and ask for a new link from your account page.
notice-choose-password = Choose a new password

## What is wrong with a field (said after the field's name)
error-no-control-characters = must not contain control characters
error-no-invisible-characters = must not contain control or invisible formatting characters
error-no-nul = must not contain NUL characters
error-required = is required
error-min-characters = must be at least { $min } characters
error-max-characters = must be at most { $max } characters
error-at-most = must be at most { $max }
error-at-most-languages = must be at most { $max } languages
error-between = must be between { $min } and { $max }
error-not-negative = must not be negative
error-too-large = is too large
error-appears-twice = appears twice
error-not-a-time = { $value } is not a time like 2026-12-05T21:30:00+00:00
error-not-a-date = { $value } is not a date like 2026-12-31
error-not-an-amount = { $value } is not an amount like 25 or 25.50
error-not-a-limit = { $value } is not a number from 1 to 100
error-not-a-cursor = is not a cursor this API handed out
error-cursor-other-query = belongs to a different query
error-unreadable-query = unreadable query string: { $why }
error-not-an-id = { $kind ->
    [order] { $value } is not an order id (a UUID)
    [account] { $value } is not an account id (a UUID)
    [payment] { $value } is not a payment id (a UUID)
    [refund] { $value } is not a refund id (a UUID)
   *[event] { $value } is not an event id (a UUID)
}
error-not-a-payment-method = { $value } is not a payment method; use card, btc, lightning, eth, usdc, usdt or eurc
error-not-an-email = is not an email address like ana@example.org

## The event form and the admin API's validation
error-unknown-category = unknown category; use one of { $known }
error-unknown-category-named = unknown category { $category }; use one of { $known }
error-from-after-to = { $from } is after to ({ $to })
error-not-a-country = is not an ISO 3166-1 country code like PT
error-ends-after-start = must be after starts_at
error-not-a-time-zone = is not an IANA time zone like Europe/Lisbon
error-not-a-language = is not a language code like { $example }
error-event-status = must be draft, published or cancelled
error-name-taken = is used by another ticket type
error-same-currency = must be { $currency } like the event's other ticket types
error-published-needs-ticket-type = a published event needs at least one ticket type
error-currency-required = is required while the event has no ticket types
error-own-language = is the event's own language ({ $language })
error-second-translation = is a second translation into the same language
error-translation-names = names { $names } ticket types; the event has { $types }
error-currency-change = can only change together with ticket_types, restating every price in the new currency
error-capacity-below-taken = cannot be below the { $taken } tickets already sold or held
error-capacity-below-sold = cannot be below the tickets already sold or held

## Money
error-unknown-currency = { $code } is not an ISO 4217 currency code (like EUR, JPY or CAD)
error-card-whole-units = card payments in { $currency } must be whole units of { $currency } (Stripe cannot charge fractions of it)
error-card-three-decimals = card payments in { $currency } must be a multiple of 0.010 { $currency } (Stripe's rule for three-decimal currencies)
error-amount-too-large = the amount is too large

## Check-in and downloads
error-void-refunded = it was refunded
error-void-disputed = its payment is disputed
error-void-event-cancelled = the event was cancelled
error-void-voided = it was voided
error-checkin-other-event = This ticket is for another event: { $event }.
error-checkin-already = Already checked in at { $when }: ticket { $serial } ({ $holder }).
error-checkin-voided = Ticket { $serial } does not admit anyone: { $why }.
error-checkin-void = This ticket's order is not paid (status: { $status }); it does not admit anyone.
error-download-expired = This download link has expired. Sign in and download your tickets from your account.
error-tickets-voided = { $reason ->
    [disputed] These tickets no longer admit anyone: their payment is disputed. The order page says what went back.
    [event_cancelled] These tickets no longer admit anyone: the event was cancelled. The order page says what went back.
   *[other] These tickets no longer admit anyone: they were refunded. The order page says what went back.
}

## The admin API
error-already-delivered = These tickets were already delivered.
error-delivery-status = { $value } is not pending, sent or failed
error-refund-not-cancellable = { $status ->
    [succeeded] This refund has gone through and can no longer be cancelled.
    [failed] This refund failed and can no longer be cancelled.
    [cancelled] This refund was cancelled already.
   *[other] This refund is on its way and can no longer be cancelled.
}
error-refund-status = must be requested, sent, succeeded, failed or cancelled
error-idempotency-key-required = is required: 1 to 255 visible ASCII characters
error-from-after-to-plain = must not be after to
error-rail = { $value } is not card, btc or eth
error-one-of = { $value } is not one of { $known }
error-true-or-false = { $value } is not true or false
error-json-or-csv = { $value } is not json or csv
error-resolution-note = say what was done, in 1 to 2000 characters
error-nothing-to-resolve = This receipt has no discrepancy to resolve.
error-already-resolved = This discrepancy was resolved already.
error-report-days = a report covers at most { $max } days
error-tickets-or-amount = give either tickets or an amount, not both
error-name-a-ticket = must name at least one ticket
error-hours-before = must be 0 to 8760 hours
error-whole-tickets = must be a whole number of tickets
error-staff-no-account = No account has this email address; ask them to sign up first.
error-staff-unverified = This account has not confirmed its email address yet; ask them to use the link we sent.
error-staff-is-admin = This account is an admin; admins check tickets in already.
error-staff-not-door = This account is not door staff.

## Refunds
error-refund-key-reused = This idempotency key was used for another refund.
error-refund-not-paid = Only a paid order can be refunded (status: { $status }).
error-refund-too-much = That is more than is left to refund on this payment ({ $left } in its smallest unit).
error-refund-nothing-left = Everything this payment received has already been refunded, or is being.
error-refund-zero = The amount must be more than zero.
error-refund-unknown-ticket = Ticket { $ticket } is not one of this order's tickets.
error-refund-ticket-voided = Ticket { $serial } was already refunded or voided.
error-refund-checked-in = Ticket { $serial } has been checked in; refunding it needs an admin's explicit override.
error-refund-not-issued = This order's tickets are still being issued; try again in a minute.
error-refund-stock-taken = The tickets sold since cannot all be given back: they were sold to someone else after they were returned.
error-refund-only-paid = Only a paid order can be cancelled for a refund.
error-refund-event-cancelled = The event was cancelled: your refund is on its way without asking.
error-refund-no-policy = This event's organiser does not offer refunds on request.
error-refund-too-late = It is too late to cancel this order for a refund.
error-refund-free-order = This order was free: there is nothing to refund.
error-refund-cancelled-already = You cancelled this order already; its refund is listed on it.
error-refund-overpaid = You paid more than the order; ask the organiser, who sends back both.
error-refund-partly-refunded = Part of this order was refunded already; ask the organiser.
error-refund-no-btc-output = No settled bitcoin output of this invoice is recorded: refund it in BTCPay Server.
error-refund-no-chain-payment = No confirmed payment of this order is recorded on chain: nothing can go back yet.
error-refund-reorged = This order's payment left the chain after it was confirmed: finance must look before anything goes back.
error-refund-wrong-token = This order was paid in a token it was not quoted in: refund it by hand.
error-refund-unreadable-btc = A payment of this invoice could not be read (see /admin/finance): refund it in BTCPay Server, or once it reads.
error-refund-nothing-due = Nothing is due back on this payment.
error-refund-btc-unsettled = No settled bitcoin output of this invoice is recorded yet: nothing can go back until it settles.
error-refund-no-reference = This payment has no payment reference to refund through: refund it at its provider.
error-refund-not-stray = This is not a confirmed payment for an order id we never quoted: refund its order instead.
error-refund-unknown-token = It was paid in a token Tessera has never quoted: refund it by hand from the refund wallet.

## The Ethereum sandbox
error-nothing-to-pay = This order has nothing left to pay.
error-chain-silent = the local chain did not answer
error-sandbox-could-not-pay = The sandbox could not pay this order: { $why }. Your order is unchanged and its tickets are still held.

## Near a place
error-not-a-place = { $value } is not a place like 38.7139,-9.1334 (latitude,longitude)
error-not-a-radius = { $value } is not a distance from 0.1 to 20016 km
error-radius-without-near = needs near, the place to measure from
error-distance-without-near = distance needs near, the place to measure from
error-sort = { $value } is not a way to sort: use distance

error-tracking-part = use letters, digits, dots, hyphens and underscores (at most 60), starting with a letter or digit
error-link-exists = this event already has a link with this source, medium and campaign
error-market-table = { $value } is not a table of the report; use one of { $known }

notice-home-saved = Saved. Thank you!
notice-home-declined = Understood: we will not ask again.

error-interest-empty = Name a city, a kind of event or some words.

error-interest-words = Use words that say what you look for (these are too common to search for).
error-interest-too-many = You are already waiting to hear about { $max } things; withdraw one first.
error-delete-staff = Door staff accounts cannot be deleted here: ask an admin to remove you from the staff first.
error-delete-unpaid-order = You have an order waiting for its payment. Pay for it or cancel it (or let its hold run out), then delete your account.
error-delete-refund-under-way = A refund is on its way to you, or money is due back to you. You can delete your account once it has reached you.
error-delete-tickets-being-sent = Your tickets are still being emailed to you. Try again in a few minutes.
error-delete-admin = Admin accounts cannot be deleted from the shop.
error-delete-bitcoin-tickets = You paid in bitcoin for tickets to an event still to come: were it cancelled, your refund would be claimed through a link we email you. You can delete your account once the event is over.
error-metrics-forbidden = Metrics are served only to the addresses the operator allows (TESSERA_METRICS_FROM), never through the load balancer.
