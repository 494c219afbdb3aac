"""Clicks on /r/<code>, the market host's 30-day last-click cookie, referrals and commissions in the ledger."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from asoud.affiliates.models import Click, Referral
from asoud.affiliates.services import commission_earn, commission_reverse, link_create, referral_attach
from asoud.core.testing import english
from asoud.wallet.models import LedgerEntry
from asoud.wallet.selectors import wallet_balance

from .conftest import BROWSER_UA, marketer_make

pytestmark = pytest.mark.django_db

COOKIE = settings.AFFILIATES_COOKIE_NAME


def _visit(link, *, ip="10.2.0.1", ua=BROWSER_UA, user=None):
    client = Client(HTTP_HOST="localhost", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)
    if user is not None:
        client.force_login(user)
    return client.get(f"/r/{link.code}")


def _land(response) -> str | None:
    """Follow the redirect to the market host's landing endpoint: the attribution cookie it sets."""
    parts = urlsplit(response["Location"])
    market_client = Client(HTTP_HOST=parts.hostname)
    landed = market_client.get(parts.path, parse_qs(parts.query))
    cookie = landed.cookies.get(COOKIE)
    return cookie.value if cookie else None


def _order(market, cookie: str | None, *, order_id=501, amount=20_000_000, buyer=None):
    request = RequestFactory().get("/checkout/", HTTP_HOST="alpha.localhost")
    if cookie:
        request.COOKIES[COOKIE] = cookie
    return referral_attach(
        market=market, order_id=order_id, order_number=f"A-{order_id}", amount=amount,
        buyer_user_id=buyer.pk if buyer else None, request=request,
    )  # fmt: skip


def test_click_is_counted_and_redirects_through_the_market_host_to_the_product(marketer, offer, market_alpha):
    link = link_create(marketer=marketer, listing=offer)

    response = _visit(link)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.hostname, location.path) == ("alpha.localhost", "/aff/land/")
    assert parse_qs(location.query)["next"] == ["/p/saffron-1/"]
    assert Click.objects.filter(link=link, market=market_alpha).count() == 1

    landed = Client(HTTP_HOST="alpha.localhost").get(location.path, parse_qs(location.query))
    assert landed.status_code == 302 and landed["Location"] == "/p/saffron-1/"
    cookie = landed.cookies[COOKIE]
    assert cookie["max-age"] == 30 * 24 * 60 * 60 and cookie["httponly"]


