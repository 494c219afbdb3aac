from django.db.models import QuerySet

from .models import Product


def product_list_active() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True).select_related("category").order_by("-created_at")
