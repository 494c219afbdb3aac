from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from storefront.catalog.storage import theme_asset_path


class ThemeSettings(models.Model):
    """The market's look (one row): colours, logo, announcement bar and home-page sections.

    Both documents have the same shape and are validated by `schema.theme_document_validate`. The
    storefront shows `published`; the editor (dashboard) works on `draft` until the owner publishes.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    draft = models.JSONField(_("draft"), default=dict, blank=True)
    published = models.JSONField(_("published"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("theme settings")
        verbose_name_plural = _("theme settings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="themes_themesettings_singleton")]

    def __str__(self) -> str:
        return str(_("theme settings"))

    @property
    def has_unpublished_changes(self) -> bool:
        return self.draft != self.published


class ThemeAsset(models.Model):
    """An image used by the theme (logo, banners), with WebP thumbnails made at upload."""

    image = models.ImageField(_("image"), upload_to=theme_asset_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    thumbnails = models.JSONField(default=dict, editable=False)
    alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme image")
        verbose_name_plural = _("theme images")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.alt or self.image.name

    def thumbnail_url(self, width: int = 1024) -> str:
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


class StoreContact(models.Model):
    """How to reach the market and where it is (one row), shown on the about/contact page."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    about = models.TextField(_("about the shop"), blank=True)  # sanitised HTML
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    instagram = models.CharField(_("Instagram"), max_length=60, blank=True)
    telegram = models.CharField(_("Telegram"), max_length=60, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    province = models.CharField(_("province"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="themes_storecontact_singleton")]

    def __str__(self) -> str:
        return str(_("contact details"))

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None
