"""Where uploaded files go: under the market's schema name, so markets never share a folder."""

from django.db import connection


def market_folder(*parts: object) -> str:
    return "/".join([connection.schema_name, *(str(part) for part in parts)])


def product_image_path(instance, filename: str) -> str:
    return market_folder("catalog", "products", instance.product_id, filename)


def category_image_path(instance, filename: str) -> str:
    return market_folder("catalog", "categories", filename)


def theme_asset_path(instance, filename: str) -> str:
    return market_folder("themes", filename)
