## The admin console

# Every admin page: its title, the console's links, words the tables share
admin-page-title = { $page } — Admin — Tessera
admin-door-page-title = { $page } — Door — Tessera
admin-nav-label = Admin
admin-nav-events = Events
admin-nav-new-event = New event
admin-nav-analytics = Analytics
admin-nav-finance = Finance
admin-nav-refunds = Refunds due
admin-nav-deliveries = Deliveries
admin-nav-checkin = Check-in
admin-nav-staff = Staff
admin-nav-audit = Audit log
admin-col-event = Event
admin-col-where = Where
admin-col-city = City
admin-col-status = Status
admin-col-state = State
admin-col-actions = Actions
admin-col-action = Action
admin-col-customer = Customer
admin-col-tickets = Tickets
admin-col-orders = Orders
admin-col-order = Order
admin-col-amount = Amount
admin-col-price = Price
admin-col-capacity = Capacity
admin-col-held = Held
admin-col-why = Why
admin-col-when-utc = When (UTC)
admin-filter-from = From
admin-filter-to = To
admin-filter-all = All
admin-filter-show = Show
admin-none = None.
admin-none-yet = None yet.
admin-deleted-account = (deleted account)
admin-saved = Saved.
admin-ticket-count = 
    { $count ->
        [one] { $count } ticket
       *[other] { $count } tickets
    }

# The event list
admin-events-heading = Events
admin-events-deleted = The event was deleted.
admin-events-find-label = Find an event
admin-events-find-placeholder = Title, venue or city
admin-events-find = Find
admin-events-none = No events.
admin-events-none-match = No events match “{ $query }”.
admin-events-col-starts = Starts (local)
admin-events-view = View
admin-events-delete = Delete
admin-event-status-draft = Draft
admin-event-status-published = Published
admin-event-status-cancelled = Cancelled

# Deleting an event
admin-delete-title = Delete { $title }
admin-delete-heading = Delete “{ $title }”?
admin-delete-explain = The event and its ticket types are removed for good. An event with orders cannot be deleted: cancel it instead, which stops sales and keeps its orders.
admin-delete-confirm = Delete the event
admin-delete-keep = No, keep it

# The event form
admin-new-event-heading = New event
admin-edit-heading = Edit “{ $title }”
admin-form-public-page = Public page:
admin-form-public-note = (visible once published)
admin-form-image-alt-current = The event’s current image
admin-form-image-replace = Replace the image
admin-form-image-add = Add an image
admin-form-image-hint = (JPEG, PNG or WebP, up to 10 MB)
admin-form-upload = Upload
admin-form-legend-event = The event
admin-form-title = Title
admin-form-description = Description
admin-form-description-hint = (blank line between paragraphs)
admin-form-category = Category
admin-form-language = Language
admin-form-tags = Tags
admin-form-tags-hint = (separated by commas)
admin-form-image-description = Image description
admin-form-image-description-hint = (alt text)
admin-form-legend-when = When
admin-form-starts = Starts
admin-form-ends = Ends
admin-form-local-time = (local time)
admin-form-timezone = Time zone
admin-form-timezone-hint = (IANA, e.g. Europe/Lisbon)
admin-form-legend-where = Where
admin-form-venue = Venue
admin-form-address = Address
admin-form-region = Region
admin-form-country = Country
admin-form-latitude = Latitude
admin-form-longitude = Longitude
admin-form-currency = Currency
admin-form-tickets-hint = Leave a row’s name empty to remove that ticket type (or to leave a new row unused). Prices in the currency’s own units, like 18.50.
admin-form-ticket-type-n = Ticket type { $n }
admin-form-legend-translations = Translations
admin-form-translations-hint = The event is written in its own language (above). Add the same texts in other languages, each beside its original: buyers reading one of them see it, and can switch to the original. Clear a translation’s title to remove it.
admin-form-add-language = Add a language
admin-form-title-original = Title, original
admin-form-description-original = Description, original
admin-form-ticket-type-original = Ticket type, original
admin-form-ticket-type = Ticket type
admin-form-save = Save
admin-form-delete = Delete this event

