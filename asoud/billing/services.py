"""Subscription renewals, paid through Zarinpal from the owner dashboard. payments calls
`subscription_renewal_fulfil` (settings.PAYMENTS_ON_PAID["subscription"]) once a renewal is paid."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.payments.exceptions import PaymentError
from asoud.payments.models import Payment
from asoud.payments.services import payment_start, payment_verify
from tenants.models import Market, Plan, SubscriptionRenewal
from tenants.selectors import market_host_cache_clear
from tenants.services import subscription_period_end

logger = logging.getLogger(__name__)


def subscription_renewal_start(
    *, market: Market, user, plan: Plan, months: int, callback_url: str
) -> tuple[SubscriptionRenewal, str]:
    """Open a Zarinpal payment for `months` of `plan`; return the renewal and the gateway address.

    Raises ValidationError for a plan or period that cannot be bought, PaymentError (translated
    `message`) when the gateway refuses.
    """
    if months not in settings.ASOUD_SUBSCRIPTION_MONTHS:
        raise ValidationError(_("Choose 1, 3 or 12 months."), code="months")
    if not plan.is_active or plan.is_free:
        raise ValidationError(_("This plan cannot be bought."), code="plan")
    renewal = SubscriptionRenewal.objects.create(
        market=market, plan=plan, months=months, amount=plan.price_per_month * months, user=user
    )
    description = _("%(plan)s plan for %(market)s, %(months)s months") % {
        "plan": plan.display_name,
        "market": market.name,
        "months": months,
    }
    try:
        payment, url = payment_start(
            market=market,
            order_id=renewal.pk,
            order_number=f"SUB-{renewal.pk}",
            amount=renewal.amount,
            user=user,
            callback_url=callback_url,
            description=description,
            purpose=Payment.Purpose.SUBSCRIPTION,
        )
    except PaymentError as error:
        _link_payment(renewal, error.payment)
        raise
    _link_payment(renewal, payment)
    return renewal, url


def _link_payment(renewal: SubscriptionRenewal, payment: Payment | None) -> None:
    if payment is not None:
        renewal.payment = payment
        renewal.save(update_fields=["payment"])


def subscription_renewal_complete(*, market: Market, authority: str, status_param: str, user=None) -> Payment:
    """The gateway's callback on the market host: verify (once); the hook below extends paid_until."""
    return payment_verify(authority=authority, status_param=status_param, market=market, user=user)


def subscription_renewal_fulfil(*, payment: Payment) -> None:
    """PAYMENTS_ON_PAID["subscription"]: apply a paid renewal to its market, exactly once.

    Runs inside the verifying transaction (also from payment_reconcile); the renewal row lock and
    `applied_at` make a second call a no-op.
    """
    renewal = (
        SubscriptionRenewal.objects.select_for_update().filter(pk=payment.order_id, market_id=payment.market_id).first()
    )
    if renewal is None:
        logger.error("Paid subscription payment %s has no renewal", payment.pk)
        return
    if renewal.is_applied:
        return
    market = Market.objects.select_for_update().get(pk=renewal.market_id)
    renewal.paid_until_before = market.paid_until
    renewal.paid_until_after = subscription_period_end(
        paid_until=market.paid_until, months=renewal.months, today=timezone.localdate()
    )
    renewal.applied_at = timezone.now()
    renewal.save(update_fields=["paid_until_before", "paid_until_after", "applied_at"])
    Market.objects.filter(pk=market.pk).update(
        plan=renewal.plan, paid_until=renewal.paid_until_after, updated_at=timezone.now()
    )
    transaction.on_commit(lambda: market_host_cache_clear(market))
