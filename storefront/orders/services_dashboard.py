"""Writes the owner dashboard needs beyond services.setup: editing and removing delivery methods, and
granting colleague (B2B) prices by mobile number.

`colleague_grant_by_mobile` belongs with the catalogue's pricing services; it lives here until that
area takes it over (it only calls `colleague_request` / `colleague_approve`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from asoud.accounts.models import User
from asoud.core.phone import normalize_mobile
from storefront.catalog.models import ColleagueCustomer
from storefront.catalog.services import colleague_approve, colleague_request

from .models import ShippingMethod


def _shipping_errors(*, name: str, kind: str, cost: int, free_above: int | None) -> dict:
    errors = {}
    if not name.strip():
        errors["name"] = _("Enter a name for the delivery method.")
    if kind not in ShippingMethod.Kind.values:
        errors["kind"] = _("Choose the kind of delivery method.")
    if cost < 0:
        errors["cost"] = _("The cost can't be negative.")
    if kind == ShippingMethod.Kind.FREE_ABOVE and not free_above:
        errors["free_above"] = _("Enter the order amount from which delivery is free.")
    return errors


def shipping_method_update(
    *,
    method: ShippingMethod,
    name: str,
    kind: str,
    cost: int = 0,
    free_above: int | None = None,
    description: str = "",
    is_active: bool = True,
) -> ShippingMethod:
    """Change a delivery method. Orders keep their own copy (name, kind, cost), so they are unaffected."""
    errors = _shipping_errors(name=name, kind=kind, cost=cost, free_above=free_above)
    if errors:
        raise ValidationError(errors)
    method.name = name.strip()
    method.kind = kind
    method.cost = 0 if kind == ShippingMethod.Kind.PICKUP else cost
    method.free_above = free_above if kind == ShippingMethod.Kind.FREE_ABOVE else None
    method.description = description.strip()
    method.is_active = is_active
    method.save()
    return method


def shipping_method_remove(*, method: ShippingMethod) -> None:
    """Delete a delivery method; past orders keep its name and cost in their snapshot."""
    method.delete()


@transaction.atomic
def colleague_grant_by_mobile(*, mobile: str, company_name: str = "") -> ColleagueCustomer:
    """Approve the customer with this mobile number for colleague prices. They need an account (they
    signed in once), because accounts are made by signing in, never on someone else's behalf."""
    try:
        mobile = normalize_mobile(mobile)
    except ValidationError as error:
        raise ValidationError({"mobile": error.messages}) from error
    user = User.objects.filter(mobile=mobile, is_active=True).first()
    if user is None:
        raise ValidationError(
            {
                "mobile": _(
                    "Nobody with this number has signed in yet. Ask them to sign in to your shop once, then add them."
                )
            }
        )
    colleague = colleague_request(user=user, company_name=company_name)
    if company_name.strip() and colleague.company_name != company_name.strip():
        colleague.company_name = company_name.strip()[:150]
        colleague.save(update_fields=["company_name"])
    return colleague_approve(colleague=colleague)
