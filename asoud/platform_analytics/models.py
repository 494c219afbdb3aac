"""Public-schema analytics: one row per market and day (written by each market's daily roll-up, so
the staff view never reads every schema) and fraud signals (public rows that name a market)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MarketDayStat(models.Model):
    market = models.ForeignKey("tenants.Market", verbose_name=_("market"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    visits = models.PositiveIntegerField(_("visits"), default=0)
    orders = models.PositiveIntegerField(_("orders"), default=0)
    gmv = models.BigIntegerField(_("sales (Rials)"), default=0)
    new_customers = models.PositiveIntegerField(_("new customers"), default=0)

    class Meta:
        verbose_name = _("market day")
        verbose_name_plural = _("market days")
        constraints = [models.UniqueConstraint(fields=["market", "day"], name="platform_analytics_market_day")]
        indexes = [models.Index(fields=["day"], name="platform_analytics_day")]

    def __str__(self) -> str:
        return f"{self.market_id} {self.day}"


class FraudSignal(models.Model):
    """Something that looks wrong, with the reason. `market` is empty for platform-wide signals (sign-in)."""

    class Kind(models.TextChoices):
        FAILED_PAYMENTS = "failed_payments", _("Many failed payments")
        OTP_NUMBER = "otp_number", _("Many sign-in codes for one number")
        OTP_IP = "otp_ip", _("Many sign-in codes from one IP")
        QUANTITY = "quantity", _("Unusual quantity")
        SHARED_ADDRESS = "shared_address", _("One address, many accounts")
        REFUSED_CASH = "refused_cash", _("Cash orders refused on delivery")

    market = models.ForeignKey(
        "tenants.Market", verbose_name=_("market"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("about"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300)
    count = models.PositiveIntegerField(_("count"), default=0)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)

    class Meta:
        verbose_name = _("fraud signal")
        verbose_name_plural = _("fraud signals")
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["market", "kind", "subject"], name="platform_analytics_signal_unique"),
            models.UniqueConstraint(
                fields=["kind", "subject"], condition=models.Q(market__isnull=True), name="platform_analytics_signal_global"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"
