"""Fixtures the fault tests borrow: the Zarinpal emulator, a shopper in market alpha, a shipping method."""

from asoud.payments.tests.sandbox_server import sandbox_server, zarinpal  # noqa: F401
from storefront.cart.tests.conftest import in_alpha, shopper  # noqa: F401
from storefront.orders.tests.conftest import post_method  # noqa: F401