# The event form: refunds, holds and limits
admin-refunds-heading = Refunds
admin-cancelled-refunding = This event is cancelled: every paid order is refunded on the rail it was paid by, and its buyer emailed.
admin-cancelled-progress = { $refunded } of { $total } orders refunded
admin-cancelled-pending = 
    { $count ->
        [one] { $count } on its way
       *[other] { $count } on their way
    }
admin-cancelled-failed = 
    { $count ->
        [one] { $count } failed (see Refunds)
       *[other] { $count } failed (see Refunds)
    }
admin-policy-hint = Whether buyers may cancel their own orders for a refund. Leave the hours empty for no self-service refunds.
admin-policy-hours = Until hours before the start
admin-policy-fee = Fee (%)
admin-policy-save = Save refund policy
admin-holds-heading = Holds and limits
admin-holds-hint = How many tickets one customer may hold and buy for this event, over all their orders.
admin-holds-max = Tickets per customer
admin-holds-delayed = Card checkouts may offer slow methods (bank debits, vouchers) whose result arrives after the hold
admin-holds-save = Save limits
admin-holds-none = Nobody holds tickets of this event right now.
admin-holds-caption = Customers holding tickets now, most first
admin-holds-col-payment-seen = Payment seen
admin-holds-col-bought = Bought
admin-holds-col-open-orders = Open orders
admin-holds-col-ends = Hold ends
admin-holds-col-release = Release
admin-holds-release = 
    { $count ->
        [one] Release { $count } held
       *[other] Release { $count } held
    }

# Analytics
admin-analytics-all-events = All events
admin-analytics-range = Days in { $zone }, { $from } to { $to }.
admin-analytics-money-note = Money figures are orders paid in the range; refunded orders are left out.
admin-analytics-json = These figures as JSON
admin-analytics-received = What came in
admin-analytics-received-none = Nothing was paid in this range.
admin-analytics-kind-card = card
admin-analytics-kind-bitcoin = bitcoin, on-chain
admin-analytics-kind-ether = ether, on-chain
admin-analytics-kind-token = token, on-chain
admin-analytics-orders = 
    { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }
admin-analytics-refunded-net = refunded { $refunded } · net { $net }
admin-analytics-by-method = By payment method
admin-analytics-method-other = Other
admin-analytics-col-method = Method
admin-analytics-col-value = Value at the quoted rate
admin-analytics-days = Day by day
admin-analytics-col-day = Day
admin-analytics-col-placed = Orders placed
admin-analytics-col-paid = Orders paid
admin-analytics-col-sold = Tickets sold
admin-analytics-funnel = What became of the orders placed
admin-funnel-placed = Placed
admin-funnel-paid = Paid
admin-funnel-delivered = Tickets delivered
admin-funnel-pending = Still waiting for payment
admin-funnel-expired = Expired
admin-funnel-cancelled = Cancelled
admin-funnel-failed = Failed
admin-funnel-refund-due = With money due back
admin-analytics-top-cities = Top cities
admin-analytics-top-categories = Top categories
admin-analytics-none-sold = No tickets sold.
admin-analytics-events-hint = Now, whatever the range: tickets sold and held against capacity, and what each event’s paid orders came to.
admin-analytics-col-sold-short = Sold
admin-analytics-col-sell-through = Sell-through
admin-analytics-col-revenue = Revenue
admin-analytics-percent = { $whole }.{ $tenth }%
admin-chart-method = Paid orders per payment method
admin-chart-orders-per-day = Orders placed per day
admin-chart-tickets-per-day = Tickets sold per day
admin-chart-funnel = Orders placed in the range, by what became of them
admin-chart-cities = Tickets sold per city
admin-chart-categories = Tickets sold per category
admin-chart-day = { $month }/{ $day }

