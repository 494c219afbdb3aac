"""`/staff/analytics/` on the platform host: markets, GMV, orders, new users and top markets over time."""

import datetime

from django.shortcuts import render
from django.utils import timezone, translation

from asoud.core.charts import sales_chart
from asoud.core.periods import PeriodForm
from asoud.core.views import staff_required

from . import selectors


@staff_required
def staff_analytics(request):
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    days = selectors.platform_days(start=start, end=end)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "days": days,
        "gmv": sum(d.sales for d in days),
        "orders": sum(d.orders for d in days),
        "new_users": sum(d.new_users for d in days),
        "markets": selectors.market_counts(),
        "top_markets": selectors.top_markets(start=start, end=end),
        "chart": sales_chart(days, rtl=translation.get_language_bidi(), label_every=max(len(days) // 6, 1)),
        "today": timezone.localdate(),
        "week": datetime.timedelta(days=7),
    }
    return render(request, "analytics/staff.html", context)
