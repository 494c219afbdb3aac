"""Subscription plans: seeding, and renewals paid through Zarinpal from the owner dashboard."""

from __future__ import annotations

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from asoud.payments.exceptions import PaymentError
from asoud.payments.models import Payment
from asoud.payments.services import payment_start, payment_verify

from ..demo import DEMO_MARKETS
from ..models import Market, Plan, SubscriptionRenewal
from ..selectors import market_host_cache_clear

logger = logging.getLogger(__name__)

# Names and features in English (gettext_noop: extracted for translation, shown through gettext).
PLAN_SEEDS = [
    {
        "code": "free",
        "name": gettext_noop("Free"),
        "price_per_month": 0,
        "max_products": 30,
        "sort_order": 1,
        "features": [gettext_noop("Up to 30 products"), gettext_noop("Your own address on ASOUD")],
    },
    {
        "code": "pro",
        "name": gettext_noop("Pro"),
        "price_per_month": 2_990_000,
        "max_products": 1_000,
        "sort_order": 2,
        "features": [
            gettext_noop("Up to 1,000 products"),
            gettext_noop("Discounts and affiliate marketing"),
            gettext_noop("Sales analytics"),
        ],
    },
    {
        "code": "business",
        "name": gettext_noop("Business"),
        "price_per_month": 7_990_000,
        "max_products": None,
        "sort_order": 3,
        "features": [
            gettext_noop("Unlimited products"),
            gettext_noop("Your own domain name"),
            gettext_noop("Priority support"),
        ],
    },
]


def plans_seed() -> list[Plan]:
    """Create or update the Free, Pro and Business plans. Safe to run again."""
    return [
        Plan.objects.update_or_create(code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"})[0]
        for spec in PLAN_SEEDS
    ]


def demo_subscriptions_seed(*, months: int = 12) -> None:
    """Give each demo market its plan (tenants.demo) paid `months` ahead, unless it has one already."""
    plans = {plan.code: plan for plan in plans_seed()}
    paid_until = timezone.localdate() + relativedelta(months=months)
    for spec in DEMO_MARKETS:
        plan = plans[spec.get("plan", "pro")]
        Market.objects.filter(slug=spec["slug"], plan__isnull=True).update(
            plan=plan, paid_until=None if plan.is_free else paid_until
        )


def subscription_period_end(*, paid_until: datetime.date | None, months: int, today: datetime.date) -> datetime.date:
    """Months bought are added to what is left; a lapsed subscription starts again today."""
    start = max(paid_until, today) if paid_until else today
    return start + relativedelta(months=months)


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
