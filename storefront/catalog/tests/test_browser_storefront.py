"""The catalogue's acceptance journey in a real browser, on phone and desktop, in Persian and English:
market home → a category → filters (price range, in stock) → search (Persian and English prefixes)
→ a product with variants (the buy box updates in place) → the same product seen by a colleague.
And the three built-in themes really look different.

The server runs in another process and only sees committed rows: the data is written (and removed
afterwards) by `committed(...)` on a connection of its own, as in the checkout journey.
"""

import uuid

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import expect

from asoud.accounts.handoff import token_issue
from asoud.accounts.models import User
from conftest import screenshot
from storefront.catalog import services
from storefront.catalog.models import Category, ColleagueCustomer, Product, StockMovement
from storefront.orders.tests.helpers import committed
from storefront.themes.profile import market_profile_update

pytestmark = pytest.mark.django_db

LANGUAGES = {"fa": "fa-IR", "en": "en-US"}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _toman(rials: int, language: str) -> str:
    """What the `toman` filter prints: 24,000,000 Rials → "2,400,000 Toman" / "۲٬۴۰۰٬۰۰۰ تومان"."""
    number = f"{rials // 10:,}"
    if language == "en":
        return f"{number} Toman"
    return f"{number.replace(',', '٬').translate(PERSIAN_DIGITS)} تومان"


def _digits(value: int, language: str) -> str:
    return str(value) if language == "en" else str(value).translate(PERSIAN_DIGITS)


def _seed(market) -> dict:
    tag = uuid.uuid4().hex[:6]
    with tenant_context(market):
        teaware = services.category_create(name="ظروف چای", slug=f"teaware-{tag}")
        kettle = services.product_create(
            title="کتری استیل ۲ لیتری",
            slug=f"kettle-{tag}",
            price_main=18_500_000,
            category=teaware,
            keywords=["kettle", "کتری"],
            sku=f"KT-{tag}",
            initial_stock=6,
        )
        teapot = services.product_create(
            title="قوری چینی گل‌سرخی",
            slug=f"teapot-{tag}",
            price_main=6_500_000,
            category=teaware,
            keywords=["teapot"],
            initial_stock=4,
        )
        samovar = services.product_create(
            title="سماور برقی",
            slug=f"samovar-{tag}",
            price_main=45_000_000,
            category=teaware,
            keywords=["samovar"],
            initial_stock=0,
        )
        glasses = services.product_create(
            title="استکان کمرباریک",
            slug=f"tea-glass-{tag}",
            price_main=2_400_000,
            price_colleague=1_900_000,
            category=teaware,
            keywords=["tea glass", "استکان"],
            initial_stock=0,
        )
        six = services.variant_create(
            product=glasses,
            title="۶ عددی",
            sku=f"GL6-{tag}",
            price_main=2_400_000,
            price_colleague=1_900_000,
            initial_stock=8,
        )
        twelve = services.variant_create(
            product=glasses,
            title="۱۲ عددی",
            sku=f"GL12-{tag}",
            price_main=4_500_000,
            price_colleague=3_600_000,
            initial_stock=2,
        )
        colleague = User.objects.create_user(f"+98936{uuid.uuid4().int % 10_000_000:07d}", name="بازرگانی نیک")
        services.colleague_approve(colleague=services.colleague_request(user=colleague, company_name="بازرگانی نیک"))
    return {
        "category": teaware,
        "products": [kettle, teapot, samovar, glasses],
        "kettle": kettle,
        "teapot": teapot,
        "samovar": samovar,
        "glasses": glasses,
        "six": six,
        "twelve": twelve,
        "colleague": colleague,
    }


def _remove(market, data) -> None:
    with tenant_context(market):
        ids = [product.pk for product in data["products"]]
        StockMovement.objects.filter(product_id__in=ids).delete()
        Product.objects.filter(pk__in=ids).delete()
        Category.objects.filter(pk=data["category"].pk).delete()
        ColleagueCustomer.objects.filter(user_id=data["colleague"].pk).delete()
        User.objects.filter(pk=data["colleague"].pk).delete()


@pytest.fixture
def catalogue(market_alpha):
    data = committed(_seed, market_alpha)
    yield data
    committed(_remove, market_alpha, data)


@pytest.fixture(params=["fa", "en"])
def language(request):
    return request.param


def _shop(live_server_url: str) -> str:
    return live_server_url.replace("localhost", "alpha.localhost")


@pytest.fixture
def shopper_context(browser, live_server_url, viewport, language):
    context = browser.new_context(viewport=viewport, locale=LANGUAGES[language])
    context.add_cookies([{"name": "asoud_language", "value": language, "url": _shop(live_server_url)}])
    yield context
    context.close()


