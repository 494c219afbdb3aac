"""The owner's orders: list with status tabs and search, an order's page, status changes, print views."""

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from asoud.core.testing import english
from storefront.orders.models import Order, OrderEvent, OrderItem, ShippingMethod
from storefront.team.models import TeamMember

HTMX = {"HTTP_HX_REQUEST": "true"}
OWNER_MOBILE = "+989130000001"
_numbers = itertools.count(1)


def order_make(
    *,
    status=Order.Status.PENDING,
    payment=Order.PaymentMethod.CASH,
    total=1_000_000,
    paid=False,
    created_at=None,
    kind=ShippingMethod.Kind.FLAT,
    mobile="+989121234567",
    name="Sara Shopper",
    pk=None,
    title="Steel kettle",
):
    """An order as checkout leaves it (snapshot fields, one item, the first history step). Call it inside
    the market's schema."""
    shopper, _created = User.objects.get_or_create(mobile="+989350000099")
    n = next(_numbers)
    order = Order.objects.create(
        **({"pk": pk} if pk else {}),
        user_id=shopper.pk, status=status, payment_method=payment, tier="main",
        subtotal=total - 50_000, shipping_cost=50_000, total=total,
        shipping_name="Express post", shipping_kind=kind,
        receiver_name=name, receiver_mobile=mobile, province="Tehran", city="Tehran",
        street="Valiasr St., No. 12", postal_code="1234567890",
        paid_at=timezone.now() if paid else None,
    )  # fmt: skip
    order.number = f"1404-{order.pk:06d}"
    order.save(update_fields=["number"])
    OrderItem.objects.create(
        order=order, title=f"{title} {n}" if title == "Steel kettle" else title, sku=f"SK-{n}", quantity=2, unit_price=(total - 50_000) // 2,
        regular_price=(total - 50_000) // 2, tier="main", line_total=total - 50_000,
    )  # fmt: skip
    OrderEvent.objects.create(order=order, to_status=Order.Status.PENDING, note="")
    if created_at is not None:
        Order.objects.filter(pk=order.pk).update(created_at=created_at)
        order.refresh_from_db()
    return order


def member_client(market, role: str | None, mobile: str) -> Client:
    """A signed-in client on the market's host: the owner (role "owner"), a team member, or an outsider."""
    client = english(Client(HTTP_HOST=f"{market.slug}.localhost"))
    if role == "owner":
        user = User.objects.get(mobile=OWNER_MOBILE)
    else:
        user, _created = User.objects.get_or_create(mobile=mobile)
        if role is not None:
            with tenant_context(market):
                TeamMember.objects.update_or_create(user=user, defaults={"role": role})
    client.force_login(user)
    return client


@pytest.fixture
def owner(market_alpha) -> Client:
    return member_client(market_alpha, "owner", OWNER_MOBILE)


@pytest.fixture
def alpha_orders(market_alpha):
    with tenant_context(market_alpha):
        return {
            "cash": order_make(name="Cash Customer", mobile="+989121111111"),
            "paid": order_make(status=Order.Status.VERIFIED, payment=Order.PaymentMethod.ONLINE, paid=True),
            "waiting": order_make(payment=Order.PaymentMethod.ONLINE, mobile="+989122222222"),
            "shipped": order_make(status=Order.Status.SHIPPED, paid=True),
        }


def _state(market, order) -> tuple[str, list[str]]:
    with tenant_context(market):
        fresh = Order.objects.get(pk=order.pk)
        return fresh.status, list(fresh.events.values_list("to_status", flat=True))


# --- List ---------------------------------------------------------------------------------------


