"""Discounts and colleague (B2B) customers."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.accounts.models import User
from asoud.core.phone import normalize_mobile

from ..cache import catalogue_version_bump
from ..models import ColleagueCustomer, Discount, Product, ProductVariant


@transaction.atomic
def discount_create(
    *,
    product: Product,
    kind: str,
    value: int,
    variant: ProductVariant | None = None,
    min_quantity: int = 1,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    name: str = "",
) -> Discount:
    starts_at = starts_at or timezone.now()
    errors = discount_errors(
        kind=kind,
        value=value,
        min_quantity=min_quantity,
        starts_at=starts_at,
        ends_at=ends_at,
        price=discount_price(product, variant),
    )
    if variant is not None and variant.product_id != product.pk:
        errors["variant"] = _("This variant belongs to another product.")
    if errors:
        raise ValidationError(errors)
    discount = Discount.objects.create(
        product=product,
        variant=variant,
        kind=kind,
        value=value,
        min_quantity=min_quantity,
        starts_at=starts_at,
        ends_at=ends_at,
        name=name.strip()[:120],
    )
    catalogue_version_bump()
    return discount


def discount_errors(
    *, kind: str, value: int, min_quantity: int, starts_at: datetime, ends_at: datetime | None, price: int | None = None
) -> dict[str, str]:
    """What is wrong with a discount's terms, by field; with `price`, a fixed amount must also stay below it."""
    errors = {}
    if kind not in Discount.Kind.values:
        errors["kind"] = _("Choose a percentage or a fixed amount.")
    elif kind == Discount.Kind.PERCENT and not 1 <= value <= 100:
        errors["value"] = _("A percentage discount is between 1 and 100.")
    elif kind == Discount.Kind.FIXED and value <= 0:
        errors["value"] = _("Enter an amount greater than zero.")
    elif kind == Discount.Kind.FIXED and price is not None and value >= price:
        errors["value"] = _("A fixed discount must be smaller than the price.")
    if min_quantity < 1:
        errors["min_quantity"] = _("The minimum quantity is at least 1.")
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The end must come after the start.")
    return errors


def discount_price(product: Product, variant: ProductVariant | None) -> int:
    """The price a discount on `product` (or one of its variants) is taken from."""
    return variant.price_main if variant is not None and variant.price_main is not None else product.price_main


def colleague_request(*, user, company_name: str = "", note: str = "") -> ColleagueCustomer:
    """A customer asks to buy at colleague prices; the market's owner decides later."""
    colleague, _created = ColleagueCustomer.objects.get_or_create(
        user_id=user.pk, defaults={"company_name": company_name.strip()[:150], "note": note}
    )
    return colleague


def colleague_approve(*, colleague: ColleagueCustomer) -> ColleagueCustomer:
    return _colleague_decide(colleague, ColleagueCustomer.Status.APPROVED)


def colleague_reject(*, colleague: ColleagueCustomer) -> ColleagueCustomer:
    return _colleague_decide(colleague, ColleagueCustomer.Status.REJECTED)


def _colleague_decide(colleague: ColleagueCustomer, status: str) -> ColleagueCustomer:
    colleague.status = status
    colleague.decided_at = timezone.now()
    colleague.save(update_fields=["status", "decided_at"])
    return colleague


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
