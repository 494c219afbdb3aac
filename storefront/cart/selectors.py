"""Reads for carts: find the visitor's cart and price it.

Totals are ALWAYS computed here, on the server, from the catalogue's current prices (`price_for`
with the viewer's tier), stock and product relations; nothing the browser sends is trusted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from asoud.core.formatting import digits as local_digits
from storefront.catalog.models import Discount, Product, ProductImage, ProductRelation, ProductVariant
from storefront.catalog.pricing import Price, Tier, price_for

from .models import Cart, CartItem


def isolated(text: str) -> str:
    """A product name inside a sentence, kept in its own direction (a Persian name in English text, or
    a Latin brand in Persian text, would otherwise scramble the quotes around it)."""
    return f"\u2068{text}\u2069"


def cart_session_key() -> str:
    """Where an anonymous visitor's cart id is kept in their session (one per market)."""
    return f"cart:{connection.schema_name}"


def cart_get(*, user, session) -> Cart | None:
    """The signed-in shopper's cart, or the anonymous visitor's cart from the session."""
    if user is not None and user.is_authenticated:
        return Cart.objects.filter(user_id=user.pk).first()
    cart_id = session.get(cart_session_key())
    if not cart_id:
        return None
    return Cart.objects.filter(pk=cart_id, user__isnull=True).first()


def access_cart_item(*, cart: Cart | None, item_id: int) -> CartItem:
    """A line of this cart, or 404: nobody changes another shopper's cart by guessing ids."""
    item = None if cart is None else CartItem.objects.filter(pk=item_id, cart=cart).select_related("product").first()
    if item is None:
        raise Http404
    return item


@dataclass
class CartLine:
    """One line as the shopper sees it: what, how many, at what price, and what is wrong with it."""

    product: Product
    variant: ProductVariant | None
    quantity: int
    price: Price
    available: int
    item: CartItem | None = None
    is_gift: bool = False
    gift_for: Product | None = None
    problem: str = ""

    @property
    def title(self) -> str:
        return self.product.title

    @property
    def variant_title(self) -> str:
        return self.variant.title if self.variant is not None else ""

    @property
    def sku(self) -> str:
        return (self.variant.sku if self.variant is not None else "") or self.product.sku

    @property
    def total(self) -> int:
        return self.price.total

    @property
    def image(self) -> ProductImage | None:
        if self.variant is not None and self.variant.image_id:
            return self.variant.image
        images = getattr(self.product, "cart_images", None)
        return images[0] if images else None


@dataclass
class MissingRequirement:
    """`product` in the cart must be bought with `required`, of which `quantity` more are needed."""

    product: Product
    required: Product
    quantity: int

    @property
    def message(self) -> str:
        return _("“%(product)s” can only be bought together with “%(required)s”: add it to your cart.") % {
            "product": isolated(self.product.title),
            "required": isolated(self.required.title),
        }


@dataclass
class CartSummary:
    cart: Cart | None
    tier: str = Tier.RETAIL
    lines: list[CartLine] = field(default_factory=list)
    gifts: list[CartLine] = field(default_factory=list)
    missing: list[MissingRequirement] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def count(self) -> int:
        """Units the shopper chose (gifts not counted)."""
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def regular_total(self) -> int:
        return sum(line.price.regular * line.quantity for line in self.lines)

    @property
    def saving(self) -> int:
        return sum(line.price.total_saving for line in self.lines)

    @property
    def problems(self) -> list[str]:
        return [line.problem for line in self.lines if line.problem] + [m.message for m in self.missing]

    @property
    def can_checkout(self) -> bool:
        return bool(self.lines) and not self.problems


def cart_summary(*, cart: Cart | None, tier: str = Tier.RETAIL) -> CartSummary:
    """Price every line for `tier`, check stock and availability, find missing required products and
    the gifts that come free (while the gift's stock lasts). A few queries, whatever the cart's size."""
    summary = CartSummary(cart=cart, tier=tier)
    if cart is None:
        return summary
    items = list(
        CartItem.objects.filter(cart=cart)
        .select_related("variant__image")
        .prefetch_related(Prefetch("product", queryset=_products()))
    )
    for item in items:
        summary.lines.append(_line(item, tier))
    summary.missing = _missing_requirements(summary.lines)
    summary.gifts = _gifts(summary.lines, tier)
    return summary