# The audit log
admin-audit-none = No changes yet.
admin-audit-col-who = Who
admin-audit-col-what = What
admin-audit-col-about = About
admin-audit-col-changed = Changed
admin-audit-event-create = Event created
admin-audit-event-edit = Event edited
admin-audit-event-delete = Event deleted
admin-audit-event-refund-policy = Refund policy changed
admin-audit-event-limits = Limits changed
admin-audit-event-release-holds = Held tickets released
admin-audit-refund-request = Refund requested
admin-audit-refund-cancel = Refund cancelled
admin-audit-discrepancy-resolve = Discrepancy resolved
admin-audit-account-role = Role changed

# The door
admin-checkin-heading = Check tickets in
admin-checkin-none = No event has tickets to check in yet.
admin-checkin-code = Ticket code
admin-checkin-code-hint = Scan the QR code with a barcode scanner (it types the code and presses Enter), or paste it.
admin-checkin-submit = Check in
admin-checkin-progress = { $checked } of { $total } tickets checked in.
admin-checkin-welcome = Welcome, { $name }
admin-checkin-ticket = { $type } · ticket { $serial }
admin-checkin-repeat = Already checked in
admin-checkin-refused = Do not admit

# Ticket deliveries
admin-deliveries-heading = Ticket deliveries
admin-deliveries-intro = Each paid order’s tickets: issued, rendered to PDF and emailed by the ticketing worker. Failed deliveries gave up after repeated errors; retry them once the cause is fixed.
admin-deliveries-filter = Filter by status
admin-delivery-status-failed = Failed
admin-delivery-status-pending = Pending
admin-delivery-status-sent = Sent
admin-deliveries-none = No deliveries.
admin-deliveries-none-failed = No failed deliveries.
admin-deliveries-none-pending = No pending deliveries.
admin-deliveries-none-sent = No deliveries sent.
admin-deliveries-col-attempts = Attempts
admin-deliveries-col-error = Last error
admin-deliveries-retry = Retry
admin-deliveries-sent-at = sent { $when }
admin-deliveries-next-try = next try { $when }
admin-deliveries-retried = Delivery of order { $order } queued again; the ticketing worker picks it up within seconds.

# Finance: reconciliation
admin-finance-heading = Finance: reconciliation
admin-finance-intro = Every receipt on every rail — card payments, bitcoin outputs, payments to our Ethereum contract — matched to its order, with the quote beside what came in. Days in { $zone }.
admin-finance-from = Received from
admin-finance-to = to
admin-finance-rail = Rail
admin-rail-card = Card
admin-rail-btc = Bitcoin
admin-rail-eth = Ethereum (ETH and tokens)
admin-finance-discrepancy = Discrepancy
admin-finance-any = Any
admin-finance-unresolved-only = Unresolved only
admin-finance-csv = Download CSV
admin-finance-discrepancies = Discrepancies
admin-finance-col-kind = Kind
admin-finance-col-receipts = Receipts
admin-finance-col-unresolved = Unresolved
admin-finance-received = Received
admin-finance-none = No receipts match.
admin-finance-receipt-count = 
    { $count ->
        [one] { $count } receipt
       *[other] { $count } receipts
    }
