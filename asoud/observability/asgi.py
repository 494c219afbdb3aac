"""ASGI wrapper counting open websocket connections (asoud_websocket_connections)."""

from .metrics import WEBSOCKETS


class WebsocketGaugeMiddleware:
    """Counts a socket from the moment the consumer accepts it until the connection ends."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        accepted = False

        async def counting_send(message):
            nonlocal accepted
            if message.get("type") == "websocket.accept" and not accepted:
                accepted = True
                WEBSOCKETS.inc()
            await send(message)

        try:
            return await self.app(scope, receive, counting_send)
        finally:
            if accepted:
                WEBSOCKETS.dec()
