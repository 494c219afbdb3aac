"""A shopper's orders on this market: the list, the tracking page, the invoice, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.catalog.http import store_render

from ..invoice_links import access_order_by_invoice_signature
from ..models import Order
from ..selectors import access_order, order_list, order_payment_resume_url
from ..services import order_transition
from ..services.transitions import NOTE_CANCELLED_BY_SHOPPER


@login_required
def orders_list(request):
    return store_render(request, "orders/list.html", {"orders": order_list(user=request.user)})


@login_required
@vary_on_headers("HX-Request")
def order_detail(request, number: str):
    order = access_order(user=request.user, number=number)
    context = {"order": order, "pay_url": order_payment_resume_url(order=order)}
    return store_render(request, "orders/detail.html", context, partial="order-status")


def order_invoice(request, number: str):
    """The printable invoice: for the signed-in shopper, or for an app's browser with the API's signed link."""
    signature = request.GET.get("signature", "")
    if signature:
        order = access_order_by_invoice_signature(signature=signature, market_id=request.tenant.pk, number=number)
        response = render(request, "orders/invoice.html", {"order": order})
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"  # the link is a short-lived key: keep it out of Referer
        return response
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "orders/invoice.html", {"order": access_order(user=request.user, number=number)})


@login_required
@require_POST
def order_cancel(request, number: str):
    order = access_order(user=request.user, number=number)
    if not order.is_cancellable_by_shopper:
        messages.error(request, _("This order can no longer be cancelled. Please contact the shop."))
    else:
        try:
            order_transition(
                order=order, to_status=Order.Status.CANCELLED, actor=request.user, note=NOTE_CANCELLED_BY_SHOPPER
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your order is cancelled."))
    if not request.htmx:
        return redirect(order)
    order = access_order(user=request.user, number=number)
    return store_render(request, "orders/detail.html", {"order": order}, partial="order-updated")
