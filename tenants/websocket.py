"""Websockets resolve the market from the Host header exactly like HTTP requests do."""

from channels.db import database_sync_to_async
from django_tenants.utils import remove_www

from .models import Domain


@database_sync_to_async
def _market_for_host(hostname: str):
    domain = Domain.objects.select_related("tenant").filter(domain=hostname, tenant__is_template=False).first()
    return domain.tenant if domain else None


class MarketWebsocketMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        hostname = remove_www(headers.get(b"host", b"").decode("latin1").split(":")[0])
        market = await _market_for_host(hostname)
        if market is None:
            await send({"type": "websocket.close", "code": 4404})
            return
        return await self.app({**scope, "market": market}, receive, send)
