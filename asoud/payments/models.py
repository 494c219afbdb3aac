from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .zarinpal import zarinpal_message


class Payment(models.Model):
    """One attempt to collect money for a market's order (or a wallet top-up on the platform).

    A public row that refers to tenant data: `market` plus the order's id and number; every query
    filters by market. Amounts are integer Rials.
    """

    class Method(models.TextChoices):
        ONLINE = "online", _("Online (Zarinpal)")
        CASH = "cash", _("Cash on delivery")
        WALLET = "wallet", _("Wallet")

    class Status(models.TextChoices):
        INITIATED = "initiated", _("Initiated")
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    class Purpose(models.TextChoices):
        ORDER = "order", _("Order")
        WALLET_TOPUP = "wallet_topup", _("Wallet top-up")
        SUBSCRIPTION = "subscription", _("Market subscription")

    market = models.ForeignKey(
        "tenants.Market", verbose_name=_("market"), on_delete=models.PROTECT, related_name="payments"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.ORDER)
    order_id = models.BigIntegerField(_("order id"), null=True, blank=True)
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    amount = models.BigIntegerField(_("amount (Rials)"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.ONLINE)
    gateway = models.CharField(_("gateway"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INITIATED)
    description = models.CharField(_("description"), max_length=255, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    callback_url = models.URLField(_("return address"), max_length=500, blank=True)
    authority = models.CharField(_("authority"), max_length=64, unique=True, null=True, blank=True)
    ref_id = models.CharField(_("reference id"), max_length=40, blank=True)
    card_pan = models.CharField(_("card"), max_length=32, blank=True)
    card_hash = models.CharField(_("card hash"), max_length=128, blank=True)
    fee = models.BigIntegerField(_("gateway fee (Rials)"), null=True, blank=True)
    error_code = models.IntegerField(_("error code"), null=True, blank=True)
    error_message = models.CharField(_("gateway message"), max_length=255, blank=True)
    # What we sent and what came back, for audits and disputes (the merchant code is left out).
    raw_request = models.JSONField(_("gateway request"), default=dict, blank=True)
    raw_response = models.JSONField(_("gateway response"), default=dict, blank=True)
    raw_verify = models.JSONField(_("verification response"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["market", "order_id"], name="payment_market_order"),
            models.Index(fields=["market", "status", "-created_at"], name="payment_market_status"),
            models.Index(fields=["status", "created_at"], name="payment_status_created"),
            models.Index(fields=["user", "-created_at"], name="payment_user_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.order_number or self.get_purpose_display()} ({self.get_status_display()})"

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.PAID

    @property
    def is_settled(self) -> bool:
        """Nothing more will happen to this payment by itself."""
        return self.status in (self.Status.PAID, self.Status.REFUNDED)

    @property
    def failure_message(self) -> str:
        """Why the payment did not go through, in the visitor's language ('' when it did)."""
        if self.status == self.Status.CANCELLED:
            return str(_("The payment was cancelled."))
        if self.status != self.Status.FAILED:
            return ""
        return zarinpal_message(self.error_code)
