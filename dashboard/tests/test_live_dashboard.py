"""ws/analytics/dashboard/ against the real ASGI application and the real channels_redis layer on the
embedded Valkey: who may listen, and what a placed order, a cart and a search make it say. Rows are
committed (`live`): the consumer and the order's after-commit push run on other connections."""

import json
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

from asoud.core.testing import english
from asoud.notifications.tests.live import live, receive_matching, run_async, session_for, ws_connect  # noqa: F401
from storefront.analytics import live as live_module
from storefront.analytics.live import live_figures
from storefront.cart.tests.factories import product_make
from storefront.catalog.models import Product, StockMovement
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import shipping_method_create
from storefront.orders.tests.helpers import place
from storefront.team.models import TeamMember
from tenants.models import Market

PATH = "/ws/analytics/dashboard/"


def _alpha():
    return Market.objects.select_related("owner").get(slug="alpha")


def _member(live, role: str):  # noqa: F811
    user = live.user()
    with schema_context("alpha"):
        TeamMember.objects.create(user=user, role=role)
    return user


@pytest.mark.django_db
def test_the_live_panel_is_for_owners_and_managers_with_its_fragment_for_htmx(market_alpha):
    # (First in this module: a database test makes pytest-django set the test database up even when
    # only this module runs; the `live` tests below commit their rows for real.)
    with schema_context("alpha"):
        editor = _member_row(TeamMember.Role.EDITOR)
    owner = Client(HTTP_HOST="alpha.localhost")
    owner.force_login(market_alpha.owner)
    english(owner)
    page = owner.get("/dashboard/analytics/live/")
    fragment = owner.get("/dashboard/analytics/live/", HTTP_HX_REQUEST="true")
    assert page.status_code == fragment.status_code == 200
    assert "<html" in page.content.decode() and "live-dashboard.js" in page.content.decode()
    assert fragment.content.decode().lstrip().startswith('<section id="live-panel"')
    assert "Visitors, last 5 minutes" in fragment.content.decode()
    # The analytics page carries the panel too, and its report follows the pushes when it ends today.
    analytics = owner.get("/dashboard/analytics/").content.decode()
    assert 'id="live-panel"' in analytics and "live-dashboard.js" in analytics
    assert 'id="analytics-report" data-live-refresh="/dashboard/analytics/?' in analytics
    past = owner.get("/dashboard/analytics/?start=2025-01-01&end=2025-01-31").content.decode()
    assert 'id="analytics-report">' in past  # a past period does not move
    other = Client(HTTP_HOST="alpha.localhost")
    other.force_login(editor)
    assert other.get("/dashboard/analytics/live/").status_code == 403
    assert other.get("/dashboard/").status_code == 200
    assert "live-dashboard.js" not in other.get("/dashboard/").content.decode()  # no socket for editors


def _member_row(role):
    from dashboard.tests.factories import member_make

    return member_make(role)


def test_outsiders_shoppers_and_editors_are_refused_owners_and_managers_accepted(live):  # noqa: F811 (the fixture imported above)
    market = _alpha()
    outsider, shopper = live.user(), live.user(name="Shopper")
    editor, manager = _member(live, TeamMember.Role.EDITOR), _member(live, TeamMember.Role.MANAGER)
    sessions = {who: session_for(user) for who, user in
                [("outsider", outsider), ("shopper", shopper), ("editor", editor), ("manager", manager),
                 ("owner", market.owner)]}  # fmt: skip

    async def scenario():
        codes = {}
        _ws, connected, code = await ws_connect(PATH)  # nobody signed in
        codes["anonymous"] = (connected, code)
        for who, session in sessions.items():
            ws, connected, code = await ws_connect(PATH, session=session)
            codes[who] = (connected, code)
            if connected:
                await ws.disconnect()
        # The owner of alpha is nobody on beta's host.
        _ws, connected, code = await ws_connect(PATH, host="beta.localhost", session=sessions["owner"])
        codes["owner on another market"] = (connected, code)
        return codes

    try:
        codes = run_async(scenario)
    finally:
        with schema_context("alpha"):
            TeamMember.objects.filter(user_id__in=[editor.pk, manager.pk]).delete()
    assert codes["anonymous"] == (False, 4401)
    for refused in ("outsider", "shopper", "editor", "owner on another market"):
        assert codes[refused] == (False, 4403), refused
    assert codes["owner"][0] is True and codes["manager"][0] is True


