"""Chat and support tickets over REST, through the web's chat and support services."""

import pytest

from asoud.chat.models import Conversation, Message, Participant
from asoud.chat.tests.factories import fake_image_upload, pdf_upload, png_upload
from asoud.notifications.models import Notification
from asoud.support.models import Ticket, TicketMessage
from storefront.cart.tests.factories import product_make, shopper_make

from .conftest import api_client, inside
from .test_owner import member_api

pytestmark = pytest.mark.django_db
A = "/api/v1/markets/alpha"


@pytest.fixture
def owner_api(market_alpha):
    from asoud.accounts.models import User

    return api_client(user=User.objects.get(pk=market_alpha.owner_id))


def test_a_shopper_writes_to_a_market_and_the_owner_answers_from_the_inbox(shopper, market_alpha, owner_api):
    me = api_client(user=shopper)
    with inside(market_alpha):
        kettle = product_make(title="Steel kettle", price=1_850_000)
    started = me.post(f"{A}/conversations/", {"text": "Is the red one in stock?", "product": kettle.pk}, format="json")
    assert started.status_code == 201, started.json()
    conversation_id = started.json()["conversation"]["id"]
    assert started.json()["message"]["mine"] is True
    assert started.json()["message"]["card"]["title"] == "Steel kettle"
    # The market's team is told, as when the shopper writes on the web.
    assert Notification.objects.filter(user_id=market_alpha.owner_id, event="chat_message").exists()

    inbox = owner_api.get(f"{A}/owner/inbox/").json()["results"]
    row = next(r for r in inbox if r["id"] == conversation_id)
    assert row["unread"] == 1 and row["last_text"] == "Is the red one in stock?" and row["shopper_name"]
    empty = owner_api.post(f"{A}/owner/inbox/{conversation_id}/messages/", {"text": ""}, format="json")
    assert empty.status_code == 400 and empty.json()["detail"] == "Write a message or attach a file."
    reply = owner_api.post(
        f"{A}/owner/inbox/{conversation_id}/messages/", {"text": "Yes, two left.", "attachment": png_upload()},
        format="multipart",
    )  # fmt: skip
    assert reply.status_code == 201, reply.json()
    attachment = reply.json()["attachment"]
    assert attachment["kind"] == "image" and attachment["url"].endswith("/attachment/")

    mine = me.get("/api/v1/me/conversations/").json()["results"]
    assert [(c["id"], c["market"], c["unread"]) for c in mine] == [(conversation_id, "alpha", 1)]
    page = me.get(f"{A}/conversations/{conversation_id}/messages/").json()
    assert [(m["text"], m["mine"], m["side"]) for m in page["results"]] == [
        ("Is the red one in stock?", True, "shopper"), ("Yes, two left.", False, "market")
    ]  # fmt: skip
    assert page["results"][1]["sender_name"] == "Alpha Shop"
    download = me.get(page["results"][1]["attachment"]["url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert me.get(f"{A}/conversations/{conversation_id}/messages/").json() == page  # reading marks nothing read

    read = me.post(f"{A}/conversations/{conversation_id}/read/")
    assert read.status_code == 200 and read.json()["read"] == [page["results"][1]["id"]]
    assert Message.objects.get(pk=page["results"][1]["id"]).status == "read"
    assert me.get("/api/v1/me/conversations/").json()["results"][0]["unread"] == 0
    again = me.post(f"{A}/conversations/", {"text": "Thanks!"}, format="json")
    assert again.json()["conversation"]["id"] == conversation_id  # one conversation per shopper and market
    assert me.get(f"{A}/conversations/").json()[0]["id"] == conversation_id


def test_message_validation_is_the_web_composers(shopper, market_alpha):
    me = api_client(user=shopper)
    empty = me.post(f"{A}/conversations/", {"text": "   "}, format="json")
    assert empty.status_code == 400 and empty.json()["errors"]["non_field_errors"] == [
        "Write a message or attach a file."
    ]
    assert not Conversation.objects.filter(shopper=shopper).exists()
    fake = me.post(f"{A}/conversations/", {"text": "see", "attachment": fake_image_upload()}, format="multipart")
    assert fake.status_code == 400 and "attachment" in fake.json()["errors"]
    too_long = me.post(f"{A}/conversations/", {"text": "x" * 5000}, format="json")
    assert too_long.status_code == 400 and "text" in too_long.json()["errors"]
    pdf = me.post(f"{A}/conversations/", {"attachment": pdf_upload()}, format="multipart")
    assert pdf.status_code == 201 and pdf.json()["message"]["attachment"]["kind"] == "pdf"


def test_chat_permissions(shopper, market_alpha, owner_api):
    assert api_client().get("/api/v1/me/conversations/").status_code == 401
    assert api_client().post(f"{A}/conversations/", {"text": "hi"}, format="json").status_code == 401
    own = owner_api.post(f"{A}/conversations/", {"text": "me to me"}, format="json")
    assert own.status_code == 400 and own.json()["code"] == "own_market"
    # An editor's role does not reach the chat (as in the dashboard); support does.
    assert member_api("editor", market_alpha).get(f"{A}/owner/inbox/").status_code == 403
    assert member_api("support", market_alpha).get(f"{A}/owner/inbox/").status_code == 200
    assert api_client(user=shopper).get(f"{A}/owner/inbox/").status_code == 403


def test_support_tickets_open_reply_attach_close(shopper):
    me = api_client(user=shopper)
    opened = me.post(
        "/api/v1/me/tickets/",
        {"subject": "Paid twice", "category": "payment", "text": "Charged twice.", "attachment": png_upload()},
        format="multipart",
    )
    assert opened.status_code == 201, opened.json()
    ticket = opened.json()
    assert ticket["status"] == "open" and ticket["messages"][0]["attachment"]["kind"] == "image"
    assert me.get(ticket["messages"][0]["attachment"]["url"]).status_code == 200
    assert [t["id"] for t in me.get("/api/v1/me/tickets/").json()["results"]] == [ticket["id"]]
    replied = me.post(f"/api/v1/me/tickets/{ticket['id']}/messages/", {"text": "At 14:02."}, format="json")
    assert replied.status_code == 201 and [m["text"] for m in replied.json()["messages"]] == [
        "Charged twice.", "At 14:02."
    ]  # fmt: skip
    closed = me.post(f"/api/v1/me/tickets/{ticket['id']}/close/")
    assert closed.json()["status"] == "closed" and Ticket.objects.get(pk=ticket["id"]).status == "closed"
    me.post(f"/api/v1/me/tickets/{ticket['id']}/messages/", {"text": "Still not refunded."}, format="json")
    assert me.get(f"/api/v1/me/tickets/{ticket['id']}/").json()["status"] == "open"  # writing opens it again


def test_support_validation_and_permissions(shopper):
    me = api_client(user=shopper)
    bad = me.post("/api/v1/me/tickets/", {"subject": "", "category": "nonsense", "text": ""}, format="json")
    assert bad.status_code == 400 and {"subject", "category", "text"} <= set(bad.json()["errors"])
    assert not Ticket.objects.filter(user=shopper).exists()
    assert api_client().get("/api/v1/me/tickets/").status_code == 401
    ticket = me.post("/api/v1/me/tickets/", {"subject": "Hi", "category": "other", "text": "Hello"}, format="json")
    stranger = api_client(user=shopper_make())
    ticket_id = ticket.json()["id"]
    assert stranger.get(f"/api/v1/me/tickets/{ticket_id}/").status_code == 404
    assert stranger.post(f"/api/v1/me/tickets/{ticket_id}/messages/", {"text": "x"}, format="json").status_code == 404
    assert TicketMessage.objects.filter(ticket_id=ticket_id).count() == 1
    assert Participant.objects.filter(user=shopper).count() == 0
