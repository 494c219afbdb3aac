"""Owner endpoints under /markets/{slug}/owner/: what the dashboard does, by the same team roles.

Roles and sections come from dashboard.access (owner, manager, editor, support); a suspended market's
dashboard is read-only, so are these endpoints. Writes go through the catalogue and order services,
validated by the dashboard's own forms.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from dashboard.access import can_access
from dashboard.orders import TransitionForm
from dashboard.product_forms import ProductForm, StockQuickForm
from dashboard.product_selectors import product_get_for_edit, product_list_for_dashboard
from dashboard.views import month_start
from storefront.catalog.models import Product
from storefront.catalog.models.inventory import StockMovement
from storefront.catalog.services import (
    product_create,
    product_image_add,
    product_keywords_set,
    product_update,
    stock_set,
)
from storefront.catalog.services.dashboard import product_slug_unique
from storefront.orders.models import Order
from storefront.orders.selectors import access_order_for_dashboard, order_list_for_dashboard, overview_get
from storefront.orders.services import order_transition, transitions_allowed
from tenants.selectors import market_is_read_only

from .. import serializers as out
from ..base import MarketListView, MarketView, valid_form
from ..docs import errors
from ..fields import MomentField, MoneyField

OWNER = ["owner"]


class Section(BasePermission):
    """The dashboard section's role check; writes refused while the market is read-only (suspended)."""

    section = "overview"

    def has_permission(self, request, view):
        section = getattr(view, "section", self.section)
        if not can_access(request._request, section):
            raise PermissionDenied(_("Your role in this market does not allow this."))
        if request.method not in ("GET", "HEAD", "OPTIONS") and market_is_read_only(view.market):
            raise PermissionDenied(_("This market is suspended: its dashboard can be read but not changed."))
        return True


class OwnerView(MarketView):
    market_must_be_open = False  # the dashboard works for a draft, suspended or lapsed market
    permission_classes = [IsAuthenticated, Section]


class OwnerListView(OwnerView, MarketListView):
    pass


# --- Overview ----------------------------------------------------------------------------------


class OverviewOut(serializers.Serializer):
    today_sales = MoneyField()
    today_orders = serializers.IntegerField()
    month_sales = MoneyField()
    month_orders = serializers.IntegerField()
    awaiting = serializers.IntegerField()
    to_confirm = serializers.IntegerField()
    to_ship = serializers.IntegerField()
    days = serializers.ListField(
        child=inline_serializer(
            "DayFigures", {"day": serializers.DateField(), "sales": MoneyField(), "orders": serializers.IntegerField()}
        )
    )


class Overview(OwnerView):
    section = "orders"  # sales figures are for those who handle orders, as on the dashboard

    @extend_schema(
        tags=OWNER,
        summary="Sales figures: today, this month, orders waiting, the last 30 days",
        responses={200: OverviewOut, **errors(403, 404)},
    )
    def get(self, request, slug):
        today = timezone.localdate()
        jalali = (translation.get_language() or "fa").startswith("fa")
        figures = overview_get(today=today, month_start=month_start(today, jalali=jalali), days=30)
        return Response(OverviewOut(figures).data)


# --- Products ----------------------------------------------------------------------------------


