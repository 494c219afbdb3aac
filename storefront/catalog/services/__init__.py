"""Writes to the catalogue. Every service that changes what pages show bumps the storefront version."""

from .dashboard import *  # noqa: F403 (the owner dashboard's services, listed in dashboard.__all__)
from .inventory import stock_adjust, stock_set
from .pricing import colleague_approve, colleague_grant_by_mobile, colleague_reject, colleague_request, discount_create
from .products import (
    category_create,
    keywords_normalise,
    product_create,
    product_image_add,
    product_keywords_set,
    product_relation_add,
    product_search_reindex,
    product_specifications_set,
    product_update,
    variant_create,
)

__all__ = [
    "category_create",
    "colleague_approve",
    "colleague_grant_by_mobile",
    "colleague_reject",
    "colleague_request",
    "discount_create",
    "keywords_normalise",
    "product_create",
    "product_image_add",
    "product_keywords_set",
    "product_relation_add",
    "product_search_reindex",
    "product_specifications_set",
    "product_update",
    "stock_adjust",
    "stock_set",
    "variant_create",
]
