"""The bell's unread count over ws/notifications/ (real ASGI app, real channel layer, real worker)."""

import time

from asgiref.sync import sync_to_async

from asoud.notifications.services import notification_mark_all_read, notify
from asoud.notifications.tasks import deliver

from .live import receive_matching, run_async, session_for, ws_connect


def test_the_bell_shows_the_count_on_connect_and_when_it_changes(live):
    user = live.user()
    session = session_for(user)
    context = {"ticket_id": 1, "subject": "Hello", "url": ""}

    async def scenario():
        bell, connected, _ = await ws_connect("/ws/notifications/", host="localhost", session=session)
        assert connected
        first = await receive_matching(bell, 'id="notification-bell-count"')
        assert 'data-count="0"' in first and 'hx-swap-oob="true"' in first

        notification = await sync_to_async(notify)(user_id=user.pk, event="ticket_answered", context=context)
        in_app = await sync_to_async(notification.deliveries.get)(channel="in_app")
        await sync_to_async(deliver)(in_app.pk)
        assert 'data-count="1"' in await receive_matching(bell, 'id="notification-bell-count"')

        await sync_to_async(notification_mark_all_read)(user_id=user.pk)
        # A session-wide real worker may also take the delivery's queued task and push its own
        # "1" a moment later: what matters is that the bell settles on 0.
        assert 'data-count="0"' in await receive_matching(bell, 'data-count="0"')
        await bell.disconnect()

    run_async(scenario)


def test_the_bell_works_on_market_hosts_and_refuses_anonymous_visitors(live):
    session = session_for(live.user())

    async def scenario():
        bell, connected, _ = await ws_connect("/ws/notifications/", host="alpha.localhost", session=session)
        anonymous, anonymous_connected, code = await ws_connect("/ws/notifications/", host="alpha.localhost")
        if connected:
            await bell.disconnect()
        return connected, anonymous_connected, code

    assert run_async(scenario) == (True, False, 4401)


def test_a_delivery_by_the_real_worker_rings_the_bell(live, celery_worker_process):
    user = live.user()
    session = session_for(user)

    async def scenario():
        bell, connected, _ = await ws_connect("/ws/notifications/", host="localhost", session=session)
        assert 'data-count="0"' in await receive_matching(bell, "notification-bell-count")
        started = time.monotonic()
        await sync_to_async(notify)(
            user_id=user.pk, event="ticket_answered", context={"ticket_id": 2, "subject": "Worker", "url": ""}
        )
        ring = await receive_matching(bell, 'data-count="1"', timeout=60)
        await bell.disconnect()
        return ring, time.monotonic() - started

    ring, _seconds = run_async(scenario)
    assert "notification-bell-count" in ring
