"""Reads for the storefront: category tree, listings with filters and sorting, search, product page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Value, prefetch_related_objects
from django.db.models.functions import Coalesce, Greatest, JSONObject, Least
from django.db.models.query import ModelIterable
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cache import FRAGMENT_TIMEOUT, versioned
from .models import (
    Category,
    Discount,
    Keyword,
    Product,
    ProductImage,
    ProductRelation,
    ProductSpecification,
    ProductVariant,
)
from .pricing import Tier
from .search import search_query

PAGE_SIZE = 24


class Sort:
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    BEST_SELLING = "best_selling"
    CHOICES = [
        (NEWEST, _("Newest")),
        (PRICE_ASC, _("Price: low to high")),
        (PRICE_DESC, _("Price: high to low")),
        (BEST_SELLING, _("Best selling")),
    ]


@dataclass(frozen=True)
class ProductFilters:
    category: Category | None = None
    category_ids: frozenset[int] = frozenset()
    min_price: int | None = None  # Rials
    max_price: int | None = None  # Rials
    in_stock: bool = False
    sort: str = Sort.NEWEST


# --- Categories -------------------------------------------------------------------------------


@dataclass
class CategoryTree:
    """Every category of the market (few: loaded in one query and cached), with parent/child links."""

    categories: list[Category]
    by_slug: dict[str, Category] = field(init=False)
    children: dict[int | None, list[Category]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_slug = {c.slug: c for c in self.categories}
        self.by_id = {c.pk: c for c in self.categories}
        self.children = {}
        for category in self.categories:
            self.children.setdefault(category.parent_id, []).append(category)
        for category in self.categories:
            category.subcategories = self.children.get(category.pk, [])

    @property
    def roots(self) -> list[Category]:
        return self.children.get(None, [])

    def descendant_ids(self, category: Category) -> frozenset[int]:
        found, stack = set(), [category]
        while stack:
            current = stack.pop()
            found.add(current.pk)
            stack.extend(self.children.get(current.pk, []))
        return frozenset(found)

    def ancestors(self, category: Category | None) -> list[Category]:
        """From the top-level category down to `category` itself."""
        chain = []
        while category is not None:
            chain.append(category)
            category = self.by_id.get(category.parent_id)
        return chain[::-1]

    def product_count(self, category: Category) -> int:
        return sum(self.by_id[pk].product_count for pk in self.descendant_ids(category))


def category_tree(*, version: str) -> CategoryTree:
    return versioned("categories", version, _category_tree_build)


def _category_tree_build() -> CategoryTree:
    # Meta.ordering is not applied to aggregate queries: order explicitly.
    categories = Category.objects.annotate(product_count=Count("products", filter=Q(products__is_active=True)))
    return CategoryTree(list(categories.order_by("position", "name")))


# --- Listings ---------------------------------------------------------------------------------


class _CardIterable(ModelIterable):
    """Products whose card pictures and running discounts came as JSON columns of the same query."""

    def __iter__(self):
        for product in super().__iter__():
            if hasattr(product, "card_image_rows"):
                product.card_images = _instances(ProductImage, product.card_image_rows, product=product)
                product.current_discounts = _instances(Discount, product.card_discount_rows, product=product)
                del product.card_image_rows, product.card_discount_rows
            yield product


def product_cards(queryset: QuerySet[Product], *, at=None) -> QuerySet[Product]:
    """What a product card needs, in the products' own query: category, pictures, running discounts
    (the pictures and discounts as JSON arrays, before: two prefetch queries)."""
    at = at or timezone.now()
    of_product = {"product": OuterRef("pk")}
    cards = queryset.select_related("category").annotate(
        card_image_rows=_rows(ProductImage.objects.filter(**of_product)),
        card_discount_rows=_rows(Discount.objects.current(at).filter(**of_product)),
    )
    cards._iterable_class = _CardIterable
    return cards


def product_list_active() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True)


def products_with_effective_price(queryset: QuerySet[Product], *, tier: str, at=None) -> QuerySet[Product]:
    """Annotate `effective_price`: pricing.price_for's single-item rule in SQL, to sort and filter by."""
    at = at or timezone.now()
    running = Q(
        discounts__is_active=True,
        discounts__starts_at__lte=at,
        discounts__variant__isnull=True,
        discounts__min_quantity__lte=1,
    ) & (Q(discounts__ends_at__isnull=True) | Q(discounts__ends_at__gt=at))
    percent = Coalesce(Max("discounts__value", filter=running & Q(discounts__kind=Discount.Kind.PERCENT)), Value(0))
    fixed = Coalesce(Max("discounts__value", filter=running & Q(discounts__kind=Discount.Kind.FIXED)), Value(0))
    discounted = Least(F("price_main") - F("price_main") * percent / 100, Greatest(F("price_main") - fixed, Value(0)))
    base = {
        Tier.COLLEAGUE: Coalesce("price_colleague", "price_main"),
        Tier.MARKETER: Coalesce("price_marketer", "price_main"),
    }.get(tier, F("price_main"))
    return queryset.annotate(effective_price=Least(base, discounted))