admin-finance-unreadable = Bitcoin payments that could not be read
admin-finance-unreadable-note = BTCPay reported these payments in a form Tessera does not take, so they are not among the receipts below. Their invoices’ orders were settled by what BTCPay says of the invoice; check each one in BTCPay.
admin-finance-col-first-seen = First seen (UTC)
admin-finance-col-invoice = Invoice
admin-finance-col-problem = What could not be read
admin-finance-col-raw = As BTCPay reported it
admin-finance-receipts = Receipts
admin-finance-col-received-at = Received
admin-finance-col-receipt = Receipt
admin-finance-col-received = Received
admin-finance-col-quoted = Quoted
admin-finance-resolved = Resolved: { $resolution }
admin-finance-note = Note
admin-finance-note-placeholder = refunded off-platform
admin-finance-mark-resolved = Mark resolved
admin-finance-flash-resolved = Marked resolved; the audit log has it.
admin-finance-flash-already-resolved = That discrepancy was resolved already (by someone else, just now?).
admin-finance-flash-nothing = That receipt has no discrepancy to resolve.
admin-finance-flash-unknown = There is no such receipt.
admin-finance-flash-note-needed = Say what was done, in a note of 1 to 2000 characters.
admin-finance-eth-detail = block { $block } · payer { $payer } · token { $token }
admin-finance-btc-rate = at { $rate }
admin-finance-btc-settled = settled { $when }
admin-discrepancy-underpaid = Under-paid
admin-discrepancy-overpaid = Over-paid (excess due back)
admin-discrepancy-paid-late = Paid late
admin-discrepancy-sold-out = Refund due: sold out
admin-discrepancy-refund-due = Refund due
admin-discrepancy-reorged = Reorged
admin-discrepancy-orphan = Orphan (no order)
admin-discrepancy-not-confirmed = No longer confirmed
admin-discrepancy-refund-pending = Refund on its way
admin-discrepancy-refund-failed = Refund failed
admin-discrepancy-disputed = Disputed
admin-payment-state-creating = Being created
admin-payment-state-open = Open
admin-payment-state-succeeded = Succeeded
admin-payment-state-failed = Failed
admin-payment-state-expired = Expired
admin-payment-state-refund-due = Refund due
admin-payment-state-refunded = Refunded
admin-payment-state-unmatched = No matching order
admin-payment-state-processing = Confirming
admin-payment-state-settled = Settled
admin-payment-state-invalid = Invalid
admin-payment-state-seen = Seen
admin-payment-state-confirmed = Confirmed
admin-payment-state-reorged = Reorged

# One order, for admins
admin-order-title = Order { $id }
admin-order-heading = Order
admin-order-total = Total
admin-order-refunded = Refunded
admin-order-placed = Placed (UTC)
admin-order-payments = Payments
admin-order-no-payment = No payment.
admin-order-col-provider = Provider
admin-order-col-reference = Reference
admin-order-col-dispute = Dispute
admin-order-no-tickets = No tickets issued.
admin-order-refund = Refund
admin-order-col-serial = Serial
admin-order-col-holder = Holder
admin-order-col-type = Type
admin-order-refund-ticket = Refund ticket { $serial }
admin-order-refund-legend = Refund (up to { $left } left)
admin-order-refund-explain = Tick tickets to refund them at their price (they stop admitting anyone and go back on sale), or give an amount to refund without voiding tickets, or neither to refund everything left.
admin-order-refund-amount = Amount in { $currency } (optional)
admin-order-amount-example = e.g. { $amount }
admin-order-refund-override = Also refund tickets already checked in (recorded in the audit log)
admin-order-refundable-btc = the bitcoin the invoice received
admin-order-refundable-eth = what the payment sent to the contract, back to the address that paid
admin-order-refunded-notice = Refund asked for; its state is below.
admin-ticket-void-disputed = Void: payment disputed
admin-ticket-void-cancelled = Void: event cancelled
admin-ticket-refunded = Refunded
admin-ticket-checked-in = Checked in { $when }

