from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from asoud.core.page_version import anonymous_page

from .forms import ListingSearchForm
from .selectors import SORTS, listing_categories, listing_search, market_directory

RESULTS_PER_PAGE = 24


def search_context(request, *, affiliate_only: bool = False) -> dict:
    """The search form over `request.GET`, a page of its results, the query string without `page`
    (for pagination links), the sorts and the categories: what a search page renders."""
    form = ListingSearchForm(request.GET)
    listings = listing_search(filters=form.filters(affiliate_only=affiliate_only))
    page = Paginator(listings, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "querystring": query.urlencode(),
        "sorts": SORTS,
        "categories": listing_categories(),
    }


@require_GET
@anonymous_page
def search(request):
    """Search every market: full page, or just the `search-results` partial for htmx."""
    context = search_context(request)
    template = "marketplace/search.html#search-results" if request.htmx else "marketplace/search.html"
    return render(request, template, context)


@require_GET
@anonymous_page
def directory(request):
    """Markets by category (markets have no city yet, so there is no city filter)."""
    category = request.GET.get("category", "")[:120]
    context = {"markets": market_directory(category=category), "categories": listing_categories(), "category": category}
    return render(request, "marketplace/directory.html", context)
