"""Writes for markets, re-exported by subject: provisioning, verification, status, subscription plans."""

from .audit import audit_record
from .provisioning import (
    TEMPLATE_SLUG,
    market_create,
    market_delete,
    market_domain_for,
    market_template_ensure,
    public_tenant_ensure,
    schema_name_for,
)
from .status import market_plan_change, market_reactivate, market_suspend
from .subscriptions import (
    PLAN_SEEDS,
    demo_subscriptions_seed,
    plans_seed,
    subscription_period_end,
)
from .verification import market_documents_submit, market_verification_approve, market_verification_reject

__all__ = [
    "PLAN_SEEDS",
    "TEMPLATE_SLUG",
    "audit_record",
    "demo_subscriptions_seed",
    "market_create",
    "market_delete",
    "market_documents_submit",
    "market_domain_for",
    "market_plan_change",
    "market_reactivate",
    "market_suspend",
    "market_template_ensure",
    "market_verification_approve",
    "market_verification_reject",
    "plans_seed",
    "public_tenant_ensure",
    "schema_name_for",
    "subscription_period_end",
]
