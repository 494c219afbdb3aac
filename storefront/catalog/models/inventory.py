from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StockMovement(models.Model):
    """One change of stock: who, when, why, by how much, and the quantity after it (append-only)."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("Initial stock")
        RESTOCK = "restock", _("Restock")
        SALE = "sale", _("Sale")
        RETURN = "return", _("Return")
        CORRECTION = "correction", _("Correction")
        DAMAGE = "damage", _("Damaged or lost")
        GIFT = "gift", _("Given as a gift")

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="stock_movements")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, blank=True, on_delete=models.PROTECT, related_name="stock_movements"
    )
    delta = models.IntegerField(_("change"))
    quantity_after = models.IntegerField(_("quantity after"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    # The user lives in the public schema; keep the id even if the account goes away.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.delta:+d} → {self.quantity_after}"
