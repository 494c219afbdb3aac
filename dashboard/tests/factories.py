"""Catalogue rows for dashboard tests, made through the catalogue's own services (call inside a market's schema)."""

import io
import itertools

from PIL import Image

from asoud.accounts.models import User
from storefront.catalog.services import category_create, product_create
from storefront.team.models import TeamMember

_numbers = itertools.count(1)


def product_make(**fields):
    number = next(_numbers)
    defaults = {
        "title": f"Product {number}",
        "slug": f"product-{number}",
        "price_main": 1_000_000,
        "sku": f"SKU-{number}",
    }
    return product_create(**{**defaults, **fields})


def category_make(name="Tea", slug=None, parent=None):
    return category_create(name=name, slug=slug or f"cat-{next(_numbers)}", parent=parent)


def user_make(mobile=None):
    return User.objects.create(mobile=mobile or f"+98935{next(_numbers):07d}")


def member_make(role, mobile=None):
    user = user_make(mobile)
    TeamMember.objects.create(user=user, role=role)
    return user


def image_file(name="photo.png", size=(40, 30), color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer
