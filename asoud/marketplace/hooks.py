"""What the catalogue and the markets call when something the marketplace lists has changed: a refresh
is queued once the change is committed. (Here, not in services.py: the tasks call the services, so
the services must not import the tasks.)"""

from django.db import transaction

from .tasks import index_market, index_product


def listing_product_changed(*, schema_name: str, product_id: int) -> None:
    """Call after a product is created, changed, hidden, deleted, restocked or sold (any schema active)."""
    # robust: with Redis down the product is saved all the same (logged); marketplace.rebuild catches up.
    transaction.on_commit(lambda: index_product.delay(schema_name, product_id), robust=True)


def listing_market_changed(*, schema_name: str) -> None:
    """Call after something touching many products (a category offer, a market opened or suspended)."""
    transaction.on_commit(lambda: index_market.delay(schema_name), robust=True)