def test_list_page_shows_orders_and_counts_per_status(owner, alpha_orders):
    response = owner.get("/dashboard/orders/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and 'id="order-status-tabs"' in html
    for order in alpha_orders.values():
        assert order.number in html
    assert 'data-testid="count-all">4<' in html
    assert 'data-testid="count-pending">2<' in html
    assert 'data-testid="count-shipped">1<' in html


def test_list_filtered_by_status_full_page_and_htmx(owner, alpha_orders):
    page = owner.get("/dashboard/orders/?status=shipped").content.decode()
    assert alpha_orders["shipped"].number in page and alpha_orders["cash"].number not in page

    fragment = owner.get("/dashboard/orders/?status=shipped", **HTMX, HTTP_HX_TARGET="orders-main").content.decode()
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<section id="orders-main">')
    assert alpha_orders["shipped"].number in fragment and alpha_orders["cash"].number not in fragment
    assert 'id="order-status-tabs"' in fragment and 'hx-swap-oob="true"' in fragment  # the tabs follow along


def test_search_by_mobile_and_number(owner, alpha_orders):
    fragment = owner.get("/dashboard/orders/?q=09121111111", **HTMX, HTTP_HX_TARGET="orders-table").content.decode()
    assert fragment.lstrip().startswith('<div id="orders-table"')
    assert alpha_orders["cash"].number in fragment and alpha_orders["paid"].number not in fragment

    number = alpha_orders["waiting"].number
    page = owner.get(f"/dashboard/orders/?q={number}").content.decode()
    assert number in page and alpha_orders["cash"].number not in page

    nothing = owner.get("/dashboard/orders/?q=no-such-order").content.decode()
    assert "No orders match" in nothing


def test_list_is_paginated(owner, market_alpha):
    with tenant_context(market_alpha):
        for _ in range(25):
            order_make()
    first = owner.get("/dashboard/orders/").content.decode()
    assert "Page 1 of 2" in first
    second = owner.get("/dashboard/orders/?page=2", **HTMX, HTTP_HX_TARGET="orders-table").content.decode()
    assert "Page 2 of 2" in second and second.count('id="order-row-') == 5


# --- Detail -------------------------------------------------------------------------------------


def test_detail_page_and_fragment(owner, alpha_orders):
    order = alpha_orders["cash"]
    page = owner.get(f"/dashboard/orders/{order.pk}/").content.decode()
    assert "<html" in page and order.number in page
    for text in (
        "Cash Customer",
        "Valiasr St., No. 12",
        "Cash on delivery",
        "Express post",
        "Order history",
        "Steel kettle",
    ):
        assert text in page
    assert "100,000 Toman" in page  # total 1,000,000 Rials
    assert 'data-action="verified"' in page and 'data-action="cancelled"' in page
    assert 'data-action="shipped"' not in page and 'data-action="refunded"' not in page  # not valid now

    fragment = owner.get(f"/dashboard/orders/{order.pk}/", **HTMX, HTTP_HX_TARGET="order-detail").content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="order-detail"')
    main = owner.get(f"/dashboard/orders/{order.pk}/", **HTMX, HTTP_HX_TARGET="orders-main").content.decode()
    assert main.lstrip().startswith('<section id="orders-main">') and 'id="order-detail"' in main


def test_online_order_waiting_for_payment_cannot_be_confirmed(owner, alpha_orders):
    page = owner.get(f"/dashboard/orders/{alpha_orders['waiting'].pk}/").content.decode()
    assert 'data-action="verified"' not in page and 'data-action="cancelled"' in page


# --- Transitions --------------------------------------------------------------------------------


def test_confirm_cash_order_with_htmx_updates_detail_and_counts(owner, market_alpha, alpha_orders):
    order = alpha_orders["cash"]
    response = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "verified"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="order-detail"')
    assert f"Order {order.number} is now “Confirmed”." in html
    assert 'data-action="shipped"' in html  # the next step is offered
    assert 'id="order-status-tabs" class="order-tabs mb-3" aria-label="Order status" hx-swap-oob="true"' in html
    assert 'data-testid="count-pending">1<' in html and 'data-testid="count-verified">2<' in html
    status, history = _state(market_alpha, order)
    assert status == "verified" and history == ["pending", "verified"]
    with tenant_context(market_alpha):
        event = Order.objects.get(pk=order.pk).events.last()
        assert event.actor_id == User.objects.get(mobile=OWNER_MOBILE).pk


def test_ship_needs_a_tracking_code(owner, market_alpha, alpha_orders):
    order = alpha_orders["paid"]
    refused = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "shipped"}, **HTMX).content.decode()
    assert "Enter the parcel&#x27;s tracking code." in refused or "Enter the parcel's tracking code." in refused
    assert _state(market_alpha, order)[0] == "verified"

    shipped = owner.post(
        f"/dashboard/orders/{order.pk}/status/", {"to_status": "shipped", "tracking_code": "IR-123-456"}, **HTMX
    ).content.decode()
    assert 'data-testid="tracking-code">IR-123-456<' in shipped
    status, history = _state(market_alpha, order)
    assert status == "shipped" and history == ["pending", "shipped"]


