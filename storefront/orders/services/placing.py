"""Placing an order: one transaction that prices the cart on the server, reserves the stock, writes the
order with its snapshot and empties the cart (and, for the wallet, pays at once)."""

from __future__ import annotations

from dataclasses import dataclass

import jdatetime
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.accounts.models import Address
from asoud.observability import metrics
from asoud.payments.services import payment_record_cash
from asoud.wallet.services import payment_pay_with_wallet
from storefront.cart.models import Cart
from storefront.cart.selectors import CartLine, cart_summary, stock_problem
from storefront.cart.services import cart_clear
from storefront.catalog.models import Product, ProductVariant, StockMovement
from storefront.catalog.pricing import viewer_tier
from storefront.catalog.services import stock_adjust

from ..models import Order, OrderEvent, OrderItem, ShippingMethod
from ..selectors import checkout_settings_get
from .notifications import _announce
from .transitions import NOTE_NOTHING_TO_PAY, NOTE_PAID_WALLET, order_activity_mark, order_transition


@dataclass(frozen=True)
class Reservation:
    line: CartLine

    @property
    def sort_key(self) -> tuple[int, int, bool]:
        # Every checkout locks rows in this order (product id, then variant id): no deadlocks.
        return (self.line.product.pk, self.line.variant.pk if self.line.variant else 0, self.line.is_gift)


@transaction.atomic
def order_place(
    *,
    user,
    cart: Cart,
    address: Address,
    shipping_method: ShippingMethod,
    payment_method: str,
    note: str = "",
) -> Order:
    """Turn the shopper's cart into a PENDING order, or refuse with a ValidationError and change nothing.

    Codes: "empty", "required_missing", "unavailable", "insufficient_stock", "shipping",
    "payment_method"; for the wallet, asoud.wallet.services.InsufficientFunds. Online payments start
    after this transaction commits (services.payments.order_payment_start): no gateway call holds
    the stock rows locked.
    """
    Cart.objects.select_for_update().get(pk=cart.pk)  # a double submit waits here, then finds the cart empty
    tier = viewer_tier(user)
    summary = cart_summary(cart=cart, tier=tier)
    _check(summary, shipping_method=shipping_method, payment_method=payment_method, address=address, user=user)
    shipping_cost = shipping_method.cost_for(summary.subtotal)
    order = Order.objects.create(
        user_id=user.pk,
        payment_method=payment_method,
        tier=tier,
        subtotal=summary.subtotal,
        discount_total=summary.saving,
        shipping_cost=shipping_cost,
        total=summary.subtotal + shipping_cost,
        shipping_method=shipping_method,
        shipping_name=shipping_method.name,
        shipping_kind=shipping_method.kind,
        receiver_name=address.receiver_name,
        receiver_mobile=address.receiver_mobile,
        province=address.province,
        city=address.city,
        street=address.street,
        postal_code=address.postal_code,
        note=note.strip()[:500],
    )
    order.number = order_number_for(order)
    order.save(update_fields=["number"])
    reserved = _reserve(order, summary.lines + summary.gifts, user=user)
    OrderItem.objects.bulk_create(_item(order, line, quantity) for line, quantity in reserved)
    OrderEvent.objects.create(order=order, from_status="", to_status=Order.Status.PENDING, actor_id=user.pk)
    cart_clear(cart=cart)
    order_activity_mark()
    if payment_method != Order.PaymentMethod.ONLINE or order.total == 0:
        # Cash and wallet orders are settled now; an online one only once its payment is verified
        # (order_on_paid): a shopper whose payment fails is never told the order was placed.
        _announce(order, "order_placed")
    _pay_now(order, user=user)
    metrics.order_placed(payment_method=payment_method)
    return order


def order_number_for(order: Order) -> str:
    """ "1405-000123": the Jalali year and the order's id, unique within the market."""
    year = jdatetime.date.fromgregorian(date=timezone.localdate(order.created_at)).year
    return f"{year}-{order.pk:06d}"


