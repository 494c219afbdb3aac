from channels.generic.websocket import AsyncJsonWebsocketConsumer


class PingConsumer(AsyncJsonWebsocketConsumer):
    """Liveness of the websocket path: answers each message with the market it reached."""

    async def connect(self):
        await self.accept()

    async def receive_json(self, content, **kwargs):
        market = self.scope["market"]
        await self.send_json({"pong": content.get("ping"), "market": market.slug})
