import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from asoud.core.private_files import private_storage


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
    # Why staff suspended it (shown to the owner on the dashboard, never to shoppers).
    status_reason = models.TextField(_("reason for the status"), blank=True)
    # No plan is the free plan; no paid_until never expires (free markets).
    plan = models.ForeignKey(
        "tenants.Plan",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        related_name="markets",
        null=True,
        blank=True,
    )
    paid_until = models.DateField(_("paid until"), null=True, blank=True, db_index=True)
    # Shown to shoppers in the directory, the platform's search and home page. Off for markets made by
    # scripts, benches and tests (still reachable at their address); on for onboarded and demo markets.
    is_listed = models.BooleanField(
        _("listed for shoppers"),
        default=False,
        db_index=True,
        help_text=_("Shown in the market directory, the platform search and the home page."),
    )
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

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def closes_on(self) -> datetime.date | None:
        """The first day the storefront is closed for an unpaid subscription (after the grace period)."""
        if self.paid_until is None:
            return None
        return self.paid_until + datetime.timedelta(days=settings.ASOUD_SUBSCRIPTION_GRACE_DAYS + 1)

    def is_expired(self, today: datetime.date | None = None) -> bool:
        """Paid period and grace period both over: the storefront shows "temporarily closed"."""
        closes_on = self.closes_on()
        return closes_on is not None and (today or timezone.localdate()) >= closes_on


class Domain(DomainMixin):
    """A host name that serves a market: `<slug>.<base-domain>` or a custom domain."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain


class Plan(models.Model):
    """A subscription plan: a monthly price and limits. Names and features are written in English and
    shown translated when the catalogue knows them (the seeded plans do)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    price_per_month = models.BigIntegerField(_("price per month (Rials)"), default=0)
    max_products = models.PositiveIntegerField(
        _("maximum products"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    features = models.JSONField(_("features"), default=list, blank=True, help_text=_("A list of short sentences."))
    is_active = models.BooleanField(_("offered"), default=True, help_text=_("Owners can buy or renew it."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["sort_order", "price_per_month"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price_per_month__gte=0), name="plan_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_features(self) -> list[str]:
        return [gettext(feature) for feature in self.features]

    @property
    def is_free(self) -> bool:
        return self.price_per_month == 0


class MarketVerification(models.Model):
    """A market's verification by staff: its documents and where the review stands."""

    class Status(models.TextChoices):
        NOT_SUBMITTED = "not_submitted", _("Not submitted")
        PENDING = "pending", _("Waiting for review")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    market = models.OneToOneField(
        Market, verbose_name=_("market"), on_delete=models.CASCADE, related_name="verification"
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.NOT_SUBMITTED, db_index=True
    )
    reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("market verification")
        verbose_name_plural = _("market verifications")
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return f"{self.market} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class MarketDocument(models.Model):
    """One document a market uploaded for its verification (an image or a PDF)."""

    class Kind(models.TextChoices):
        BUSINESS_LICENSE = "business_license", _("Business licence")
        NATIONAL_CARD = "national_card", _("Owner's national card")
        COMPANY_REGISTRATION = "company_registration", _("Company registration")
        OTHER = "other", _("Other")

    verification = models.ForeignKey(
        MarketVerification, verbose_name=_("verification"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=25, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="markets/verification/%Y/%m/", storage=private_storage)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("market document")
        verbose_name_plural = _("market documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.get_kind_display()


class SubscriptionRenewal(models.Model):
    """An owner's purchase of months of a plan; applied to the market once, when its payment is paid."""

    market = models.ForeignKey(Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="renewals")
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="+")
    months = models.PositiveSmallIntegerField(_("months"))
    amount = models.BigIntegerField(_("amount (Rials)"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    payment = models.OneToOneField(
        "payments.Payment",
        verbose_name=_("payment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscription_renewal",
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    paid_until_before = models.DateField(_("paid until, before"), null=True, blank=True)
    paid_until_after = models.DateField(_("paid until, after"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription renewal")
        verbose_name_plural = _("subscription renewals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.market} · {self.plan} × {self.months}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None


class AuditLogEntry(models.Model):
    """What platform staff did to a market, by whom and why. Written by the services, never edited."""

    class Action(models.TextChoices):
        VERIFY = "verify", _("Verified")
        REJECT = "reject", _("Verification rejected")
        SUSPEND = "suspend", _("Suspended")
        REACTIVATE = "reactivate", _("Reactivated")
        PLAN_CHANGE = "plan_change", _("Plan changed")

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.SET_NULL, null=True, related_name="audit_entries"
    )
    # Kept when the market is deleted.
    market_label = models.CharField(_("market address"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.market_label}"
