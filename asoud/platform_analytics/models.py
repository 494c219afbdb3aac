"""Public-schema analytics: one row per market and day (written by each market's daily roll-up, so
the staff view never reads every schema) and fraud signals (public rows that name a market)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


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
                fields=["kind", "subject"],
                condition=models.Q(market__isnull=True),
                name="platform_analytics_signal_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    def explanation(self) -> str:
        """The reason in the reader's language (`reason` keeps the English text for audits)."""
        n = self.count
        texts = {
            self.Kind.FAILED_PAYMENTS: ngettext("%(n)s failed payment lately", "%(n)s failed payments lately", n),
            self.Kind.OTP_NUMBER: ngettext(
                "%(n)s sign-in code requested lately", "%(n)s sign-in codes requested lately", n
            ),
            self.Kind.OTP_IP: ngettext(
                "%(n)s sign-in code requested lately", "%(n)s sign-in codes requested lately", n
            ),
            self.Kind.QUANTITY: ngettext(
                "%(n)s unit of one product in one order", "%(n)s units of one product in one order", n
            ),
            self.Kind.SHARED_ADDRESS: ngettext(
                "%(n)s account ordered to this postal code", "%(n)s different accounts ordered to this postal code", n
            ),
            self.Kind.REFUSED_CASH: ngettext(
                "%(n)s cash order refused on delivery", "%(n)s cash orders refused on delivery", n
            ),
        }
        return texts.get(self.kind, self.reason) % {"n": n}
