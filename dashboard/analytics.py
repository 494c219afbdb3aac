"""The owner's analytics: sales and conversion over a period, the funnel, top products, searches
without results, marketer traffic, fraud signals, stock forecast; customers by RFM segment; CSV exports.

Everything reads aggregates and runs a fixed number of queries whatever the period or data size.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from asoud.core.charts import sales_chart
from asoud.core.jalali import calendar_render, jalali_text
from asoud.core.periods import PeriodForm
from storefront.analytics import selectors, services
from storefront.analytics.tasks import churn_market_task

from .access import dashboard_view
from .analytics_live import live_context


@dataclass(frozen=True)
class FunnelBar:
    step: selectors.FunnelStep
    x: float
    y: float
    width: float
    height: float
    label_y: float


FUNNEL_WIDTH, FUNNEL_BAR, FUNNEL_GAP = 600, 40, 12


def funnel_chart(steps: list[selectors.FunnelStep]) -> dict:
    """Centred bars, each as wide as its share of the visits (at least a sliver, so a zero step shows)."""
    bars = []
    for index, step in enumerate(steps):
        width = max(FUNNEL_WIDTH * step.of_first, 2.0)
        y = index * (FUNNEL_BAR + FUNNEL_GAP)
        bars.append(
            FunnelBar(step, round((FUNNEL_WIDTH - width) / 2, 2), y, round(width, 2), FUNNEL_BAR, y + FUNNEL_BAR / 2)
        )
    height = len(steps) * (FUNNEL_BAR + FUNNEL_GAP) - FUNNEL_GAP
    return {"width": FUNNEL_WIDTH, "height": max(height, 1), "bars": bars, "is_empty": not steps or not steps[0].count}


def _period(request) -> tuple[PeriodForm, datetime.date, datetime.date]:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    return form, start, end


@dashboard_view("analytics")
@vary_on_headers("HX-Request")
def analytics_page(request):
    form, start, end = _period(request)
    report = selectors.report_get(start=start, end=end)
    days = len(report.days)
    context = {
        "market": request.market,
        "form": form,
        "start": start,
        "end": end,
        "report": report,
        "chart": sales_chart(report.days, rtl=translation.get_language_bidi(), label_every=max(days // 6, 1)),
        "funnel": funnel_chart(report.funnel),
        "top_products": selectors.top_products(start=start, end=end),
        "no_results": selectors.search_terms_without_results(start=start, end=end),
        "marketers": selectors.traffic_by_marketer(market_id=request.market.pk, start=start, end=end),
        "signals": selectors.fraud_signals_for_market(market_id=request.market.pk),
        "forecast": selectors.stock_forecast(within_days=30, limit=8),
        "query": request.GET.urlencode(),
        "live_today": timezone.localdate(),  # a period ending today moves with the live dashboard
        "jalali_fields": [
            (name, label, jalali_text(day), jalali_text(day)[:7].replace("/", "-"))
            for name, label, day in (("start", _("From"), start), ("end", _("To"), end))
        ],
    }
    if not request.htmx:
        context.update(live_context(request.market))
    template = "dashboard/analytics.html#analytics-report" if request.htmx else "dashboard/analytics.html"
    return render(request, template, context)


def _csv_response(name: str, market) -> tuple[HttpResponse, csv.writer]:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{market.schema_name}-{stamp}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 (Persian titles) only with a byte order mark
    return response, csv.writer(response)


@dashboard_view("analytics")
def analytics_export(request):
    """`?report=days` (default): one row per day; `?report=products`: the period's products."""
    _form, start, end = _period(request)
    if request.GET.get("report") == "products":
        response, writer = _csv_response("products-sales", request.market)
        writer.writerow(["product_id", "title", "views", "carts", "orders", "units", "revenue_rials", "conversion"])
        for row in selectors.top_products(start=start, end=end, limit=10_000):
            writer.writerow([row.product_id, row.title, row.views, row.carts, row.orders, row.units, row.revenue,
                             f"{row.conversion:.4f}"])  # fmt: skip
        return response
    response, writer = _csv_response("sales-by-day", request.market)
    writer.writerow(["day", "visits", "orders", "revenue_rials"])
    for day in selectors.report_get(start=start, end=end).days:
        writer.writerow([day.day.isoformat(), day.visits, day.orders, day.sales])
    return response


@dashboard_view("analytics")
@vary_on_headers("HX-Request")
def customers_page(request):
    segment = request.GET.get("segment", "")
    segment = segment if segment in selectors.Segment.LABELS else ""
    everyone = selectors.customer_list()
    context = {
        "market": request.market,
        "segments": selectors.segment_counts(everyone),
        "segment": segment,
        "customers": [c for c in everyone if c.segment == segment] if segment else everyone,
        "total": len(everyone),
    }
    template = (
        "dashboard/analytics_customers.html#customer-table" if request.htmx else "dashboard/analytics_customers.html"
    )
    return render(request, template, context)


@dashboard_view("analytics")
def customers_export(request):
    segment = request.GET.get("segment", "")
    customers = selectors.customer_list(segment=segment if segment in selectors.Segment.LABELS else "")
    response, writer = _csv_response("customers", request.market)
    writer.writerow(["user_id", "name", "mobile", "segment", "orders", "spent_rials", "average_order_rials",
                     "first_order", "last_order", "days_since_last_order", "lifetime_value_rials"])  # fmt: skip
    for c in customers:
        writer.writerow([c.user_id, c.name, c.mobile, c.segment, c.orders, c.spent, c.average_order,
                         timezone.localdate(c.first_order).isoformat(), timezone.localdate(c.last_order).isoformat(),
                         c.recency_days, c.ltv])  # fmt: skip
    return response


# --- The Jalali date picker of the period form (Persian pages) ----------------------------------


@dashboard_view("analytics")
def analytics_calendar(request):
    return calendar_render(request, url_name="dashboard:analytics_calendar")


class WinbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=services.churn.WINBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@dashboard_view("analytics")
def customers_at_risk(request):
    rows, run = selectors.customers_at_risk()
    default = _("We miss you! Come and see what is new in our shop.")
    context = {"market": request.market, "rows": rows, "run": run, "form": WinbackForm(initial={"message": default})}
    return render(request, "dashboard/analytics_at_risk.html", context)


@require_POST
@dashboard_view("analytics")
def customer_winback(request, user_id: int):
    form = WinbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["message"][0])
        return redirect("dashboard:analytics_at_risk")
    try:
        services.winback_send(market=request.market, user_id=user_id, message=form.cleaned_data["message"])
    except services.WinbackRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your message is on its way."))
    return redirect("dashboard:analytics_at_risk")


@require_POST
@dashboard_view("analytics")
def customers_at_risk_compute(request):
    transaction.on_commit(churn_market_task.delay)
    messages.success(request, _("The list is being updated; reload the page in a minute."))
    return redirect("dashboard:analytics_at_risk")
