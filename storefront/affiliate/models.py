from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_RATE_PERCENT = 50


class AffiliateOffer(models.Model):
    """The market pays marketers `rate_percent` of an order's amount for a product, or for a whole category.

    A product's own offer wins over its category's (see selectors.affiliate_rates).
    """

    product = models.OneToOneField(
        "catalog.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="affiliate_offer",
    )
    category = models.OneToOneField(
        "catalog.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="affiliate_offer",
    )
    rate_percent = models.PositiveSmallIntegerField(
        _("commission (%)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RATE_PERCENT)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("affiliate offer")
        verbose_name_plural = _("affiliate offers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(product__isnull=False, category__isnull=True)
                | models.Q(product__isnull=True, category__isnull=False),
                name="affiliate_offer_product_xor_category",
            ),
            models.CheckConstraint(
                condition=models.Q(rate_percent__gte=1, rate_percent__lte=MAX_RATE_PERCENT),
                name="affiliate_offer_rate_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product or self.category}: {self.rate_percent}%"
