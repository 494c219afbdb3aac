"""Architecture settings (docs/architecture.md): the hooks between layers, and periodic visits.

A lower layer that must reach a higher one calls the function named here (a dotted path); it never
imports the higher layer."""

import environ

env = environ.Env()

# The marketplace index (public service) reads a market's catalogue (tenant domain) through these.
MARKETPLACE_LISTING_PRODUCT_IDS = "storefront.catalog.listing.listing_product_ids"
MARKETPLACE_LISTING_ROWS = "storefront.catalog.listing.listing_rows"
# An order's referral (public service) asks the market's current commission on the linked product.
AFFILIATES_PRODUCT_RATE = "storefront.affiliate.selectors.affiliate_rate_for"
# Who answers a market's chat besides its owner: the team members whose role reaches the chat.
CHAT_MARKET_TEAM_USER_IDS = "storefront.team.roles.chat_team_user_ids"

# Periodic jobs visit only markets marked dirty since their last run (asoud/core/dirty_markets.py),
# and every market once per this many seconds, so a lost mark is never missed for longer.
ASOUD_PERIODIC_FULL_VISIT = {
    "rollup": env.int("ASOUD_FULL_VISIT_ROLLUP", default=24 * 60 * 60),
    "fraud": env.int("ASOUD_FULL_VISIT_FRAUD", default=24 * 60 * 60),
    "recommendations": env.int("ASOUD_FULL_VISIT_RECOMMENDATIONS", default=7 * 24 * 60 * 60),
    "marketplace": env.int("ASOUD_FULL_VISIT_MARKETPLACE", default=7 * 24 * 60 * 60),
}
