"""The marketer issue's acceptance journey in a real browser (Debian chromium via Playwright).

1. A marketer takes a link from the affiliate catalogue; a shopper follows it, lands on the product
   and buys it with cash on delivery; the owner ships and completes the order; the commission shows
   on the marketer's dashboard and in the wallet; a refund takes it back.
2. Staff in the admin: mark a withdrawal paid, verify a market, suspend one (reason page), see its
   storefront closed, and reactivate it.

The server runs in another process and only sees committed rows: the data is written (and removed
afterwards) by `committed(...)` on a connection of its own. The session's markets `alpha` and `beta`
are shared with every other test, so their standing is put back in `finally` blocks.
"""

import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tenants.utils import tenant_context

from asoud.accounts.handoff import token_issue
from asoud.accounts.models import Profile, User
from asoud.accounts.testing import sign_in_staff
from asoud.affiliates.models import AffiliateLink, Marketer, Referral, Withdrawal
from asoud.affiliates.services import marketer_join, withdrawal_request
from asoud.marketplace.services import listing_index_market
from asoud.notifications.models import Notification
from asoud.payments.models import Payment
from asoud.wallet.models import LedgerEntry, Wallet
from asoud.wallet.services import wallet_credit
from conftest import screenshot
from storefront.affiliate.models import AffiliateOffer
from storefront.affiliate.services import affiliate_offer_set
from storefront.cart.models import Cart
from storefront.catalog.models import Product, StockMovement
from storefront.catalog.services.products import product_create
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.services import order_transition, shipping_method_create
from storefront.orders.tests.helpers import committed
from tenants.models import AuditLogEntry, Market, MarketVerification
from tenants.services import market_reactivate

from .conftest import VALID_IBAN

pytestmark = pytest.mark.django_db

# Playwright's headless chromium says "HeadlessChrome", which the click counter takes for a bot.
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
PRICE = 20_000_000  # Rials: 2,000,000 Toman; a 10% offer pays 200,000 Toman


def _mobile() -> str:
    return f"+98935{uuid.uuid4().int % 10_000_000:07d}"


def _marketer_make() -> Marketer:
    user = User.objects.create_user(_mobile(), name="Sara Ahmadi")
    Profile.objects.create(user=user, iban=VALID_IBAN, account_holder="Sara Ahmadi")
    return marketer_join(user=user, handle=f"mkj{uuid.uuid4().hex[:8]}", bio="Best picks", accept_terms=True)


def _session_cookie(user) -> str:
    """A signed-in session for `user` (written on this thread's connection: call inside `committed`)."""
    client = Client()
    if user.is_staff:
        sign_in_staff(client, user)  # staff must have passed a second factor
    else:
        client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _marketer_remove(marketer: Marketer) -> None:
    user = marketer.user
    Referral.objects.filter(marketer=marketer).delete()
    Withdrawal.objects.filter(marketer=marketer).delete()
    AffiliateLink.objects.filter(marketer=marketer).delete()  # and their clicks
    Marketer.objects.filter(pk=marketer.pk).delete()
    _user_remove(user)


def _user_remove(user) -> None:
    LedgerEntry.objects.filter(wallet__user=user).delete()
    Wallet.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).delete()


def _cookies(base_url: str, *, session: str | None = None, hosts=("localhost",)) -> list[dict]:
    cookies = []
    for host in hosts:
        url = base_url.replace("localhost", host)
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url})
        if session is not None:
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url})
    return cookies


def _context(browser, *, viewport=None):
    context = browser.new_context(
        viewport=viewport or {"width": 1366, "height": 900}, locale="en-US", user_agent=BROWSER_UA
    )
    return context


# --- 1. Marketer → shopper → owner → commission → refund -----------------------------------------


def _journey_seed(market: Market) -> dict:
    tag = uuid.uuid4().hex[:6]
    with tenant_context(market):
        product = product_create(
            title=f"Saffron gift box {tag}", slug=f"saffron-{tag}", price_main=PRICE, initial_stock=5
        )
        affiliate_offer_set(product=product, rate_percent=10)
        method = shipping_method_create(
            name=f"Courier {tag}", kind=ShippingMethod.Kind.FLAT, cost=450_000, description="Two days"
        )
    listing_index_market(market=market)
    marketer = _marketer_make()
    shopper = User.objects.create_user(_mobile(), name="Maryam Rezaei")
    return {
        "tag": tag,
        "product": product,
        "method": method,
        "marketer": marketer,
        "shopper": shopper,
        "session": _session_cookie(marketer.user),
    }


