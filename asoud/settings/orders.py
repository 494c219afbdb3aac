"""Cart, checkout and orders (storefront.cart, storefront.orders).

base.py star-imports this module at its end, after the payments module.
"""

import environ

# base.py star-imports this module at its end, after payments.py: these names exist already.
from .base import CELERY_BEAT_SCHEDULE, TEMPLATES
from .payments import PAYMENTS_ON_PAID  # one dict, filled in place by each area

env = environ.Env()

# An unpaid online order gives its stock back after this many minutes (once the gateway confirms it
# was not paid).
ORDERS_RESERVATION_MINUTES = env.int("ORDERS_RESERVATION_MINUTES", default=30)
# Failed online payments whose orders may still hold stock are looked at for this long.
ORDERS_RELEASE_LOOKBACK_HOURS = env.int("ORDERS_RELEASE_LOOKBACK_HOURS", default=24)
ORDERS_RELEASE_BATCH = env.int("ORDERS_RELEASE_BATCH", default=500)

# A verified order payment marks the order paid (idempotent, inside the verifying transaction).
PAYMENTS_ON_PAID["order"] = "storefront.orders.services.order_on_paid"

CELERY_BEAT_SCHEDULE["orders-reservations-release"] = {"task": "orders.reservations_release", "schedule": 60.0}

# `mini_cart` (lazy) for the storefront header's cart button.
TEMPLATES[0]["OPTIONS"]["context_processors"].append("storefront.cart.context_processors.mini_cart")
