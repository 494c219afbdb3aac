"""The existing notification websocket accepts an app's JWT in the query string."""

from rest_framework_simplejwt.tokens import RefreshToken

from asoud.notifications.tests.live import live, receive_matching, run_async, ws_connect  # noqa: F401


def test_the_bell_socket_accepts_a_jwt_and_refuses_a_bad_one(live):  # noqa: F811
    token = str(RefreshToken.for_user(live.user()).access_token)

    async def scenario():
        bell, connected, _ = await ws_connect(f"/ws/notifications/?token={token}", host="localhost")
        first = await receive_matching(bell, 'id="notification-bell-count"') if connected else ""
        if connected:
            await bell.disconnect()
        _, forged_connected, code = await ws_connect("/ws/notifications/?token=not-a-token", host="localhost")
        return connected, 'data-count="0"' in first, forged_connected, code

    assert run_async(scenario) == (True, True, False, 4401)


def test_the_chat_socket_accepts_a_jwt_and_gets_what_the_api_sends(live):  # noqa: F811
    from asgiref.sync import sync_to_async

    from asoud.chat.services import conversation_start
    from tenants.models import Market

    from .conftest import api_client

    market = Market.objects.select_related("owner").get(slug="alpha")
    shopper = live.user(name="Sara Rahimi")
    conversation = conversation_start(market=market, shopper=shopper)
    token = str(RefreshToken.for_user(shopper).access_token)
    owner = api_client(user=market.owner)
    stranger_token = str(RefreshToken.for_user(live.user()).access_token)

    async def scenario():
        path = f"/ws/chat/{conversation.pk}/?token={token}"
        socket, connected, _ = await ws_connect(path, host="alpha.localhost")
        assert connected
        url = f"/api/v1/markets/alpha/owner/inbox/{conversation.pk}/messages/"
        sent = await sync_to_async(owner.post)(url, {"text": "Answered over REST"}, format="json")
        assert sent.status_code == 201
        frame = await receive_matching(socket, "Answered over REST")
        await socket.disconnect()
        _, stranger_connected, _ = await ws_connect(f"/ws/chat/{conversation.pk}/?token={stranger_token}")
        return 'class="chat-message theirs"' in frame, stranger_connected

    assert run_async(scenario) == (True, False)