def _journey_remove(market: Market, data: dict) -> None:
    shopper, product = data["shopper"], data["product"]
    with tenant_context(market):
        orders = Order.objects.filter(user_id=shopper.pk)
        order_ids = list(orders.values_list("pk", flat=True))
        numbers = list(orders.values_list("number", flat=True))
        Referral.objects.filter(market=market, order_id__in=order_ids).delete()
        Payment.objects.filter(market=market, order_id__in=order_ids).delete()
        Notification.objects.filter(market=market, context__order_number__in=numbers).delete()
        orders.delete()
        Cart.objects.filter(user_id=shopper.pk).delete()
        StockMovement.objects.filter(product=product).delete()
        AffiliateOffer.objects.filter(product=product).delete()
        Product.objects.filter(pk=product.pk).delete()
        ShippingMethod.objects.filter(pk=data["method"].pk).delete()
    listing_index_market(market=market)  # the product's listing goes away
    shopper.addresses.all().delete()
    Notification.objects.filter(user=shopper).delete()
    _user_remove(shopper)
    _marketer_remove(data["marketer"])


def _forget_click_window(code: str) -> None:
    """The click counter keeps `affiliates:click:<link id>:<visitor>` in Valkey for half an hour; after a
    recreated test database the same link id could meet a stale entry from an earlier run."""
    link = AffiliateLink.objects.get(code=code)
    for ip in ("127.0.0.1", "::1"):
        visitor = salted_hmac("asoud.affiliates.visitor", ip, algorithm="sha256").hexdigest()
        cache.delete(f"affiliates:click:{link.pk}:{visitor}")


def _owner_moves(market: Market, order_id: int, *steps: tuple[str, str]) -> None:
    with tenant_context(market):
        order = Order.objects.get(pk=order_id)
        for status, tracking in steps:
            order_transition(order=order, to_status=status, actor=market.owner, tracking_code=tracking)


@pytest.fixture
def journey(market_alpha):
    data = committed(_journey_seed, market_alpha)
    yield data
    committed(_journey_remove, market_alpha, data)


