"""Reads for the products area of the dashboard: every product (active or not), with what a row shows.

Each function runs a fixed number of queries whatever the number of products (the list is tested
with 10 and with 100 products).
"""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from storefront.catalog.models import Category, Discount, Product, ProductImage, ProductRelation, ProductVariant
from storefront.catalog.search import search_query

ORDERINGS = {
    "newest": ["-created_at", "-id"],
    "title": ["title", "id"],
    "price": ["price_main", "id"],
    "-price": ["-price_main", "-id"],
    "stock": ["stock", "id"],
    "-stock": ["-stock", "-id"],
    "best_selling": ["-sold_count", "-created_at", "-id"],
}


def _rows(queryset: QuerySet[Product]) -> QuerySet[Product]:
    return queryset.select_related("category").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="row_images")
    )


def product_list_for_dashboard(
    *, text: str = "", category: Category | None = None, active: str = "", stock: str = "", sort: str = "newest"
) -> QuerySet[Product]:
    queryset = Product.objects.all()
    text = text.strip()
    if text:
        query = search_query(text)
        matches = Q(sku__iexact=text) | Q(title__icontains=text)
        if query is not None:
            matches |= Q(search_vector=query)
        queryset = queryset.filter(matches)
    if category is not None:
        queryset = queryset.filter(category__in=category_descendant_ids(category))
    if active in ("0", "1"):
        queryset = queryset.filter(is_active=active == "1")
    if stock == "in":
        queryset = queryset.filter(stock__gt=0)
    elif stock == "low":
        queryset = queryset.filter(stock__gt=0, stock__lte=F("low_stock_threshold"))
    elif stock == "out":
        queryset = queryset.filter(stock__lte=0)
    return _rows(queryset.order_by(*ORDERINGS.get(sort, ORDERINGS["newest"])))


def product_row_get(product_id: int) -> Product:
    """One product as a list row shows it, else 404 (another market's products are not in this schema)."""
    return get_object_or_404(_rows(Product.objects.all()), pk=product_id)


def product_get_for_edit(product_id: int) -> Product:
    return get_object_or_404(
        Product.objects.select_related("category").prefetch_related(
            "keywords",
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="edit_images"),
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "id"), to_attr="edit_variants"),
            Prefetch("discounts", queryset=Discount.objects.filter(variant__isnull=True), to_attr="edit_discounts"),
            Prefetch(
                "relations",
                queryset=ProductRelation.objects.select_related("related").order_by("kind", "position", "id"),
                to_attr="edit_relations",
            ),
        ),
        pk=product_id,
    )


def product_image_get(product: Product, image_id: int) -> ProductImage:
    image = get_object_or_404(ProductImage, pk=image_id, product=product)
    image.product = product
    return image


def product_relation_get(product: Product, relation_id: int) -> ProductRelation:
    relation = get_object_or_404(ProductRelation, pk=relation_id, product=product)
    relation.product = product
    return relation


def product_lookup(*, text: str, exclude_id: int | None = None, limit: int = 8) -> list[Product]:
    """Products to pick as required or gift items: by title, SKU or search words."""
    text = text.strip()
    if not text:
        return []
    query = search_query(text)
    matches = Q(sku__iexact=text) | Q(title__icontains=text)
    if query is not None:
        matches |= Q(search_vector=query)
    return list(Product.objects.filter(matches).exclude(pk=exclude_id).order_by("-is_active", "title")[:limit])


def product_other_get(product: Product, other_id: int) -> Product | None:
    """Another product of this market (to link as required or gift), or None."""
    return Product.objects.exclude(pk=product.pk).filter(pk=other_id).first()


def product_ids_existing(ids: list[int]) -> list[int]:
    return list(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))


def category_list_for_dashboard() -> list[Category]:
    """Every category in tree order, each with `depth`, `label` (indented name) and `product_count`."""
    from django.db.models import Count

    categories = list(Category.objects.annotate(product_count=Count("products")).order_by("position", "name"))
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    ordered: list[Category] = []

    def walk(parent_id, depth):
        for category in children.get(parent_id, []):
            category.depth = depth
            category.label = f"{'— ' * depth}{category.name}"
            ordered.append(category)
            walk(category.pk, depth + 1)

    walk(None, 0)
    return ordered


def category_get(category_id: int) -> Category:
    return get_object_or_404(Category, pk=category_id)


def category_descendant_ids(category: Category) -> list[int]:
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    found, frontier = {category.pk}, {category.pk}
    while frontier:
        frontier = {pk for pk, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return list(found)


def products_for_export(**filters) -> QuerySet[Product]:
    return product_list_for_dashboard(**filters).prefetch_related("keywords")