def _new_page(context):
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _result_titles(page) -> set[str]:
    return {title.strip() for title in page.locator("#results .product-card-title").all_inner_texts()}


def _wait_for_results(page, titles: set[str], language: str) -> None:
    """The htmx swap of #results has landed: exactly these product cards, and a matching result count."""
    digits = _digits(len(titles), language)
    # Playwright's expect, not wait_for_function: a string predicate is eval'd in the page, which
    # the Content-Security-Policy forbids.
    results = page.locator("#results")
    expect(results.locator("[data-testid=result-count]")).to_contain_text(digits, timeout=20_000)
    expect(results.locator(".product-card-title")).to_have_count(len(titles), timeout=20_000)
    for title in titles:
        expect(results.locator(".product-card-title", has_text=title)).not_to_have_count(0, timeout=20_000)
    assert _result_titles(page) == titles


def _open_filters(page) -> None:
    """On a phone the filters sit in a closed <details>; on desktop the page opens it itself."""
    details = page.locator("details.store-filters")
    if not details.evaluate("element => element.open"):
        details.locator("summary").click()


def test_a_shopper_browses_filters_searches_and_picks_a_variant(
    catalogue, shopper_context, live_server_url, market_alpha, viewport, language
):
    page, shop = _new_page(shopper_context), _shop(live_server_url)
    size = "phone" if viewport["width"] < 600 else "desktop"
    shot = f"{language}-{size}"
    english = language == "en"
    category, glasses, six, twelve = catalogue["category"], catalogue["glasses"], catalogue["six"], catalogue["twelve"]
    titles = {key: catalogue[key].title for key in ("kettle", "teapot", "samovar", "glasses")}

    # The market's home, in the chosen language and direction.
    page.goto(f"{shop}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert (html.get_attribute("dir") == "rtl") == (not english)
    assert "theme-classic" in page.locator("body").get_attribute("class")
    assert "Alpha Shop" in page.title()
    screenshot(page, f"catalog-home-{shot}")

    # A category: all four of its products.
    page.goto(f"{shop}/c/{category.slug}/")
    assert page.locator("h1.page-title").inner_text().strip() == category.name
    _wait_for_results(page, set(titles.values()), language)
    screenshot(page, f"catalog-category-{shot}")

    # Filters: in stock drops the samovar, a price range up to 1,000,000 Toman drops the kettle;
    # the results are swapped in place by htmx and the address keeps the filters.
    _open_filters(page)
    page.locator("#id_in_stock").check()
    _wait_for_results(page, {titles["kettle"], titles["teapot"], titles["glasses"]}, language)
    assert "in_stock=on" in page.url
    page.fill("#id_max_price", "1000000")
    page.locator("#id_max_price").dispatch_event("change")
    _wait_for_results(page, {titles["teapot"], titles["glasses"]}, language)
    assert "max_price=1000000" in page.url
    page.fill("#id_min_price", "500000")
    page.locator("#id_min_price").dispatch_event("change")
    _wait_for_results(page, {titles["teapot"]}, language)
    screenshot(page, f"catalog-filtered-{shot}")

    # Search: Persian and English prefixes, each with a result count.
    page.goto(f"{shop}/search/")
    page.fill("#q", "استک")  # prefix of استکان
    _wait_for_results(page, {titles["glasses"]}, language)
    assert "q=" in page.url
    screenshot(page, f"catalog-search-fa-term-{shot}")
    page.fill("#q", "kett")  # prefix of the keyword "kettle"
    _wait_for_results(page, {titles["kettle"]}, language)
    count = page.get_by_test_id("result-count").inner_text()
    assert ("1 result for" in count) if english else ("۱" in count and "kett" in count)
    screenshot(page, f"catalog-search-en-term-{shot}")

    # A product with variants: the first one in stock is chosen; picking another updates the buy box
    # in place (htmx) — price, stock and SKU — and the address.
    page.locator("#results .product-card-link").first.click()
    page.wait_for_url(f"{shop}/p/{catalogue['kettle'].slug}/")
    page.goto(f"{shop}/p/{glasses.slug}/")
    buy_box = page.locator("#buy-box")
    assert buy_box.locator(".price-now").inner_text().strip() == _toman(2_400_000, language)
    assert buy_box.get_by_test_id("sku").inner_text() == six.sku
    assert buy_box.get_by_test_id(f"variant-{six.sku}").get_attribute("aria-current") == "true"
    assert "Colleague price" not in buy_box.inner_text() and "قیمت همکار" not in buy_box.inner_text()
    # Persian variant titles keep their own direction on English pages too ("۶ عددی", not "عددی ۶").
    assert (
        buy_box.get_by_test_id(f"variant-{six.sku}").evaluate("element => getComputedStyle(element).direction") == "rtl"
    )
    page.evaluate("window.__notReloaded = true")
    buy_box.get_by_test_id(f"variant-{twelve.sku}").click()
    expected = _toman(4_500_000, language)
    expect(page.locator("#buy-box .price-now")).to_have_text(expected, timeout=20_000)
    assert page.evaluate("window.__notReloaded === true")  # swapped, not navigated
    assert page.url == f"{shop}/p/{glasses.slug}/?variant={twelve.pk}"
    buy_box = page.locator("#buy-box")
    assert buy_box.get_by_test_id("sku").inner_text() == twelve.sku
    assert buy_box.get_by_test_id(f"variant-{twelve.sku}").get_attribute("aria-current") == "true"
    stock = buy_box.get_by_test_id("stock-state").inner_text()
    assert ("Only 2 left" in stock) if english else ("۲" in stock)
    assert "is-low" in buy_box.get_by_test_id("stock-state").get_attribute("class")
    screenshot(page, f"catalog-product-variant-{shot}")

    # A colleague of the market, arriving through the platform's handoff, sees the colleague price.
    colleague_page = _new_page(shopper_context.browser.new_context(viewport=viewport, locale=LANGUAGES[language]))
    try:
        colleague_page.context.add_cookies([{"name": "asoud_language", "value": language, "url": shop}])
        token = token_issue(user=catalogue["colleague"], host="alpha.localhost")
        colleague_page.goto(f"{shop}/accounts/handoff/?token={token}&next=/p/{glasses.slug}/")
        colleague_page.wait_for_url(f"{shop}/p/{glasses.slug}/")
        buy_box = colleague_page.locator("#buy-box")
        assert buy_box.locator(".price-now").inner_text().strip() == _toman(1_900_000, language)
        assert buy_box.locator(".price-tier").inner_text().strip() == ("Colleague price" if english else "قیمت همکار")
        buy_box.get_by_test_id(f"variant-{twelve.sku}").click()
        expected = _toman(3_600_000, language)
        expect(colleague_page.locator("#buy-box .price-now")).to_have_text(expected, timeout=20_000)
        screenshot(colleague_page, f"catalog-product-colleague-{shot}")
    finally:
        colleague_page.context.close()


THEMES = ["classic", "bazaar", "minimal"]


@pytest.fixture
def themed_alpha(catalogue, market_alpha):
    """Alpha's theme is switched by the test (committed, as the owner's editor does) and restored."""
    original = market_alpha.theme

    def switch(key: str) -> None:
        committed(market_profile_update, market=market_alpha, theme=key)

    yield switch
    committed(market_profile_update, market=market_alpha, theme=original)


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_the_three_themes_look_different(browser, live_server_url, catalogue, themed_alpha, width):
    shop = _shop(live_server_url)
    size = "phone" if width < 600 else "desktop"
    looks = {}
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fa-IR")
    try:
        page = _new_page(context)
        for key in THEMES:
            themed_alpha(key)
            page.goto(f"{shop}/")
            body_class = page.locator("body").get_attribute("class").split()
            assert f"theme-{key}" in body_class
            assert not any(name.startswith("theme-") and name != f"theme-{key}" for name in body_class)
            assert page.locator(f'link[rel=stylesheet][href$="/css/themes/{key}.css"]').count() == 1
            looks[key] = page.evaluate(
                """() => {
                    const style = element => element ? getComputedStyle(element) : {};
                    const header = style(document.querySelector('.store-header'));
                    const body = style(document.body);
                    const card = style(document.querySelector('.product-card'));
                    return {
                        header: header.backgroundColor, headerBorder: header.borderBottom,
                        bodyBackground: body.backgroundColor, font: body.fontFamily,
                        cardRadius: card.borderRadius,
                    };
                }"""
            )
            screenshot(page, f"catalog-theme-{key}-home-{size}")
            page.goto(f"{shop}/c/{catalogue['category'].slug}/")
            assert page.locator("#results .product-card").count() == 4
            looks[key]["listingCard"] = page.evaluate(
                "() => { const s = getComputedStyle(document.querySelector('.product-card'));"
                " return [s.borderRadius, s.padding, s.boxShadow, s.backgroundColor].join(' | '); }"
            )
            screenshot(page, f"catalog-theme-{key}-listing-{size}")
    finally:
        context.close()

    # Every theme differs from the others in what a shopper sees: the page itself, the header or the cards.
    for first, second in [("classic", "bazaar"), ("classic", "minimal"), ("bazaar", "minimal")]:
        differing = {name for name in looks[first] if looks[first][name] != looks[second][name]}
        assert differing, f"{first} and {second} look the same: {looks[first]}"
    assert len({(look["header"], look["bodyBackground"], look["font"]) for look in looks.values()}) == 3, looks