def test_a_marketer_earns_a_commission_through_a_shared_link_and_loses_it_on_refund(
    browser, live_server_url, market_alpha, journey
):
    platform, shop = live_server_url, live_server_url.replace("localhost", "alpha.localhost")
    product, title = journey["product"], journey["product"].title

    # The marketer, signed in on the platform, takes a link from the catalogue.
    marketer_context = _context(browser)
    marketer_context.add_cookies(_cookies(platform, session=journey["session"]))
    marketer = marketer_context.new_page()
    marketer.set_default_timeout(20_000)
    shopper_context = _context(browser, viewport={"width": 390, "height": 844})
    shopper_context.add_cookies(_cookies(platform, hosts=("localhost", "alpha.localhost")))
    shopper = shopper_context.new_page()
    shopper.set_default_timeout(20_000)
    try:
        marketer.goto(f"{platform}/marketer/catalogue/?q={journey['tag']}")
        card = marketer.locator("#catalogue-results .col", has_text=title)
        assert "10% commission · 200,000 Toman" in card.inner_text()
        screenshot(marketer, "affiliates-journey-catalogue")
        card.get_by_role("button", name="Get my link").click()
        marketer.wait_for_load_state()
        assert f"Your link for “{title}” is ready" in marketer.locator("#messages").inner_text()
        link = card.locator("input.mp-code").input_value()
        assert re.fullmatch(rf"{re.escape(platform)}/r/[a-z0-9]{{8}}", link), link
        _forget_click_window(link.rsplit("/", 1)[1])

        # The shopper (signed in on alpha through the handoff) follows the link and lands on the product.
        token = token_issue(user=journey["shopper"], host="alpha.localhost")
        shopper.goto(f"{shop}/accounts/handoff/?token={token}&next=/")
        shopper.goto(link)
        shopper.wait_for_url(f"{shop}{product.get_absolute_url()}")
        assert title in shopper.locator("h1").first.inner_text()
        cookie_names = {cookie["name"] for cookie in shopper_context.cookies(shop)}
        assert settings.AFFILIATES_COOKIE_NAME in cookie_names
        screenshot(shopper, "affiliates-journey-landing")

        # … and buys it, paying cash on delivery.
        shopper.get_by_test_id("add-to-cart").locator("button[type=submit]").click()
        shopper.locator("#messages", has_text="is in your cart.").wait_for()  # htmx, no reload
        shopper.goto(f"{shop}/cart/")
        shopper.locator("#cart-body a[href='/checkout/']").click()
        shopper.wait_for_url(f"{shop}/checkout/address/")
        shopper.fill("#id_new-receiver_name", "Maryam Rezaei")
        shopper.fill("#id_new-receiver_mobile", "09121234567")
        shopper.fill("#id_new-province", "Tehran")
        shopper.fill("#id_new-city", "Tehran")
        shopper.fill("#id_new-street", "Valiasr St, Bahar Alley, No. 12")
        shopper.fill("#id_new-postal_code", "1234567890")
        shopper.locator("button[type=submit].btn-primary").click()
        shopper.wait_for_url(f"{shop}/checkout/shipping/")
        shopper.locator("label.choice", has_text=journey["method"].name).click()
        shopper.locator("button[type=submit].btn-primary").click()
        shopper.wait_for_url(f"{shop}/checkout/payment/")
        shopper.locator("label.choice", has_text="Cash on delivery").click()
        shopper.locator("button[type=submit].btn-primary").click()
        shopper.wait_for_url(f"{shop}/checkout/review/")
        shopper.locator("#place-order").click()
        shopper.wait_for_url(re.compile(r".*/orders/14\d\d-\d{6}/$"))
        assert "you pay when it arrives" in shopper.locator("#messages").inner_text()
        screenshot(shopper, "affiliates-journey-order")

        with tenant_context(market_alpha):
            order = Order.objects.get(user_id=journey["shopper"].pk)
        referral = Referral.objects.get(market=market_alpha, order_id=order.pk)
        assert referral.marketer_id == journey["marketer"].pk
        assert (referral.amount, referral.commission, referral.status) == (PRICE, 2_000_000, Referral.Status.PENDING)

        marketer.goto(f"{platform}/marketer/")
        stats = marketer.locator("#stats").inner_text()
        assert re.search(r"Clicks\s+1\b", stats) and re.search(r"Orders\s+1\b", stats), stats
        assert re.search(r"Pending commission\s+200,000 Toman", stats), stats
        assert "Pending" in marketer.locator("#referrals").inner_text()

        # The owner accepts, ships and completes the order: the commission is earned.
        committed(
            _owner_moves,
            market_alpha,
            order.pk,
            (Order.Status.VERIFIED, ""),
            (Order.Status.SHIPPED, "TRK-123456"),
            (Order.Status.COMPLETED, ""),
        )
        marketer.reload()
        stats = marketer.locator("#stats").inner_text()
        assert re.search(r"Earned commission\s+200,000 Toman", stats), stats
        assert re.search(r"Pending commission\s+0 Toman", stats), stats
        assert "Wallet balance: 200,000 Toman" in marketer.locator("#withdrawals").inner_text()
        assert "Earned" in marketer.locator("#referrals").inner_text()
        screenshot(marketer, "affiliates-journey-dashboard-earned")
        marketer.goto(f"{platform}/wallet/")
        assert marketer.locator("#wallet-balance").inner_text() == "200,000 Toman"
        history = marketer.locator("#wallet-history tbody tr").first.inner_text()
        assert "Commission" in history and order.number in history and "+200,000 Toman" in history, history
        screenshot(marketer, "affiliates-journey-wallet-earned")

        # A refund takes the commission back.
        committed(_owner_moves, market_alpha, order.pk, (Order.Status.REFUNDED, ""))
        marketer.reload()
        assert marketer.locator("#wallet-balance").inner_text() == "0 Toman"
        history = marketer.locator("#wallet-history tbody tr").first.inner_text()
        assert "Commission reversal" in history and order.number in history and "−200,000 Toman" in history, history
        screenshot(marketer, "affiliates-journey-wallet-reversed")
        marketer.goto(f"{platform}/marketer/")
        stats = marketer.locator("#stats").inner_text()
        assert re.search(r"Earned commission\s+0 Toman", stats), stats
        assert "Wallet balance: 0 Toman" in marketer.locator("#withdrawals").inner_text()
        assert "Reversed" in marketer.locator("#referrals").inner_text()
    finally:
        marketer_context.close()
        shopper_context.close()


# --- 2. Staff: withdrawal, verification, suspension ----------------------------------------------


def _staff_seed(alpha: Market, beta: Market) -> dict:
    staff = User.objects.create_superuser(_mobile(), name="Staff Member")
    marketer = _marketer_make()
    wallet_credit(
        user=marketer.user,
        amount=5_000_000,
        kind=LedgerEntry.Kind.ADJUSTMENT,
        reference="test",
        idempotency_key=f"test:{uuid.uuid4().hex}",
    )
    withdrawal = withdrawal_request(marketer=marketer, amount=3_000_000)
    verification = MarketVerification.objects.filter(market=alpha).first()
    saved = None
    if verification is not None:
        saved = {name: getattr(verification, name) for name in ("status", "reason", "submitted_at", "reviewed_at")} | {
            "reviewed_by_id": verification.reviewed_by_id
        }
    verification, _created = MarketVerification.objects.get_or_create(market=alpha)
    MarketVerification.objects.filter(pk=verification.pk).update(
        status=MarketVerification.Status.PENDING, reason="", submitted_at=timezone.now()
    )
    return {
        "staff": staff,
        "session": _session_cookie(staff),
        "marketer": marketer,
        "withdrawal": withdrawal,
        "verification": verification,
        "verification_saved": saved,
        "beta_status": (beta.status, beta.status_reason),
    }


