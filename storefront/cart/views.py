"""The cart page and its htmx actions. Each action also works as a plain form post (no JavaScript):
then it redirects; with htmx it answers with the updated cart and, out of band, the header's
mini-cart and the messages, plus a `cart-changed` event."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from asoud.core.formatting import digits as local_digits
from asoud.core.http import safe_next
from storefront.analytics.tracking import track
from storefront.catalog.http import request_tier, store_render

from .forms import CartAddForm, CartQuantityForm
from .selectors import access_cart_item, cart_get, cart_summary, isolated
from .services import cart_get_or_create, cart_item_add, cart_item_remove, cart_item_update


def _summary(request):
    return cart_summary(cart=cart_get(user=request.user, session=request.session), tier=request_tier(request))


@require_GET
@vary_on_headers("HX-Request")
def cart_detail(request):
    summary = _summary(request)
    return store_render(request, "cart/cart.html", {"summary": summary, "mini_cart": summary}, partial="cart-body")


@require_GET
@vary_on_headers("HX-Request")
def mini_cart(request):
    """The header's mini-cart alone (for a `cart-changed` listener or a header that loads it lazily)."""
    return render(request, "cart/includes/mini_cart.html", {"mini_cart": _summary(request)})


@require_POST
def cart_add(request):
    form = CartAddForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _changed(request)
    data = form.cleaned_data
    cart = cart_get_or_create(user=request.user, session=request.session)
    try:
        result = cart_item_add(cart=cart, product=data["product"], variant=data["variant"], quantity=data["quantity"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _changed(request)
    _added_messages(request, data["product"], result)
    track(request, "add_to_cart", product_id=data["product"].pk, quantity=data["quantity"])
    response = _changed(request)
    # The button that was pressed shows "added ✓" (static/js/storefront.js listens for this).
    return trigger_client_event(response, "cart-item-added") if request.htmx else response


@require_POST
def cart_item_change(request, item_id: int):
    item = access_cart_item(cart=cart_get(user=request.user, session=request.session), item_id=item_id)
    form = CartQuantityForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _changed(request)
    try:
        cart_item_update(item=item, quantity=form.cleaned_data["quantity"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _changed(request)


@require_POST
def cart_item_delete(request, item_id: int):
    item = access_cart_item(cart=cart_get(user=request.user, session=request.session), item_id=item_id)
    cart_item_remove(item=item)
    messages.info(request, _("“%(title)s” was removed from your cart.") % {"title": isolated(item.product.title)})
    return _changed(request)


def _added_messages(request, product, result) -> None:
    messages.success(request, _("“%(title)s” is in your cart.") % {"title": isolated(product.title)}, extra_tags="cart")
    for required, quantity in result.added_required:
        messages.info(
            request,
            ngettext(
                "“%(required)s” was added too: “%(product)s” is sold together with it.",
                "%(count)s × “%(required)s” were added too: “%(product)s” is sold together with it.",
                quantity,
            )
            % {
                "required": isolated(required.title),
                "product": isolated(product.title),
                "count": local_digits(quantity),
            },
        )
    for required in result.choose_required:
        messages.warning(
            request,
            _("“%(product)s” is sold together with “%(required)s”: choose an option of it and add it too.")
            % {"product": isolated(product.title), "required": isolated(required.title)},
        )


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _changed(request):
    if not request.htmx:
        return redirect(_next_url(request))
    summary = _summary(request)
    response = store_render(
        request, "cart/cart.html", {"summary": summary, "mini_cart": summary}, partial="cart-updated"
    )
    return trigger_client_event(response, "cart-changed", {"count": summary.count, "subtotal": summary.subtotal})


def _next_url(request) -> str:
    return safe_next(request, request.POST.get("next"), fallback="/cart/")
