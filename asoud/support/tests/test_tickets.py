"""Support tickets: people ask on /support/, staff answer on /support/staff/, live over ws/support/<id>/."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from asoud.accounts.testing import sign_in_staff
from asoud.chat.tests.factories import fake_image_upload, png_upload
from asoud.core.testing import english
from asoud.core.tests.files import SCRIPT, polyglot_upload
from asoud.notifications.models import Notification
from asoud.notifications.tests.factories import UserFactory
from asoud.notifications.tests.live import receive_matching, run_async, session_for, ws_connect
from asoud.support.models import Ticket
from asoud.support.services import ticket_open, ticket_reply


def platform_client(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    if user.is_staff:
        sign_in_staff(client, user)  # staff must have passed a second factor
    else:
        client.force_login(user)
    return client


@pytest.fixture
def staff(db):
    return UserFactory(name="Support Agent", is_staff=True)


@pytest.mark.django_db
def test_a_person_opens_a_ticket_and_sees_it_listed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    person = UserFactory()
    client = platform_client(person)
    assert english(client).get("/support/new/").status_code == 200
    response = client.post(
        "/support/new/",
        {
            "subject": "Payment taken twice",
            "category": "payment",
            "text": "I was charged twice.",
            "attachment": png_upload(),
        },
    )
    ticket = Ticket.objects.get(user=person)
    assert response.status_code == 302 and response["Location"] == f"/support/{ticket.pk}/"
    assert ticket.status == "open" and ticket.messages.get().attachment_kind == "image"
    listing = english(client).get("/support/")
    assert "Payment taken twice" in listing.text and "Open" in listing.text
    detail = english(client).get(f"/support/{ticket.pk}/")
    assert "I was charged twice." in detail.text and f'ws-connect="/ws/support/{ticket.pk}/"' in detail.text


@pytest.mark.django_db
def test_a_bad_attachment_is_explained_and_nothing_is_created():
    client = platform_client(UserFactory())
    response = english(client).post(
        "/support/new/", {"subject": "x", "category": "other", "text": "y", "attachment": fake_image_upload()}
    )
    assert response.status_code == 200 and "Attach an image (JPEG, PNG, WebP or GIF) or a PDF." in response.text
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_an_attachment_that_is_a_page_in_disguise_reaches_staff_as_a_harmless_image(staff, settings, tmp_path):
    """A PNG followed by <script>, named x.html: once served inline as text/html to staff."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    person = UserFactory()
    platform_client(person).post(
        "/support/new/", {"subject": "See", "category": "other", "text": "Look", "attachment": polyglot_upload()}
    )
    message = Ticket.objects.get(user=person).messages.get()
    assert message.attachment_name == "x.png" and message.attachment.name.endswith(".png")
    assert (tmp_path / "private" / message.attachment.name).is_file() and not (tmp_path / "media").exists()

    url = f"/support/{message.ticket_id}/attachments/{message.pk}/"
    for viewer in (person, staff):
        served = platform_client(viewer).get(url)
        assert served.status_code == 200 and served["Content-Type"] == "image/png"
        assert served["X-Content-Type-Options"] == "nosniff"
        assert served["Content-Security-Policy"].startswith("sandbox")
        assert SCRIPT not in b"".join(served.streaming_content)
    assert platform_client(UserFactory()).get(url).status_code == 404
    assert Client(HTTP_HOST="localhost").get(url).status_code == 302  # to the sign-in page


@pytest.mark.django_db
def test_staff_answer_the_person_is_notified_and_the_status_follows_the_conversation(staff):
    person = UserFactory()
    ticket = ticket_open(user=person, subject="Where is my order?", category="order", text="It is late.")
    staff_client = platform_client(staff)

    queue = english(staff_client).get("/support/staff/?status=open")
    assert "Where is my order?" in queue.text
    fragment = english(staff_client).get("/support/staff/?status=answered", HTTP_HX_REQUEST="true")
    assert fragment.text.lstrip().startswith('<div id="ticket-table"') and "Where is my order?" not in fragment.text

    answer = staff_client.post(f"/support/staff/{ticket.pk}/", {"text": "It ships today."}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and 'id="reply-form"' in answer.text and "It ships today." in answer.text
    ticket.refresh_from_db()
    assert ticket.status == "answered"
    message = ticket.messages.order_by("-id").first()
    assert message.from_staff and message.author == staff
    notification = Notification.objects.get(user=person, event="ticket_answered")
    assert notification.context["url"] == f"http://localhost:8000/support/{ticket.pk}/"

    platform_client(person).post(f"/support/{ticket.pk}/", {"text": "Thanks!"})
    ticket.refresh_from_db()
    assert ticket.status == "open"
    platform_client(person).post(f"/support/{ticket.pk}/close/")
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.closed_at


@pytest.mark.django_db
def test_only_staff_reach_the_staff_pages_and_only_the_author_their_ticket(staff):
    person, other = UserFactory(), UserFactory()
    ticket = ticket_open(user=person, subject="Private", category="account", text="My data")
    assert platform_client(other).get("/support/staff/").status_code == 403
    assert platform_client(person).get(f"/support/staff/{ticket.pk}/").status_code == 403
    assert platform_client(other).get(f"/support/{ticket.pk}/").status_code == 404
    assert Client(HTTP_HOST="localhost").get("/support/").status_code == 302
    staff_view = platform_client(staff).get(f"/support/{ticket.pk}/")
    assert staff_view.status_code == 302 and staff_view["Location"] == f"/support/staff/{ticket.pk}/"


@pytest.mark.django_db
def test_staff_see_tickets_in_the_admin(staff, client):
    staff.is_superuser = True
    staff.save()
    ticket_open(user=UserFactory(), subject="Seen in admin", category="other", text="Hi")
    client.defaults["HTTP_HOST"] = "localhost"
    sign_in_staff(client, staff)
    page = client.get("/admin/support/ticket/")
    assert page.status_code == 200 and "Seen in admin" in page.text


def test_the_author_sees_the_answer_live(live):
    person = live.user()
    staff = live.user(is_staff=True)
    ticket = ticket_open(user=person, subject="Live?", category="other", text="Anyone?")
    person_session, stranger_session = session_for(person), session_for(live.user())

    async def scenario():
        socket, connected, _ = await ws_connect(f"/ws/support/{ticket.pk}/", host="localhost", session=person_session)
        stranger, stranger_connected, code = await ws_connect(
            f"/ws/support/{ticket.pk}/", host="localhost", session=stranger_session
        )
        assert connected and (stranger_connected, code) == (False, 4403)
        await sync_to_async(ticket_reply)(ticket=ticket, author=staff, text="Yes, we are here.")
        answer = await receive_matching(socket, "Yes, we are here.")
        assert 'hx-swap-oob="beforeend:#message-list"' in answer and "ASOUD support" in answer
        status = await receive_matching(socket, 'id="ticket-status"')
        assert 'data-status="answered"' in status
        await socket.disconnect()

    run_async(scenario)