def test_bots_and_the_marketer_themself_are_not_counted_nor_attributed(marketer, offer):
    link = link_create(marketer=marketer, listing=offer)

    bot = _visit(link, ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    empty = _visit(link, ua="")
    own = _visit(link, user=marketer.user, ip="10.2.0.9")

    for response in (bot, empty, own):
        assert response.status_code == 302
        assert response["Location"] == "http://alpha.localhost/p/saffron-1/"
    assert not Click.objects.filter(link=link).exists()


def test_repeated_clicks_are_rate_limited_per_visitor_and_link_but_still_attributed(marketer, offer):
    link = link_create(marketer=marketer, listing=offer)

    first, again = _visit(link, ip="10.3.0.1"), _visit(link, ip="10.3.0.1")
    other = _visit(link, ip="10.3.0.2")

    assert Click.objects.filter(link=link).count() == 2
    assert "/aff/land/" in again["Location"] and _land(again) is not None
    assert _land(first) and _land(other)
    assert _visit(link, ip="10.3.0.1") and Click.objects.filter(link=link).count() == 2


def test_unknown_code_is_404():
    assert Client(HTTP_HOST="localhost").get("/r/nope1234").status_code == 404


def test_order_within_30_days_records_the_marketer_and_exact_commission(marketer, offer, market_alpha):
    cookie = _land(_visit(link_create(marketer=marketer, listing=offer)))

    referral = _order(market_alpha, cookie, amount=20_000_000)

    assert referral.marketer == marketer
    assert (referral.rate_percent, referral.commission, referral.status) == (10, 2_000_000, Referral.Status.PENDING)
    assert _order(market_alpha, cookie, amount=20_000_000).pk == referral.pk  # placing twice changes nothing


def test_no_cookie_a_forged_cookie_or_an_old_click_attribute_nothing(marketer, offer, market_alpha, market_beta):
    cookie = _land(_visit(link_create(marketer=marketer, listing=offer)))

    assert _order(market_alpha, None) is None
    assert _order(market_alpha, cookie + "x") is None
    assert _order(market_beta, cookie) is None  # another market's cookie

    Click.objects.update(created_at=timezone.now() - datetime.timedelta(days=31))
    assert _order(market_alpha, cookie) is None
    Click.objects.update(created_at=timezone.now() - datetime.timedelta(days=29))
    assert _order(market_alpha, cookie).marketer == marketer


def test_last_click_wins(marketer, offer, market_alpha):
    other = marketer_make("+989350000301", "omid")
    first = _land(_visit(link_create(marketer=marketer, listing=offer), ip="10.4.0.1"))
    last = _land(_visit(link_create(marketer=other, listing=offer), ip="10.4.0.1"))
    assert first and last

    # The browser keeps one cookie per name: the later landing replaced the earlier one.
    assert _order(market_alpha, last).marketer == other


def test_self_referral_earns_nothing(marketer, offer, market_alpha):
    link = link_create(marketer=marketer, listing=offer)
    cookie = _land(_visit(link, ip="10.5.0.1"))  # e.g. clicked while signed out, then bought signed in

    assert _order(market_alpha, cookie, buyer=marketer.user) is None
    assert commission_earn(market=market_alpha, order_id=501) is None
    assert wallet_balance(user=marketer.user) == 0


def test_commission_is_credited_on_completion_and_taken_back_on_refund(marketer, offer, market_alpha):
    cookie = _land(_visit(link_create(marketer=marketer, listing=offer)))
    _order(market_alpha, cookie, order_id=777, amount=12_345_678)

    earned = commission_earn(market=market_alpha, order_id=777)
    commission_earn(market=market_alpha, order_id=777)  # the order code may call twice: money moves once

    assert (earned.status, earned.commission) == (Referral.Status.EARNED, 1_234_567)
    entries = LedgerEntry.objects.filter(wallet__user=marketer.user)
    assert [(e.kind, e.amount, e.reference) for e in entries] == [("commission", 1_234_567, "order:alpha:A-777")]
    assert wallet_balance(user=marketer.user) == 1_234_567

    reversed_ = commission_reverse(market=market_alpha, order_id=777)
    commission_reverse(market=market_alpha, order_id=777)

    assert (reversed_.status, reversed_.reversal_shortfall) == (Referral.Status.REVERSED, 0)
    assert [(e.kind, e.amount) for e in entries.order_by("id")] == [
        ("commission", 1_234_567), ("commission_reversal", -1_234_567),
    ]  # fmt: skip
    assert wallet_balance(user=marketer.user) == 0


def test_refund_before_completion_cancels_without_moving_money(marketer, offer, market_alpha):
    cookie = _land(_visit(link_create(marketer=marketer, listing=offer)))
    _order(market_alpha, cookie, order_id=888)

    assert commission_reverse(market=market_alpha, order_id=888).status == Referral.Status.CANCELLED
    assert commission_earn(market=market_alpha, order_id=888).status == Referral.Status.CANCELLED
    assert not LedgerEntry.objects.filter(wallet__user=marketer.user).exists()


def test_dashboard_shows_clicks_orders_conversion_and_commission(marketer, offer, market_alpha, marketer_client):
    link = link_create(marketer=marketer, listing=offer)
    cookie = None
    for number in range(4):
        cookie = _land(_visit(link, ip=f"10.6.0.{number}"))
    _order(market_alpha, cookie, order_id=901, amount=10_000_000)
    _order(market_alpha, cookie, order_id=902, amount=30_000_000)
    commission_earn(market=market_alpha, order_id=901)

    response = english(marketer_client).get("/marketer/")
    stats = response.context["stats"]
    assert (stats.clicks, stats.orders, stats.conversion) == (4, 2, 50.0)
    assert (stats.pending, stats.earned, stats.balance) == (3_000_000, 1_000_000, 1_000_000)
    assert sum(day.clicks for day in stats.days) == 4
    assert 'class="marketer-chart"' in response.content.decode()
