"""What a viewer pays: the ONE place that turns prices, tiers and discounts into a number.

Rules (all amounts integer Rials):
- Each product (or variant) has three prices: main (retail), colleague (B2B) and marketer. A
  variant's empty price falls back to its product's; an empty colleague or marketer price falls
  back to the main price.
- The viewer's tier decides the base: approved colleagues pay the colleague price, everybody else
  the main price (the marketer tier is for the affiliate programme).
- Discounts cut the MAIN price. Of the discounts running now whose minimum quantity is reached (on
  the product, or on this variant), the deepest wins. The viewer pays the lower of their tier's
  base and the discounted main price, so a colleague never pays more than a retail shopper.
- `regular` is the main price: pages strike it through when the viewer pays less.

Templates, listings and (later) the cart all go through `price_for`; the listing's SQL annotation
(`selectors.products_with_effective_price`) mirrors the same arithmetic for sorting and filtering.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ColleagueCustomer, Discount, Product, ProductVariant


class Tier(models.TextChoices):
    RETAIL = "retail", _("Retail")
    COLLEAGUE = "colleague", _("Colleague")
    MARKETER = "marketer", _("Marketer")


@dataclass(frozen=True)
class Price:
    unit: int
    regular: int
    quantity: int = 1
    tier: str = Tier.RETAIL
    discount: Discount | None = None

    @property
    def total(self) -> int:
        return self.unit * self.quantity

    @property
    def saving(self) -> int:
        return max(self.regular - self.unit, 0)

    @property
    def total_saving(self) -> int:
        return self.saving * self.quantity

    @property
    def saving_percent(self) -> int:
        return round(100 * self.saving / self.regular) if self.regular else 0

    @property
    def is_reduced(self) -> bool:
        return self.unit < self.regular


def viewer_tier(user) -> str:
    """The tier of a visitor in the current market: colleague once the market approved them."""
    if user is None or not user.is_authenticated:
        return Tier.RETAIL
    approved = ColleagueCustomer.objects.filter(user_id=user.pk, status=ColleagueCustomer.Status.APPROVED).exists()
    return Tier.COLLEAGUE if approved else Tier.RETAIL


def base_prices(product: Product, variant: ProductVariant | None = None) -> dict[str, int]:
    """Main, colleague and marketer prices of a product or variant, with the fallbacks applied."""
    source = product
    if variant is not None and variant.price_main is not None:
        # A variant with its own main price has its own price list: the product's doesn't apply.
        source = variant
    main = source.price_main
    colleague = _first_set(variant.price_colleague if variant else None, source.price_colleague, main)
    marketer = _first_set(variant.price_marketer if variant else None, source.price_marketer, main)
    return {Tier.RETAIL: main, Tier.COLLEAGUE: colleague, Tier.MARKETER: marketer}


def _first_set(*values: int | None) -> int:
    return next(value for value in values if value is not None)


def current_discounts(product: Product, at=None) -> list[Discount]:
    """Discounts running now: the prefetched `current_discounts` when the selector loaded them."""
    prefetched = getattr(product, "current_discounts", None)
    if prefetched is not None:
        return prefetched
    return list(Discount.objects.current(at).filter(product=product))


def price_for(
    *,
    product: Product,
    variant: ProductVariant | None = None,
    tier: str = Tier.RETAIL,
    quantity: int = 1,
    at=None,
) -> Price:
    quantity = max(int(quantity), 1)
    bases = base_prices(product, variant)
    regular = bases[Tier.RETAIL]
    base = min(bases.get(tier, regular), regular)
    best, best_price = None, regular
    for discount in _applicable(current_discounts(product, at), variant, quantity, at):
        candidate = regular - discount.amount_off(regular)
        if candidate < best_price:
            best, best_price = discount, candidate
    if best is not None and best_price < base:
        return Price(unit=best_price, regular=regular, quantity=quantity, tier=tier, discount=best)
    return Price(unit=base, regular=regular, quantity=quantity, tier=tier)


def _applicable(discounts: Iterable[Discount], variant, quantity: int, at) -> Iterable[Discount]:
    at = at or timezone.now()
    variant_id = variant.pk if variant is not None else None
    for discount in discounts:
        if discount.min_quantity > quantity or not discount.is_current(at):
            continue
        if discount.variant_id is None or discount.variant_id == variant_id:
            yield discount


def quantity_offers(*, product: Product, variant: ProductVariant | None = None, tier: str = Tier.RETAIL) -> list[Price]:
    """ "Buy N or more" prices beyond the single-item price, cheapest threshold first."""
    single = price_for(product=product, variant=variant, tier=tier)
    offers = []
    thresholds = sorted({d.min_quantity for d in current_discounts(product) if d.min_quantity > 1})
    for threshold in thresholds:
        offer = price_for(product=product, variant=variant, tier=tier, quantity=threshold)
        if offer.unit < single.unit and (not offers or offer.unit < offers[-1].unit):
            offers.append(offer)
    return offers


def prices_attach(products: Iterable[Product], *, tier: str) -> list[Product]:
    """Set `product.price` (the single-item Price for this tier) on each product, for templates."""
    products = list(products)
    for product in products:
        product.price = price_for(product=product, tier=tier)
    return products
