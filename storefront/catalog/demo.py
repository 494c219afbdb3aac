"""Demo catalogues for the seeded markets (run inside the market's schema by `manage.py seed_demo`).

Idempotent: categories are matched by slug, products are only created when missing, the theme and
contact details only when the market has none. The placeholder products of earlier seeds are
replaced. Pictures are drawn by demo_images and go through the same upload service as real photos.
"""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from storefront.themes.models import StoreContact, ThemeSettings
from storefront.themes.services import store_contact_save, theme_asset_add, theme_document_publish

from . import services
from .demo_data import CATALOGUES, C, Catalogue, P
from .demo_images import banner_picture, product_picture
from .models import Category, Discount, Product, ProductRelation, ProductVariant

_SKU_PREFIX = {"demo": "DM", "saffron": "ZT", "ketab": "KN"}

_SENTENCES = {
    "demo": [
        "بسته‌بندی محکم و ارسال سریع به سراسر ایران.",
        "هفت روز فرصت دارید اگر پسندتان نبود، برگردانید.",
        "پیش از ارسال، سلامت کالا را بررسی می‌کنیم.",
        "طراحی ساده‌اش با هر سبک دکوراسیونی جور می‌شود.",
    ],
    "saffron": [
        "در بسته‌بندی بهداشتی و پلمب‌شده ارسال می‌شود.",
        "دور از نور و رطوبت نگهداری شود.",
        "مستقیم از تولیدکننده، بدون واسطه.",
        "هر سفارش تازه بسته‌بندی می‌شود.",
    ],
    "ketab": [
        "چاپ تازه، با کاغذ مرغوب.",
        "با جلد کاغذی دست‌ساز کتاب‌سرا ارسال می‌شود.",
        "اگر نسخهٔ دیگری از این کتاب می‌خواهید، پیام بدهید.",
        "پیشنهاد کتاب‌فروش برای هدیه.",
    ],
}


# Colour options of the demo variants, for their own photos.
_VARIANT_COLOURS = {
    "کرم": "#c8b48f",
    "طوسی": "#6b7280",
    "مشکی": "#1f2937",
    "فیروزه‌ای": "#0e9aa7",
    "سرمه‌ای": "#1e3a8a",
    "سبز": "#047857",
    "خردلی": "#ca8a04",
    "صورتی": "#db2777",
    "قهوه‌ای": "#78350f",
    "زرشکی": "#881337",
}


def _number(text: str, modulo: int) -> int:
    return int(hashlib.md5(text.encode()).hexdigest(), 16) % modulo


def catalogue_seed(*, market) -> None:
    catalogue = CATALOGUES.get(market.slug)
    if catalogue is None:
        return
    with transaction.atomic():
        _placeholders_remove(catalogue)
        categories = _categories_ensure(catalogue)
        existing = set(Product.objects.values_list("slug", flat=True))
        prefix = _SKU_PREFIX.get(market.slug, market.slug[:2].upper())
        index = Product.objects.count()
        for spec in catalogue.categories:
            for product in spec.products:
                if product.slug in existing:
                    continue
                index += 1
                _product_seed(product, spec, categories[spec.slug], market.slug, f"{prefix}-{index:03d}")
        _relations_ensure(catalogue)
        _variant_photos_ensure(catalogue)
        _contact_ensure(catalogue)
        _theme_ensure(catalogue, market.slug)


def _placeholders_remove(catalogue: Catalogue) -> None:
    Product.objects.filter(slug__in=catalogue.legacy_slugs, stock_movements__isnull=True).delete()
    wanted = {spec.slug for spec in catalogue.categories}
    Category.objects.exclude(slug__in=wanted).filter(products__isnull=True, children__isnull=True).delete()


def _categories_ensure(catalogue: Catalogue) -> dict[str, Category]:
    found = {}
    for position, spec in enumerate(catalogue.categories):
        category, _created = Category.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "position": position,
                "description": spec.description,
                "parent": found.get(spec.parent) if spec.parent else None,
            },
        )
        if not category.image:
            _category_picture(category, spec)
        found[spec.slug] = category
    return found


def _category_picture(category: Category, spec: C) -> None:
    motif = spec.products[0].motif if spec.products else _child_motif(spec)
    data = product_picture(motif=motif, palette=spec.palette, seed=f"category:{spec.slug}")
    image = Image.open(io.BytesIO(data)).resize((320, 320), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80)
    category.image.save(f"{spec.slug}.webp", ContentFile(buffer.getvalue()), save=True)


def _child_motif(spec: C) -> str:
    for catalogue in CATALOGUES.values():
        for other in catalogue.categories:
            if other.parent == spec.slug and other.products:
                return other.products[0].motif
    return "box"


def _description(product: P, spec: C, market_slug: str) -> str:
    sentences = _SENTENCES.get(market_slug, [])
    chosen = [sentences[(_number(product.slug, 97) + i) % len(sentences)] for i in range(2)] if sentences else []
    return f"<p>{product.title}؛ {spec.about}.</p><p>{' '.join(chosen)}</p>"


