"""Orders in the dashboard: a list with status tabs and search, an order's page with its history and the
status changes allowed now (each an htmx post or a plain form post), a printable invoice and packing slip.

Status changes go through `order_transition` only, which refuses what isn't allowed; the buttons shown
are the ones `transitions_allowed` offers, but the server never trusts that the page was current.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from storefront.orders.models import Order, ShippingMethod
from storefront.orders.selectors import (
    access_order_for_dashboard,
    order_list_for_dashboard,
    order_status_counts,
)
from storefront.orders.services import order_transition, transitions_allowed

from .access import dashboard_view

PAGE_SIZE = 20
S = Order.Status
# Status tabs, in the order work flows through a shop.
TABS = [
    ("", gettext_lazy("All")),
    (S.PENDING, S.PENDING.label),
    (S.VERIFIED, S.VERIFIED.label),
    (S.SHIPPED, S.SHIPPED.label),
    (S.COMPLETED, S.COMPLETED.label),
    (S.CANCELLED, S.CANCELLED.label),
    (S.REFUNDED, S.REFUNDED.label),
]
ACTIONS = {
    S.VERIFIED: (gettext_lazy("Confirm the order"), "primary"),
    S.SHIPPED: (gettext_lazy("Mark as shipped"), "primary"),
    S.COMPLETED: (gettext_lazy("Mark as delivered"), "success"),
    S.CANCELLED: (gettext_lazy("Cancel the order"), "outline-danger"),
    S.REFUNDED: (gettext_lazy("Refund"), "outline-danger"),
}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=S.choices)
    tracking_code = forms.CharField(max_length=64, required=False, strip=True)
    note = forms.CharField(max_length=500, required=False, strip=True)


def _tabs(counts: dict[str, int], current: str, query: str) -> list[dict]:
    return [
        {
            "status": status,
            "label": label,
            "count": counts[status or "all"],
            "active": status == current,
        }
        for status, label in TABS
    ]


def _tabs_html(request, *, current: str = "", query: str = "", oob: bool = False) -> str:
    context = {"tabs": _tabs(order_status_counts(), current, query), "query": query, "oob": oob}
    return render_to_string("dashboard/orders.html#order-status-tabs", context, request=request)


@dashboard_view("orders")
@vary_on_headers("HX-Request", "HX-Target")
def order_list(request):
    status = request.GET.get("status", "")
    status = status if status in S.values else ""
    query = request.GET.get("q", "").strip()[:60]
    page = Paginator(order_list_for_dashboard(status=status, query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"market": request.market, "page": page, "status": status, "query": query}
    if request.htmx and request.htmx.target == "orders-table":
        return render(request, "dashboard/orders.html#orders-table", context)
    if request.htmx:
        response = render(request, "dashboard/orders.html#orders-main", context)
        response.content += _tabs_html(request, current=status, query=query, oob=True).encode()
        return response
    context["tabs"] = _tabs(order_status_counts(), status, query)
    return render(request, "dashboard/orders.html", context)


def _detail_context(request, order: Order, **extra) -> dict:
    allowed = transitions_allowed(order)
    actions = [{"status": status, "label": ACTIONS[status][0], "style": ACTIONS[status][1]} for status in allowed]
    return {
        "market": request.market,
        "order": order,
        "actions": actions,
        "needs_tracking": S.SHIPPED in allowed and order.shipping_kind != ShippingMethod.Kind.PICKUP,
        "back_url": request.GET.get("back", ""),
        **extra,
    }


@dashboard_view("orders")
@vary_on_headers("HX-Request", "HX-Target")
def order_detail(request, order_id: int):
    order = access_order_for_dashboard(order_id=order_id)
    context = _detail_context(request, order)
    if request.htmx:
        partial = "order-detail" if request.htmx.target == "order-detail" else "orders-main"
        response = render(request, f"dashboard/orders_detail.html#{partial}", context)
        response.content += _tabs_html(request, current=order.status, oob=True).encode()
        return response
    context["tabs"] = _tabs(order_status_counts(), order.status, "")
    return render(request, "dashboard/orders_detail.html", context)


@require_POST
@dashboard_view("orders")
def order_transition_view(request, order_id: int):
    """Change the order's status. htmx: the order's panel again (with the result) and the tab counts."""
    order = access_order_for_dashboard(order_id=order_id)
    form = TransitionForm(request.POST)
    error, notice = "", ""
    if not form.is_valid():
        error = _("Choose what to do with the order.")
    else:
        data = form.cleaned_data
        try:
            order_transition(
                order=order,
                to_status=data["to_status"],
                actor=request.user,
                note=data["note"],
                tracking_code=data["tracking_code"],
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            notice = _("Order %(number)s is now “%(status)s”.") % {
                "number": order.number,
                "status": order.get_status_display(),
            }
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        return redirect("dashboard:order_detail", order_id=order.pk)
    order = access_order_for_dashboard(order_id=order.pk)  # history and totals as they are now
    context = _detail_context(
        request, order, error=error, notice=notice, tracking_code=form.data.get("tracking_code", "")
    )
    response = render(request, "dashboard/orders_detail.html#order-detail", context)
    response.content += _tabs_html(request, current=order.status, oob=True).encode()
    return response


@dashboard_view("orders")
def order_invoice(request, order_id: int):
    order = access_order_for_dashboard(order_id=order_id)
    return render(request, "dashboard/invoice.html", {"market": request.market, "order": order})


@dashboard_view("orders")
def order_packing_slip(request, order_id: int):
    order = access_order_for_dashboard(order_id=order_id)
    return render(request, "dashboard/packing_slip.html", {"market": request.market, "order": order})
