import pytest

from asoud.payments.tests.sandbox_server import sandbox_server, zarinpal  # noqa: F401
from storefront.cart.tests.conftest import in_alpha, market_client, shop, shopper, signed_in  # noqa: F401
from storefront.orders.models import ShippingMethod
from storefront.orders.services import shipping_method_create


@pytest.fixture
def post_method(in_alpha) -> ShippingMethod:  # noqa: F811 (the imported fixture)
    return shipping_method_create(name="Express post", kind=ShippingMethod.Kind.FLAT, cost=450_000)


@pytest.fixture
def methods(post_method):
    courier = shipping_method_create(
        name="Courier", kind=ShippingMethod.Kind.FREE_ABOVE, cost=600_000, free_above=20_000_000
    )
    pickup = shipping_method_create(name="Pickup at the shop", kind=ShippingMethod.Kind.PICKUP)
    return {"post": post_method, "courier": courier, "pickup": pickup}


@pytest.fixture(scope="session")
def shop_server_url(live_server_url):
    """The real ASGI server on the test database, paying through its own Zarinpal emulator."""
    return live_server_url
