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
