"""Catalogue writes the owner dashboard needs beyond the storefront's own services.

Bulk status and deletion, slugs, images (alt text, order, deletion), variants, discounts, related
products and categories. Like every catalogue service, each one bumps the storefront version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..cache import catalogue_version_bump
from ..images import thumbnails_delete
from ..listing import listing_refresh
from ..models import Category, Discount, Product, ProductImage, ProductRelation, ProductVariant, StockMovement
from .pricing import discount_errors, discount_price
from .products import _prices_validate, _sku_validate, _touch

__all__ = [
    "category_delete",
    "category_slug_unique",
    "category_update",
    "discount_delete",
    "discount_update",
    "product_image_alt_set",
    "product_image_delete",
    "product_image_move",
    "product_images_reorder",
    "product_relation_delete",
    "product_slug_unique",
    "products_delete",
    "products_set_active",
    "variant_delete",
    "variant_update",
]


def product_slug_unique(*, title: str, exclude_id: int | None = None) -> str:
    """A slug for `title` (Persian letters kept) that no other product uses yet."""
    base = (slugify(title, allow_unicode=True) or "product")[:200]
    taken = set(Product.objects.filter(slug__startswith=base).exclude(pk=exclude_id).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def products_set_active(*, product_ids: Iterable[int], is_active: bool) -> int:
    """Show or hide several products at once; returns how many changed."""
    product_ids = list(product_ids)
    changed = (
        Product.objects.filter(pk__in=product_ids)
        .exclude(is_active=is_active)
        .update(is_active=is_active, updated_at=timezone.now())
    )
    if changed:
        catalogue_version_bump()
        listing_refresh(product_ids=product_ids)
    return changed


@transaction.atomic
def products_delete(*, product_ids: Iterable[int]) -> int:
    """Delete products with their images and stock history (orders keep their own copy of the lines)."""
    products = list(Product.objects.filter(pk__in=list(product_ids)).prefetch_related("images"))
    if not products:
        return 0
    ids = [product.pk for product in products]
    files = [(image.image.name, image.thumbnails) for product in products for image in product.images.all()]
    StockMovement.objects.filter(product_id__in=ids).delete()
    Product.objects.filter(pk__in=ids).delete()
    transaction.on_commit(lambda: _files_delete(files))
    catalogue_version_bump()
    listing_refresh(product_ids=ids)
    return len(ids)


def _files_delete(files: Sequence[tuple[str, dict]]) -> None:
    from django.core.files.storage import default_storage

    for name, thumbnails in files:
        if name:
            default_storage.delete(name)
        thumbnails_delete(thumbnails)


# --- Images -----------------------------------------------------------------------------------


def product_image_alt_set(*, image: ProductImage, alt: str) -> ProductImage:
    image.alt = alt.strip()[:200]
    image.save(update_fields=["alt"])
    _touch(image.product)
    return image


@transaction.atomic
def product_image_move(*, image: ProductImage, offset: int) -> None:
    """Move a photo up (-1) or down (+1) among its product's photos; positions become 0, 1, 2…"""
    images = list(
        ProductImage.objects.select_for_update().filter(product_id=image.product_id).order_by("position", "id")
    )
    index = next(i for i, item in enumerate(images) if item.pk == image.pk)
    target = max(0, min(len(images) - 1, index + offset))
    images.insert(target, images.pop(index))
    _positions_save(images)
    _touch(image.product)


@transaction.atomic
def product_images_reorder(*, product: Product, image_ids: Sequence[int]) -> None:
    """Put the product's photos in the order given (ids of other products' photos are ignored)."""
    images = {item.pk: item for item in ProductImage.objects.select_for_update().filter(product=product)}
    ordered = [images.pop(pk) for pk in image_ids if pk in images]
    ordered += sorted(images.values(), key=lambda item: (item.position, item.pk))
    _positions_save(ordered)
    _touch(product)


def _positions_save(items: list) -> None:
    for position, item in enumerate(items):
        item.position = position
    if items:
        type(items[0]).objects.bulk_update(items, ["position"])


@transaction.atomic
def product_image_delete(*, image: ProductImage) -> None:
    product = image.product
    name, thumbnails = image.image.name, dict(image.thumbnails)
    image.delete()
    transaction.on_commit(lambda: _files_delete([(name, thumbnails)]))
    remaining = list(ProductImage.objects.filter(product=product).order_by("position", "id"))
    if remaining:
        _positions_save(remaining)
    _touch(product)


