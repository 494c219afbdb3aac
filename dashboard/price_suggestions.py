"""The price suggestion card of a product's dashboard page: see it with its reasons, accept it (the
price is set through the catalogue's own service) or dismiss it, or ask for a fresh one. Nothing is
ever applied without the owner's click."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.analytics import selectors, services
from storefront.analytics.models import PriceSuggestion
from storefront.catalog.models import Product

from .access import dashboard_view


def _card(request, product: Product, status: int = 200):
    suggestion = selectors.price_suggestion_get(product_id=product.pk)
    context = {
        "market": request.market,
        "product": product,
        "suggestion": suggestion,
        "reasons": selectors.price_suggestion_reasons(suggestion) if suggestion else [],
        "inline_messages": bool(request.htmx),  # a full page shows them in its header
    }
    template = "dashboard/price_suggestion.html#price-suggestion" if request.htmx else "dashboard/price_suggestion.html"
    return render(request, template, context, status=status)


@dashboard_view("catalogue")
@vary_on_headers("HX-Request")
def price_suggestion(request, product_id: int):
    return _card(request, get_object_or_404(Product, pk=product_id))


def _done(request, product: Product):
    """htmx: the card again (with its message); without JavaScript: back to the product page."""
    if request.htmx:
        return _card(request, product)
    return redirect("dashboard:product_edit", product.pk)


@require_POST
@dashboard_view("catalogue")
def price_suggestion_decide(request, product_id: int, suggestion_id: int, decision: str):
    product = get_object_or_404(Product, pk=product_id)
    suggestion = get_object_or_404(PriceSuggestion, pk=suggestion_id, product_id=product.pk)
    if decision not in ("accept", "dismiss"):
        messages.error(request, _("Unknown choice."))
        return _done(request, product)
    try:
        if decision == "accept":
            product = services.price_suggestion_accept(suggestion=suggestion)
            messages.success(request, _("The new price is set."))
        else:
            services.price_suggestion_dismiss(suggestion=suggestion)
            messages.info(request, _("Suggestion dismissed; the price stays as it is."))
    except services.SuggestionRefused as refused:
        why = str(refused)
        messages.error(
            request,
            _("The price changed since this suggestion was made; ask for a fresh one.")
            if why == "price changed"
            else _("This suggestion was already decided."),
        )
    return _done(request, product)


@require_POST
@dashboard_view("catalogue")
def price_suggestion_compute(request, product_id: int):
    """A fresh suggestion now, learned with the other products of its category."""
    product = get_object_or_404(Product, pk=product_id)
    same_category = list(
        Product.objects.filter(category_id=product.category_id, is_active=True).values_list("pk", flat=True)
    )
    with transaction.atomic():
        services.price_suggestions_compute(product_ids=same_category or [product.pk])
    if selectors.price_suggestion_get(product_id=product.pk) is None:
        messages.info(request, _("Not enough sales or prices yet to suggest anything for this product."))
    return _done(request, product)