# Refunds
admin-refunds-due = Money due back
admin-refunds-due-intro = Money that came in but could not pay for its order, newest first. The Refund button sends card payments back through Stripe at once; the state follows here as Stripe reports it.
admin-refunds-due-none = Nothing to refund.
admin-refunds-col-received = Received (UTC)
admin-refunds-col-payment = Payment
admin-refunds-send = Refund { $amount }
admin-refunds-unmatched = Payments for orders we do not have
admin-refunds-unmatched-intro = Card payments go back through Stripe from here; bitcoin ones at BTCPay; an Ethereum payment goes back to the address it came from, in the same asset.
admin-refunds-col-claimed = Order reference sent
admin-refunds-col-refund-to = Refund to
admin-refunds-asked = Refunds asked for
admin-refunds-col-asked = Asked (UTC)
admin-refunds-col-by = By
admin-refunds-col-provider-ref = Provider reference
admin-refunds-cancel = Cancel
admin-refund-status-requested = Requested
admin-refund-status-sent = On its way
admin-refund-status-succeeded = Refunded
admin-refund-status-failed = Failed
admin-refund-status-cancelled = Cancelled
admin-refunds-last-failed = Last refund: failed
admin-refunds-last-cancelled = Last refund: cancelled
admin-refund-cause-customer = Cancelled by the customer
admin-refund-cause-admin = Refunded by an admin
admin-refund-cause-event-cancelled = Event cancelled
admin-refund-cause-money-due-back = Money due back
admin-refund-cause-outside = Refunded at the provider
admin-refunds-waiting = Waiting: { $why }
admin-refunds-wallet-soon = The refund wallet sends it within a minute
admin-refunds-to = To { $to }
admin-refunds-to-then = To { $to }.
admin-refunds-claim-link = Claim link for the payer: { $link }
admin-refunds-done = Refund { $id } asked for; its state is below and follows what the provider reports.
admin-refunds-goes-back = Goes back: { $amount } to { $payer } (paid in { $tx }, log { $log })
admin-refunds-base-units = { $units } base units of token { $token }
admin-refunds-to-card = The card, at Stripe
admin-refunds-to-btcpay = The payer, who claims it on BTCPay’s page (its link is listed below)
admin-refunds-to-payer-at = The payer, at { $provider }
admin-refunds-no-reference = (none)
admin-refunds-tx-log = { $tx } (log { $log })
admin-refunds-cancel-too-late = This refund was already handed to the provider ({ $state }), so it can no longer be cancelled.

# Staff
admin-staff-intro-html = Door staff check tickets in at <a href="/admin/checkin">the door’s page</a> and can do nothing else here. Ask them to sign up and confirm their email address, then add them by that address. Admins are made on the command line (<code>tessera admin create</code>).
admin-staff-email = Email of the new door staff
admin-staff-add = Add door staff
admin-staff-col-name = Name
admin-staff-col-email = Email
admin-staff-col-role = Role
admin-staff-col-since = Since (UTC)
admin-staff-remove = Remove
admin-staff-role-admin = Admin
admin-staff-role-door = Door staff
admin-staff-added = { $email } is door staff now: they can check tickets in.
admin-staff-removed = { $email } is no longer door staff.

# What the admin forms say of what was typed (after the field’s name)
admin-error-not-a-price = is not a price like { $example }
admin-error-too-large = is too large
admin-error-not-a-zone = is not an IANA time zone like Europe/Lisbon
admin-error-not-a-datetime = is not a date and time
admin-error-time-skipped = does not exist in { $zone } (the clocks change then)
admin-error-not-a-number = is not a number
admin-error-not-ours = is not ours
admin-error-not-whole = is not a whole number
admin-error-translation-language = say which language each translation is in (en, ja, pt-BR…)
admin-error-translation-twice = appears twice: write each language once
admin-error-translation-title = is required (clear the whole translation to remove it)
admin-error-upload-unreadable = unreadable upload: { $error }
admin-error-upload-none = choose a file to upload
admin-error-upload-too-large = is larger than 10 MB
admin-error-not-an-account = is not an account
admin-error-policy-hours = must be a whole number of hours
admin-error-policy-fee = must be a percentage like 10 or 2.5
admin-error-form-expired = The form has expired; reload the page and try again.
admin-error-refund-both = Tick tickets or give an amount, not both.
admin-error-refund-amount = “{ $amount }” is not an amount of { $currency }.

