from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer


class PingConsumer(AsyncJsonWebsocketConsumer):
    """Liveness of the websocket path: answers each message with the market it reached."""

    async def connect(self):
        await self.accept()

    async def receive_json(self, content, **kwargs):
        market = self.scope["market"]
        await self.send_json({"pong": content.get("ping"), "market": market.slug})


class GroupConsumer(AsyncWebsocketConsumer):
    """A socket that follows one channel-layer group, `self.group`, joined once it is allowed to connect."""

    async def disconnect(self, code):
        if hasattr(self, "group"):  # refused sockets never joined
            await self.channel_layer.group_discard(self.group, self.channel_name)