class OwnerProductOut(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    sku = serializers.CharField()
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    price_main = MoneyField()
    price_colleague = MoneyField(allow_null=True)
    price_marketer = MoneyField(allow_null=True)
    stock = serializers.IntegerField()
    low_stock_threshold = serializers.IntegerField()
    has_variants = serializers.BooleanField()
    is_active = serializers.BooleanField()
    is_featured = serializers.BooleanField()
    updated_at = MomentField()


class ProductIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    slug = serializers.CharField(required=False, allow_blank=True)
    category = serializers.IntegerField(required=False, allow_null=True)
    sku = serializers.CharField(required=False, allow_blank=True)
    price_main = serializers.IntegerField(help_text="Rials (whole Toman: a multiple of 10).")
    price_colleague = serializers.IntegerField(required=False, allow_null=True)
    price_marketer = serializers.IntegerField(required=False, allow_null=True)
    stock = serializers.IntegerField(required=False)
    stock_reason = serializers.ChoiceField(choices=StockQuickForm.REASONS, required=False)
    low_stock_threshold = serializers.IntegerField(required=False)
    weight_grams = serializers.IntegerField(required=False, allow_null=True)
    keywords = serializers.CharField(required=False, allow_blank=True, help_text="Comma-separated.")
    description = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    is_featured = serializers.BooleanField(required=False)


_PRICES = ("price_main", "price_colleague", "price_marketer")


def _form_data(data: dict, product: Product | None = None) -> dict:
    """API input (Rials) as the dashboard's product form takes it (Toman), over the product's current values."""
    form_data = {name: field.initial for name, field in ProductForm.base_fields.items() if field.initial is not None}
    if product is not None:
        initial = ProductForm(product=product).initial
        form_data = {name: value for name, value in initial.items() if value is not None}
        for name in _PRICES:
            if isinstance(form_data.get(name), int):
                form_data[name] = str(form_data[name] // 10)
        if form_data.get("category") is not None and not isinstance(form_data["category"], int):
            form_data["category"] = form_data["category"].pk
    for name, value in data.items():
        if name in _PRICES and value not in (None, ""):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value % 10:
                form_data[name] = "x"  # the form's own message explains what a price looks like
            else:
                form_data[name] = str(value // 10)
        else:
            form_data[name] = value
    for name in ("is_active", "is_featured"):
        form_data[name] = bool(form_data.get(name, name == "is_active" and product is None))
    form_data.setdefault("stock_reason", StockMovement.Reason.CORRECTION)
    return form_data


class OwnerProducts(OwnerListView, generics.ListAPIView):
    section = "catalogue"
    serializer_class = OwnerProductOut
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Product.objects.none()
        params = self.request.query_params
        return product_list_for_dashboard(
            text=params.get("q", "")[:100], active=params.get("active", ""), stock=params.get("stock", "")
        )

    @extend_schema(
        tags=OWNER,
        summary="The market's products, active or not",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Title, SKU or words."),
            OpenApiParameter("active", OpenApiTypes.STR, enum=["0", "1"]),
            OpenApiParameter("stock", OpenApiTypes.STR, enum=["in", "low", "out"]),
        ],
        responses={200: OwnerProductOut(many=True), **errors(400, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=OWNER,
        summary="Add a product (the three prices, stock, keywords)",
        request=ProductIn,
        responses={201: OwnerProductOut, **errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "A kettle", request_only=True, value={"title": "Steel kettle", "price_main": 1850000, "stock": 5}
            )
        ],
    )
    def post(self, request, slug):
        form = ProductForm(_form_data(dict(request.data)))
        data = valid_form(form)
        product = product_create(
            **form.product_fields(),
            slug=data["slug"] or product_slug_unique(title=data["title"]),
            keywords=data["keywords"],
            initial_stock=data["stock"] or 0,
            user=request.user,
        )
        return Response(OwnerProductOut(product).data, status=status.HTTP_201_CREATED)


class OwnerProduct(OwnerView):
    section = "catalogue"

    @extend_schema(tags=OWNER, summary="One product", responses={200: OwnerProductOut, **errors(403, 404)})
    def get(self, request, slug, product_id):
        return Response(OwnerProductOut(product_get_for_edit(product_id)).data)

    @extend_schema(
        tags=OWNER,
        summary="Change a product (fields not sent stay as they are)",
        request=ProductIn,
        responses={200: OwnerProductOut, **errors(400, 403, 404)},
    )
    def patch(self, request, slug, product_id):
        product = product_get_for_edit(product_id)
        form = ProductForm(_form_data(dict(request.data), product), product=product)
        data = valid_form(form)
        with transaction.atomic():
            product_update(product=product, **form.product_fields(), slug=data["slug"] or product.slug)
            product_keywords_set(product=product, keywords=data["keywords"])
            if not product.has_variants and data.get("stock") is not None and data["stock"] != product.stock:
                stock_set(product=product, quantity=data["stock"], reason=data["stock_reason"], user=request.user)
        return Response(OwnerProductOut(product_get_for_edit(product_id)).data)


class StockIn(serializers.Serializer):
    stock = serializers.IntegerField(help_text="The counted quantity.")
    reason = serializers.ChoiceField(choices=StockQuickForm.REASONS)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class OwnerProductStock(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="Set the stock to a counted quantity, with a reason (recorded as a stock movement)",
        request=StockIn,
        responses={200: OwnerProductOut, **errors(400, 403, 404)},
        examples=[OpenApiExample("Restocked", request_only=True, value={"stock": 12, "reason": "restock"})],
    )
    def post(self, request, slug, product_id):
        product = product_get_for_edit(product_id)
        data = valid_form(StockQuickForm({"stock": request.data.get("stock"), "reason": request.data.get("reason")}))
        if product.has_variants:
            raise PermissionDenied(_("The stock of a product with options is changed on each option."))
        note = str(request.data.get("note", ""))[:200]
        stock_set(product=product, quantity=data["stock"], reason=data["reason"], user=request.user, note=note)
        return Response(OwnerProductOut(product_get_for_edit(product_id)).data)


class ImageIn(serializers.Serializer):
    image = serializers.ImageField()
    alt = serializers.CharField(required=False, allow_blank=True)


class OwnerProductImages(OwnerView):
    section = "catalogue"
    parser_classes = [MultiPartParser]

    @extend_schema(
        tags=OWNER,
        summary="Upload a photo (checked and re-encoded like the dashboard's uploads)",
        request={"multipart/form-data": ImageIn},
        responses={201: out.ImageSerializer, **errors(400, 403, 404, 413, 415)},
    )
    def post(self, request, slug, product_id):
        product = product_get_for_edit(product_id)
        upload = request.FILES.get("image")
        if upload is None:
            raise ValidationError({"image": [_("Choose one or more photos.")]})
        try:
            image = product_image_add(product=product, upload=upload, alt=str(request.data.get("alt") or product.title))
        except ValidationError as error:
            raise ValidationError({"image": error.messages}) from None
        return Response(out.ImageSerializer(image, context={"request": request}).data, status=status.HTTP_201_CREATED)


# --- Orders ------------------------------------------------------------------------------------


class OwnerOrderOut(out.OrderSerializer):
    id = serializers.IntegerField()
    receiver_name = serializers.CharField()
    receiver_mobile = serializers.CharField()
    allowed_transitions = serializers.SerializerMethodField()

    def get_allowed_transitions(self, order) -> list[str]:
        return transitions_allowed(order)


class OwnerOrderDetailOut(OwnerOrderOut):
    items = out.OrderItemSerializer(many=True, source="items.all")
    history = out.OrderEventSerializer(many=True, source="events.all")
    shipping_name = serializers.CharField()
    province = serializers.CharField()
    city = serializers.CharField()
    street = serializers.CharField()
    postal_code = serializers.CharField()
    note = serializers.CharField()


class TransitionIn(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Order.Status.choices)
    tracking_code = serializers.CharField(required=False, allow_blank=True, max_length=64)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class OwnerOrders(OwnerListView, generics.ListAPIView):
    section = "orders"
    serializer_class = OwnerOrderOut
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        params = self.request.query_params
        return order_list_for_dashboard(status=params.get("status", ""), query=params.get("q", "")[:60])

    @extend_schema(
        tags=OWNER,
        summary="The market's orders, newest first",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=Order.Status.values),
            OpenApiParameter("q", OpenApiTypes.STR, description="Order number, receiver's name or mobile."),
        ],
        responses={200: OwnerOrderOut(many=True), **errors(400, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OwnerOrder(OwnerView):
    section = "orders"

    @extend_schema(
        tags=OWNER,
        summary="One order with items, address and history",
        responses={200: OwnerOrderDetailOut, **errors(403, 404)},
    )
    def get(self, request, slug, order_id):
        return Response(OwnerOrderDetailOut(access_order_for_dashboard(order_id=order_id)).data)


class OwnerOrderTransition(OwnerView):
    section = "orders"

    @extend_schema(
        tags=OWNER,
        summary="Move an order on (confirm, ship with a tracking code, deliver, cancel…)",
        description="Only the moves in the order's `allowed_transitions` are accepted.",
        request=TransitionIn,
        responses={200: OwnerOrderDetailOut, **errors(400, 403, 404)},
        examples=[
            OpenApiExample("Shipped", request_only=True, value={"to_status": "shipped", "tracking_code": "IR123456789"})
        ],
    )
    def post(self, request, slug, order_id):
        order = access_order_for_dashboard(order_id=order_id)
        data = valid_form(
            TransitionForm({key: request.data.get(key, "") for key in ("to_status", "tracking_code", "note")})
        )
        order_transition(
            order=order,
            to_status=data["to_status"],
            actor=request.user,
            note=data["note"],
            tracking_code=data["tracking_code"],
        )
        return Response(OwnerOrderDetailOut(access_order_for_dashboard(order_id=order_id)).data)