def test_plain_post_redirects_with_a_message(owner, market_alpha, alpha_orders):
    order = alpha_orders["shipped"]
    response = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "completed"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/dashboard/orders/{order.pk}/"
    assert f"Order {order.number} is now “Completed”." in response.content.decode()
    assert _state(market_alpha, order)[0] == "completed"


def test_invalid_transition_is_refused_and_changes_nothing(owner, market_alpha, alpha_orders):
    order = alpha_orders["cash"]  # pending: can't be shipped or completed
    response = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "completed"}, follow=True)
    assert "can&#x27;t become" in response.content.decode() or "can't become" in response.content.decode()
    fragment = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "refunded"}, **HTMX).content.decode()
    assert 'data-testid="transition-error"' in fragment
    garbage = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "teleported"}, **HTMX).content.decode()
    assert "Choose what to do with the order." in garbage
    assert _state(market_alpha, order) == ("pending", ["pending"])


def test_paid_order_is_refunded_not_cancelled(owner, market_alpha, alpha_orders):
    order = alpha_orders["paid"]
    page = owner.get(f"/dashboard/orders/{order.pk}/").content.decode()
    assert 'data-action="refunded"' in page and 'data-action="cancelled"' not in page
    owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "cancelled"}, **HTMX)
    assert _state(market_alpha, order)[0] == "verified"
    owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "refunded", "note": "Out of stock"}, **HTMX)
    status, history = _state(market_alpha, order)
    assert status == "refunded" and history[-1] == "refunded"


def test_cancel_cash_order(owner, market_alpha, alpha_orders):
    order = alpha_orders["cash"]
    html = owner.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "cancelled"}, **HTMX).content.decode()
    assert "is now “Cancelled”" in html
    assert _state(market_alpha, order)[0] == "cancelled"


# --- Print views --------------------------------------------------------------------------------


def test_invoice_and_packing_slip(owner, alpha_orders):
    order = alpha_orders["cash"]
    invoice = owner.get(f"/dashboard/orders/{order.pk}/invoice/").content.decode()
    assert 'id="invoice"' in invoice and order.number in invoice and "100,000 Toman" in invoice
    slip = owner.get(f"/dashboard/orders/{order.pk}/packing-slip/").content.decode()
    assert (
        'id="packing-slip"' in slip
        and "Cash Customer" in slip
        and "Toman" not in slip.split("<main")[1].split("Prices")[0]
    )


# --- Who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "mobile", "expected"),
    [("owner", OWNER_MOBILE, 200), ("manager", "+989130000011", 200), ("support", "+989130000012", 200),
     ("editor", "+989130000013", 403), (None, "+989130000014", 403)],
)  # fmt: skip
def test_permission_matrix(market_alpha, alpha_orders, role, mobile, expected):
    client = member_client(market_alpha, role, mobile)
    order = alpha_orders["cash"]
    assert client.get("/dashboard/orders/").status_code == expected
    assert client.get("/dashboard/orders/", **HTMX).status_code == expected
    assert client.get(f"/dashboard/orders/{order.pk}/", **HTMX, HTTP_HX_TARGET="order-detail").status_code == expected
    assert client.get(f"/dashboard/orders/{order.pk}/invoice/").status_code == expected
    response = client.post(f"/dashboard/orders/{order.pk}/status/", {"to_status": "cancelled"}, **HTMX)
    assert response.status_code == expected
    assert _state(market_alpha, order)[0] == ("cancelled" if expected == 200 else "pending")


