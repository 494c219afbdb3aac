"""The platform's own pages on the base domain."""

from django.shortcuts import render

from asoud.marketplace.forms import ListingSearchForm
from asoud.marketplace.selectors import listing_categories, listing_featured, market_featured
from tenants.selectors import market_list_listed


def home(request):
    """The marketplace home: search every market, featured products and markets, shop by category."""
    context = {
        "form": ListingSearchForm(),
        "featured": listing_featured(limit=8),
        "featured_markets": market_featured(limit=6),
        "categories": listing_categories(limit=12),
        "markets_count": market_list_listed().count(),
    }
    return render(request, "core/home.html", context)
