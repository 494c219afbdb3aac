"""Categories, products, variants, images, keywords, specifications and related products."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asoud.core.text import normalise, sanitise_html
from asoud.core.uploads import image_clean

from ..cache import catalogue_version_bump
from ..images import thumbnails_generate
from ..listing import listing_refresh
from ..models import (
    Category,
    Keyword,
    Product,
    ProductImage,
    ProductRelation,
    ProductSpecification,
    ProductVariant,
    StockMovement,
)
from ..search import search_index_update
from ..storage import market_folder
from .inventory import stock_adjust

_PRODUCT_FIELDS = {
    "title",
    "slug",
    "category",
    "description",
    "sku",
    "weight_grams",
    "price_main",
    "price_colleague",
    "price_marketer",
    "low_stock_threshold",
    "is_active",
    "is_featured",
}


def category_create(
    *, name: str, slug: str, parent: Category | None = None, position: int = 0, description: str = ""
) -> Category:
    category = Category(name=name.strip(), slug=slug, parent=parent, position=position, description=description)
    category.full_clean()
    category.save()
    catalogue_version_bump()
    return category


def _prices_validate(**prices: int | None) -> None:
    errors = {
        name: _("Prices cannot be negative.") for name, value in prices.items() if value is not None and value < 0
    }
    if errors:
        raise ValidationError(errors)


def _sku_validate(sku: str, *, product_id: int | None = None, variant_id: int | None = None) -> None:
    """SKUs are unique across the market's products and variants alike."""
    if not sku:
        return
    products = Product.objects.filter(sku=sku).exclude(pk=product_id)
    variants = ProductVariant.objects.filter(sku=sku).exclude(pk=variant_id)
    if products.exists() or variants.exists():
        raise ValidationError({"sku": _("Another product or variant already uses the SKU “%(sku)s”.") % {"sku": sku}})


@transaction.atomic
def product_create(
    *,
    title: str,
    slug: str,
    price_main: int,
    category: Category | None = None,
    description: str = "",
    sku: str = "",
    weight_grams: int | None = None,
    price_colleague: int | None = None,
    price_marketer: int | None = None,
    low_stock_threshold: int = 3,
    is_active: bool = True,
    is_featured: bool = False,
    keywords: Iterable[str] = (),
    specifications: Iterable[tuple[str, str]] = (),
    initial_stock: int = 0,
    user=None,
) -> Product:
    _prices_validate(price_main=price_main, price_colleague=price_colleague, price_marketer=price_marketer)
    _sku_validate(sku)
    product = Product(
        title=title.strip(),
        slug=slug,
        category=category,
        description=sanitise_html(description),
        sku=sku,
        weight_grams=weight_grams,
        price_main=price_main,
        price_colleague=price_colleague,
        price_marketer=price_marketer,
        low_stock_threshold=low_stock_threshold,
        is_active=is_active,
        is_featured=is_featured,
    )
    product.full_clean(exclude=["search_vector"])
    product.save()
    if keywords:
        _keywords_attach(product, keywords)
    if specifications:
        _specifications_replace(product, specifications)
    if initial_stock:
        stock_adjust(product=product, delta=initial_stock, reason=StockMovement.Reason.INITIAL, user=user)
    product_search_reindex(product=product)
    return product


@transaction.atomic
def product_update(*, product: Product, **fields) -> Product:
    """Change a product's own fields (stock goes through inventory.stock_adjust, never here)."""
    unknown = set(fields) - _PRODUCT_FIELDS
    if unknown:
        raise TypeError(f"product_update() cannot change {', '.join(sorted(unknown))}")
    if "description" in fields:
        fields["description"] = sanitise_html(fields["description"])
    _prices_validate(**{k: v for k, v in fields.items() if k.startswith("price_")})
    if "sku" in fields:
        _sku_validate(fields["sku"], product_id=product.pk)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean(exclude=["search_vector"])
    product.save()
    product_search_reindex(product=product)
    return product


def product_search_reindex(*, product: Product | None = None, product_ids: list[int] | None = None) -> None:
    """Refresh the search index of one product, of several (ids), or of all (neither given)."""
    ids = [product.pk] if product is not None else product_ids
    search_index_update(product_ids=ids)
    catalogue_version_bump()
    listing_refresh(product_ids=ids)


