"""The live owner dashboard: the `ws/analytics/dashboard/` socket and the panel it refreshes.

The socket carries no figures, only "changed" notices ({"type": "changed", "kind": …}); the page's
script (static/js/live-dashboard.js) then re-fetches its htmx fragments (this panel, the overview's
figures), so what moves on screen is exactly what a reload shows. Who may listen is decided by the
same check as the analytics page (`dashboard.access.can_access(…, "analytics")`).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from channels.db import database_sync_to_async
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers
from django_tenants.utils import tenant_context

from asoud.core.consumers import GroupConsumer
from storefront.analytics import live

from .access import can_access, dashboard_view

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


def live_context(market) -> dict:
    return {"live": live.live_figures(schema=market.schema_name)}


@dashboard_view("analytics")
@vary_on_headers("HX-Request")
def analytics_live(request):
    """The live panel alone (what the socket's notices make the page re-fetch), or as a page."""
    template = "dashboard/analytics_live.html#live-panel" if request.htmx else "dashboard/analytics_live.html"
    return render(request, template, {"market": request.market, **live_context(request.market)})


def may_watch(*, user, market) -> bool:
    """The analytics page's own access rule, for a socket instead of a request."""
    if user is None or not user.is_authenticated or market.is_public:
        return False
    with tenant_context(market):
        return can_access(SimpleNamespace(user=user, tenant=market), "analytics")


class LiveDashboardConsumer(GroupConsumer):
    """`ws/analytics/dashboard/` on a market's host: its owner and managers only."""

    async def connect(self):
        user, market = self.scope.get("user"), self.scope["market"]
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not await database_sync_to_async(may_watch)(user=user, market=market):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.schema = market.schema_name
        self.group = live.live_group(self.schema)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await database_sync_to_async(live.watch_mark)(self.schema)
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None):
        """The page pings every 30 s: the market stays marked as watched."""
        await database_sync_to_async(live.watch_mark)(self.schema)

    async def live_changed(self, event):
        await self.send(text_data=json.dumps({"type": "changed", "kind": event.get("kind", "")}))
