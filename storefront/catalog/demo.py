"""Demo catalogues for the seeded markets (run inside the market's schema)."""

from .models import Category, Product

_CATALOGUES = {
    "demo": [("آشپزخانه", "kitchen", [("کتری استیل", 18_500_000), ("ست قابلمه گرانیتی", 64_000_000)])],
    "saffron": [("زعفران", "saffron", [("زعفران سرگل یک مثقالی", 29_000_000), ("زعفران نگین نیم مثقال", 16_500_000)])],
    "ketab": [("رمان", "novel", [("بوف کور", 3_200_000), ("سووشون", 4_500_000)])],
}


def catalogue_seed(*, market) -> None:
    if Product.objects.exists():
        return
    for name, slug, products in _CATALOGUES.get(market.slug, []):
        category = Category.objects.create(name=name, slug=slug)
        for index, (title, price) in enumerate(products):
            Product.objects.create(title=title, slug=f"{slug}-{index + 1}", category=category, price_main=price)