def test_anonymous_visitor_is_sent_to_sign_in(market_alpha):
    response = Client(HTTP_HOST="alpha.localhost").get("/dashboard/orders/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_beta_owner_cannot_use_alpha_dashboard(market_alpha, market_beta, alpha_orders):
    beta_owner = Client(HTTP_HOST="alpha.localhost")
    beta_owner.force_login(User.objects.get(mobile="+989130000002"))
    assert beta_owner.get("/dashboard/orders/").status_code == 403
    assert beta_owner.get(f"/dashboard/orders/{alpha_orders['cash'].pk}/").status_code == 403


def test_another_markets_order_is_not_found(owner, market_alpha, market_beta):
    with tenant_context(market_beta):
        beta_order = order_make(pk=987_654)
    connection.set_schema_to_public()
    with tenant_context(market_alpha):
        assert not Order.objects.filter(pk=beta_order.pk).exists()
    assert owner.get(f"/dashboard/orders/{beta_order.pk}/").status_code == 404
    assert owner.get(f"/dashboard/orders/{beta_order.pk}/", **HTMX, HTTP_HX_TARGET="order-detail").status_code == 404
    assert owner.get(f"/dashboard/orders/{beta_order.pk}/invoice/").status_code == 404
    post = owner.post(f"/dashboard/orders/{beta_order.pk}/status/", {"to_status": "cancelled"}, **HTMX)
    assert post.status_code == 404
    with tenant_context(market_beta):
        assert Order.objects.get(pk=beta_order.pk).status == "pending"


# --- In a real browser -------------------------------------------------------------------------

BROWSER_ORDERS = [
    # (status, payment, total in Rials, paid, receiver, mobile, item, days ago)
    ("pending", "cash", 4_850_000, False, "سارا احمدی", "+989121110001", "زعفران سرگل ۴ گرمی", 0),
    ("verified", "online", 12_400_000, True, "Reza Karimi", "+989121110002", "Persian tea, 500 g", 0),
    ("verified", "wallet", 2_350_000, True, "مریم حسینی", "+989121110003", "قوری چینی", 1),
    ("shipped", "online", 7_900_000, True, "Ali Rahimi", "+989121110004", "Copper kettle", 2),
    ("completed", "cash", 3_100_000, True, "نگار رضایی", "+989121110005", "نبات چوبی", 4),
    ("completed", "online", 15_600_000, True, "Hamed Moradi", "+989121110006", "Gift box", 6),
    ("cancelled", "cash", 1_200_000, False, "Leila Jafari", "+989121110007", "Dates, 1 kg", 9),
    ("completed", "online", 9_800_000, True, "Omid Sadeghi", "+989121110008", "Pistachios, 1 kg", 12),
    ("completed", "wallet", 5_500_000, True, "زهرا کاظمی", "+989121110009", "گلاب قمصر", 17),
    ("completed", "online", 21_000_000, True, "Kaveh Nouri", "+989121110010", "Saffron, 10 g", 23),
]


@pytest.fixture
def committed_orders(django_db_setup, django_db_blocker):
    """Orders committed for real (the browser talks to another process), deleted afterwards."""
    import datetime

    from tenants.models import Market

    with django_db_blocker.unblock():
        market = Market.objects.get(slug="alpha")
        created = []
        with tenant_context(market):
            now = timezone.now()
            for status, payment, total, paid, name, mobile, item, days in BROWSER_ORDERS:
                created.append(
                    order_make(status=status, payment=payment, total=total, paid=paid, name=name, mobile=mobile,
                               title=item, created_at=now - datetime.timedelta(days=days, hours=len(created)))
                )  # fmt: skip
        try:
            yield market, created
        finally:
            with tenant_context(market):
                Order.objects.filter(pk__in=[order.pk for order in created]).delete()
            connection.set_schema_to_public()


def _owner_page(browser, url: str, *, language: str, width: int):
    from asoud.notifications.tests.live import session_for

    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="fa-IR" if language == "fa" else "en-US"
    )
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_for(User.objects.get(mobile=OWNER_MOBILE)), "url": url},
            {"name": "asoud_language", "value": language, "url": url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_owner_ships_an_order_in_the_browser(browser, live_server_url, committed_orders, django_db_blocker):
    from playwright.sync_api import expect

    from conftest import screenshot

    market, orders = committed_orders
    paid = orders[1]  # confirmed and paid online: ready to ship
    url = live_server_url.replace("//localhost", "//alpha.localhost")
    with django_db_blocker.unblock():
        page = _owner_page(browser, url, language="en", width=1366)
    page.goto(f"{url}/dashboard/orders/")
    expect(page.get_by_test_id("count-verified")).to_have_text("2")
    page.locator(f"#order-row-{paid.pk} a").click()  # htmx: the order opens in place, the address follows
    expect(page.locator("#order-detail")).to_have_attribute("data-status", "verified")
    expect(page).to_have_url(f"{url}/dashboard/orders/{paid.pk}/")
    page.locator("#tracking-code").fill("IR-2025-7788")
    page.locator("[data-action=shipped]").click()
    expect(page.locator("#order-detail")).to_have_attribute("data-status", "shipped")
    expect(page.get_by_test_id("tracking-code")).to_have_text("IR-2025-7788")
    expect(page.get_by_test_id("count-verified")).to_have_text("1")  # the tabs updated out of band
    expect(page.get_by_test_id("count-shipped")).to_have_text("2")
    expect(page.locator("#order-history li")).to_have_count(2)
    screenshot(page, "dashboard-order-shipped-en-desktop")
    with tenant_context(market):
        assert Order.objects.get(pk=paid.pk).tracking_code == "IR-2025-7788"
    connection.set_schema_to_public()
    page.context.close()

    _editor_preview_follows_typing(browser, url, market, django_db_blocker)

    pending = orders[0]
    for language in ("fa", "en"):
        for device, width in (("phone", 390), ("desktop", 1366)):
            with django_db_blocker.unblock():
                page = _owner_page(browser, url, language=language, width=width)
            for name, path in (("overview", "/dashboard/"), ("orders", "/dashboard/orders/"),
                               ("order", f"/dashboard/orders/{pending.pk}/"), ("editor", "/dashboard/storefront/?tab=sections"),
                               ("settings", "/dashboard/settings/shipping/")):  # fmt: skip
                page.goto(f"{url}{path}")
                expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "fa" else "ltr")
                if name == "editor":
                    page.frame_locator("#editor-preview iframe").locator("body").wait_for()
                screenshot(page, f"dashboard-{name}-{language}-{device}")
            page.context.close()


