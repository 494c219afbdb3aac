"""Subscription plans: seeding and periods. Renewals are paid through asoud.billing (a layer above)."""

from __future__ import annotations

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_noop

from ..demo import DEMO_MARKETS
from ..models import Market, Plan

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
