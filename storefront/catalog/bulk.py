"""Many products at once, for benchmarks and query-count tests (not for shops: no stock history).

Rows are written with bulk_create; one real photo (made by the upload service) is shared by every
product, the search index is rebuilt in one statement and the storefront version is bumped once.
"""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from .cache import catalogue_version_bump
from .images import thumbnails_generate
from .models import Category, Discount, Keyword, Product, ProductImage, ProductVariant
from .search import search_index_update
from .storage import market_folder

_WORDS = ["saffron", "kettle", "teapot", "زعفران", "کتری", "قوری", "پسته", "کتاب", "دفتر", "گلدان", "شمع", "fresh"]


def _shared_photo() -> tuple[str, dict[str, str], int, int]:
    image = Image.new("RGB", (800, 800), (214, 120, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    upload = ContentFile(buffer.getvalue(), name="bulk.jpg")
    thumbnails = thumbnails_generate(upload, folder=market_folder("catalog", "bulk"))
    return thumbnails[max(thumbnails, key=int)], thumbnails, 800, 800


@transaction.atomic
def catalogue_bulk_create(
    *, count: int, categories: int = 8, prefix: str = "bulk", seed: int = 7, batch_size: int = 1000
) -> list[int]:
    """Create `count` active products across `categories` categories; return their ids.

    Every 10th product has a running discount, every 25th has three variants, every 40th is out
    of stock; each has one photo and a keyword.
    """
    rng = random.Random(seed)
    category_rows = [
        Category.objects.get_or_create(slug=f"{prefix}-cat-{i}", defaults={"name": f"Category {i}", "position": i})[0]
        for i in range(categories)
    ]
    keywords = {
        word: Keyword.objects.get_or_create(name=word)[0] for word in ("saffron", "kettle", "کتاب", "pistachio")
    }
    now = timezone.now()
    products = [
        Product(
            title=f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} {index}",
            slug=f"{prefix}-{index}",
            category=category_rows[index % categories],
            description=f"<p>{rng.choice(_WORDS)} {rng.choice(_WORDS)}</p>",
            sku=f"{prefix.upper()}-{index:06d}",
            price_main=rng.randrange(50_000, 50_000_000, 10_000),
            stock=9 if index % 25 == 0 else 0 if index % 40 == 0 else rng.randrange(1, 200),
            sold_count=rng.randrange(0, 1000),
            is_featured=index % 13 == 0,
            has_variants=index % 25 == 0,
        )
        for index in range(count)
    ]
    created = Product.objects.bulk_create(products, batch_size=batch_size)
    ids = [product.pk for product in created]
    original, thumbnails, width, height = _shared_photo()
    ProductImage.objects.bulk_create(
        [
            ProductImage(product_id=pk, image=original, thumbnails=thumbnails, width=width, height=height, alt="")
            for pk in ids
        ],
        batch_size=batch_size,
    )
    Product.keywords.through.objects.bulk_create(
        [
            Product.keywords.through(product_id=pk, keyword_id=list(keywords.values())[i % 4].pk)
            for i, pk in enumerate(ids)
        ],
        batch_size=batch_size,
    )
    Discount.objects.bulk_create(
        [
            Discount(product_id=pk, kind=Discount.Kind.PERCENT, value=10 + i % 20, starts_at=now)
            for i, pk in enumerate(ids)
            if i % 10 == 0
        ],
        batch_size=batch_size,
    )
    ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product_id=pk, title=f"Size {size}", sku=f"{prefix.upper()}-{i:06d}-{size}", stock=3, position=size
            )
            for i, pk in enumerate(ids)
            if i % 25 == 0
            for size in range(3)
        ],
        batch_size=batch_size,
    )
    search_index_update(product_ids=ids)
    catalogue_version_bump()
    return ids
