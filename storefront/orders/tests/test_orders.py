"""Orders after placing: the snapshot, the status machine with its history, the shopper's pages."""

import re

import pytest
from django.core.exceptions import ValidationError

from asoud.core.testing import persian
from asoud.payments.models import Payment
from asoud.wallet.selectors import wallet_balance
from storefront.cart.services import cart_item_add
from storefront.cart.tests.factories import (
    address_make,
    colleague_make,
    gift,
    percent_off,
    product_make,
    shopper_make,
    variant_make,
)
from storefront.catalog.models import StockMovement
from storefront.orders.models import Order, OrderEvent
from storefront.orders.services import order_place, order_transition, transitions_allowed

from .helpers import cart_with, place

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
S = Order.Status


def text(response) -> str:
    """The page's text with spaces collapsed and the bidi isolates around names and numbers left out."""
    return re.sub(r"[\u2066-\u2069]", "", re.sub(r"\s+", " ", response.content.decode()))


def test_an_order_keeps_a_snapshot_that_later_changes_never_touch(shopper, post_method):
    kettle = product_make(title="Steel kettle", price=2_000_000, stock=10, sku="KT-1")
    percent_off(kettle, 10)
    shirt = product_make(title="Shirt", stock=0)
    large = variant_make(shirt, title="Large", stock=3, price=900_000)
    mug = product_make(title="Enamel mug", price=1_200_000, stock=5)
    gift(kettle, mug)
    colleague_make(shopper)
    address = address_make(shopper)
    shirt.refresh_from_db()
    cart = cart_with(shopper, (kettle, 2))
    cart_item_add(cart=cart, product=shirt, variant=large, quantity=1)
    order = order_place(user=shopper, cart=cart, address=address, shipping_method=post_method, payment_method="cash")

    items = {item.title: item for item in order.items.all()}
    assert items["Steel kettle"].unit_price == 1_800_000 and items["Steel kettle"].regular_price == 2_000_000
    assert items["Steel kettle"].discount_per_unit == 200_000 and items["Steel kettle"].sku == "KT-1"
    assert items["Steel kettle"].tier == "colleague" and items["Steel kettle"].line_total == 3_600_000
    assert items["Shirt"].variant_title == "Large" and items["Shirt"].unit_price == 900_000
    assert items["Enamel mug"].is_gift and items["Enamel mug"].unit_price == 0 and items["Enamel mug"].quantity == 2
    assert (order.subtotal, order.discount_total, order.shipping_cost, order.total) == (
        4_500_000,
        400_000,
        450_000,
        4_950_000,
    )
    assert order.tier == "colleague" and order.shipping_name == "Express post"

    # The shop changes prices, names and delivery costs; the shopper edits their address.
    kettle.price_main, kettle.title = 9_000_000, "New kettle"
    kettle.save()
    post_method.cost, post_method.name = 999_000, "Renamed post"
    post_method.save()
    address.street = "Somewhere else"
    address.save()

    order.refresh_from_db()
    again = {item.title: item for item in order.items.all()}
    assert again["Steel kettle"].unit_price == 1_800_000 and order.total == 4_950_000
    assert order.shipping_name == "Express post" and order.street == "Valiasr St., No. 12"
    movements = StockMovement.objects.filter(reason__in=["sale", "gift"]).values_list(
        "product__title", "delta", "reason"
    )
    assert sorted(movements) == [("Enamel mug", -2, "gift"), ("New kettle", -2, "sale"), ("Shirt", -1, "sale")]