def _editor_preview_follows_typing(browser, url, market, django_db_blocker):
    """Typing a hero title saves the draft by itself and the preview frame shows it; the shop doesn't."""
    from playwright.sync_api import expect

    from conftest import screenshot
    from storefront.themes.models import ThemeSettings

    with django_db_blocker.unblock():
        page = _owner_page(browser, url, language="en", width=1366)
        try:
            page.goto(f"{url}/dashboard/storefront/?tab=sections")
            page.locator("#section-0 summary").click()
            page.locator("#id-s0-title__en").fill("Autumn tea festival")
            expect(page.locator("#editor-save-state")).to_have_text("Draft saved")
            expect(page.frame_locator("#editor-preview iframe").locator(".hero-title")).to_have_text(
                "Autumn tea festival"
            )
            expect(page.get_by_test_id("draft-state")).to_have_text("Unpublished changes")
            page.locator("#id-s0-title__en").fill("")
            page.locator("#id-s0-title__fa").fill("")
            expect(page.locator("#err-s0-title")).to_have_text("This setting is required.")
            expect(page.frame_locator("#editor-preview iframe").locator(".hero-title")).to_have_text(
                "Autumn tea festival"
            )
            screenshot(page, "dashboard-editor-error-en-desktop")
            shop = page.context.new_page()
            shop.goto(f"{url}/")
            expect(shop.locator(".hero-title")).not_to_have_text("Autumn tea festival")
        finally:
            page.context.close()
            with tenant_context(market):
                ThemeSettings.objects.all().delete()
            connection.set_schema_to_public()
