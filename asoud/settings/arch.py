"""Hooks between layers (docs/architecture.md). A lower layer that must reach a higher one calls the
function named here; it never imports the higher layer. Each value is a dotted path."""

# The marketplace index (public service) reads a market's catalogue (tenant domain) through these.
MARKETPLACE_LISTING_PRODUCT_IDS = "storefront.catalog.listing.listing_product_ids"
MARKETPLACE_LISTING_ROWS = "storefront.catalog.listing.listing_rows"