def _products():
    return Product.objects.prefetch_related(
        Prefetch("discounts", queryset=Discount.objects.current(), to_attr="current_discounts"),
        Prefetch("relations", queryset=ProductRelation.objects.select_related("related"), to_attr="cart_relations"),
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="cart_images"),
    )


def _line(item: CartItem, tier: str) -> CartLine:
    product, variant = item.product, item.variant
    available = variant.stock if variant is not None else product.stock
    line = CartLine(
        item=item,
        product=product,
        variant=variant,
        quantity=item.quantity,
        price=price_for(product=product, variant=variant, tier=tier, quantity=item.quantity),
        available=available,
    )
    line.problem = line_problem(product=product, variant=variant, quantity=item.quantity)
    return line


def line_problem(*, product: Product, variant: ProductVariant | None, quantity: int) -> str:
    """Why `quantity` of this product can't be bought now ('' when it can)."""
    return availability_problem(product=product, variant=variant) or stock_problem(
        product=product, variant=variant, quantity=quantity
    )


def availability_problem(*, product: Product, variant: ProductVariant | None) -> str:
    inactive = not product.is_active or (variant is not None and not variant.is_active)
    if inactive or product.has_variants != (variant is not None):
        return _("“%(title)s” is no longer available: remove it to continue.") % {"title": isolated(product.title)}
    return ""


def stock_problem(*, product: Product, variant: ProductVariant | None, quantity: int) -> str:
    available = variant.stock if variant is not None else product.stock
    if quantity <= available:
        return ""
    title = f"{product.title} — {variant.title}" if variant is not None else product.title
    if available <= 0:
        return _("Sorry, “%(title)s” is out of stock.") % {"title": isolated(title)}
    return ngettext(
        "Only %(count)s of “%(title)s” is left in stock.",
        "Only %(count)s of “%(title)s” are left in stock.",
        available,
    ) % {"count": local_digits(available), "title": isolated(title)}


def _relations(product: Product, kind: str) -> list[ProductRelation]:
    relations = getattr(product, "cart_relations", None)
    if relations is None:
        relations = list(product.relations.select_related("related"))
    return [relation for relation in relations if relation.kind == kind]


def _quantities_by_product(lines: list[CartLine]) -> dict[int, int]:
    quantities: dict[int, int] = defaultdict(int)
    for line in lines:
        quantities[line.product.pk] += line.quantity
    return quantities


def _missing_requirements(lines: list[CartLine]) -> list[MissingRequirement]:
    in_cart = _quantities_by_product(lines)
    missing: dict[int, MissingRequirement] = {}
    for line in lines:
        for relation in _relations(line.product, ProductRelation.Kind.REQUIRED):
            short = relation.quantity - in_cart.get(relation.related_id, 0)
            if short > 0 and (relation.related_id not in missing or missing[relation.related_id].quantity < short):
                missing[relation.related_id] = MissingRequirement(line.product, relation.related, short)
    return list(missing.values())


def _gifts(lines: list[CartLine], tier: str) -> list[CartLine]:
    """Free products that come with the ones in the cart, as many as the gift's stock allows.

    A gift with variants is left out (nobody chose which one). Units of the gift the shopper also
    buys are served first.
    """
    wanted: dict[int, int] = defaultdict(int)
    gift_products: dict[int, Product] = {}
    givers: dict[int, Product] = {}
    for line in lines:
        if line.problem:
            continue
        for relation in _relations(line.product, ProductRelation.Kind.GIFT):
            gift = relation.related
            if not gift.is_active or gift.has_variants:
                continue
            wanted[gift.pk] += relation.quantity * line.quantity
            gift_products[gift.pk] = gift
            givers.setdefault(gift.pk, line.product)
    bought = _quantities_by_product(lines)
    gifts = []
    for gift_id, quantity in wanted.items():
        gift = gift_products[gift_id]
        quantity = min(quantity, gift.stock - bought.get(gift_id, 0))
        if quantity > 0:
            regular = price_for(product=gift, tier=tier).regular
            gifts.append(
                CartLine(
                    product=gift,
                    variant=None,
                    quantity=quantity,
                    price=Price(unit=0, regular=regular, quantity=quantity, tier=tier),
                    available=gift.stock,
                    is_gift=True,
                    gift_for=givers[gift_id],
                )
            )
    return gifts
