"""The shopper's chat pages and the owner's inbox over HTTP (full pages and htmx fragments)."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from asoud.chat.models import Conversation, Message, Participant
from asoud.chat.selectors import access_conversation
from asoud.chat.services import conversation_start, message_send
from asoud.core.testing import english
from asoud.core.tests.files import SCRIPT, polyglot_upload
from asoud.core.uploads import MAX_DOCUMENT_BYTES
from asoud.notifications.tests.factories import UserFactory

from .factories import fake_image_upload, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def client_for(user, host: str = "alpha.localhost") -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    return client


def conversation_with(market, shopper, *texts_from_shopper: str) -> Conversation:
    conversation = conversation_start(market=market, shopper=shopper)
    participant = access_conversation(user=shopper, conversation_id=conversation.pk, market=market)
    for text in texts_from_shopper:
        message_send(participant=participant, text=text)
    return conversation


def test_start_about_a_product_creates_the_conversation_with_its_card(market_alpha, shopper):
    with schema_context("alpha"):
        from storefront.catalog.models import Product

        product = Product.objects.create(title="Saffron tin 5g", slug="saffron-tin-5g", price_main=1_250_000)
    client = client_for(shopper)

    page = english(client).get(f"/chat/start/?product={product.pk}")
    assert page.status_code == 200
    assert "Saffron tin 5g" in page.text and "125,000 Toman" in page.text

    response = client.post("/chat/start/", {"text": "Is it fresh?", "product": product.pk})
    conversation = Conversation.objects.get(market=market_alpha, shopper=shopper)
    assert response.status_code == 302 and response["Location"] == f"/chat/{conversation.pk}/"
    assert conversation.product_id == product.pk
    assert conversation.subject["title"] == "Saffron tin 5g" and conversation.subject["price"] == 1_250_000
    message = conversation.messages.get()
    assert message.text == "Is it fresh?" and message.card["id"] == product.pk
    assert set(conversation.participants.values_list("user_id", "side")) == {
        (shopper.pk, "shopper"),
        (market_alpha.owner_id, "market"),
    }

    again = client.get(f"/chat/start/?product={product.pk}")
    assert again.status_code == 302 and again["Location"] == f"/chat/{conversation.pk}/?product={product.pk}"
    thread = english(client).get(f"/chat/{conversation.pk}/")
    assert "Is it fresh?" in thread.text and 'ws-connect="/ws/chat/' in thread.text


def test_the_owner_is_sent_to_the_inbox_instead_of_chatting_with_themselves(owner):
    response = client_for(owner).get("/chat/start/")
    assert response.status_code == 302 and response["Location"] == "/dashboard/inbox/"


def test_anonymous_visitors_are_asked_to_sign_in(market_alpha):
    response = Client(HTTP_HOST="alpha.localhost").get("/chat/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sending_without_javascript_posts_and_returns_to_the_conversation(market_alpha, shopper):
    conversation = conversation_with(market_alpha, shopper, "Hello")
    client = client_for(shopper)
    response = client.post(f"/chat/{conversation.pk}/", {"text": "Do you ship to Shiraz?"})
    message = conversation.messages.order_by("-id").first()
    assert response.status_code == 302 and response["Location"] == f"/chat/{conversation.pk}/#message-{message.pk}"
    assert message.text == "Do you ship to Shiraz?" and message.sender_side == "shopper"


def test_sending_with_htmx_returns_a_fresh_composer_and_the_message(market_alpha, shopper):
    conversation = conversation_with(market_alpha, shopper, "Hello")
    response = client_for(shopper).post(f"/chat/{conversation.pk}/", {"text": "Second"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="chat-composer"' in response.text
    assert 'hx-swap-oob="beforeend:#message-list"' in response.text and "Second" in response.text


def test_an_empty_message_is_explained(market_alpha, shopper):
    conversation = conversation_with(market_alpha, shopper, "Hello")
    response = english(client_for(shopper)).post(f"/chat/{conversation.pk}/", {"text": "  "})
    assert response.status_code == 200
    assert "Write a message or attach a file." in response.text
    assert conversation.messages.count() == 1


def test_attachments_are_checked_by_content_and_size(market_alpha, shopper, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    conversation = conversation_with(market_alpha, shopper, "Hello")
    client = client_for(shopper)

    fake = english(client).post(f"/chat/{conversation.pk}/", {"text": "", "attachment": fake_image_upload()})
    assert "Attach an image (JPEG, PNG, WebP or GIF) or a PDF." in fake.text
    too_big = english(client).post(f"/chat/{conversation.pk}/", {"attachment": pdf_upload(padding=MAX_DOCUMENT_BYTES)})
    assert "The file is too large" in too_big.text
    assert conversation.messages.count() == 1

    client.post(f"/chat/{conversation.pk}/", {"text": "The receipt", "attachment": pdf_upload()})
    client.post(f"/chat/{conversation.pk}/", {"attachment": png_upload()})
    pdf, image = conversation.messages.order_by("id")[1:]
    assert (pdf.attachment_kind, pdf.attachment_name) == ("pdf", "invoice.pdf")
    assert image.attachment_kind == "image" and not image.text

    served = client.get(f"/chat/{conversation.pk}/attachments/{pdf.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert "attachment" in served["Content-Disposition"]
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    stranger = client_for(UserFactory())
    assert stranger.get(f"/chat/{conversation.pk}/attachments/{pdf.pk}/").status_code == 404


def test_a_page_disguised_as_an_image_is_kept_as_pixels_and_never_served_as_html(
    market_alpha, shopper, owner, settings, tmp_path
):
    """A PNG followed by <script>, named x.html: once served inline as text/html on the market origin."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    conversation = conversation_with(market_alpha, shopper, "Hello")
    client_for(shopper).post(f"/chat/{conversation.pk}/", {"attachment": polyglot_upload("x.html")})
    message = conversation.messages.order_by("id").last()
    assert message.attachment_name == "x.png" and message.attachment.name.endswith(".png")
    assert (tmp_path / "private" / message.attachment.name).is_file() and not (tmp_path / "media").exists()

    served = client_for(owner).get(f"/chat/{conversation.pk}/attachments/{message.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Security-Policy"].startswith("sandbox")
    assert served["Content-Disposition"] == 'inline; filename="x.png"'
    assert SCRIPT not in b"".join(served.streaming_content)


