"""Checkout steps as a shopper goes through them: sign-in, address, delivery, payment, review, place."""

import re

import pytest

from asoud.accounts.models import Address
from storefront.cart.tests.factories import address_make, product_make, requires
from storefront.catalog.services import stock_adjust
from storefront.orders.demo import checkout_seed
from storefront.orders.models import Order, ShippingMethod
from storefront.orders.selectors import checkout_settings_get
from storefront.orders.services import checkout_settings_update

from .helpers import cart_with, checkout_through_pages

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    """The page's text with spaces collapsed and the bidi isolates around names and numbers left out."""
    return re.sub(r"[\u2066-\u2069]", "", re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def ready(signed_in, shopper, methods):
    """A signed-in shopper with a kettle (185,000 Toman) in the cart and a saved address."""
    kettle = product_make(title="Steel kettle", price=1_850_000, stock=5)
    cart_with(shopper, (kettle, 1))
    return {"client": signed_in, "kettle": kettle, "address": address_make(shopper), **methods}


def test_checkout_needs_sign_in(shop):
    response = shop.get("/checkout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/checkout/"


def test_an_empty_cart_goes_back_to_the_cart(signed_in):
    response = signed_in.get("/checkout/address/")
    assert response["Location"] == "/cart/"
    assert "Your cart is empty." in text(signed_in.get("/cart/"))


def test_checkout_refuses_a_cart_missing_a_required_product(signed_in, shopper, methods):
    printer, cartridge = product_make(title="Printer"), product_make(title="Ink cartridge")
    requires(printer, cartridge)
    cart = cart_with(shopper, (printer, 1))
    cart.items.filter(product=cartridge).delete()
    response = signed_in.get("/checkout/address/")
    assert response["Location"] == "/cart/"
    page = text(signed_in.get("/cart/"))
    assert "Please fix the problems in your cart first." in page
    assert "“Printer” can only be bought together with “Ink cartridge”" in page


def test_start_goes_to_the_first_step_left(ready):
    client = ready["client"]
    assert client.get("/checkout/")["Location"] == "/checkout/address/"
    client.post("/checkout/address/", {"address": ready["address"].pk})
    assert client.get("/checkout/")["Location"] == "/checkout/shipping/"
    assert client.get("/checkout/review/")["Location"] == "/checkout/shipping/"


def test_address_step_lists_saved_addresses_and_validates_a_new_one(ready, shopper):
    client = ready["client"]
    page = text(client.get("/checkout/address/"))
    assert "Where should we deliver?" in page and "Valiasr St., No. 12" in page
    assert f'value="{ready["address"].pk}" checked' in page

    response = client.post("/checkout/address/", {"address": "999999"})
    assert response.status_code == 200 and "Choose one of your addresses or add a new one." in text(response)

    response = client.post(
        "/checkout/address/", {"address": "new", "new-receiver_name": "Ali", "new-postal_code": "12"}
    )
    assert response.status_code == 200
    assert "This field is required." in text(response)

    new = {
        "address": "new",
        "new-receiver_name": "Ali Rezaei",
        "new-receiver_mobile": "09123334455",
        "new-province": "Isfahan",
        "new-city": "Isfahan",
        "new-street": "Chaharbagh St.",
        "new-postal_code": "8143614131",
    }
    response = client.post("/checkout/address/", new)
    assert response["Location"] == "/checkout/shipping/"
    saved = Address.objects.get(user=shopper, receiver_name="Ali Rezaei")
    assert saved.receiver_mobile == "+989123334455"
    assert f'value="{saved.pk}" checked' in text(client.get("/checkout/address/"))


def test_a_first_address_is_asked_for_directly(signed_in, shopper, methods):
    cart_with(shopper, (product_make(), 1))
    page = text(signed_in.get("/checkout/address/"))
    assert 'name="address" value="new"' in page and "new-receiver_name" in page


def test_shipping_step_shows_costs_and_previews_the_total_with_htmx(ready):
    client = ready["client"]
    client.post("/checkout/address/", {"address": ready["address"].pk})
    page = text(client.get("/checkout/shipping/"))
    assert "Express post" in page and "45,000 Toman" in page
    assert "Courier" in page and "60,000 Toman" in page and "Free for orders from 2,000,000 Toman" in page
    assert "Pickup at the shop" in page

    fragment = client.get("/checkout/shipping/", {"shipping": ready["post"].pk}, **HTMX)
    assert fragment.text.lstrip().startswith('<aside id="checkout-summary"') and "<html" not in fragment.text
    assert 'id="checkout-total">230,000 Toman' in text(fragment)  # 185,000 + 45,000
    assert 'id="checkout-total">185,000 Toman' in text(
        client.get("/checkout/shipping/", {"shipping": ready["pickup"].pk}, **HTMX)
    )

    response = client.post("/checkout/shipping/", {"shipping": "12345"})
    assert "Choose one of the delivery methods shown." in text(response)
    assert client.post("/checkout/shipping/", {"shipping": ready["post"].pk})["Location"] == "/checkout/payment/"


def test_free_delivery_above_the_amount(signed_in, shopper, methods):
    cart_with(shopper, (product_make(price=25_000_000), 1))
    address = address_make(shopper)
    signed_in.post("/checkout/address/", {"address": address.pk})
    page = text(signed_in.get("/checkout/shipping/"))
    courier = re.search(r"Courier.*?choice-price\">(.*?)</span>", page).group(1)
    assert "Free" in courier


def test_payment_step_offers_what_the_shop_and_the_wallet_allow(ready):
    client = ready["client"]
    client.post("/checkout/address/", {"address": ready["address"].pk})
    client.post("/checkout/shipping/", {"shipping": ready["post"].pk})
    page = text(client.get("/checkout/payment/"))
    assert "Online payment (Zarinpal)" in page and "Cash on delivery" in page
    assert "Your balance (0 Toman) is not enough." in page and 'value="wallet" disabled' in page
    assert "This payment method is not available" in text(client.post("/checkout/payment/", {"payment": "wallet"}))

    checkout_settings_update(allow_cash_on_delivery=False)
    page = text(client.get("/checkout/payment/"))
    assert "Cash on delivery" not in page
    assert "This payment method is not available" in text(client.post("/checkout/payment/", {"payment": "cash"}))
    assert client.post("/checkout/payment/", {"payment": "online"})["Location"] == "/checkout/review/"


def test_review_shows_everything_before_placing(ready):
    client = ready["client"]
    client.post("/checkout/address/", {"address": ready["address"].pk})
    client.post("/checkout/shipping/", {"shipping": ready["post"].pk})
    client.post("/checkout/payment/", {"payment": "cash"})
    page = text(client.get("/checkout/review/"))
    assert "Valiasr St., No. 12" in page and "Express post" in page and "Cash on delivery" in page
    assert 'id="review-total">230,000 Toman' in page and "Place order" in page


def test_placing_a_cash_order(ready, shopper):
    client = ready["client"]
    response = checkout_through_pages(client, address=ready["address"], method=ready["post"], payment="cash")
    order = Order.objects.get(user_id=shopper.pk)
    assert response["Location"] == f"/orders/{order.number}/"
    assert re.fullmatch(r"14\d\d-\d{6}", order.number)
    assert order.status == Order.Status.PENDING and order.payment_method == "cash" and order.payment_id
    assert (order.subtotal, order.shipping_cost, order.total) == (1_850_000, 450_000, 2_300_000)
    assert order.note == "Ring twice" and order.street == "Valiasr St., No. 12"
    page = text(client.get(response["Location"]))
    assert "Thank you! Your order is placed; you pay when it arrives." in page
    assert f"Order {order.number}" in page and "230,000 Toman" in page
    ready["kettle"].refresh_from_db()
    assert ready["kettle"].stock == 4
    assert "Your cart is empty" in text(client.get("/cart/"))
    # The session's checkout choices are gone: a new checkout starts from the address again.
    cart_with(shopper, (ready["kettle"], 1))
    assert client.get("/checkout/")["Location"] == "/checkout/address/"


def test_placing_when_stock_ran_out_meanwhile(ready, shopper):
    client = ready["client"]
    client.post("/checkout/address/", {"address": ready["address"].pk})
    client.post("/checkout/shipping/", {"shipping": ready["post"].pk})
    client.post("/checkout/payment/", {"payment": "cash"})
    stock_adjust(product=ready["kettle"], delta=-5, reason="sale")  # someone else bought them all
    response = client.post("/checkout/place/")
    assert response["Location"] == "/cart/"
    assert "Sorry, “Steel kettle” is out of stock." in text(client.get("/cart/"))
    assert not Order.objects.exists()


def test_demo_markets_get_delivery_methods_and_cash_on_delivery(in_alpha):
    checkout_seed(market=in_alpha)
    checkout_seed(market=in_alpha)  # safe to run again
    kinds = sorted(ShippingMethod.objects.values_list("kind", flat=True))
    assert kinds == ["flat", "free_above", "pickup"]
    assert checkout_settings_get().allow_cash_on_delivery
