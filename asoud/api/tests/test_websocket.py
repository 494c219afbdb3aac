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
