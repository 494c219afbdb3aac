"""Writes for carts: add, change, remove, merge an anonymous cart on sign-in, restore a failed order.

Stock is only checked here (a cart reserves nothing); it is reserved when an order is placed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from storefront.catalog.models import Product, ProductRelation, ProductVariant

from .models import Cart, CartItem
from .selectors import availability_problem, cart_get, cart_session_key, isolated, stock_problem

MAX_QUANTITY = 999


@dataclass
class CartAddResult:
    item: CartItem
    # Required products added along with it (product, quantity added).
    added_required: list[tuple[Product, int]] = field(default_factory=list)
    # Required products that have options: the shopper must pick one on the product page.
    choose_required: list[Product] = field(default_factory=list)


def cart_get_or_create(*, user, session) -> Cart:
    """The visitor's cart, created on first use; an anonymous visitor's id is kept in their session."""
    if user is not None and user.is_authenticated:
        cart, _created = Cart.objects.get_or_create(user_id=user.pk)
        return cart
    cart = cart_get(user=None, session=session)
    if cart is None:
        cart = Cart.objects.create()
        session[cart_session_key()] = cart.pk
    return cart


@transaction.atomic
def cart_item_add(
    *, cart: Cart, product: Product, variant: ProductVariant | None = None, quantity: int = 1
) -> CartAddResult:
    """Add `quantity` of a product (or variant), checked against stock. Products it requires are added
    too (as many as it needs); when one of them can't be sold, nothing is added.

    Raises ValidationError (code "unavailable", "insufficient_stock" or "required_unavailable").
    """
    Cart.objects.select_for_update().filter(pk=cart.pk).first()  # one change of this cart at a time
    result = CartAddResult(item=_put(cart, product, variant, quantity))
    _add_required(cart, product, result, seen={product.pk})
    return result


def _put(cart: Cart, product: Product, variant: ProductVariant | None, quantity: int) -> CartItem:
    if quantity < 1:
        raise ValidationError(_("Choose a quantity of at least 1."), code="quantity")
    item = CartItem.objects.filter(cart=cart, product=product, variant=variant).first()
    new_quantity = (item.quantity if item else 0) + quantity
    _check(product, variant, new_quantity)
    if item is None:
        item = CartItem(cart=cart, product=product, variant=variant)
    item.quantity = new_quantity
    item.save()
    return item


def _check(product: Product, variant: ProductVariant | None, quantity: int) -> None:
    if quantity > MAX_QUANTITY:
        raise ValidationError(_("You can order at most %(max)s of one item.") % {"max": MAX_QUANTITY}, code="quantity")
    problem = availability_problem(product=product, variant=variant)
    if problem:
        raise ValidationError(problem, code="unavailable")
    problem = stock_problem(product=product, variant=variant, quantity=quantity)
    if problem:
        raise ValidationError(problem, code="insufficient_stock")


def _add_required(cart: Cart, product: Product, result: CartAddResult, seen: set[int]) -> None:
    relations = ProductRelation.objects.filter(product=product, kind=ProductRelation.Kind.REQUIRED).select_related(
        "related"
    )
    for relation in relations:
        required = relation.related
        if required.pk in seen:
            continue
        seen.add(required.pk)
        have = CartItem.objects.filter(cart=cart, product=required).aggregate(total=Sum("quantity"))["total"] or 0
        short = relation.quantity - have
        if short <= 0:
            continue
        if required.is_active and required.has_variants:
            result.choose_required.append(required)
            continue
        if not required.is_active or required.stock < relation.quantity:
            raise ValidationError(
                _("“%(product)s” can only be bought together with “%(required)s”, which is not available now.")
                % {"product": isolated(product.title), "required": isolated(required.title)},
                code="required_unavailable",
            )
        _put(cart, required, None, short)
        result.added_required.append((required, short))
        _add_required(cart, required, result, seen)


@transaction.atomic
def cart_item_update(*, item: CartItem, quantity: int) -> CartItem | None:
    """Set the quantity of a line (0 removes it), checked against stock."""
    if quantity <= 0:
        item.delete()
        return None
    _check(item.product, item.variant, quantity)
    item.quantity = quantity
    item.save(update_fields=["quantity"])
    return item


def cart_item_remove(*, item: CartItem) -> None:
    item.delete()


@transaction.atomic
def cart_merge(*, user, session) -> Cart | None:
    """Move the anonymous cart of this session into the shopper's own cart (at sign-in).

    Quantities of the same product add up, kept within the stock there is now; the anonymous cart is
    deleted. Returns the shopper's cart, or None when there was nothing to merge.
    """
    key = cart_session_key()
    anonymous = cart_get(user=None, session=session)
    session.pop(key, None)
    if anonymous is None:
        return None
    cart, _created = Cart.objects.get_or_create(user_id=user.pk)
    Cart.objects.select_for_update().filter(pk=cart.pk).first()
    for incoming in anonymous.items.select_related("product", "variant"):
        item = CartItem.objects.filter(cart=cart, product=incoming.product, variant=incoming.variant).first()
        quantity = incoming.quantity + (item.quantity if item else 0)
        available = incoming.variant.stock if incoming.variant else incoming.product.stock
        if available > 0:
            quantity = min(quantity, max(available, item.quantity if item else 0))
        if item is None:
            item = CartItem(cart=cart, product=incoming.product, variant=incoming.variant)
        item.quantity = min(quantity, MAX_QUANTITY)
        item.save()
    anonymous.delete()
    return cart


def cart_clear(*, cart: Cart) -> None:
    cart.items.all().delete()


@transaction.atomic
def cart_lines_restore(*, user, lines: Iterable[tuple[int, int | None, int]]) -> Cart:
    """Put (product id, variant id, quantity) lines back in the shopper's cart: an order that was not
    paid gives its items back, so nobody has to fill the cart again."""
    cart, _created = Cart.objects.get_or_create(user_id=user.pk)
    for product_id, variant_id, quantity in lines:
        item, created = CartItem.objects.get_or_create(
            cart=cart, product_id=product_id, variant_id=variant_id, defaults={"quantity": quantity}
        )
        if not created:
            item.quantity = min(item.quantity + quantity, MAX_QUANTITY)
            item.save(update_fields=["quantity"])
    return cart
