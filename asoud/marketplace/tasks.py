"""Index maintenance. Tasks take the market's schema name and ids (never model objects)."""

from celery import shared_task

from tenants.models import Market
from tenants.periodic import market_list_due

from .services import listing_index_market, listing_index_product, listing_rebuild


@shared_task(name="marketplace.index_product", queue="analytics", ignore_result=True)
def index_product(schema_name: str, product_id: int) -> bool:
    market = Market.objects.filter(schema_name=schema_name).first()
    if market is None:
        return False
    return listing_index_product(market=market, product_id=product_id)


@shared_task(name="marketplace.index_market", queue="analytics", ignore_result=True)
def index_market(schema_name: str) -> int:
    market = Market.objects.filter(schema_name=schema_name).first()
    if market is None:
        return 0
    return listing_index_market(market=market)


@shared_task(name="marketplace.rebuild", queue="analytics", ignore_result=True)
def rebuild() -> int:
    """Nightly: markets with changes since the last run (and every market once a week: tenants.periodic),
    so the index is right even where a change hook was missed."""
    return listing_rebuild(markets=market_list_due(job="marketplace"))