def _staff_cleanup(alpha: Market, beta: Market, data: dict) -> None:
    beta = Market.objects.get(pk=beta.pk)
    status, reason = data["beta_status"]
    if beta.status != status:
        market_reactivate(market=beta, staff=data["staff"], reason="Test cleanup")
        Market.objects.filter(pk=beta.pk).update(status=status, status_reason=reason)
    saved = data["verification_saved"]
    if saved is None:
        MarketVerification.objects.filter(market=alpha).delete()
    else:
        MarketVerification.objects.filter(market=alpha).update(**saved)
    AuditLogEntry.objects.filter(staff=data["staff"]).delete()
    Notification.objects.filter(user_id__in=[alpha.owner_id, beta.owner_id], created_at__gte=data["started"]).filter(
        event__in=["market_verified", "market_rejected"]
    ).delete()
    _marketer_remove(data["marketer"])
    User.objects.filter(pk=data["staff"].pk).delete()


def _admin_action(page, changelist: str, pk: int, action: str) -> None:
    page.goto(changelist)
    page.locator(f"input.action-select[value='{pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()
    page.wait_for_load_state()


def test_staff_pay_a_withdrawal_verify_a_market_and_suspend_another(
    browser, live_server_url, market_alpha, market_beta
):
    assert market_beta.status == Market.Status.ACTIVE, "the session's beta market should be open"
    started = timezone.now()
    data = committed(_staff_seed, market_alpha, market_beta)
    data["started"] = started
    platform = live_server_url
    beta_shop = live_server_url.replace("localhost", "beta.localhost")
    context = _context(browser)
    context.add_cookies(_cookies(platform, session=data["session"], hosts=("localhost",)))
    page = context.new_page()
    page.set_default_timeout(20_000)
    shopper_context = _context(browser)
    shopper_context.add_cookies(_cookies(platform, hosts=("beta.localhost",)))
    try:
        # A withdrawal request: the money was paid to the IBAN, staff mark it paid.
        withdrawal = data["withdrawal"]
        _admin_action(page, f"{platform}/admin/affiliates/withdrawal/", withdrawal.pk, "approve")
        assert "1 withdrawal decided." in page.locator("ul.messagelist").inner_text()
        row = page.locator("#result_list tr", has=page.locator(f"input.action-select[value='{withdrawal.pk}']"))
        assert "Paid" in row.inner_text()
        screenshot(page, "affiliates-admin-withdrawal-paid")
        assert Withdrawal.objects.get(pk=withdrawal.pk).status == Withdrawal.Status.PAID

        # alpha is waiting for review: staff verify it.
        verification = data["verification"]
        page.goto(f"{platform}/admin/tenants/marketverification/")
        assert "Alpha Shop" in page.locator("#result_list").inner_text()
        _admin_action(page, f"{platform}/admin/tenants/marketverification/", verification.pk, "approve")
        assert "1 market verified." in page.locator("ul.messagelist").inner_text()
        verification.refresh_from_db()
        assert verification.status == MarketVerification.Status.VERIFIED

        # beta is suspended, with a reason on the intermediate page; its storefront closes.
        _admin_action(page, f"{platform}/admin/tenants/market/", market_beta.pk, "suspend")
        assert page.locator("h1").first.inner_text() == "Suspend markets"
        assert "Beta Store" in page.locator("#content").inner_text()
        page.locator("#action-form [name=reason]").fill("Selling counterfeit goods (test)")
        screenshot(page, "tenants-admin-suspend-reason")
        page.locator("#action-form input[name=apply]").click()
        page.wait_for_load_state()
        assert "1 market suspended." in page.locator("ul.messagelist").inner_text()

        # An anonymous shopper, in a browser of their own (no staff session anywhere).
        shopper = shopper_context.new_page()
        response = shopper.goto(f"{beta_shop}/")
        assert response.status == 503
        assert "This shop is temporarily unavailable." in shopper.locator("body").inner_text()
        assert "counterfeit" not in shopper.locator("body").inner_text()  # the reason is for the owner only
        screenshot(shopper, "tenants-beta-suspended")

        # … and reactivated.
        _admin_action(page, f"{platform}/admin/tenants/market/", market_beta.pk, "reactivate")
        assert page.locator("h1").first.inner_text() == "Reactivate markets"
        page.locator("#action-form input[name=apply]").click()
        page.wait_for_load_state()
        assert "1 market reactivated." in page.locator("ul.messagelist").inner_text()
        response = shopper.goto(f"{beta_shop}/")
        assert response.status == 200
        assert "temporarily unavailable" not in shopper.locator("body").inner_text()
        assert Market.objects.get(pk=market_beta.pk).status == Market.Status.ACTIVE
    finally:
        context.close()
        shopper_context.close()
        committed(_staff_cleanup, market_alpha, market_beta, data)
