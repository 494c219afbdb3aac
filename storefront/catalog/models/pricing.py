from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DiscountQuerySet(models.QuerySet):
    def current(self, at=None):
        at = at or timezone.now()
        return self.filter(is_active=True, starts_at__lte=at).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )


class Discount(models.Model):
    """A time-boxed price cut on a product (or one of its variants), from a minimum quantity."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        FIXED = "fixed", _("Fixed amount")

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="discounts")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, blank=True, on_delete=models.CASCADE, related_name="discounts"
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    # Percent (1–100) or Rials, depending on `kind`.
    value = models.BigIntegerField(_("value"))
    min_quantity = models.PositiveIntegerField(_("minimum quantity"), default=1)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DiscountQuerySet.as_manager()

    class Meta:
        verbose_name = _("discount")
        verbose_name_plural = _("discounts")
        ordering = ["min_quantity", "-value"]
        indexes = [models.Index(fields=["is_active", "starts_at", "ends_at"], name="catalog_discount_window_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="fixed", value__gt=0) | models.Q(kind="percent", value__gt=0, value__lte=100),
                name="catalog_discount_value_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.product} −{self.value}"

    def amount_off(self, price: int) -> int:
        """Rials taken off `price`; the same integer arithmetic as the listing's SQL annotation."""
        if self.kind == self.Kind.PERCENT:
            return price * self.value // 100
        return min(self.value, price)

    def is_current(self, at=None) -> bool:
        at = at or timezone.now()
        return self.is_active and self.starts_at <= at and (self.ends_at is None or self.ends_at > at)


class ColleagueCustomer(models.Model):
    """A business customer the market approved to buy at colleague (B2B) prices."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # Users live in the public schema: no database constraint, and deleting a user leaves this row alone.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    company_name = models.CharField(_("company name"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("colleague customer")
        verbose_name_plural = _("colleague customers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.company_name or str(self.user_id)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
