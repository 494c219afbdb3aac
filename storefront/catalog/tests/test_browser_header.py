"""The shop's name in the storefront header on a phone is shown whole (issue 15, item 8), in every
built-in theme and both languages."""

import pytest
from django.db import connection

from conftest import SCREENSHOTS
from storefront.orders.tests.helpers import committed
from tenants.models import Market
from tenants.selectors import market_host_cache_clear

pytestmark = pytest.mark.django_db

LONG_NAME = "فروشگاه لوازم خانگی و آشپزخانه نیک"
CLIP = {"x": 0, "y": 0, "width": 390, "height": 260}


def _rename(slug: str, name: str) -> str:
    market = Market.objects.get(slug=slug)
    old, market.name = market.name, name
    market.save(update_fields=["name"])
    market_host_cache_clear(market)
    connection.set_schema_to_public()
    return old


@pytest.fixture
def long_names(market_alpha, market_beta):
    old = {slug: committed(_rename, slug, LONG_NAME) for slug in ("alpha", "beta")}
    yield
    for slug, name in old.items():
        committed(_rename, slug, name)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_shop_name_is_not_cut_on_a_phone(browser, live_server_url, long_names, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR")
    try:
        for slug in ("alpha", "beta"):
            shop = live_server_url.replace("localhost", f"{slug}.localhost")
            context.add_cookies([{"name": "asoud_language", "value": language, "url": shop}])
            page = context.new_page()
            page.goto(f"{shop}/")
            page.screenshot(path=str(SCREENSHOTS / f"store-header-{slug}-{language}-390.png"), clip=CLIP)
            name = page.locator(".store-header .store-name").first
            assert name.inner_text().strip() == LONG_NAME
            # Cut: an ellipsis on one line (wider than its box) or lines hidden below it (glyphs may
            # overhang a line box by a pixel or two).
            cut = name.evaluate("el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 4")
            assert not cut, f"{slug}: the shop's name is cut"
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                "page wider than the phone"
            )
            page.close()
    finally:
        context.close()
