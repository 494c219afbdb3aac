"""One ASGI application for HTTP and websockets; both resolve the market from the host name."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asoud.settings.development")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from asoud.api.websocket import JwtQueryStringMiddleware  # noqa: E402
from asoud.observability.asgi import WebsocketGaugeMiddleware  # noqa: E402
from asoud.routing import websocket_urlpatterns  # noqa: E402
from storefront.catalog.page_cache_asgi import PageCacheApp  # noqa: E402
from tenants.websocket import MarketWebsocketMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": PageCacheApp(django_asgi_app),  # repeat anonymous page visits answered from Redis first
        "websocket": WebsocketGaugeMiddleware(
            AllowedHostsOriginValidator(
                MarketWebsocketMiddleware(
                    AuthMiddlewareStack(JwtQueryStringMiddleware(URLRouter(websocket_urlpatterns)))
                )
            )
        ),
    }
)
