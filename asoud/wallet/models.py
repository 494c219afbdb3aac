from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Wallet(models.Model):
    """A person's money on ASOUD, in Rials. Changed only through the ledger (asoud.wallet.services)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="wallet"
    )
    balance = models.BigIntegerField(_("balance (Rials)"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("wallet")
        verbose_name_plural = _("wallets")
        constraints = [models.CheckConstraint(condition=models.Q(balance__gte=0), name="wallet_balance_not_negative")]

    def __str__(self) -> str:
        return str(self.user)


class LedgerEntry(models.Model):
    """One movement of wallet money: positive in, negative out. Never edited or deleted."""

    class Kind(models.TextChoices):
        TOPUP = "topup", _("Top-up")
        PAYMENT = "payment", _("Payment")
        REFUND = "refund", _("Refund")
        COMMISSION = "commission", _("Commission")
        COMMISSION_REVERSAL = "commission_reversal", _("Commission reversal")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        ADJUSTMENT = "adjustment", _("Adjustment")

    wallet = models.ForeignKey(Wallet, verbose_name=_("wallet"), on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField(_("amount (Rials)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    # The caller's name for this movement: repeating a call with the same key never moves money twice.
    idempotency_key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    balance_after = models.BigIntegerField(_("balance after (Rials)"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["wallet", "-created_at"], name="ledger_wallet_created"),
            models.Index(fields=["reference"], name="ledger_reference"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_amount_not_zero"),
            models.CheckConstraint(condition=models.Q(balance_after__gte=0), name="ledger_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:+d}"

    @property
    def is_credit(self) -> bool:
        return self.amount > 0

    @property
    def magnitude(self) -> int:
        return abs(self.amount)