def product_list(*, filters: ProductFilters, tier: str) -> QuerySet[Product]:
    queryset = product_list_active()
    if filters.category_ids:
        queryset = queryset.filter(category_id__in=filters.category_ids)
    if filters.in_stock:
        queryset = queryset.filter(stock__gt=0)
    by_price = filters.sort in (Sort.PRICE_ASC, Sort.PRICE_DESC)
    if by_price or filters.min_price is not None or filters.max_price is not None:
        queryset = products_with_effective_price(queryset, tier=tier)
        if filters.min_price is not None:
            queryset = queryset.filter(effective_price__gte=filters.min_price)
        if filters.max_price is not None:
            queryset = queryset.filter(effective_price__lte=filters.max_price)
    ordering = {
        Sort.NEWEST: ["-created_at", "-id"],
        Sort.PRICE_ASC: ["effective_price", "-id"],
        Sort.PRICE_DESC: ["-effective_price", "-id"],
        Sort.BEST_SELLING: ["-sold_count", "-created_at", "-id"],
    }.get(filters.sort, ["-created_at", "-id"])
    return product_cards(queryset.order_by(*ordering))


def product_search(*, text: str) -> QuerySet[Product] | None:
    """Active products matching every word of `text` as a prefix, best matches first (None: no words)."""
    query = search_query(text)
    if query is None:
        return None
    queryset = (
        product_list_active()
        .filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-sold_count", "-id")
    )
    return product_cards(queryset)


def section_products(*, source: str, limit: int, category: Category | None = None, tree=None) -> list[Product]:
    """Products for a home-page section (featured, discounted, best selling, a category, newest)."""
    queryset = product_list_active().filter(stock__gt=0)
    if source == "featured":
        queryset = queryset.filter(is_featured=True).order_by("-updated_at", "-id")
    elif source == "discounted":
        running_ids = Discount.objects.current().filter(variant__isnull=True, min_quantity__lte=1).values("product_id")
        queryset = queryset.filter(pk__in=running_ids).order_by("-sold_count", "-id")
    elif source == "best_selling":
        queryset = queryset.order_by("-sold_count", "-id")
    elif source == "category" and category is not None and tree is not None:
        queryset = queryset.filter(category_id__in=tree.descendant_ids(category)).order_by("-created_at", "-id")
    else:
        queryset = queryset.order_by("-created_at", "-id")
    return list(product_cards(queryset)[:limit])


# --- Product page -----------------------------------------------------------------------------


def _related_items_queryset(at) -> QuerySet[ProductRelation]:
    return (
        ProductRelation.objects.filter(related__is_active=True)
        .select_related("related")
        .prefetch_related(
            Prefetch(
                "related__images", queryset=ProductImage.objects.order_by("position", "id"), to_attr="card_images"
            ),
            Prefetch("related__discounts", queryset=Discount.objects.current(at), to_attr="current_discounts"),
        )
    )


def _rows(queryset: QuerySet) -> ArraySubquery:
    """The rows of `queryset` (correlated to the outer product with OuterRef) as one array of JSON
    objects, in the model's own order: a child table in the product's own query, no prefetch query."""
    model = queryset.model
    columns = {f.attname: f.attname for f in model._meta.concrete_fields}
    return ArraySubquery(queryset.order_by(*model._meta.ordering).values(row=JSONObject(**columns)))


