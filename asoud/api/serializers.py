"""Output shapes of the API (read-only: writes are validated by the project's own forms)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import get_language
from rest_framework import serializers

from asoud.notifications.selectors import notification_text
from storefront.orders.invoice_links import invoice_signature
from storefront.orders.selectors import order_payment_resume_url

from .fields import MomentField, MoneyField, money


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url


class MarketSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    type = serializers.CharField()
    logo = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    def get_logo(self, market) -> str | None:
        return _absolute(self.context.get("request"), market.logo.url) if market.logo else None

    def get_web_url(self, market) -> str:
        return market_web_url(self.context.get("request"), market)


def market_web_url(request, market) -> str:
    """The market's own web address (its subdomain), with the scheme and port the app called us on."""

    port = f":{request.get_port()}" if request is not None and request.get_port() not in ("80", "443") else ""
    scheme = request.scheme if request is not None else "https"
    return f"{scheme}://{market.slug}.{settings.ASOUD_BASE_DOMAIN}{port}/"


class ThemeSerializer(serializers.Serializer):
    key = serializers.CharField()
    colors = serializers.DictField(child=serializers.CharField())
    logo = serializers.CharField(allow_null=True)


class MarketDetailSerializer(MarketSerializer):
    theme = ThemeSerializer()


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    product_count = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, image) -> str:
        return _absolute(self.context.get("request"), image.image.url)

    def get_thumbnail(self, image) -> str:
        return _absolute(self.context.get("request"), image.thumbnail_url(480))


class PriceSerializer(serializers.Serializer):
    unit = MoneyField()
    regular = MoneyField()
    tier = serializers.CharField(help_text="The viewer's price tier: retail, colleague or marketer.")
    saving_percent = serializers.IntegerField()


class ProductCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    price = PriceSerializer()
    in_stock = serializers.BooleanField(source="is_in_stock")
    has_variants = serializers.BooleanField()
    image = serializers.SerializerMethodField()

    def get_image(self, product) -> str | None:
        images = getattr(product, "card_images", None) or getattr(product, "gallery", None) or []
        return _absolute(self.context.get("request"), images[0].thumbnail_url(480)) if images else None


class VariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    options = serializers.DictField()
    sku = serializers.CharField()
    in_stock = serializers.BooleanField(source="is_in_stock")
    price = PriceSerializer()


class RelatedItemSerializer(serializers.Serializer):
    product = ProductCardSerializer(source="related")
    quantity = serializers.IntegerField()


class ProductDetailSerializer(ProductCardSerializer):
    description = serializers.CharField()
    sku = serializers.CharField()
    images = ImageSerializer(many=True, source="gallery")
    variants = VariantSerializer(many=True, source="active_variants")
    specifications = serializers.SerializerMethodField()
    required_items = RelatedItemSerializer(many=True)
    gift_items = RelatedItemSerializer(many=True)
    bought_together = ProductCardSerializer(
        many=True, help_text="Often bought with this product (the product page's recommendations)."
    )
    similar = ProductCardSerializer(many=True, help_text="Similar products (the product page's recommendations).")

    def get_specifications(self, product) -> list[dict[str, str]]:
        return [{"name": s.name, "value": s.value} for s in product.specifications.all()]


class CartLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk", allow_null=True)
    product_id = serializers.IntegerField(source="product.pk")
    title = serializers.CharField()
    variant_id = serializers.IntegerField(source="variant.pk", allow_null=True, default=None)
    variant_title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = MoneyField(source="price.unit")
    total = MoneyField()
    is_gift = serializers.BooleanField()
    problem = serializers.CharField()


class CartSerializer(serializers.Serializer):
    lines = CartLineSerializer(many=True)
    gifts = CartLineSerializer(many=True)
    count = serializers.IntegerField()
    subtotal = MoneyField()
    saving = MoneyField()
    problems = serializers.ListField(child=serializers.CharField())
    can_checkout = serializers.BooleanField()


class AddressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    receiver_name = serializers.CharField()
    receiver_mobile = serializers.CharField()
    province = serializers.CharField()
    city = serializers.CharField()
    street = serializers.CharField()
    postal_code = serializers.CharField()
    is_default = serializers.BooleanField()


class ShippingMethodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    cost = MoneyField()
    free_above = MoneyField(allow_null=True)


class OrderItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    variant_title = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = MoneyField()
    is_gift = serializers.BooleanField()


class OrderEventSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField(default="")
    at = MomentField(source="created_at")


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    payment_method = serializers.CharField()
    is_paid = serializers.BooleanField()
    subtotal = MoneyField()
    shipping_cost = MoneyField()
    total = MoneyField()
    tracking_code = serializers.CharField()
    placed_at = MomentField(source="created_at")


class OrderDetailSerializer(OrderSerializer):
    items = OrderItemSerializer(many=True, source="items.all")
    history = OrderEventSerializer(many=True, source="events.all")
    shipping_name = serializers.CharField()
    receiver_name = serializers.CharField()
    city = serializers.CharField()
    street = serializers.CharField()
    can_cancel = serializers.BooleanField(source="is_cancellable_by_shopper")
    pay_url = serializers.SerializerMethodField()
    invoice_url = serializers.SerializerMethodField(
        help_text="The printable invoice (HTML) on the market's web site, for a browser without a session: "
        "signed for this shopper, valid ORDERS_INVOICE_LINK_SECONDS (10 minutes); read the order again for a new one."
    )

    def get_pay_url(self, order) -> str:
        return order_payment_resume_url(order=order)

    def get_invoice_url(self, order) -> str | None:
        request, market = self.context.get("request"), self.context.get("market")
        if market is None or order.user_id is None:
            return None
        path = reverse("orders:invoice", kwargs={"number": order.number}, urlconf=settings.ROOT_URLCONF)
        signature = invoice_signature(market_id=market.pk, number=order.number, user_id=order.user_id)
        return f"{market_web_url(request, market).rstrip('/')}{path}?{urlencode({'signature': signature})}"


class PlacedOrderSerializer(serializers.Serializer):
    order = OrderDetailSerializer()
    pay_url = serializers.CharField(allow_blank=True, help_text="Zarinpal StartPay URL for online payment, else ''.")


class LedgerEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    amount = MoneyField()
    balance_after = MoneyField()
    reference = serializers.CharField()
    note = serializers.CharField()
    at = MomentField(source="created_at")


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    category = serializers.CharField()
    text = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    market = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    is_read = serializers.SerializerMethodField()
    at = MomentField(source="shown_at")

    def get_text(self, notification) -> str:
        return notification_text(notification=notification, language=get_language() or "fa")

    def get_url(self, notification) -> str:
        return notification.context.get("url") or ""

    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class ProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mobile = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    national_code = serializers.CharField()
    iban = serializers.CharField()
    account_holder = serializers.CharField()
    wallet_balance = MoneyField()


__all__ = ["default_storage", "money"]
