"""Checkout on the market host: address → delivery → payment → review → place, then the gateway.

Choices live in the shopper's session until the order is placed; every step prices the cart again on
the server. Each step is a plain form (no JavaScript needed); the delivery step previews the total
with htmx.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.accounts.forms import AddressForm
from asoud.accounts.handoff import cart_note_sign
from asoud.accounts.services import address_save
from asoud.affiliates.services import referral_attach
from asoud.payments.exceptions import PaymentError
from asoud.wallet.services import InsufficientFunds
from storefront.analytics.tracking import track
from storefront.cart.selectors import cart_get, cart_summary
from storefront.catalog.http import request_tier, store_render

from ..forms import PaymentChoiceForm, PlaceOrderForm, ShippingChoiceForm
from ..models import Order
from ..selectors import address_list, checkout_get, payment_options, shipping_method_get, shipping_method_list
from ..services import order_payment_return, order_payment_start, order_place


def _state_key() -> str:
    return f"checkout:{connection.schema_name}"


def _state(request) -> dict:
    return request.session.get(_state_key(), {})


def _remember(request, **choices) -> None:
    request.session[_state_key()] = {**_state(request), **choices}


def _sign_in_first(request):
    """To the sign-in, with a signed note of what waits in the cart (the platform's sign-in page says
    it, in the market's colours) and the way back to this step."""
    summary = cart_summary(cart=cart_get(user=request.user, session=request.session), tier=request_tier(request))
    note = cart_note_sign(items=summary.count, total=summary.subtotal) if not summary.is_empty else ""
    login_url = f"{settings.LOGIN_URL}?{urlencode({'cart': note})}" if note else settings.LOGIN_URL
    return redirect_to_login(request.get_full_path(), login_url=login_url)


def checkout_step(view):
    """Signed-in shoppers with a cart that can be checked out; `request.checkout` holds their choices."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        checkout = checkout_get(user=request.user, state=_state(request))
        if checkout.summary.is_empty:
            messages.info(request, _("Your cart is empty."))
            return redirect("cart:detail")
        if not checkout.summary.can_checkout:
            messages.error(request, _("Please fix the problems in your cart first."))
            return redirect("cart:detail")
        request.checkout = checkout
        return view(request, *args, **kwargs)

    return wrapper


@checkout_step
def checkout_start(request):
    track(request, "checkout_started")
    return redirect(f"checkout:{request.checkout.next_step}")


@checkout_step
def checkout_address(request):
    checkout = request.checkout
    addresses = list(address_list(user=request.user))
    new_form = AddressForm(prefix="new")
    if request.method == "POST":
        choice = request.POST.get("address", "")
        if choice == "new" or not addresses:
            new_form = AddressForm(request.POST, prefix="new")
            if new_form.is_valid():
                address = address_save(user=request.user, **new_form.cleaned_data)
                _remember(request, address=address.pk)
                return redirect("checkout:shipping")
        elif any(str(address.pk) == choice for address in addresses):
            _remember(request, address=int(choice))
            return redirect("checkout:shipping")
        else:
            messages.error(request, _("Choose one of your addresses or add a new one."))
    selected = checkout.address.pk if checkout.address else next((a.pk for a in addresses if a.is_default), None)
    context = {
        "checkout": checkout,
        "step": "address",
        "addresses": addresses,
        "selected": selected,
        "new_form": new_form,
    }
    return store_render(request, "checkout/address.html", context)


@checkout_step
@vary_on_headers("HX-Request")
def checkout_shipping(request):
    checkout = request.checkout
    if checkout.address is None:
        return redirect("checkout:address")
    methods = list(shipping_method_list())
    for method in methods:
        method.cost_now = method.cost_for(checkout.summary.subtotal)
    form = ShippingChoiceForm(request.POST or None, methods=methods)
    if request.method == "POST" and form.is_valid():
        _remember(request, shipping=int(form.cleaned_data["shipping"]))
        return redirect("checkout:payment")
    if request.htmx:
        # Choosing a method previews the total; nothing is saved until the form is sent.
        checkout.shipping = shipping_method_get(method_id=request.GET.get("shipping")) or checkout.shipping
        return store_render(request, "checkout/shipping.html", {"checkout": checkout}, partial="checkout-summary")
    context = {"checkout": checkout, "step": "shipping", "methods": methods, "form": form}
    return store_render(request, "checkout/shipping.html", context)


@checkout_step
def checkout_payment(request):
    checkout = request.checkout
    if checkout.address is None or checkout.shipping is None:
        return redirect(f"checkout:{checkout.next_step}")
    options = payment_options(user=request.user, total=checkout.total)
    form = PaymentChoiceForm(request.POST or None, options=options)
    if request.method == "POST" and form.is_valid():
        _remember(request, payment=form.cleaned_data["payment"])
        return redirect("checkout:review")
    context = {"checkout": checkout, "step": "payment", "options": options, "form": form}
    return store_render(request, "checkout/payment.html", context)


@checkout_step
def checkout_review(request):
    checkout = request.checkout
    if checkout.next_step != "review":
        return redirect(f"checkout:{checkout.next_step}")
    return store_render(
        request, "checkout/review.html", {"checkout": checkout, "step": "review", "form": PlaceOrderForm()}
    )


@require_POST
@checkout_step
def checkout_place(request):
    checkout = request.checkout
    if checkout.next_step != "review":
        return redirect(f"checkout:{checkout.next_step}")
    form = PlaceOrderForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        with transaction.atomic():
            order = order_place(
                user=request.user,
                cart=checkout.summary.cart,
                address=checkout.address,
                shipping_method=checkout.shipping,
                payment_method=checkout.payment_method,
                note=note,
            )
            # The marketer whose link brought this shopper (attribution cookie) is recorded with the order.
            referral_attach(
                market=request.tenant,
                order_id=order.pk,
                order_number=order.number,
                amount=order.subtotal,
                buyer_user_id=request.user.pk,
                request=request,
            )
    except InsufficientFunds as error:
        messages.error(request, error.message)
        return redirect("checkout:payment")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cart:detail")
    request.session.pop(_state_key(), None)
    track(request, "order_placed", order_id=order.pk)
    if order.status == Order.Status.VERIFIED:
        track(request, "order_paid", order_id=order.pk)
    if order.status == Order.Status.PENDING and order.payment_method == Order.PaymentMethod.ONLINE:
        callback_url = request.build_absolute_uri(reverse("checkout:callback"))
        try:
            return redirect(order_payment_start(order=order, callback_url=callback_url))
        except PaymentError as error:
            messages.error(request, error.message)
            messages.info(request, _("Your order was not placed; its items are back in your cart."))
            return redirect("cart:detail")
    if order.status == Order.Status.VERIFIED:
        messages.success(request, _("Thank you! Your order is paid and confirmed."))
    else:
        messages.success(request, _("Thank you! Your order is placed; you pay when it arrives."))
    return redirect(order)


@require_GET
def checkout_callback(request):
    """Where the gateway sends the shopper back (`?Authority=…&Status=OK|NOK`). Reloading it, or
    arriving twice, never counts a payment twice."""
    try:
        order, payment = order_payment_return(
            authority=request.GET.get("Authority", ""), status_param=request.GET.get("Status", ""), user=request.user
        )
    except PaymentError as error:
        messages.error(request, error.message)
        return redirect("orders:list")
    if order.status == Order.Status.CANCELLED:
        messages.error(request, payment.failure_message or _("The payment was not completed."))
        messages.info(request, _("Your order was cancelled and its items are back in your cart. You can try again."))
        return redirect("cart:detail")
    if order.status == Order.Status.REFUNDED:
        messages.warning(request, _("Your payment arrived after the order was cancelled, so it went to your wallet."))
    elif order.is_paid:
        track(request, "order_paid", order_id=order.pk)
        messages.success(request, _("Thank you! Your payment was received and your order is confirmed."))
    else:
        messages.info(request, _("We are still confirming your payment with the bank; this page will show it soon."))
    if request.user.pk != order.user_id:
        return redirect(f"{reverse('account_login')}?next={order.get_absolute_url()}")
    return redirect(order)
