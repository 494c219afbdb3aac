from django.shortcuts import render

from .access import access_market, dashboard_view

__all__ = ["access_market", "overview"]


@dashboard_view("overview")
def overview(request):
    return render(request, "dashboard/overview.html", {"market": request.market})
