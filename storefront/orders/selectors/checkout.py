"""Reads for the shopper: checkout, addresses, their orders and how to pay for them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from asoud.accounts.models import Address
from asoud.core.formatting import toman
from asoud.payments.models import Payment
from asoud.payments.zarinpal import ZarinpalClient
from asoud.wallet.selectors import wallet_balance
from storefront.cart.selectors import CartSummary, cart_get, cart_summary
from storefront.catalog.pricing import viewer_tier

from ..models import CheckoutSettings, Order, ShippingMethod


def checkout_settings_get() -> CheckoutSettings:
    """The market's checkout settings (defaults until the owner saves them)."""
    return CheckoutSettings.objects.filter(pk=1).first() or CheckoutSettings(pk=1)


def shipping_method_list(*, active_only: bool = True) -> QuerySet[ShippingMethod]:
    methods = ShippingMethod.objects.all()
    return methods.filter(is_active=True) if active_only else methods


def shipping_method_get(*, method_id) -> ShippingMethod | None:
    if not str(method_id or "").isdigit():
        return None
    return ShippingMethod.objects.filter(pk=method_id, is_active=True).first()


def address_list(*, user) -> QuerySet[Address]:
    return Address.objects.filter(user_id=user.pk)


def address_get(*, user, address_id) -> Address | None:
    if not str(address_id or "").isdigit():
        return None
    return Address.objects.filter(pk=address_id, user_id=user.pk).first()


def order_list(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user_id=user.pk).prefetch_related("items")


def access_order(*, user, number: str) -> Order:
    """The shopper's own order by its number, or 404 (never someone else's)."""
    order = (
        Order.objects.filter(number=number, user_id=getattr(user, "pk", None))
        .prefetch_related("items", "events")
        .first()
    )
    if order is None:
        raise Http404
    return order


@dataclass
class Checkout:
    """What the shopper chose so far, with the cart priced on the server."""

    summary: CartSummary
    address: Address | None = None
    shipping: ShippingMethod | None = None
    payment_method: str = ""

    @property
    def shipping_cost(self) -> int | None:
        return self.shipping.cost_for(self.summary.subtotal) if self.shipping is not None else None

    @property
    def total(self) -> int:
        return self.summary.subtotal + (self.shipping_cost or 0)

    @property
    def payment_method_label(self) -> str:
        return (
            Order.PaymentMethod(self.payment_method).label if self.payment_method in Order.PaymentMethod.values else ""
        )

    @property
    def next_step(self) -> str:
        """The first step still to do: address, shipping, payment, then review."""
        if self.address is None:
            return "address"
        if self.shipping is None:
            return "shipping"
        if not self.payment_method:
            return "payment"
        return "review"


def checkout_get(*, user, state: dict) -> Checkout:
    """The checkout of this shopper from the choices kept in their session (`state`)."""
    cart = cart_get(user=user, session={})
    return Checkout(
        summary=cart_summary(cart=cart, tier=viewer_tier(user)),
        address=address_get(user=user, address_id=state.get("address")),
        shipping=shipping_method_get(method_id=state.get("shipping")),
        payment_method=state.get("payment", ""),
    )


@dataclass(frozen=True)
class PaymentOption:
    value: str
    label: str
    help: str
    enabled: bool = True


def payment_options(*, user, total: int) -> list[PaymentOption]:
    """How this shopper may pay `total` here: online always, cash if the shop accepts it, the wallet
    when its balance is enough (shown either way, with the balance)."""
    methods = Order.PaymentMethod
    options = [PaymentOption(methods.ONLINE, methods.ONLINE.label, _("Pay now with any Shetab bank card."))]
    if checkout_settings_get().allow_cash_on_delivery:
        options.append(
            PaymentOption(methods.CASH, methods.CASH.label, _("Pay in cash or by card reader when it arrives."))
        )
    balance = wallet_balance(user=user)
    enough = balance >= total
    wallet_help = _("Your balance: %(balance)s.") if enough else _("Your balance (%(balance)s) is not enough.")
    options.append(
        PaymentOption(methods.WALLET, methods.WALLET.label, wallet_help % {"balance": toman(balance)}, enough)
    )
    return options


def order_payment_resume_url(*, order: Order) -> str:
    """The gateway's payment page of a PENDING online order whose payment is still open ('' otherwise):
    a shopper who closed the gateway's tab can go back and pay before the reservation runs out."""
    if order.status != Order.Status.PENDING or order.payment_method != Order.PaymentMethod.ONLINE:
        return ""
    payment = Payment.objects.filter(pk=order.payment_id, status=Payment.Status.PENDING).exclude(authority=None).first()
    return ZarinpalClient().start_pay_url(payment.authority) if payment is not None else ""
