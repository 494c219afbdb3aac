"""The bell and the notification centre in a real browser against the real ASGI server."""

import re
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import expect

from asoud.notifications.services import notify
from asoud.notifications.tasks import deliver
from conftest import screenshot
from tenants.models import Market

from .live import session_for


def _notify_and_deliver(user_id: int, event: str, context: dict, market_id: int | None = None) -> None:
    notification = notify(user_id=user_id, event=event, context=context, market_id=market_id)
    for delivery in notification.deliveries.filter(channel="in_app"):
        deliver(delivery.pk)


def test_the_bell_rings_live_and_the_centre_lists_the_news(live, browser, live_server_url):
    user = live.user(name="Bell Person", email="bell@example.com")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_for(user), "url": live_server_url},
            {"name": "asoud_language", "value": "en", "url": live_server_url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server_url}/notifications/")
    count = page.locator("#notification-bell-count")
    expect(count).to_be_hidden()
    expect(page.get_by_test_id("notification-bell")).to_have_attribute("data-connected", "true")  # subscribed

    market = Market.objects.get(slug="alpha")
    with ThreadPoolExecutor(max_workers=1) as pool:  # this thread's event loop belongs to Playwright
        pool.submit(
            _notify_and_deliver, user.pk, "order_paid_shopper", {"order_number": "1024", "total": 12_500_000}, market.pk
        ).result()
    expect(count).to_have_attribute("data-count", "1")
    expect(count).to_be_visible()

    page.reload()
    expect(
        # (the order number and the market's name are bidi isolates: invisible characters around them)
        page.get_by_text(
            re.compile("We received your payment of 1,250,000 Toman for order .?1024.? at .?Alpha Shop.?\\.")
        )
    ).to_be_visible()
    screenshot(page, "notifications-centre-en")
    page.get_by_test_id("read-all").click()
    expect(count).to_have_attribute("data-count", "0")

    page.goto(f"{live_server_url}/notifications/settings/")
    page.locator("#pref-orders__sms").uncheck()
    page.get_by_test_id("save-preferences").click()
    expect(page.locator("#pref-orders__sms")).not_to_be_checked()
    screenshot(page, "notifications-settings-en")
    context.close()