def test_history_comes_in_pages_full_page_and_htmx_fragment(market_alpha, shopper, settings):
    settings.CHAT_PAGE_SIZE = 5
    conversation = conversation_with(market_alpha, shopper, *[f"Message number {n}" for n in range(1, 13)])
    client = client_for(shopper)
    ids = list(conversation.messages.order_by("id").values_list("pk", flat=True))

    latest = english(client).get(f"/chat/{conversation.pk}/")
    assert "Message number 12" in latest.text and "Message number 8" in latest.text
    assert "Message number 7" not in latest.text
    assert f"?before={ids[7]}" in latest.text and "Load older messages" in latest.text

    older = english(client).get(f"/chat/{conversation.pk}/?before={ids[7]}")
    assert older.status_code == 200 and "<html" in older.text
    assert "Message number 3" in older.text and "Message number 7" in older.text
    assert "Message number 2" not in older.text and "Message number 8" not in older.text
    assert "Back to the latest messages" in older.text

    fragment = english(client).get(f"/chat/{conversation.pk}/?before={ids[2]}", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.text and 'id="chat-composer"' not in fragment.text
    assert "Message number 1<" in fragment.text and "Message number 2<" in fragment.text
    assert "Load older messages" not in fragment.text


def test_strangers_and_other_markets_never_see_a_conversation(market_alpha, market_beta, shopper):
    conversation = conversation_with(market_alpha, shopper, "Private question")
    assert client_for(UserFactory()).get(f"/chat/{conversation.pk}/").status_code == 404
    assert client_for(shopper, host="beta.localhost").get(f"/chat/{conversation.pk}/").status_code == 404
    assert (
        client_for(market_beta.owner, host="beta.localhost").get(f"/dashboard/inbox/{conversation.pk}/").status_code
        == 404
    )
    assert client_for(market_beta.owner).get(f"/dashboard/inbox/{conversation.pk}/").status_code == 403
    assert client_for(shopper).get("/dashboard/inbox/").status_code == 403


def test_unread_counts_for_the_owner_and_the_shopper(market_alpha, shopper, owner):
    conversation = conversation_with(market_alpha, shopper, "One", "Two", "Three")
    owner_client = client_for(owner)

    inbox = english(owner_client).get("/dashboard/inbox/")
    assert inbox.status_code == 200
    assert f'id="inbox-row-{conversation.pk}"' in inbox.text and 'data-unread="3"' in inbox.text
    assert Message.objects.filter(conversation=conversation, status="delivered").count() == 3  # reached a screen

    fragment = owner_client.get("/dashboard/inbox/", HTTP_HX_REQUEST="true")
    assert fragment.text.lstrip().startswith('<ul id="inbox-list"')

    pane = english(owner_client).get(f"/dashboard/inbox/{conversation.pk}/", HTTP_HX_REQUEST="true")
    assert pane.text.lstrip().startswith('<div id="conversation-pane"') and "Three" in pane.text
    assert set(conversation.messages.values_list("status", flat=True)) == {"read"}
    assert 'data-unread="0"' in owner_client.get("/dashboard/inbox/").text

    owner_client.post(f"/dashboard/inbox/{conversation.pk}/", {"text": "Yes, all three."})
    shopper_list = english(client_for(shopper)).get("/chat/")
    assert 'data-testid="unread-count"' in shopper_list.text and "Yes, all three." in shopper_list.text
    shopper_participant = Participant.objects.get(conversation=conversation, user=shopper)
    assert shopper_participant.last_read_message_id < conversation.messages.order_by("-id").first().pk


def test_the_inbox_answers_in_place_and_without_javascript(market_alpha, shopper, owner):
    conversation = conversation_with(market_alpha, shopper, "Hello?")
    client = client_for(owner)
    page = english(client).get(f"/dashboard/inbox/{conversation.pk}/")
    assert page.status_code == 200 and "Hello?" in page.text and 'id="inbox-list"' in page.text
    response = client.post(f"/dashboard/inbox/{conversation.pk}/", {"text": "Hi! How can we help?"})
    assert response.status_code == 302
    reply = conversation.messages.order_by("-id").first()
    assert reply.sender_side == "market" and reply.sender_id == owner.pk


def test_the_chat_button_include_links_to_the_start_page(market_alpha, shopper, owner, rf):
    from django.template.loader import render_to_string

    request = rf.get("/", HTTP_HOST="alpha.localhost")
    request.user = shopper
    html = render_to_string(
        "chat/includes/chat_button.html", {"user": shopper, "market": market_alpha, "product_id": 5}, request=request
    )
    assert 'href="/chat/start/?product=5"' in html
    request.user = owner
    html = render_to_string("chat/includes/chat_button.html", {"user": owner, "market": market_alpha}, request=request)
    assert 'href="/dashboard/inbox/"' in html


def test_team_members_whose_role_reaches_chat_answer_too(market_alpha, shopper):
    from asoud.notifications.models import Notification
    from storefront.team.models import TeamMember

    support, editor = UserFactory(name="Support Sam"), UserFactory(name="Editor Eve")
    with schema_context("alpha"):
        TeamMember.objects.create(user=support, role=TeamMember.Role.SUPPORT)
        TeamMember.objects.create(user=editor, role=TeamMember.Role.EDITOR)
    conversation = conversation_with(market_alpha, shopper, "Where is my parcel?")

    assert Notification.objects.filter(user=support, event="chat_message").exists()
    assert not Notification.objects.filter(user=editor).exists()
    client = client_for(support)
    assert "Where is my parcel?" in client.get(f"/dashboard/inbox/{conversation.pk}/").text
    client.post(f"/dashboard/inbox/{conversation.pk}/", {"text": "Out for delivery."})
    assert conversation.messages.order_by("-id").first().sender_side == "market"
    assert client_for(editor).get("/dashboard/inbox/").status_code == 403
    assert client_for(editor).get(f"/chat/{conversation.pk}/").status_code == 404
