"""Storefront pages of a market: home, listings, product, search, about/contact, SEO files, 404."""

import logging

from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from storefront.analytics.tracking import track

from . import seo
from .cache import storefront_version
from .forms import ListingFilterForm
from .http import request_tier, store_context, store_render, storefront_page
from .pricing import price_for, prices_attach, quantity_offers
from .sections import sections_prepare
from .selectors import (
    PAGE_SIZE,
    category_tree,
    product_get_for_page,
    product_gift_items,
    product_list,
    product_required_items,
    product_search,
    product_variant_pick,
)

logger = logging.getLogger(__name__)


@storefront_page
def home(request):
    context = store_context(request)
    theme, market = context["theme"], request.tenant
    logo = theme.logo.thumbnail_url(480) if theme.logo else (market.logo.url if market.logo else "")
    page_seo = seo.Seo(
        title=market.name,
        description=seo.describe(market.description),
        canonical=seo.absolute(request, "/"),
        image=seo.absolute(request, _first_section_image(theme)),
        json_ld=[seo.organization_ld(request, market, theme.contact, logo)],
    )
    sections = sections_prepare(theme.sections, tier=context["tier"], tree=context["category_tree"])
    track(request, "page_view")
    return store_render(request, "storefront/home.html", {**context, "sections": sections, "seo": page_seo})


def _first_section_image(theme) -> str:
    for section in theme.sections:
        image = section.settings.get("image")
        if image is not None:
            return image.thumbnail_url(1024)
    return ""


def _paged(queryset, number, *, tier):
    """A page of products with prices attached, evaluated only if the template renders it."""

    def load():
        page = Paginator(queryset, PAGE_SIZE).get_page(number)
        prices_attach(page.object_list, tier=tier)
        return page

    return SimpleLazyObject(load)


@storefront_page
def listing(request, slug=None):
    tree = category_tree(version=storefront_version(request))
    category = None
    if slug is not None:
        category = tree.by_slug.get(slug)
        if category is None:
            raise Http404("No such category")
    form = ListingFilterForm(request.GET or None, tree=tree, category=category)
    filters = form.filters()
    tier = request_tier(request)
    crumbs = [seo.home_crumb(), (_("All products"), reverse("storefront:products"))]
    crumbs += [(c.name, c.get_absolute_url()) for c in tree.ancestors(category)]
    path = category.get_absolute_url() if category else reverse("storefront:products")
    page_number = request.GET.get("page", "1")
    canonical = path if page_number in ("", "1") else f"{path}?page={page_number}"
    title = category.name if category else _("All products")
    page_seo = seo.Seo(
        title=title,
        description=seo.describe(category.description if category else request.tenant.description),
        canonical=seo.absolute(request, canonical),
        json_ld=[seo.breadcrumbs_ld(request, crumbs)],
    )
    context = {
        "category": category,
        "form": form,
        "filters": filters,
        "page": _paged(product_list(filters=filters, tier=tier), page_number, tier=tier),
        "crumbs": crumbs,
        "listing_title": title,
        "seo": page_seo,
        # Cleaned values, not the raw query string: junk parameters don't multiply cache entries.
        "results_key": _listing_key(filters, page_number),
    }
    if not request.htmx:
        track(request, "page_view")
    return store_render(request, "storefront/listing.html", context, partial="results")


def _listing_key(filters, page_number: str) -> str:
    category = filters.category.pk if filters.category else ""
    return f"{category}|{filters.min_price}|{filters.max_price}|{filters.in_stock}|{filters.sort}|{page_number[:6]}"


