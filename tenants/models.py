from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


class Market(TenantMixin):
    """A shop on ASOUD. Its products, orders and theme live in its own schema (`schema_name`)."""

    class Type(models.TextChoices):
        SHOP = "shop", _("Shop")
        COMPANY = "company", _("Company")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=30, unique=True)
    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.SHOP)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_markets",
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="markets/logos/", blank=True)
    theme = models.CharField(_("theme"), max_length=30, default="classic")
    # The schema new markets are cloned from is a market row too, so migrate_schemas keeps it current.
    is_template = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Schemas are created by cloning in tenants.services.market_create, never on save().
    auto_create_schema = False
    auto_drop_schema = True

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.schema_name == "public"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Domain(DomainMixin):
    """A host name that serves a market: `<slug>.<base-domain>` or a custom domain."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain
