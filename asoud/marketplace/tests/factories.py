"""Test data in a market's schema, made through the catalogue's own services, then indexed."""

from django_tenants.utils import tenant_context

from asoud.marketplace.models import Listing
from asoud.marketplace.services import listing_index_product
from storefront.catalog.models import Category, Product
from storefront.catalog.services.products import category_create, product_create


def category_make(market, *, name: str, slug: str) -> Category:
    with tenant_context(market):
        return Category.objects.filter(slug=slug).first() or category_create(name=name, slug=slug)


def product_make(
    market, *, title: str, price: int, slug: str, category: Category | None = None, keywords=(), stock: int = 5,
    sold: int = 0, index: bool = True, **fields,
) -> Product:  # fmt: skip
    with tenant_context(market):
        product = product_create(
            title=title,
            slug=slug,
            price_main=price,
            category=category,
            keywords=keywords,
            initial_stock=stock,
            **fields,
        )
        if sold:
            Product.objects.filter(pk=product.pk).update(sold_count=sold)
    if index:
        listing_index_product(market=market, product_id=product.pk)
    return product


def listing_of(market, product) -> Listing:
    return Listing.objects.get(market=market, product_id=product.pk)