def keywords_normalise(words: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for word in words:
        cleaned = " ".join(normalise(word).split())[:60]
        if cleaned:
            seen.setdefault(cleaned)
    return list(seen)


def _keywords_attach(product: Product, words: Iterable[str]) -> None:
    names = keywords_normalise(words)
    Keyword.objects.bulk_create([Keyword(name=name) for name in names], ignore_conflicts=True)
    product.keywords.set(Keyword.objects.filter(name__in=names))


@transaction.atomic
def product_keywords_set(*, product: Product, keywords: Iterable[str]) -> None:
    _keywords_attach(product, keywords)
    product_search_reindex(product=product)


def _specifications_replace(product: Product, rows: Iterable[tuple[str, str]]) -> None:
    product.specifications.all().delete()
    ProductSpecification.objects.bulk_create(
        ProductSpecification(product=product, name=name.strip()[:80], value=value.strip()[:300], position=index)
        for index, (name, value) in enumerate(rows)
        if name.strip() and value.strip()
    )


@transaction.atomic
def product_specifications_set(*, product: Product, rows: Iterable[tuple[str, str]]) -> None:
    _specifications_replace(product, rows)
    _touch(product)


@transaction.atomic
def variant_create(
    *,
    product: Product,
    title: str,
    sku: str,
    options: dict[str, str] | None = None,
    price_main: int | None = None,
    price_colleague: int | None = None,
    price_marketer: int | None = None,
    image: ProductImage | None = None,
    position: int | None = None,
    initial_stock: int = 0,
    user=None,
) -> ProductVariant:
    _prices_validate(price_main=price_main, price_colleague=price_colleague, price_marketer=price_marketer)
    if not sku:
        raise ValidationError({"sku": _("Every variant needs its own SKU.")})
    _sku_validate(sku)
    product = Product.objects.select_for_update().get(pk=product.pk)
    if not product.has_variants and product.stock:
        raise ValidationError(_("Bring the product's own stock to zero before adding variants."))
    if position is None:
        position = product.variants.count()
    variant = ProductVariant(
        product=product,
        title=title.strip(),
        sku=sku,
        options={str(k): str(v) for k, v in (options or {}).items()},
        price_main=price_main,
        price_colleague=price_colleague,
        price_marketer=price_marketer,
        image=image,
        position=position,
    )
    variant.full_clean()
    variant.save()
    if not product.has_variants:
        product.has_variants = True
        product.save(update_fields=["has_variants", "updated_at"])
    if initial_stock:
        stock_adjust(
            product=product, variant=variant, delta=initial_stock, reason=StockMovement.Reason.INITIAL, user=user
        )
    catalogue_version_bump()
    listing_refresh(product_ids=[product.pk])
    return variant


@transaction.atomic
def product_image_add(*, product: Product, upload, alt: str = "", position: int | None = None) -> ProductImage:
    """Validate an uploaded photo and store it with its WebP thumbnails (made here, once)."""
    clean = image_clean(upload)
    thumbnails = thumbnails_generate(clean.file, folder=market_folder("catalog", "products", product.pk, "thumbnails"))
    if position is None:
        position = product.images.count()
    image = ProductImage(product=product, alt=alt.strip()[:200], position=position, thumbnails=thumbnails)
    image.image.save(clean.file.name, clean.file, save=False)
    image.save()
    _touch(product)
    return image


@transaction.atomic
def product_relation_add(*, product: Product, related: Product, kind: str, quantity: int = 1) -> ProductRelation:
    """Make `related` required with `product`, or a gift that comes with it."""
    if product.pk == related.pk:
        raise ValidationError(_("A product cannot be related to itself."))
    if kind not in ProductRelation.Kind.values:
        raise ValidationError({"kind": _("Choose “required” or “gift”.")})
    if quantity < 1:
        raise ValidationError({"quantity": _("The quantity must be at least 1.")})
    relation, _created = ProductRelation.objects.update_or_create(
        product=product, related=related, kind=kind, defaults={"quantity": quantity}
    )
    _touch(product)
    return relation


def _touch(product: Product) -> None:
    """Mark the product changed (its related rows changed): new storefront version, new sitemap date."""
    Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())
    catalogue_version_bump()
    listing_refresh(product_ids=[product.pk])
