"""The chat in a real browser (Debian chromium via Playwright) against the real ASGI server: the
shopper writes on the storefront, the owner sees it arrive in the dashboard inbox and answers."""

import re

from playwright.sync_api import expect

from asoud.chat.selectors import access_conversation
from asoud.chat.services import conversation_start, message_send
from asoud.notifications.tests.live import session_for
from conftest import screenshot
from tenants.models import Market


def _signed_in_page(browser, url: str, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_for(user), "url": url},
            {"name": "asoud_language", "value": "en", "url": url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_shopper_writes_and_the_owner_sees_it_live_in_the_inbox(live, browser, live_server_url):
    market = Market.objects.select_related("owner").get(slug="alpha")
    shopper = live.user(name="Browser Shopper")
    conversation = conversation_start(market=market, shopper=shopper)
    message_send(
        participant=access_conversation(user=shopper, conversation_id=conversation.pk, market=market),
        text="Hello, I have a question.",
    )
    store_url = live_server_url.replace("//localhost", "//alpha.localhost")

    owner_page = _signed_in_page(browser, store_url, market.owner)
    owner_errors = []
    owner_page.on("console", lambda message: message.type == "error" and owner_errors.append(message.text))
    owner_page.goto(f"{store_url}/dashboard/inbox/{conversation.pk}/")
    expect(owner_page.locator("#chat-thread[data-live='1']")).to_be_visible()
    expect(owner_page.locator("#inbox-list[data-live='1']")).to_be_attached()

    shopper_page = _signed_in_page(browser, store_url, shopper)
    shopper_page.goto(f"{store_url}/chat/{conversation.pk}/")
    expect(shopper_page.locator("#chat-thread[data-live='1']")).to_be_visible()
    shopper_page.get_by_test_id("chat-text").fill("Do you have the blue one in size M?")
    expect(owner_page.locator("#typing-indicator")).to_contain_text("Browser is typing…")
    shopper_page.get_by_test_id("chat-send").click()

    arrived = owner_page.locator("#message-list .chat-message.theirs", has_text="Do you have the blue one in size M?")
    expect(arrived).to_be_visible()
    expect(shopper_page.locator("#message-list .chat-message.mine", has_text="blue one")).to_have_count(1)
    # The owner's page was open and visible: the shopper sees the message read.
    expect(shopper_page.locator("#message-list .chat-message.mine").last.locator(".chat-status")).to_have_attribute(
        "data-status", "read"
    )
    expect(owner_page.locator(f"#inbox-row-{conversation.pk}")).to_contain_text("blue one")

    owner_page.get_by_test_id("chat-text").fill("Yes! It ships today.")
    owner_page.get_by_test_id("chat-text").press("Enter")
    expect(shopper_page.locator("#message-list .chat-message.theirs", has_text="It ships today.")).to_be_visible()
    expect(owner_page.get_by_test_id("chat-text")).to_have_value(re.compile(r"^$"))
    # The conversation moved to the top of the inbox once, without an htmx error in the console.
    expect(owner_page.locator(f"#inbox-row-{conversation.pk}")).to_have_count(1)
    assert not [error for error in owner_errors if "htmx" in error or "oob" in error.lower()], owner_errors
    screenshot(owner_page, "chat-owner-inbox-en")
    screenshot(shopper_page, "chat-shopper-conversation-en")

    shopper_page.context.add_cookies([{"name": "asoud_language", "value": "fa", "url": store_url}])
    shopper_page.reload()
    expect(shopper_page.locator("html")).to_have_attribute("dir", "rtl")
    expect(shopper_page.get_by_test_id("chat-send")).to_have_text("ارسال")
    screenshot(shopper_page, "chat-shopper-conversation-fa")
    owner_page.context.close()
    shopper_page.context.close()