def test_an_order_placed_is_pushed_to_the_watching_owner_and_counted_like_a_reload(live):  # noqa: F811 (the fixture imported above)
    market = _alpha()
    shopper = live.user(name="Live Shopper")
    owner_session = session_for(market.owner)
    with schema_context("alpha"):
        lamp = product_make(title="Live lamp", price=3_000_000, stock=5, sku=f"LL-{uuid.uuid4().hex[:6]}")
        method = shipping_method_create(name="Live courier", kind=ShippingMethod.Kind.FLAT, cost=100_000)
        before = live_figures(schema="alpha")

    def order():
        with tenant_context(market):
            return place(shopper, (lamp, 1), method=method)

    async def scenario():
        ws, connected, _ = await ws_connect(PATH, session=owner_session)
        assert connected
        placed = await sync_to_async(order, thread_sensitive=False)()
        frame = json.loads(await receive_matching(ws, "order_placed"))
        await ws.disconnect()
        return placed, frame

    try:
        placed, frame = run_async(scenario)
        assert frame == {"type": "changed", "kind": "order_placed"}
        with schema_context("alpha"):
            after = live_figures(schema="alpha")
        assert after.orders_today == before.orders_today + 1
        assert after.sales_today == before.sales_today + placed.total
        assert after.feed[0].kind == "order_placed" and after.feed[0].order_number == placed.number

        # What the page re-fetches on that push shows the same figures a reload does.
        client = Client(HTTP_HOST="alpha.localhost")
        client.force_login(market.owner)
        english(client)
        fragment = client.get("/dashboard/analytics/live/", HTTP_HX_REQUEST="true")
        page = client.get("/dashboard/")
        orders_cell = f'data-testid="live-orders">{after.orders_today}<'
        assert orders_cell in fragment.content.decode() and orders_cell in page.content.decode()
        assert f"New order {placed.number}" in fragment.content.decode()
    finally:
        with schema_context("alpha"):
            Order.objects.filter(user_id=shopper.pk).delete()
            StockMovement.objects.filter(product=lamp).delete()
            Product.objects.filter(pk=lamp.pk).delete()
            ShippingMethod.objects.filter(pk=method.pk).delete()
        shopper.addresses.all().delete()


def test_searches_and_carts_reach_the_feed_and_the_visitor_count(live):  # noqa: F811 (the fixture imported above)
    market = _alpha()
    owner_session = session_for(market.owner)
    with schema_context("alpha"):
        before = live_figures(schema="alpha").visitors

    def browse():
        visitor = Client(
            HTTP_HOST="alpha.localhost", HTTP_USER_AGENT=f"Mozilla/5.0 (X11; Linux) Firefox/{uuid.uuid4().hex}"
        )  # a new visitor
        return visitor.get("/search/", {"q": "saffron-live-test"})

    async def scenario():
        ws, connected, _ = await ws_connect(PATH, session=owner_session)
        assert connected
        response = await sync_to_async(browse, thread_sensitive=False)()
        frame = json.loads(await receive_matching(ws, "search"))
        await ws.disconnect()
        return response, frame

    response, frame = run_async(scenario)
    assert response.status_code == 200
    assert frame == {"type": "changed", "kind": "search"}
    with schema_context("alpha"):
        now = live_figures(schema="alpha")
    assert now.visitors == before + 1
    assert now.feed[0].kind == "search" and now.feed[0].query == "saffron-live-test"
    assert len(now.feed) <= live_module.FEED_LENGTH