# --- Variants ---------------------------------------------------------------------------------


@transaction.atomic
def variant_update(
    *,
    variant: ProductVariant,
    title: str,
    sku: str,
    options: dict[str, str] | None = None,
    price_main: int | None = None,
    price_colleague: int | None = None,
    price_marketer: int | None = None,
    is_active: bool = True,
) -> ProductVariant:
    """Change a variant's own fields (its stock goes through inventory.stock_set)."""
    _prices_validate(price_main=price_main, price_colleague=price_colleague, price_marketer=price_marketer)
    if not sku:
        raise ValidationError({"sku": _("Every variant needs its own SKU.")})
    _sku_validate(sku, variant_id=variant.pk)
    variant.title = title.strip()
    variant.sku = sku
    variant.options = {str(k): str(v) for k, v in (options or {}).items()}
    variant.price_main, variant.price_colleague, variant.price_marketer = price_main, price_colleague, price_marketer
    variant.is_active = is_active
    variant.full_clean()
    variant.save()
    _touch(variant.product)
    return variant


@transaction.atomic
def variant_delete(*, variant: ProductVariant) -> None:
    """Delete a variant and its stock history; the product's stock becomes the sum of the rest."""
    product = Product.objects.select_for_update().get(pk=variant.product_id)
    StockMovement.objects.filter(variant=variant).delete()
    variant.delete()
    remaining = product.variants.all()
    product.stock = sum(remaining.values_list("stock", flat=True))
    product.has_variants = remaining.exists()
    product.save(update_fields=["stock", "has_variants", "updated_at"])
    catalogue_version_bump()


# --- Discounts --------------------------------------------------------------------------------


@transaction.atomic
def discount_update(
    *,
    discount: Discount,
    kind: str,
    value: int,
    min_quantity: int = 1,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    name: str = "",
    is_active: bool = True,
) -> Discount:
    starts_at = starts_at or discount.starts_at
    errors = discount_errors(
        kind=kind,
        value=value,
        min_quantity=min_quantity,
        starts_at=starts_at,
        ends_at=ends_at,
        price=_current_price(discount),
    )
    if errors:
        raise ValidationError(errors)
    discount.kind, discount.value, discount.min_quantity = kind, value, min_quantity
    discount.starts_at, discount.ends_at = starts_at, ends_at
    discount.name, discount.is_active = name.strip()[:120], is_active
    discount.save()
    catalogue_version_bump()
    return discount


def _current_price(discount: Discount) -> int:
    # From the database: the same save may just have changed the product's or variant's price.
    product = Product.objects.only("price_main").get(pk=discount.product_id)
    variant = ProductVariant.objects.only("price_main").get(pk=discount.variant_id) if discount.variant_id else None
    return discount_price(product, variant)


def discount_delete(*, discount: Discount) -> None:
    discount.delete()
    catalogue_version_bump()


# --- Related products -------------------------------------------------------------------------


def product_relation_delete(*, relation: ProductRelation) -> None:
    product = relation.product
    relation.delete()
    _touch(product)


# --- Categories -------------------------------------------------------------------------------


def category_slug_unique(*, name: str, exclude_id: int | None = None) -> str:
    base = (slugify(name, allow_unicode=True) or "category")[:130]
    taken = set(Category.objects.filter(slug__startswith=base).exclude(pk=exclude_id).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def category_update(
    *,
    category: Category,
    name: str,
    slug: str,
    parent: Category | None = None,
    position: int = 0,
    description: str = "",
) -> Category:
    if parent is not None and _is_within(parent, category):
        raise ValidationError({"parent": _("A category cannot be placed inside itself or one of its subcategories.")})
    category.name, category.slug, category.parent = name.strip(), slug, parent
    category.position, category.description = position, description
    category.full_clean()
    category.save()
    catalogue_version_bump()
    return category


def _is_within(candidate: Category, category: Category) -> bool:
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    current = candidate.pk
    while current is not None:
        if current == category.pk:
            return True
        current = parents.get(current)
    return False


@transaction.atomic
def category_delete(*, category: Category) -> None:
    """Delete a category: its subcategories move up one level and its products become uncategorised."""
    Category.objects.filter(parent=category).update(parent=category.parent_id)
    category.delete()
    catalogue_version_bump()