def _instances(model, rows: list[dict], *, product: Product | None = None) -> list:
    """Model instances from `_rows` JSON, as the ORM would have loaded them (datetimes parsed)."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    instances = []
    for row in rows:
        values = [f.to_python(row[f.attname]) if isinstance(row[f.attname], str) else row[f.attname] for f in fields]
        instance = model.from_db(connection.alias, names, values)
        if product is not None:
            model._meta.get_field("product").set_cached_value(instance, product)
        instances.append(instance)
    return instances


def _prefetched(instance, cache_name: str, manager, objects: list) -> None:
    """Fill a related manager's prefetch cache, as prefetch_related does: `.all` reads no query."""
    queryset = manager.get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def _product_page_queryset(at) -> QuerySet[Product]:
    """One query: the product, its category and, as JSON arrays, its gallery, active variants,
    running discounts, specifications and keywords (before: six prefetch queries)."""
    of_product = {"product": OuterRef("pk")}
    keywords = (
        Product.keywords.through.objects.filter(product=OuterRef("pk"))
        .order_by("keyword__name", "keyword_id")
        .values(row=JSONObject(id="keyword_id", name="keyword__name"))
    )
    return (
        product_list_active()
        .select_related("category")
        .annotate(
            page_images=_rows(ProductImage.objects.filter(**of_product)),
            page_variants=_rows(ProductVariant.objects.filter(is_active=True, **of_product)),
            page_discounts=_rows(Discount.objects.current(at).filter(**of_product)),
            page_specifications=_rows(ProductSpecification.objects.filter(**of_product)),
            page_keywords=ArraySubquery(keywords),
            page_has_relations=Exists(ProductRelation.objects.filter(related__is_active=True, **of_product)),
        )
    )


def _product_page_load(slug: str, at) -> Product | None:
    product = _product_page_queryset(at).filter(slug=slug).first()
    if product is None:
        return None
    product.gallery = _instances(ProductImage, product.page_images, product=product)
    product.active_variants = _instances(ProductVariant, product.page_variants, product=product)
    product.current_discounts = _instances(Discount, product.page_discounts, product=product)
    _prefetched(
        product,
        ProductSpecification._meta.get_field("product").remote_field.cache_name,
        product.specifications,
        _instances(ProductSpecification, product.page_specifications, product=product),
    )
    _prefetched(product, "keywords", product.keywords, _instances(Keyword, product.page_keywords))
    for name in ("page_images", "page_variants", "page_discounts", "page_specifications", "page_keywords"):
        delattr(product, name)
    if product.page_has_relations:  # rare: the relations and their cards in three more queries
        prefetch_related_objects(
            [product], Prefetch("relations", queryset=_related_items_queryset(at), to_attr="related_items")
        )
    else:
        product.related_items = []
    return product


def product_get_for_page(*, slug: str, version: str) -> Product:
    """An active product with everything its page shows, cached per storefront version; else 404."""
    key = f"storefront:product:{version}:{slug}"
    product = cache.get(key)
    if product is None:
        product = _product_page_load(slug, timezone.now())
        if product is None:
            raise Http404("No such product")
        for variant in product.active_variants:
            variant.product = product  # no query for variant.product later
        cache.set(key, product, FRAGMENT_TIMEOUT)
    return product


def product_variant_pick(product: Product, variant_id) -> ProductVariant | None:
    """The variant asked for (?variant=), else the first one in stock, else the first one."""
    variants = product.active_variants
    if not variants:
        return None
    chosen = next((v for v in variants if str(v.pk) == str(variant_id)), None)
    return chosen or next((v for v in variants if v.is_in_stock), variants[0])


def product_required_items(product: Product) -> list[ProductRelation]:
    return [r for r in product.related_items if r.kind == ProductRelation.Kind.REQUIRED]


def product_gift_items(product: Product) -> list[ProductRelation]:
    """Gifts that come with the product while the gift's stock lasts."""
    return [r for r in product.related_items if r.kind == ProductRelation.Kind.GIFT and r.related.stock >= r.quantity]


def product_list_for_sitemap() -> QuerySet[Product]:
    return product_list_active().only("slug", "updated_at").order_by("id")
