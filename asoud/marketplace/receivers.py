"""Receivers of the tenants layer's signals (connected in MarketplaceConfig.ready)."""

from tenants.signals import market_listing_changed

from .hooks import listing_market_changed


def _market_listing_changed(sender, *, schema_name: str, **kwargs) -> None:
    listing_market_changed(schema_name=schema_name)


def connect_receivers() -> None:
    market_listing_changed.connect(_market_listing_changed, dispatch_uid="marketplace.market_listing_changed")
