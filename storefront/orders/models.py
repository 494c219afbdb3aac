"""Orders of a market (its own schema): shipping methods, checkout settings, orders and their history.

Money is integer Rials. An order keeps a SNAPSHOT of everything it was placed with (titles, SKUs,
prices, discounts, the tier, the shipping method and the address), so later changes to the
catalogue, the shipping methods or the shopper's address book never alter a past order.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ShippingMethod(models.Model):
    """A way the market delivers: a flat rate, free from an order amount up, or pickup at the shop."""

    class Kind(models.TextChoices):
        FLAT = "flat", _("Flat rate")
        FREE_ABOVE = "free_above", _("Free above an amount")
        PICKUP = "pickup", _("In-store pickup")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.FLAT)
    cost = models.BigIntegerField(_("cost (Rials)"), default=0)
    # FREE_ABOVE: orders of at least this subtotal ship free; below it `cost` applies.
    free_above = models.BigIntegerField(_("free from (Rials)"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="orders_shipping_cost_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(kind="free_above") | models.Q(free_above__gt=0),
                name="orders_shipping_free_above_set",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def cost_for(self, subtotal: int) -> int:
        """What shipping costs for an order of `subtotal` Rials."""
        if self.kind == self.Kind.PICKUP:
            return 0
        if self.kind == self.Kind.FREE_ABOVE and self.free_above is not None and subtotal >= self.free_above:
            return 0
        return self.cost


class CheckoutSettings(models.Model):
    """The market's checkout choices (one row)."""

    allow_cash_on_delivery = models.BooleanField(_("accept cash on delivery"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("checkout settings")
        verbose_name_plural = _("checkout settings")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="orders_checkout_settings_singleton")]

    def __str__(self) -> str:
        return str(_("checkout settings"))


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        VERIFIED = "verified", _("Confirmed")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class PaymentMethod(models.TextChoices):
        ONLINE = "online", _("Online payment (Zarinpal)")
        CASH = "cash", _("Cash on delivery")
        WALLET = "wallet", _("Wallet")

    # "1405-000123": the Jalali year it was placed in and the order's id (unique in this market).
    number = models.CharField(_("order number"), max_length=20, unique=True, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shopper"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    # The public-schema Payment (asoud.payments) that collects this order's money.
    payment_id = models.BigIntegerField(_("payment"), null=True, blank=True)
    tier = models.CharField(_("price tier"), max_length=12)

    subtotal = models.BigIntegerField(_("items (Rials)"))
    discount_total = models.BigIntegerField(_("discounts (Rials)"), default=0)
    shipping_cost = models.BigIntegerField(_("shipping (Rials)"), default=0)
    total = models.BigIntegerField(_("total (Rials)"))

    shipping_method = models.ForeignKey(
        ShippingMethod, verbose_name=_("shipping method"), null=True, blank=True, on_delete=models.SET_NULL
    )
    shipping_name = models.CharField(_("shipping"), max_length=120)
    shipping_kind = models.CharField(_("shipping kind"), max_length=12, choices=ShippingMethod.Kind.choices)
    tracking_code = models.CharField(_("tracking code"), max_length=64, blank=True)

    receiver_name = models.CharField(_("receiver's name"), max_length=150)
    receiver_mobile = models.CharField(_("receiver's mobile"), max_length=16)
    province = models.CharField(_("province"), max_length=60)
    city = models.CharField(_("city"), max_length=60)
    street = models.CharField(_("address"), max_length=300)
    postal_code = models.CharField(_("postal code"), max_length=10)
    note = models.CharField(_("note for the shop"), max_length=500, blank=True)

    # Stock taken for this order when it was placed; set once it is given back (cancel, failure, expiry).
    stock_released_at = models.DateTimeField(_("stock released"), null=True, blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="orders_order_user_idx"),
            models.Index(fields=["status", "-created_at"], name="orders_order_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="orders_order_total_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"number": self.number})

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def is_cancellable_by_shopper(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CANCELLED, self.Status.REFUNDED, self.Status.COMPLETED)


class OrderItem(models.Model):
    """A line of an order, as it was when the order was placed."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    variant_title = models.CharField(_("variant"), max_length=120, blank=True)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.BigIntegerField(_("unit price (Rials)"))
    regular_price = models.BigIntegerField(_("regular price (Rials)"))
    discount_per_unit = models.BigIntegerField(_("discount per unit (Rials)"), default=0)
    tier = models.CharField(_("price tier"), max_length=12)
    is_gift = models.BooleanField(_("gift"), default=False)
    line_total = models.BigIntegerField(_("line total (Rials)"))

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        ordering = ["is_gift", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="orders_item_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.title} × {self.quantity}"


class OrderEvent(models.Model):
    """One step of an order's history (every status change, by order_transition only)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=10, choices=Order.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Order.Status.choices)
    # Who did it (a public-schema user id); empty for the system (payment gateway, expiry task).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '∅'} → {self.to_status}"