def test_allowed_transitions_are_recorded_with_who_and_when(shopper, post_method):
    owner = shopper_make(name="Owner")
    order = place(shopper, (product_make(stock=5), 1), method=post_method)
    assert transitions_allowed(order) == [S.VERIFIED, S.CANCELLED]

    order_transition(order=order, to_status=S.VERIFIED, actor=owner, note="Accepted")
    with pytest.raises(ValidationError) as refused:
        order_transition(order=order, to_status=S.SHIPPED, actor=owner)
    assert refused.value.code == "tracking_code_required"
    order_transition(order=order, to_status=S.SHIPPED, actor=owner, tracking_code="  IR123456789  ")
    order_transition(order=order, to_status=S.COMPLETED, actor=owner)

    order.refresh_from_db()
    assert order.status == S.COMPLETED and order.tracking_code == "IR123456789" and order.is_paid
    history = list(OrderEvent.objects.filter(order=order).values_list("from_status", "to_status", "actor_id", "note"))
    assert history == [
        ("", S.PENDING, shopper.pk, ""),
        (S.PENDING, S.VERIFIED, owner.pk, "Accepted"),
        (S.VERIFIED, S.SHIPPED, owner.pk, ""),
        (S.SHIPPED, S.COMPLETED, owner.pk, ""),
    ]
    # Cash on delivery is collected when the order is completed.
    assert Payment.objects.get(pk=order.payment_id).status == Payment.Status.PAID


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [
        ([], S.SHIPPED),
        ([], S.COMPLETED),
        ([], S.REFUNDED),
        ([S.CANCELLED], S.VERIFIED),
        ([S.CANCELLED], S.PENDING),
        ([S.VERIFIED], S.PENDING),
    ],
)
def test_forbidden_transitions_change_nothing(shopper, post_method, path, forbidden):
    order = place(shopper, (product_make(stock=5), 1), method=post_method)
    for status in path:
        order_transition(order=order, to_status=status, actor=None)
    events = OrderEvent.objects.filter(order=order).count()
    with pytest.raises(ValidationError) as refused:
        order_transition(order=order, to_status=forbidden, actor=None, tracking_code="X1")
    assert refused.value.code in ("transition_not_allowed", "not_paid")
    order.refresh_from_db()
    assert order.status == (path[-1] if path else S.PENDING)
    assert OrderEvent.objects.filter(order=order).count() == events


def test_cancelling_gives_the_stock_back_once(shopper, post_method):
    kettle = product_make(stock=5)
    order = place(shopper, (kettle, 2), method=post_method)
    kettle.refresh_from_db()
    assert kettle.stock == 3
    order_transition(order=order, to_status=S.CANCELLED, actor=shopper)
    kettle.refresh_from_db()
    assert kettle.stock == 5
    with pytest.raises(ValidationError):
        order_transition(order=order, to_status=S.CANCELLED, actor=shopper)
    kettle.refresh_from_db()
    assert kettle.stock == 5
    assert StockMovement.objects.filter(product=kettle, reason="return").count() == 1


def test_a_paid_order_is_refunded_to_the_wallet_not_cancelled(shopper, post_method):
    from asoud.wallet.models import LedgerEntry
    from asoud.wallet.services import wallet_credit

    wallet_credit(
        user=shopper, amount=5_000_000, kind=LedgerEntry.Kind.TOPUP, reference="t", idempotency_key=f"t{shopper.pk}"
    )
    kettle = product_make(price=1_000_000, stock=5)
    order = place(shopper, (kettle, 1), method=post_method, payment=Order.PaymentMethod.WALLET)
    assert order.status == S.VERIFIED and wallet_balance(user=shopper) == 5_000_000 - 1_450_000
    with pytest.raises(ValidationError) as refused:
        order_transition(order=order, to_status=S.CANCELLED, actor=None)
    assert refused.value.code == "paid"

    order_transition(order=order, to_status=S.REFUNDED, actor=None, note="Damaged in the shop")
    order.refresh_from_db()
    kettle.refresh_from_db()
    assert order.status == S.REFUNDED and kettle.stock == 5  # not shipped: back on the shelf
    assert wallet_balance(user=shopper) == 5_000_000
    assert Payment.objects.get(pk=order.payment_id).status == Payment.Status.REFUNDED


def test_refunding_a_cash_order_moves_no_wallet_money(shopper, post_method):
    order = place(shopper, (product_make(stock=5), 1), method=post_method)
    with pytest.raises(ValidationError):
        order_transition(order=order, to_status=S.REFUNDED, actor=None)  # nothing was paid yet
    for status in (S.VERIFIED, S.SHIPPED, S.COMPLETED, S.REFUNDED):
        order_transition(order=order, to_status=status, actor=None, tracking_code="T1")
    assert wallet_balance(user=shopper) == 0
    assert Order.objects.get(pk=order.pk).status == S.REFUNDED


def test_shoppers_see_their_orders_and_only_theirs(signed_in, shopper, post_method):
    order = place(shopper, (product_make(title="Steel kettle", price=1_850_000), 2), method=post_method)
    stranger_order = place(shopper_make(), (product_make(), 1), method=post_method)
    page = text(signed_in.get("/orders/"))
    assert f"Order {order.number}" in page and "415,000 Toman" in page and "Pending" in page
    assert stranger_order.number not in page
    assert signed_in.get(f"/orders/{stranger_order.number}/").status_code == 404
    assert signed_in.get(f"/orders/{stranger_order.number}/invoice/").status_code == 404


