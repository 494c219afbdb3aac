"""Checkout set-up of the demo markets (`manage.py seed_demo` calls it inside the market's schema)."""

from .models import ShippingMethod
from .services import checkout_settings_update, shipping_method_create

# Demo content is in the shops' language (Persian), like the demo catalogues. Amounts in Rials.
_METHODS = [
    {
        "name": "پست پیشتاز",
        "kind": ShippingMethod.Kind.FLAT,
        "cost": 450_000,
        "description": "۳ تا ۵ روز کاری، سراسر ایران",
    },
    {
        "name": "پیک ویژه",
        "kind": ShippingMethod.Kind.FREE_ABOVE,
        "cost": 600_000,
        "free_above": 20_000_000,
        "description": "ارسال در همان روز؛ رایگان برای سفارش‌های بالای ۲ میلیون تومان",
    },
    {"name": "تحویل حضوری در فروشگاه", "kind": ShippingMethod.Kind.PICKUP, "description": "بدون هزینه ارسال"},
]


def checkout_seed(*, market) -> None:
    """Sensible delivery methods and cash on delivery for a demo market. Safe to run again."""
    if not ShippingMethod.objects.exists():
        for spec in _METHODS:
            shipping_method_create(**spec)
    checkout_settings_update(allow_cash_on_delivery=True)
