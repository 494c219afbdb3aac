from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Listing(models.Model):
    """One active product of an active market, copied out of the market's schema for cross-market search.

    Written only by asoud.marketplace.services (Celery tasks and `manage.py marketplace_rebuild`):
    eventually consistent with the catalogue. `product_id` is an id in the market's schema, so every
    query filters by `market` too.
    """

    market = models.ForeignKey(
        "tenants.Market", verbose_name=_("market"), on_delete=models.CASCADE, related_name="marketplace_listings"
    )
    product_id = models.BigIntegerField(_("product id"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.CharField(_("slug"), max_length=220)
    price = models.BigIntegerField(_("price (Rials)"))
    price_marketer = models.BigIntegerField(_("marketer price (Rials)"))
    image_url = models.CharField(_("image"), max_length=500, blank=True)
    market_name = models.CharField(_("market name"), max_length=120)
    market_slug = models.CharField(_("market address"), max_length=30)
    market_host = models.CharField(_("market host"), max_length=253)
    category_name = models.CharField(_("category"), max_length=120, blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    commission_percent = models.PositiveSmallIntegerField(_("commission (%)"), null=True, blank=True)
    in_stock = models.BooleanField(_("in stock"), default=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    sold_count = models.PositiveIntegerField(_("sold"), default=0)
    product_created_at = models.DateTimeField(_("product created"))
    updated_at = models.DateTimeField(_("indexed"), auto_now=True)
    # 'simple' configuration over text normalised like the catalogue's own search (see services).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-product_created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["market", "product_id"], name="marketplace_listing_unique")]
        indexes = [
            GinIndex(fields=["search_vector"], name="marketplace_listing_search"),
            models.Index(fields=["-product_created_at"], name="marketplace_listing_newest"),
            models.Index(fields=["price"], name="marketplace_listing_price"),
            models.Index(fields=["-sold_count"], name="marketplace_listing_sold"),
            models.Index(
                fields=["-sold_count"],
                condition=models.Q(commission_percent__isnull=False),
                name="marketplace_listing_affiliate",
            ),
            models.Index(fields=["category_name"], name="marketplace_listing_category"),
        ]

    def __str__(self) -> str:
        return f"{self.market_slug}: {self.title}"

    @property
    def product_path(self) -> str:
        """The product's address on the market's own host (storefront.catalog.urls: `p/<slug>/`)."""
        return f"/p/{self.slug}/"

    def commission_amount(self) -> int:
        """What a marketer earns on one sale at the main price (Rials)."""
        return self.price * (self.commission_percent or 0) // 100
