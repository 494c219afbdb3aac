"""The market's checkout configuration: shipping methods (add, edit, remove) and checkout settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import CheckoutSettings, ShippingMethod


def shipping_method_create(
    *,
    name: str,
    kind: str,
    cost: int = 0,
    free_above: int | None = None,
    description: str = "",
    position: int | None = None,
    is_active: bool = True,
) -> ShippingMethod:
    errors = _shipping_errors(name=name, kind=kind, cost=cost, free_above=free_above)
    if errors:
        raise ValidationError(errors)
    if position is None:
        position = ShippingMethod.objects.count()
    return ShippingMethod.objects.create(
        name=name.strip(),
        kind=kind,
        cost=0 if kind == ShippingMethod.Kind.PICKUP else cost,
        free_above=free_above if kind == ShippingMethod.Kind.FREE_ABOVE else None,
        description=description.strip(),
        position=position,
        is_active=is_active,
    )


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


def checkout_settings_update(*, allow_cash_on_delivery: bool) -> CheckoutSettings:
    checkout_settings, _created = CheckoutSettings.objects.update_or_create(
        pk=1, defaults={"allow_cash_on_delivery": allow_cash_on_delivery}
    )
    return checkout_settings
