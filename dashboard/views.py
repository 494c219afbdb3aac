"""The dashboard's home: today's and this month's sales, orders waiting, low stock, a 30-day chart."""

import datetime

import jdatetime
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.vary import vary_on_headers

from asoud.core.charts import sales_chart
from storefront.analytics.selectors import stock_forecast
from storefront.orders.selectors import order_list_awaiting, overview_get, product_list_low_stock

from .access import access_market, can_access, dashboard_view
from .analytics_live import live_context

__all__ = ["access_market", "overview"]

CHART_DAYS = 30


def month_start(today: datetime.date, *, jalali: bool) -> datetime.date:
    """The first day of the month `today` is in: the Jalali month for Persian, else the Gregorian one."""
    if jalali:
        return jdatetime.date.fromgregorian(date=today).replace(day=1).togregorian()
    return today.replace(day=1)


@dashboard_view("overview")
@vary_on_headers("HX-Request")
def overview(request):
    today = timezone.localdate()
    jalali = (translation.get_language() or "fa").startswith("fa")
    context = {
        "market": request.market,
        "today": today,
        "can_orders": can_access(request, "orders"),
        "can_catalogue": can_access(request, "catalogue"),
    }
    if context["can_orders"]:  # sales figures are for those who handle orders (not catalogue editors)
        figures = overview_get(today=today, month_start=month_start(today, jalali=jalali), days=CHART_DAYS)
        context["figures"] = figures
        context["chart"] = sales_chart(figures.days, rtl=translation.get_language_bidi())
        context["awaiting_orders"] = order_list_awaiting()
    if context["can_catalogue"]:
        context["low_stock"] = product_list_low_stock()
        # The forecast from recent sales: how long the low ones last, and what runs out within a week.
        forecast = stock_forecast()
        context["days_left"] = {item.product_id: item.days_left for item in forecast}
        low_ids = {product.pk for product in context["low_stock"]}
        context["running_out"] = [
            item
            for item in forecast
            if item.days_left is not None and item.days_left <= 7 and item.product_id not in low_ids
        ][:6]
    context["can_analytics"] = can_access(request, "analytics")  # the live panel and its socket
    if context["can_analytics"] and not request.htmx:
        context.update(live_context(request.market))
    template = "dashboard/overview.html#overview-figures" if request.htmx else "dashboard/overview.html"
    return render(request, template, context)
