"""Catalogue, shopper and checkout data for cart and order tests, made through the real services."""

import itertools

from django.utils import timezone

from asoud.accounts.models import Address, User
from storefront.catalog.models import Product, ProductRelation, ProductVariant
from storefront.catalog.services import (
    colleague_approve,
    colleague_request,
    discount_create,
    product_create,
    product_relation_add,
    variant_create,
)

_numbers = itertools.count(1)


def product_make(*, title: str = "Steel kettle", price: int = 1_850_000, stock: int = 10, **fields) -> Product:
    n = next(_numbers)
    return product_create(
        title=title, slug=f"p-{n}-{timezone.now():%H%M%S%f}", price_main=price, initial_stock=stock, **fields
    )


def variant_make(product: Product, *, title: str, stock: int = 5, price: int | None = None) -> ProductVariant:
    n = next(_numbers)
    return variant_create(
        product=product, title=title, sku=f"V{n}-{timezone.now():%H%M%S%f}", price_main=price, initial_stock=stock
    )


def requires(product: Product, required: Product, quantity: int = 1) -> ProductRelation:
    return product_relation_add(
        product=product, related=required, kind=ProductRelation.Kind.REQUIRED, quantity=quantity
    )


def gift(product: Product, free: Product, quantity: int = 1) -> ProductRelation:
    return product_relation_add(product=product, related=free, kind=ProductRelation.Kind.GIFT, quantity=quantity)


def percent_off(product: Product, percent: int, **fields):
    return discount_create(product=product, kind="percent", value=percent, **fields)


def colleague_make(user: User) -> None:
    colleague_approve(colleague=colleague_request(user=user, company_name="Colleague Co."))


def shopper_make(mobile: str | None = None, **fields) -> User:
    mobile = mobile or f"+98935{next(_numbers) % 10_000_000:07d}"
    return User.objects.create_user(mobile, name=fields.pop("name", "Sara Shopper"), **fields)


def address_make(user: User, **fields) -> Address:
    defaults = {
        "receiver_name": "Sara Shopper",
        "receiver_mobile": "+989121234567",
        "province": "Tehran",
        "city": "Tehran",
        "street": "Valiasr St., No. 12",
        "postal_code": "1234567890",
        "is_default": True,
    }
    return Address.objects.create(user=user, **{**defaults, **fields})
