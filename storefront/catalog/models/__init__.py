"""Catalogue models of a market's schema, split by subject."""

from .categories import Category
from .inventory import StockMovement
from .pricing import ColleagueCustomer, Discount
from .products import Keyword, Product, ProductImage, ProductRelation, ProductSpecification, ProductVariant

__all__ = [
    "Category",
    "ColleagueCustomer",
    "Discount",
    "Keyword",
    "Product",
    "ProductImage",
    "ProductRelation",
    "ProductSpecification",
    "ProductVariant",
    "StockMovement",
]