@storefront_page
def product(request, slug):
    item = product_get_for_page(slug=slug, version=storefront_version(request))
    variant = product_variant_pick(item, request.GET.get("variant"))
    tier = request_tier(request)
    price = price_for(product=item, variant=variant, tier=tier)
    stock_holder = variant or item
    tree = category_tree(version=storefront_version(request))
    crumbs = [seo.home_crumb(), *[(c.name, c.get_absolute_url()) for c in tree.ancestors(item.category)]]
    crumbs.append((item.title, item.get_absolute_url()))
    images = [image.thumbnail_url(1024) for image in item.gallery]
    required, gifts = product_required_items(item), product_gift_items(item)
    prices_attach([relation.related for relation in required], tier=tier)
    page_seo = seo.Seo(
        title=item.title,
        description=seo.describe(item.description) or item.title,
        canonical=seo.absolute(request, item.get_absolute_url()),
        image=seo.absolute(request, images[0] if images else ""),
        type="product",
        json_ld=[
            seo.product_ld(
                request,
                product=item,
                price=price,
                in_stock=stock_holder.is_in_stock,
                sku=stock_holder.sku,
                image_urls=images,
                market=request.tenant,
            ),
            seo.breadcrumbs_ld(request, crumbs),
        ],
    )
    context = {
        "product": item,
        "variant": variant,
        "price": price,
        "offers": quantity_offers(product=item, variant=variant, tier=tier),
        "stock": stock_holder,
        "required_items": required,
        "gift_items": gifts,
        "crumbs": crumbs,
        "seo": page_seo,
    }
    if not request.htmx:
        track(request, "product_view", product_id=item.pk)
    return store_render(request, "storefront/product.html", context, partial="buy-box")


@storefront_page
def search(request):
    text = request.GET.get("q", "").strip()[:100]
    tier = request_tier(request)
    results = product_search(text=text)
    page_seo = seo.Seo(
        title=_("Search: %(query)s") % {"query": text} if text else _("Search"),
        canonical=seo.absolute(request, reverse("storefront:search")),
        noindex=True,
    )
    context = {
        "query": text,
        "page": _paged(results, request.GET.get("page", "1"), tier=tier) if results is not None else None,
        "seo": page_seo,
        "results_key": f"{text}|{request.GET.get('page', '1')[:6]}",
    }
    if text and not request.htmx:
        page = context["page"]
        track(request, "search", query=text, result_count=page.paginator.count if page is not None else 0)
    return store_render(request, "storefront/search.html", context, partial="results")


@storefront_page
def about(request):
    context = store_context(request)
    theme, market = context["theme"], request.tenant
    logo = theme.logo.thumbnail_url(480) if theme.logo else ""
    page_seo = seo.Seo(
        title=_("About us and contact"),
        description=seo.describe(theme.contact.about or market.description),
        canonical=seo.absolute(request, reverse("storefront:about")),
        json_ld=[seo.organization_ld(request, market, theme.contact, logo)],
    )
    track(request, "page_view")
    return store_render(request, "storefront/about.html", {**context, "contact": theme.contact, "seo": page_seo})


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /dashboard/",
        "Disallow: /cart/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('storefront:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def not_found(request, exception=None):
    """The market's own 404, in its theme; the bare page if even that fails (e.g. no tenant)."""
    context = {"seo": seo.Seo(title=_("Page not found"), noindex=True)}
    tenant = getattr(request, "tenant", None)
    if tenant is not None:
        # Under ASGI, Django renders error pages in a worker thread of its own (sync_to_async with
        # thread_sensitive=False), whose database connection may be set to another schema.
        connection.set_tenant(tenant)
    try:
        return store_render(request, "storefront/404.html", context, status=404)
    except Exception:  # the 404 page must never turn into a 500
        logger.exception("themed 404 page failed")
        return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    """The market's own 403, in its theme; the platform's if even that fails."""
    context = {"seo": seo.Seo(title=_("Access denied"), noindex=True)}
    tenant = getattr(request, "tenant", None)
    if tenant is not None:
        connection.set_tenant(tenant)  # as in not_found: the error view may run on another thread
    try:
        return store_render(request, "storefront/403.html", context, status=403)
    except Exception:  # the 403 page must never turn into a 500
        logger.exception("themed 403 page failed")
        return render(request, "403.html", status=403)