def _check(summary, *, shipping_method, payment_method, address, user) -> None:
    if summary.is_empty:
        raise ValidationError(_("Your cart is empty."), code="empty")
    if summary.missing:
        raise ValidationError([ValidationError(m.message, code="required_missing") for m in summary.missing])
    problems = [
        ValidationError(line.problem, code="insufficient_stock" if _is_stock_problem(line) else "unavailable")
        for line in summary.lines
        if line.problem
    ]
    if problems:
        raise ValidationError(problems)
    if not shipping_method.is_active:
        raise ValidationError(_("This delivery method is no longer offered: choose another."), code="shipping")
    if payment_method not in Order.PaymentMethod.values:
        raise ValidationError(_("Choose how you want to pay."), code="payment_method")
    if payment_method == Order.PaymentMethod.CASH and not checkout_settings_get().allow_cash_on_delivery:
        raise ValidationError(_("This shop does not accept cash on delivery."), code="payment_method")
    if address.user_id != user.pk:
        raise ValidationError(_("Choose one of your addresses."), code="address")


def _is_stock_problem(line: CartLine) -> bool:
    return line.problem == stock_problem(product=line.product, variant=line.variant, quantity=line.quantity)


def _reserve(order: Order, lines: list[CartLine], *, user) -> list[tuple[CartLine, int]]:
    """Take the stock of every line, locking rows in one global order. Bought items must all be there
    (else ValidationError "insufficient_stock" and the whole order is undone); gifts come while their
    stock lasts."""
    reserved = []
    for reservation in sorted((Reservation(line) for line in lines), key=lambda r: r.sort_key):
        line = reservation.line
        quantity = line.quantity
        if line.is_gift:
            stock = Product.objects.select_for_update().values_list("stock", flat=True).get(pk=line.product.pk)
            quantity = min(quantity, stock)
            if quantity <= 0:
                continue
        try:
            stock_adjust(
                product=line.product,
                variant=line.variant,
                delta=-quantity,
                reason=StockMovement.Reason.GIFT if line.is_gift else StockMovement.Reason.SALE,
                user=user,
                note=_("Order %(number)s") % {"number": order.number},
            )
        except ValidationError as error:
            if getattr(error, "code", None) != "insufficient_stock":
                raise
            raise _not_enough_stock(line) from error
        reserved.append((line, quantity))
    return reserved


def _not_enough_stock(line: CartLine) -> ValidationError:
    """Someone else bought it first: say so with the stock there is now."""
    product = Product.objects.get(pk=line.product.pk)
    variant = ProductVariant.objects.get(pk=line.variant.pk) if line.variant is not None else None
    message = stock_problem(product=product, variant=variant, quantity=line.quantity)
    return ValidationError(message or _("Sorry, there is not enough stock for your order."), code="insufficient_stock")


def _item(order: Order, line: CartLine, quantity: int) -> OrderItem:
    unit = 0 if line.is_gift else line.price.unit
    return OrderItem(
        order=order,
        product=line.product,
        variant=line.variant,
        title=line.title,
        variant_title=line.variant_title,
        sku=line.sku,
        quantity=quantity,
        unit_price=unit,
        regular_price=line.price.regular,
        discount_per_unit=line.price.regular - unit,
        tier=line.price.tier,
        is_gift=line.is_gift,
        line_total=unit * quantity,
    )


def _pay_now(order: Order, *, user) -> None:
    """Nothing to pay, the wallet (in this transaction) or cash on delivery (a pending payment)."""
    market = connection.tenant
    if order.total == 0:
        order.paid_at = timezone.now()
        order.save(update_fields=["paid_at"])
        order_transition(order=order, to_status=Order.Status.VERIFIED, actor=None, note=NOTE_NOTHING_TO_PAY)
    elif order.payment_method == Order.PaymentMethod.WALLET:
        payment = payment_pay_with_wallet(
            market=market,
            order_id=order.pk,
            order_number=order.number,
            amount=order.total,
            user=user,
            description=_("Order %(number)s at %(market)s") % {"number": order.number, "market": market.name},
        )
        order.payment_id, order.paid_at = payment.pk, payment.paid_at
        order.save(update_fields=["payment_id", "paid_at"])
        order_transition(order=order, to_status=Order.Status.VERIFIED, actor=None, note=NOTE_PAID_WALLET)
    elif order.payment_method == Order.PaymentMethod.CASH:
        payment = payment_record_cash(
            market=market, order_id=order.pk, order_number=order.number, amount=order.total, user=user
        )
        order.payment_id = payment.pk
        order.save(update_fields=["payment_id"])
