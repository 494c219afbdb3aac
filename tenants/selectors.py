from django.db.models import QuerySet

from .models import Market


def market_list_active() -> QuerySet[Market]:
    """Markets shoppers can visit: active, not the platform itself nor the template."""
    return (
        Market.objects.filter(status=Market.Status.ACTIVE, is_template=False)
        .exclude(schema_name="public")
        .prefetch_related("domains")
        .order_by("name")
    )


def market_get_by_slug(slug: str) -> Market | None:
    return Market.objects.filter(slug=slug, is_template=False).exclude(schema_name="public").first()