# Why money is due back
admin-due-sold-out = Paid after the hold ended; sold out by then
admin-due-event-closed = Paid after the hold ended; the event was cancelled or under way
admin-due-duplicate = Second payment for a paid order
admin-due-amount-mismatch = Amount paid differs from the order
admin-due-wrong-rail = Paid by another method than the order’s
admin-due-partial = Paid only part of the order before the invoice expired
admin-due-overpaid = Paid more than the order; the excess
admin-due-invoice-invalid = Money on an invoice that was made invalid
admin-due-underpaid = Paid on chain less than the quote, or in another asset
admin-due-order-closed = Order was already closed
admin-provider-free = None (free tickets)

admin-form-neighbourhood = Neighbourhood

admin-nav-market = Market
market-intro = Who wants what, where, and how to reach them: demand recorded by our own server beside what the ledger sold.
market-all-categories = All categories
market-privacy-note = Views and searches are counted without tracking anyone: a visitor's id changes every day, no address is kept, and visitors who ask not to be tracked are counted without one.
market-csv = { $table } as CSV
market-views = Event page views
market-buy-views = Buy page views
market-holds = Orders placed
market-paid = Paid
market-attended = Attended
market-buyers = Buyers
market-searches-missing = Searches that found nothing
market-paid-of-holds = Paid of placed
market-band-free = Free
market-band = { $from } to { $to }
market-band-over = { $from } or more
market-band-col = Cheapest ticket
market-direct = Direct
market-none = Nothing in this range yet.
market-funnel = From looking to going
market-step = Step
market-count = Count
market-of-previous = Of the step before
market-started = Started
market-by-rail = Payment rails: started and finished
market-by-city = By city
market-by-category = By category
market-by-band = By price
market-willing = Willing to pay
market-willing-hint = Event and buy page views in the range, then the orders placed in it: how many were paid, and how many had a ticket checked in at the door.
market-who = Who
market-who-hint = People who paid for orders placed in the range: paying for the first time or back again, living in the event's city or visiting (as their account says), the language they bought in, and how many tickets they bought at once.
market-who-col = Buyers who are
market-new-buyers = New
market-returning-buyers = Returning
market-locals = Locals
market-visitors = Visiting
market-home-unknown = Did not say
market-languages = Languages
market-language = Language
market-group-sizes = Group sizes
market-tickets-per-order = Tickets per order
market-where = Where
market-where-hint = Where buyers live (as they told us after their first purchase) against where the events they paid for are.
market-flows = Buyers' homes and events' cities
market-home = Buyers live in
market-event-city = Event in
market-reach = How to reach them
market-reach-hint = Where visits came from: a tracking link's utm tags, else the site that sent them, else direct. An order keeps the channel of the visit that placed it.
market-channels = Channels
market-channel = Channel
market-page-views = Page views
market-paid-per-views = Paid per page view
market-links = Tracking links
market-missing = What is missing
market-missing-hint = What people looked for that nobody offers yet, what sold out and who waits for it, and what people asked to hear about.
market-search-gaps = Searches with no results, or few
market-words = Words
market-no-words = (filters only)
market-results = Found
market-results-none = nothing
market-results-few = 3 or fewer
market-searches = Searches
market-searchers = Searchers
market-sold-out = Sold-out ticket types
market-ticket-type = Ticket type
links-title = Tracking links
links-intro = Make a link for each place you promote this event (a newsletter, a poster's QR code, a partner's site). Visits through it, the orders they place and what they pay show on the Market page.
links-source = Source
links-medium = Medium
links-campaign = Campaign
links-create = Make the link
links-none = No tracking links for this event yet.
links-address = Link
links-created = Made
links-remove = Remove
links-see-market = See what the links brought on the Market page
links-added = Link made. Copy it from the table below.
links-removed = Link removed. What it brought stays counted under its channel.
links-manage = Tracking links

market-waiting = Waiting
market-waiting-tickets = Tickets asked for

market-interests = "Tell me when" requests
market-interests-open = Waiting
market-interests-answered = Answered
market-any = Any