def _product_seed(product: P, spec: C, category: Category, market_slug: str, sku: str) -> None:
    stock = product.stock if product.stock is not None else 4 + _number(product.slug, 37)
    item = services.product_create(
        title=product.title,
        slug=product.slug,
        category=category,
        price_main=product.toman * 10,
        price_colleague=product.toman * 10 * 85 // 100,
        price_marketer=product.toman * 10 * 92 // 100,
        description=_description(product, spec, market_slug),
        sku=sku,
        weight_grams=product.weight,
        is_featured=product.featured,
        keywords=[product.en, *product.keywords, spec.name],
        specifications=[*product.specs, *spec.specs],
        initial_stock=0 if product.variants else stock,
    )
    Product.objects.filter(pk=item.pk).update(sold_count=_number(product.slug, 480))
    colour = product.colour or spec.palette[0]
    palette = (colour, *spec.palette[1:])
    for photo in range(product.photos):
        data = product_picture(
            motif=product.motif,
            palette=palette,
            seed=product.slug,
            variant=photo,
            title=product.cover,
            author=product.author,
        )
        services.product_image_add(
            product=item, upload=ContentFile(data, name=f"{product.slug}-{photo + 1}.jpg"), alt=product.title
        )
    for position, (title, options, extra_toman, variant_stock) in enumerate(product.variants):
        services.variant_create(
            product=item,
            title=title,
            sku=f"{sku}-{position + 1}",
            options=options,
            price_main=(product.toman + extra_toman) * 10 if extra_toman else None,
            position=position,
            initial_stock=variant_stock,
        )
    if product.discount:
        kind, value, *minimum = product.discount
        services.discount_create(
            product=item,
            kind=kind,
            value=value if kind == Discount.Kind.PERCENT else value * 10,
            min_quantity=minimum[0] if minimum else 1,
            name="",
        )


def _variant_photos_ensure(catalogue: Catalogue) -> None:
    """Variants in another colour get a photo of their own (picking one shows it)."""
    specs = {p.slug: (p, spec) for spec in catalogue.categories for p in spec.products}
    variants = ProductVariant.objects.filter(image__isnull=True, product__slug__in=specs).select_related("product")
    for variant in variants:
        colour = _VARIANT_COLOURS.get(variant.options.get("رنگ", ""))
        if colour is None:
            continue
        product, spec = specs[variant.product.slug]
        data = product_picture(motif=product.motif, palette=(colour, *spec.palette[1:]), seed=variant.sku)
        photo = services.product_image_add(
            product=variant.product,
            upload=ContentFile(data, name=f"{variant.sku.lower()}.jpg"),
            alt=f"{product.title} — {variant.title}",
        )
        ProductVariant.objects.filter(pk=variant.pk).update(image=photo)


def _relations_ensure(catalogue: Catalogue) -> None:
    pairs = [(a, b, ProductRelation.Kind.REQUIRED) for a, b in catalogue.required]
    pairs += [(a, b, ProductRelation.Kind.GIFT) for a, b in catalogue.gifts]
    products = Product.objects.in_bulk({slug for a, b, _kind in pairs for slug in (a, b)}, field_name="slug")
    existing = set(ProductRelation.objects.values_list("product__slug", "related__slug", "kind"))
    for a, b, kind in pairs:
        if a in products and b in products and (a, b, kind) not in existing:
            services.product_relation_add(product=products[a], related=products[b], kind=kind)


def _contact_ensure(catalogue: Catalogue) -> None:
    if StoreContact.objects.exists():
        return
    fields = dict(catalogue.contact)
    for name in ("latitude", "longitude"):
        if name in fields:
            fields[name] = Decimal(fields[name])
    store_contact_save(**fields)


def _theme_ensure(catalogue: Catalogue, market_slug: str) -> None:
    settings = ThemeSettings.objects.filter(id=ThemeSettings.SINGLETON_ID).first()
    if settings is not None and settings.published:
        return
    assets = {}
    for key, motifs, palette in catalogue.banners:
        data = banner_picture(motifs=motifs, palette=palette, seed=f"{market_slug}:{key}")
        asset = theme_asset_add(upload=ContentFile(data, name=f"{market_slug}-{key}.jpg"), alt="")
        assets[f"@{key}"] = asset.pk
    theme_document_publish(document=_assets_resolve(catalogue.theme, assets))


def _assets_resolve(value, assets: dict[str, int]):
    """Replace "@hero"-style placeholders in the theme document by the ids of the drawn pictures."""
    if isinstance(value, dict):
        return {key: _assets_resolve(item, assets) for key, item in value.items()}
    if isinstance(value, list):
        return [_assets_resolve(item, assets) for item in value]
    if isinstance(value, str) and value in assets:
        return assets[value]
    return value
