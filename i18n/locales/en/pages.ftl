# Every page's frame: the header, the footer and the language switcher.
site-description = Tickets for local, authentic events: festivals, concerts, comedy, food and craft, paid by card or crypto.
skip-to-content = Skip to content
brand-home = Tessera, home
search-label = Search events
search-placeholder = Search events, cities, venues
search-button = Search
nav-account = Account
nav-admin = Admin
nav-door = Door
nav-log-in = Log in
nav-sign-up = Sign up
footer-tagline = Tessera — tickets for local, authentic events. Pay by card, in bitcoin or in ETH and stablecoins.
footer-api = API
language-switcher = Language

# The home page and the search page.
home-title = Tessera — local events, real tickets
home-heading = Local events, from the people who make them
home-intro = Fado in Mouraria, tea in Kyoto, a sokkie in Cape Town. Pick a city, find your night, pay by card or crypto.
home-upcoming = Upcoming events
home-empty-heading = No events match
home-empty-filtered-html = Try another city, category or date, or <a href="/">see everything coming up</a>.
home-empty-none = Nothing is on sale right now. Check back soon.
search-title = Search
search-heading = Search events
search-heading-query = Events matching “{ $query }”
search-corrected = Showing results for “{ $query }”.
search-empty-heading = No events found
search-empty-html = Try fewer words, another spelling, or <a href="/">browse everything coming up</a>.
search-results = Results

# The filters above the listing.
filters-label = Filter events
filters-city = City
filters-all-cities = All cities
filters-category = Category
filters-all-categories = All categories
filters-from = From
filters-to = To
filters-max-price = Max price
filters-max-price-any = any
filters-max-price-hint = An amount like 25 or 25.50, in the event's own currency
filters-submit = Show events
pager-label = Pages
pager-first = ← First page
pager-next = Next page →
card-cancelled = Cancelled
error-back = Back to all events

# Event categories.
category-festival = Festival
category-concert = Concert
category-comedy = Comedy
category-theatre = Theatre
category-food = Food & drink
category-workshop = Workshop
category-tour = Tour
category-exhibition = Exhibition
category-market = Market
category-dance = Dance

# An event's card and its own page.
card-from-price = from { $price }
event-map = map
event-tags = Tags
event-tickets = Tickets
event-cancelled-notice = This event was cancelled. No tickets are on sale.
event-ended = This event has ended.
event-no-tickets = No tickets yet.
event-buy = Buy tickets

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = Log in
form-email = Email
form-password = Password
login-forgot = Forgot your password?
login-new-html = New here? <a href="/signup">Create an account</a>.
signup-title = Create an account
signup-intro = To buy tickets and find them again in your account.
signup-name = Your name
signup-name-hint = (as on your tickets)
password-hint = (at least 10 characters)
signup-submit = Create account
signup-have-account-html = Already have an account? <a href="/login">Log in</a>.
account-title = Your account
account-unverified = Please confirm your email address: we sent a link to { $email }. You can buy tickets once it is confirmed, and we send them there.
account-resend = Send the link again
account-name = Name
account-role = Role
account-role-admin-html = Admin — <a href="/admin/events">manage events</a>
account-role-door-html = Door staff — <a href="/admin/checkin">check tickets in</a>
account-orders = Your orders
account-no-orders-html = No orders yet. <a href="/">Find an event</a>.
account-order-tickets = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
account-order-placed = placed { $when }
account-download = Download tickets (PDF)
account-change-password = Change your password
account-current-password = Current password
account-new-password = New password
account-change-submit = Change password
account-log-out = Log out
link-reset-hint = We will email you a link to choose a new password. It works once, for an hour.
link-reset-submit = Email me a link
link-back-to-login = Back to log in
link-signed-out-hint = Every device signed in to your account is signed out.
link-save-password = Save the new password
link-your-password = Your password
link-confirm-submit = Confirm my email address
link-not-yours-html = Not your account, or forgot the password? <a href="/forgot-password">Get a link to choose a new one</a>.

# Buying tickets.
buy-title = Buy tickets
buy-unverified = Please confirm your email address before buying: we send your tickets there. Use the link we emailed you.
buy-ticket = Ticket
buy-price = Price
buy-quantity = Quantity
buy-sold-out = Sold out
buy-only-left = only { $count } left
buy-pay-with = Pay with
buy-per-order = { $count ->
    [one] One ticket per order.
   *[other] Up to { $count } tickets per order.
}
buy-held = Your tickets are held for { $minutes } minutes while you pay.
buy-held-crypto = Your tickets are held for { $minutes } minutes while you pay ({ $crypto } minutes in crypto, as long as its price holds).
buy-sandbox-html = Card payments run in the <strong>sandbox</strong>: no real money moves.
buy-continue = Continue to payment
method-card = Card
method-btc = Bitcoin
method-lightning = Bitcoin (Lightning)
method-eth = Ether
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $method } on { $chain }

