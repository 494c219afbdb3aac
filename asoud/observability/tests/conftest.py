from storefront.cart.tests.conftest import in_alpha, shopper  # noqa: F401
from storefront.orders.tests.conftest import post_method  # noqa: F401
