"""In a real browser: staff and owners open an uploaded attachment that was a page disguised as a
PNG (`x.html`, a PNG followed by <script>); nothing from the file may run."""

from asoud.chat.selectors import access_conversation
from asoud.chat.services import conversation_start, message_send
from asoud.core.tests.files import polyglot_upload
from asoud.notifications.tests.live import session_for
from asoud.support.services import ticket_open
from tenants.models import Market


def _watch(page) -> list[str]:
    """Everything the opened file could make the browser say: dialogs and console messages."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: seen.append(f"console: {message.text}"))
    return seen


def test_staff_and_owners_open_disguised_attachments_and_no_script_runs(live, live_server_url, page):
    person = live.user(name="Ticket Author")
    staff = live.user(name="Support Agent", is_staff=True)
    ticket = ticket_open(user=person, subject="Look", category="other", text="See", attachment=polyglot_upload())
    ticket_file = ticket.messages.get()

    market = Market.objects.select_related("owner").get(slug="alpha")
    shopper = live.user(name="Chat Shopper")
    conversation = conversation_start(market=market, shopper=shopper)
    participant = access_conversation(user=shopper, conversation_id=conversation.pk, market=market)
    chat_file = message_send(participant=participant, attachment=polyglot_upload())
    store_url = live_server_url.replace("//localhost", "//alpha.localhost")

    try:
        page.context.add_cookies(
            [
                {"name": "sessionid", "value": session_for(staff), "url": live_server_url},
                {"name": "sessionid", "value": session_for(market.owner), "url": store_url},
            ]
        )
        seen = _watch(page)
        for url in (
            f"{live_server_url}/support/{ticket.pk}/attachments/{ticket_file.pk}/",
            f"{store_url}/chat/{conversation.pk}/attachments/{chat_file.pk}/",
        ):
            response = page.goto(url)
            assert response.status == 200 and response.headers["content-type"] == "image/png"
            assert response.headers["x-content-type-options"] == "nosniff"
            # A fixed pause on purpose: this checks that nothing happens (no dialog, no console line), and
            # an absence has no event to wait for; a script run on load would speak within this time.
            page.wait_for_timeout(300)
            assert page.evaluate("document.contentType") == "image/png"
        assert seen == []
    finally:
        for stored in (ticket_file.attachment, chat_file.attachment):
            stored.storage.delete(stored.name)
