"""ws/chat/<id>/ and ws/chat/inbox/ against the real ASGI application and the real channels_redis
layer on the embedded Valkey. Rows are committed (`live`): consumers read them from other threads."""

import re

from asgiref.sync import sync_to_async
from django.test import Client

from asoud.chat.models import Message, Participant
from asoud.chat.realtime import conversation_group, inbox_group
from asoud.chat.selectors import unread_count
from asoud.chat.services import conversation_start
from asoud.notifications.tests.live import receive_matching, run_async, session_for, ws_connect
from tenants.models import Market


def _alpha():
    return Market.objects.select_related("owner").get(slug="alpha")


def _conversation(live, market):
    shopper = live.user(name="Sara Rahimi")
    conversation = conversation_start(market=market, shopper=shopper)
    return shopper, conversation


def test_participants_get_messages_live_with_delivery_and_read_receipts(live):
    market = _alpha()
    shopper, conversation = _conversation(live, market)
    path = f"/ws/chat/{conversation.pk}/"
    shopper_session, owner_session = session_for(shopper), session_for(market.owner)

    async def scenario():
        shopper_ws, connected, _ = await ws_connect(path, session=shopper_session)
        assert connected
        owner_ws, connected, _ = await ws_connect(path, session=owner_session)
        assert connected

        await shopper_ws.send_json_to({"type": "message", "text": "Is the red one in stock?"})
        seen_by_owner = await receive_matching(owner_ws, "Is the red one in stock?")
        assert 'hx-swap-oob="beforeend:#message-list"' in seen_by_owner
        assert 'class="chat-message theirs"' in seen_by_owner
        message_id = int(re.search(r'id="message-(\d+)"', seen_by_owner).group(1))

        own_copy = await receive_matching(shopper_ws, f'id="message-{message_id}"')
        assert 'class="chat-message mine"' in own_copy
        # The owner's screen got it: the shopper's tick turns into "delivered".
        delivered = await receive_matching(shopper_ws, f'id="message-{message_id}-status"')
        assert 'data-status="delivered"' in delivered and 'hx-swap-oob="true"' in delivered

        await owner_ws.send_to(text_data='{"type": "read", "HEADERS": {"HX-Request": "true"}}')
        read = await receive_matching(shopper_ws, 'data-status="read"')
        assert f'id="message-{message_id}-status"' in read
        assert await owner_ws.receive_nothing(timeout=0.3)  # receipts go to the sender's side only

        await shopper_ws.disconnect()
        await owner_ws.disconnect()
        return message_id

    message_id = run_async(scenario)
    message = Message.objects.get(pk=message_id)
    assert message.status == "read" and message.delivered_at and message.read_at
    owner_participant = Participant.objects.get(conversation=conversation, user=market.owner)
    assert unread_count(participant=owner_participant) == 0


def test_typing_is_shown_to_the_other_side_only(live):
    market = _alpha()
    shopper, conversation = _conversation(live, market)
    path = f"/ws/chat/{conversation.pk}/"
    shopper_session, owner_session = session_for(shopper), session_for(market.owner)

    async def scenario():
        shopper_ws, _, _ = await ws_connect(path, session=shopper_session)
        owner_ws, _, _ = await ws_connect(path, session=owner_session)
        await owner_ws.send_json_to({"type": "typing", "HEADERS": {}})
        typing = await receive_matching(shopper_ws, 'id="typing-indicator"')
        assert "Alpha Shop" in typing and "active" in typing
        assert await owner_ws.receive_nothing(timeout=0.3)
        await shopper_ws.send_json_to({"type": "typing"})
        assert "Sara" in await receive_matching(owner_ws, 'id="typing-indicator"')
        await shopper_ws.disconnect()
        await owner_ws.disconnect()

    run_async(scenario)


def test_a_message_posted_over_http_arrives_on_the_sockets(live):
    market = _alpha()
    shopper, conversation = _conversation(live, market)
    owner_session = session_for(market.owner)
    shopper_client = Client(HTTP_HOST="alpha.localhost")
    shopper_client.force_login(shopper)

    async def scenario():
        owner_ws, connected, _ = await ws_connect(f"/ws/chat/{conversation.pk}/", session=owner_session)
        inbox_ws, inbox_connected, _ = await ws_connect("/ws/chat/inbox/", session=owner_session)
        assert connected and inbox_connected
        response = await sync_to_async(shopper_client.post)(f"/chat/{conversation.pk}/", {"text": "Posted the old way"})
        assert response.status_code == 302
        assert "Posted the old way" in await receive_matching(owner_ws, "Posted the old way")
        row = await receive_matching(inbox_ws, f'id="inbox-row-{conversation.pk}"')
        assert 'hx-swap-oob="afterbegin:#inbox-list"' in row and "Posted the old way" in row
        await owner_ws.disconnect()
        await inbox_ws.disconnect()

    run_async(scenario)


def test_strangers_other_markets_and_anonymous_visitors_are_refused(live):
    market = _alpha()
    shopper, conversation = _conversation(live, market)
    path = f"/ws/chat/{conversation.pk}/"
    stranger_session = session_for(live.user())
    shopper_session = session_for(shopper)
    beta_owner_session = session_for(Market.objects.get(slug="beta").owner)

    async def scenario():
        refusals = []
        for host, session in [
            ("alpha.localhost", None),  # not signed in
            ("alpha.localhost", stranger_session),  # signed in, not in the conversation
            ("beta.localhost", shopper_session),  # a participant, but on another market's host
            ("beta.localhost", beta_owner_session),  # another market's owner guessing the id
            ("localhost", shopper_session),  # the platform host
        ]:
            communicator, connected, code = await ws_connect(path, host=host, session=session)
            refusals.append((connected, code))
        communicator, connected, code = await ws_connect("/ws/chat/inbox/", session=shopper_session)
        refusals.append((connected, code))
        communicator, connected, code = await ws_connect(path, host="nowhere.localhost", session=shopper_session)
        refusals.append((connected, code))
        return refusals

    assert run_async(scenario) == [
        (False, 4401),
        (False, 4403),
        (False, 4403),
        (False, 4403),
        (False, 4403),
        (False, 4403),
        (False, 4404),
    ]


def test_an_invalid_message_over_the_socket_is_answered_with_the_reason(live):
    market = _alpha()
    shopper, conversation = _conversation(live, market)
    session = session_for(shopper)

    async def scenario():
        communicator, _, _ = await ws_connect(f"/ws/chat/{conversation.pk}/", session=session)
        await communicator.send_json_to({"type": "message", "text": "   "})
        error = await receive_matching(communicator, 'id="chat-errors"')
        await communicator.send_to(text_data="not json")
        assert await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()
        return error

    assert "Write a message or attach a file." in run_async(scenario)
    assert not Message.objects.filter(conversation=conversation).exists()


def test_group_names_carry_the_market_schema():
    assert conversation_group(schema_name="alpha", conversation_id=7) == "chat.alpha.7"
    assert conversation_group(schema_name="beta", conversation_id=7) != conversation_group(
        schema_name="alpha", conversation_id=7
    )
    assert inbox_group(schema_name="alpha") == "chat.alpha.inbox"
