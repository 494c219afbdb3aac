"""Reads of the listing index: search, featured products and markets, the market directory."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, Count, F, QuerySet, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from asoud.core.text import search_terms
from tenants.models import Market
from tenants.selectors import market_list_listed

from .models import Listing

SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "price_asc": _("Cheapest"),
    "price_desc": _("Most expensive"),
    "bestselling": _("Best-selling"),
}


@dataclass(frozen=True)
class ListingFilters:
    text: str = ""
    category: str = ""
    price_min: int | None = None  # Rials
    price_max: int | None = None
    sort: str = "relevance"
    in_stock: bool = False
    affiliate_only: bool = False


def listing_query(text: str, *, weights: str = "") -> SearchQuery | None:
    """Every word of `text` as a prefix (`word:*`), normalised like the index (ی/ک, digits).
    `weights` ("AB") keeps only matches in those parts of the index (A title, B keywords and
    category, C market name)."""
    terms = search_terms(text)
    if not terms:
        return None
    return SearchQuery(" & ".join(f"{term}:*{weights}" for term in terms), search_type="raw", config="simple")


def listing_search(*, filters: ListingFilters) -> QuerySet[Listing]:
    listings = Listing.objects.filter(market__status=Market.Status.ACTIVE, market__is_listed=True)
    query = listing_query(filters.text)
    if query is not None:
        # Products whose own words (title, keywords, category) match come first; those found only
        # through their market's name come last, whatever their rank.
        own = listing_query(filters.text, weights="AB")
        listings = listings.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query),
            own_match=Case(When(search_vector=own, then=Value(True)), default=Value(False)),
        )
    if filters.category:
        listings = listings.filter(category_name=filters.category)
    if filters.price_min is not None:
        listings = listings.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        listings = listings.filter(price__lte=filters.price_max)
    if filters.in_stock:
        listings = listings.filter(in_stock=True)
    if filters.affiliate_only:
        listings = listings.filter(commission_percent__isnull=False)
    return listings.order_by(*_ordering(filters.sort, has_query=query is not None))


def _ordering(sort: str, *, has_query: bool) -> list:
    if sort == "price_asc":
        return ["price", "-id"]
    if sort == "price_desc":
        return ["-price", "-id"]
    if sort == "bestselling":
        return ["-sold_count", "-id"]
    if sort == "relevance" and has_query:
        return ["-own_match", "-rank", "-sold_count", "-id"]
    return ["-product_created_at", "-id"]


def listing_get(*, listing_id: int) -> Listing | None:
    return Listing.objects.filter(pk=listing_id, market__status=Market.Status.ACTIVE).first()


def listing_featured(*, limit: int = 8) -> list[Listing]:
    """The markets' featured products, best-selling first, topped up with best sellers; in-stock ones first."""
    base = Listing.objects.filter(market__status=Market.Status.ACTIVE)
    order = ["-in_stock", "-sold_count", "-id"]
    featured = list(base.filter(is_featured=True).order_by(*order)[:limit])
    if len(featured) < limit:
        seen = [listing.pk for listing in featured]
        featured += list(base.exclude(pk__in=seen).order_by(*order)[: limit - len(featured)])
    return featured


def listings_for(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], Listing]:
    """(market id, product id) → listing, for rows that keep both ids (marketers' links)."""
    if not pairs:
        return {}
    markets = {market_id for market_id, _product_id in pairs}
    products = {product_id for _market_id, product_id in pairs}
    rows = Listing.objects.filter(market_id__in=markets, product_id__in=products)
    return {(row.market_id, row.product_id): row for row in rows if (row.market_id, row.product_id) in set(pairs)}


def listing_categories(*, limit: int = 40) -> list[dict]:
    """Category names across markets with how many products and markets each has, biggest first."""
    return list(
        Listing.objects.filter(market__status=Market.Status.ACTIVE)
        .exclude(category_name="")
        .values("category_name")
        .annotate(products=Count("id"), markets=Count("market", distinct=True))
        .order_by("-markets", "-products", "category_name")[:limit]
    )


def market_featured(*, limit: int = 6) -> list[Market]:
    """Open markets ranked by what they sell (sold count, then catalogue size)."""
    return list(
        market_list_listed()
        .annotate(sold=Sum("marketplace_listings__sold_count"), products=Count("marketplace_listings"))
        .filter(products__gt=0)
        .order_by(F("sold").desc(nulls_last=True), "-products", "name")[:limit]
    )


def market_directory(*, category: str = "") -> list[Market]:
    """Open markets, optionally only those selling in `category`, each with its product count."""
    markets = market_list_listed().annotate(products=Count("marketplace_listings"))
    if category:
        markets = markets.filter(pk__in=Listing.objects.filter(category_name=category).values("market_id"))
    return list(markets)
