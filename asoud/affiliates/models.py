from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

handle_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,29}$",
    _("Use 3–30 lowercase English letters, digits and single hyphens."),
    code="handle",
)


class Marketer(models.Model):
    """A user in the affiliate programme; their public link page is `/@<handle>`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="marketer"
    )
    handle = models.CharField(_("handle"), max_length=30, unique=True, validators=[handle_validator])
    bio = models.CharField(_("bio"), max_length=300, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="marketers/avatars/", blank=True)
    # Where payouts go: copied from the profile's verified IBAN when joining (and on each withdrawal).
    iban = models.CharField(_("IBAN"), max_length=26)
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("marketer")
        verbose_name_plural = _("marketers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"@{self.handle}"


class AffiliateLink(models.Model):
    """A marketer's pick: one product of one market, shared as `/r/<code>` and shown on their page."""

    marketer = models.ForeignKey(Marketer, verbose_name=_("marketer"), on_delete=models.CASCADE, related_name="links")
    market = models.ForeignKey("tenants.Market", verbose_name=_("market"), on_delete=models.CASCADE, related_name="+")
    product_id = models.BigIntegerField(_("product id"))
    code = models.CharField(_("code"), max_length=12, unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_on_page = models.BooleanField(_("shown on my page"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["marketer", "market", "product_id"], name="affiliates_link_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class Click(models.Model):
    """A counted visit through a link (bots, the marketer themself and repeats within the window are not)."""

    link = models.ForeignKey(AffiliateLink, verbose_name=_("link"), on_delete=models.CASCADE, related_name="clicks")
    # Copied from the link so per-market queries need no join.
    market = models.ForeignKey("tenants.Market", verbose_name=_("market"), on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(_("visitor"), max_length=64)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("click")
        verbose_name_plural = _("clicks")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["link", "-created_at"], name="affiliates_click_link")]

    def __str__(self) -> str:
        return f"{self.link_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Referral(models.Model):
    """An order a marketer brought to a market, and the commission it earns once completed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        EARNED = "earned", _("Earned")
        CANCELLED = "cancelled", _("Cancelled")
        REVERSED = "reversed", _("Reversed")

    marketer = models.ForeignKey(
        Marketer, verbose_name=_("marketer"), on_delete=models.PROTECT, related_name="referrals"
    )
    link = models.ForeignKey(
        AffiliateLink, verbose_name=_("link"), null=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    click = models.ForeignKey(Click, verbose_name=_("click"), null=True, on_delete=models.SET_NULL, related_name="+")
    market = models.ForeignKey("tenants.Market", verbose_name=_("market"), on_delete=models.PROTECT, related_name="+")
    order_id = models.BigIntegerField(_("order id"))
    order_number = models.CharField(_("order number"), max_length=40)
    amount = models.BigIntegerField(_("order amount (Rials)"))
    rate_percent = models.PositiveSmallIntegerField(_("commission (%)"))
    commission = models.BigIntegerField(_("commission (Rials)"))
    # Part of a reversed commission the wallet could not give back (already withdrawn): for staff.
    reversal_shortfall = models.BigIntegerField(_("not recovered (Rials)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True, db_index=True)
    earned_at = models.DateTimeField(_("earned"), null=True, blank=True)
    reversed_at = models.DateTimeField(_("reversed"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["market", "order_id"], name="affiliates_referral_order_unique"),
            models.CheckConstraint(condition=models.Q(commission__gte=0), name="affiliates_commission_not_negative"),
        ]
        indexes = [models.Index(fields=["marketer", "status"], name="affiliates_referral_status")]

    def __str__(self) -> str:
        return f"{self.order_number} → {self.marketer}"


class Withdrawal(models.Model):
    """Money a marketer asked to be paid to their IBAN; held (debited) from the moment of asking."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    marketer = models.ForeignKey(
        Marketer, verbose_name=_("marketer"), on_delete=models.PROTECT, related_name="withdrawals"
    )
    amount = models.BigIntegerField(_("amount (Rials)"))
    iban = models.CharField(_("IBAN"), max_length=26)
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="affiliates_withdrawal_positive")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.amount}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REQUESTED