def test_the_tracking_page_shows_the_history_in_jalali_for_persian(signed_in, shopper, post_method):
    order = place(shopper, (product_make(title="کتری"), 1), method=post_method)
    order_transition(order=order, to_status=S.VERIFIED, actor=None)
    order_transition(order=order, to_status=S.SHIPPED, actor=None, tracking_code="IR998877")
    page = text(signed_in.get(f"/orders/{order.number}/"))
    assert "Shipped" in page and "Confirmed" in page and "IR998877" in page
    import jdatetime

    persian(signed_in)
    page = text(signed_in.get(f"/orders/{order.number}/"))
    year = str(jdatetime.date.today().year).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert year in page and 'dir="rtl"' in page

    fragment = signed_in.get(f"/orders/{order.number}/", **HTMX)
    assert fragment.text.lstrip().startswith('<div id="order-status"') and "<html" not in fragment.text


def test_the_invoice_is_printable(signed_in, shopper, post_method):
    kettle = product_make(title="Steel kettle", price=2_000_000, sku="KT-9")
    percent_off(kettle, 10)
    order = place(shopper, (kettle, 2), method=post_method)
    page = text(signed_in.get(f"/orders/{order.number}/invoice/"))
    assert "Invoice" in page and order.number in page and "KT-9" in page and "@media print" not in page
    assert "orders/shop" in page and "data-print" in page and "js/asoud.js" in page
    assert 'id="invoice-total">405,000 Toman' in page  # 2 × 180,000 + 45,000
    assert "Alpha Shop" in page


def test_shoppers_cancel_a_pending_order_full_page(signed_in, shopper, post_method):
    kettle = product_make(stock=3)
    order = place(shopper, (kettle, 1), method=post_method)
    response = signed_in.post(f"/orders/{order.number}/cancel/")
    assert response["Location"] == f"/orders/{order.number}/"
    page = text(signed_in.get(response["Location"]))
    assert "Your order is cancelled." in page and "Cancelled by the customer." in page
    kettle.refresh_from_db()
    assert kettle.stock == 3


def test_shoppers_cancel_a_pending_order_with_htmx_but_not_a_confirmed_one(signed_in, shopper, post_method):
    order = place(shopper, (product_make(stock=3), 1), method=post_method)
    response = signed_in.post(f"/orders/{order.number}/cancel/", **HTMX)
    page = text(response)
    assert page.lstrip().startswith('<div id="order-status"') and "Cancelled" in page and "Cancel order" not in page
    assert 'hx-swap-oob="innerHTML:#messages"' in page and "Your order is cancelled." in page

    confirmed = place(shopper, (product_make(stock=3), 1), method=post_method)
    order_transition(order=confirmed, to_status=S.VERIFIED, actor=None)
    response = signed_in.post(f"/orders/{confirmed.number}/cancel/", **HTMX)
    assert "This order can no longer be cancelled." in text(response)
    assert Order.objects.get(pk=confirmed.pk).status == S.VERIFIED


def test_orders_need_sign_in(shop):
    assert shop.get("/orders/")["Location"] == "/accounts/login/?next=/orders/"


def test_the_shopper_and_the_owner_hear_about_an_order(
    shopper, post_method, in_alpha, django_capture_on_commit_callbacks
):
    from asoud.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        order = place(shopper, (product_make(price=1_000_000), 1), method=post_method)
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to_status=S.VERIFIED, actor=None)  # cash accepted: not "paid" yet
        order_transition(order=order, to_status=S.SHIPPED, actor=None, tracking_code="IR55")
    sent = {
        (n.user_id, n.event)
        for n in Notification.objects.filter(market_id=in_alpha.pk, context__order_number=order.number)
    }
    assert sent == {
        (shopper.pk, "order_placed_shopper"),
        (in_alpha.owner_id, "order_placed_owner"),
        (shopper.pk, "order_shipped_shopper"),
        (in_alpha.owner_id, "order_shipped_owner"),
    }
    shipped = Notification.objects.get(user_id=shopper.pk, event="order_shipped_shopper")
    assert shipped.context["order_number"] == order.number and shipped.context["tracking_code"] == "IR55"
    assert shipped.context["url"].endswith(f"alpha.localhost:8000/orders/{order.number}/")
