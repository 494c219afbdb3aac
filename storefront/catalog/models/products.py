from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..storage import product_image_path
from .categories import Category


class Keyword(models.Model):
    """A search and SEO term, stored normalised (lowercase, Persian letters unified)."""

    name = models.CharField(_("keyword"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """Something the market sells. Money is integer Rials; what a viewer pays comes from pricing.py."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    # Sanitised HTML (services.products sanitises on every write).
    description = models.TextField(_("description"), blank=True)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), null=True, blank=True)
    price_main = models.BigIntegerField(_("price (Rials)"), default=0)
    price_colleague = models.BigIntegerField(_("colleague price (Rials)"), null=True, blank=True)
    price_marketer = models.BigIntegerField(_("marketer price (Rials)"), null=True, blank=True)
    # With variants, `stock` is the sum of the variants' stock (kept by services.inventory.stock_adjust).
    stock = models.IntegerField(_("stock"), default=0)
    low_stock_threshold = models.PositiveIntegerField(_("low stock threshold"), default=3)
    has_variants = models.BooleanField(_("has variants"), default=False, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    sold_count = models.PositiveIntegerField(_("sold"), default=0)
    keywords = models.ManyToManyField(Keyword, verbose_name=_("keywords"), blank=True, related_name="products")
    # Written by services.products.product_search_reindex (never by signals).
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["is_active", "-created_at"]),
            models.Index(fields=["is_active", "price_main"], name="catalog_product_price_idx"),
            models.Index(fields=["is_active", "-sold_count"], name="catalog_product_sold_idx"),
            models.Index(fields=["updated_at"], name="catalog_product_updated_idx"),
            GinIndex(fields=["search_vector"], name="catalog_product_search_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sku"], condition=~models.Q(sku=""), name="catalog_product_sku_unique"),
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="catalog_product_stock_not_negative"),
            models.CheckConstraint(condition=models.Q(price_main__gte=0), name="catalog_product_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("storefront:product", kwargs={"slug": self.slug})

    @property
    def is_in_stock(self) -> bool:
        return self.stock > 0

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= self.low_stock_threshold


class ProductSpecification(models.Model):
    """One row of the specification table (key and value, in the shop's language)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="specifications")
    name = models.CharField(_("name"), max_length=80)
    value = models.CharField(_("value"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("specification")
        verbose_name_plural = _("specifications")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class ProductImage(models.Model):
    """A product photo with WebP thumbnails made once, when it was uploaded (`thumbnails`: width → file)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=product_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    thumbnails = models.JSONField(default=dict, editable=False)
    alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("product image")
        verbose_name_plural = _("product images")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt or self.image.name

    def thumbnail_url(self, width: int = 640) -> str:
        """The smallest thumbnail at least `width` pixels wide (or the largest there is)."""
        widths = sorted(int(key) for key in self.thumbnails)
        if not widths:
            return self.image.url
        chosen = next((w for w in widths if w >= width), widths[-1])
        return default_storage.url(self.thumbnails[str(chosen)])

    @property
    def srcset(self) -> str:
        return ", ".join(
            f"{default_storage.url(name)} {width}w"
            for width, name in sorted(self.thumbnails.items(), key=lambda item: int(item[0]))
        )


class ProductVariant(models.Model):
    """A buyable version of a product (size, colour…) with its own SKU, stock and optional prices."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    title = models.CharField(_("title"), max_length=120)
    # {"Size": "L", "Colour": "Red"}: option name → value, shown on the picker.
    options = models.JSONField(_("options"), default=dict, blank=True)
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    price_main = models.BigIntegerField(_("price (Rials)"), null=True, blank=True)
    price_colleague = models.BigIntegerField(_("colleague price (Rials)"), null=True, blank=True)
    price_marketer = models.BigIntegerField(_("marketer price (Rials)"), null=True, blank=True)
    stock = models.IntegerField(_("stock"), default=0)
    image = models.ForeignKey(
        ProductImage, verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stock__gte=0), name="catalog_variant_stock_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.title}"

    @property
    def is_in_stock(self) -> bool:
        return self.stock > 0

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= self.product.low_stock_threshold


class ProductRelation(models.Model):
    """`product` must be bought with `related` (required), or comes with `related` free (gift)."""

    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required product")
        GIFT = "gift", _("Gift")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="relations")
    related = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("related product")
        verbose_name_plural = _("related products")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["product", "related", "kind"], name="catalog_relation_unique"),
            models.CheckConstraint(condition=~models.Q(product=models.F("related")), name="catalog_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.product} → {self.related} ({self.kind})"
