"""Cards for what a conversation is about, read from the market's own schema (the current one on a
market host) and frozen as JSON, since public rows cannot join tenant tables."""

from django.urls import NoReverseMatch, reverse

from storefront.catalog.models import Product, ProductImage


def product_card(*, product_id: int) -> dict | None:
    """{"kind", "id", "title", "image_url", "price", "url"} of an active product of this market."""
    product = Product.objects.filter(pk=product_id, is_active=True).values("pk", "title", "slug", "price_main").first()
    if product is None:
        return None
    image = ProductImage.objects.filter(product_id=product_id).order_by("position", "id").first()
    try:
        url = reverse("storefront:product", kwargs={"slug": product["slug"]})
    except NoReverseMatch:
        url = ""
    return {
        "kind": "product",
        "id": product["pk"],
        "title": product["title"],
        "image_url": image.thumbnail_url(160) if image else "",
        "price": product["price_main"],
        "url": url,
    }