# Error pages.
error-title-not-found = Page not found
error-title-forbidden = Not allowed
error-title-slow-down = Slow down
error-title-failed = That did not work
error-title-busy = We are very busy
error-title-conflict = Not available
error-title-gone = No longer available
error-title-payments = Payments are unavailable
error-title-generic = Something went wrong
error-not-found = We could not find that page. The event may have moved or ended.

## When an event happens, on its own clock

event-when-one-day = { $date }, { $start } – { $end }
event-when-days = { $date }, { $start } – { $end_date }, { $end }

## An event in its own language, and in the reader's

event-translated = Translated from { $language } by the organiser.
event-show-original = Show the original ({ $language })
event-show-translation = Show the translation ({ $language })
event-add-calendar = Add to calendar (.ics)
your-time = ({ $time } your time)
card-distance = { $km } km away
filters-near-me = Near me
filters-near-me-asking = Finding where you are…
filters-near-me-refused = Your browser did not share where you are. Choose a city instead.
filters-near-me-failed = We could not find where you are just now. Try again, or choose a city.
filters-anywhere = Anywhere ×
event-related-nearby = Also on nearby
event-related-same-kind = More like this
event-related-also-bought = People who went to this also booked

## Search suggestions
suggest-list-label = Search suggestions
suggest-heading-events = Events
suggest-heading-cities = Cities
suggest-heading-categories = Categories
suggest-available = Suggestions below: up and down arrows to choose, Enter to open.
suggest-none = No suggestions.
suggest-events-count =
    { $count ->
        [one] 1 event
       *[other] { $count } events
    }

## City pages and maps
city-title = What's on in { $city }
city-intro =
    { $count ->
        [one] One upcoming event
       *[other] { $count } upcoming events
    } in { $city }, { $country }.
city-neighbourhoods = Neighbourhoods
city-all-neighbourhoods = All neighbourhoods
city-empty = Nothing is coming up here right now. Try another neighbourhood, or all of the city.
city-link = More in { $city }
map-show = Show on a map
map-label = Map of the events listed here: each marker links to its event.

map-hide = Hide the map
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-move-hint = Drag the map, or use the arrow keys, to move it.

account-home-heading = Where you live
account-home-ask = Thank you for your first purchase! Where do you live? It is optional and asked once: it helps organisers bring events to your city, and nothing else is done with it.
account-home-hint = Optional: it helps organisers bring events to your city. Leave both empty to forget it.
account-home-country = Country
account-home-city = City
account-home-save = Save
account-home-decline = Rather not say

waitlist-heading = Waiting list
waitlist-intro = Sold out? Take a place in line. When tickets come back, the next in line gets an email and the tickets are held for them for a while; if they do not pay, they pass to the one after.
waitlist-join = Join the waiting list for { $ticket }
waitlist-in-line = You are number { $position } in line for { $quantity } × { $ticket }.
waitlist-offered = Tickets came back: { $quantity } × { $ticket } are held for you.
waitlist-pay = Pay for them
waitlist-leave = Leave the line
waitlist-joined = You are on the waiting list. We will email you if tickets come back.
waitlist-left = You left the waiting list.
waitlist-not-sold-out = Tickets of this type are still on sale: buy them above.
waitlist-already = You already have a place in this line.
waitlist-quantity = Choose from 1 to 10 tickets.
waitlist-method = Choose how you will pay.
waitlist-no-type = That ticket type is not on sale for this event.

interest-title = Tell me when
interest-intro = Nothing like it on yet? Say what you are looking for and we will email you once when an event like it is published.
interest-ask = Tell me when something like this is on
interest-words = Words
interest-save = Tell me when
interest-yours = What you are waiting to hear about
interest-any-city = Any city
interest-any-category = Any kind of event
interest-answered = Answered on { $when }
interest-remove = Stop waiting
interest-saved = Saved: we will email you once when an event like it is published.
interest-removed = You will not hear about it.
account-delete-heading = Delete your account
account-delete-hint = Erase your account and what we recorded of your visits; your tickets stay valid.
account-delete-start = Delete my account…
account-delete-goes-heading = What goes
account-delete-goes = Your account’s name, email address, password and home; every device you are signed in on is signed out; the searches and pages recorded as yours, your “tell me when” requests and your places in waiting lists.
account-delete-stays-heading = What stays
account-delete-stays = Your orders, their tickets (with the name printed on them) and payments, which we must keep for our accounts and for the door. Tickets you were sent stay valid: keep the PDFs from your emails, as you will not see them here again.
account-delete-upcoming =
    { $count ->
        [one] You have 1 ticket for an event still to come.
       *[other] You have { $count } tickets for events still to come.
    }
account-delete-password = Your password, to confirm
account-delete-submit = Delete my account for good
account-delete-back = Back to your account
account-deleted-heading = Your account is deleted
account-deleted-message = What was yours alone is gone, and you are signed out everywhere. Tickets you were sent stay valid. Thank you for going out with Tessera.
