"""Shopper endpoints: markets, catalogue, cart, addresses, checkout, orders, wallet, notifications, profile.

Each view parses input with the web's own form, looks up with the web's selectors and `access_*`,
and changes things only through the web's services.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from asoud.accounts.forms import AddressForm, ProfileForm
from asoud.accounts.models import Address
from asoud.accounts.services import address_delete, address_save, profile_get, profile_update
from asoud.affiliates.services import referral_attach
from asoud.notifications.forms import PreferencesForm as NotificationPreferencesForm
from asoud.notifications.selectors import access_notification, notification_list, preference_matrix, recipient_language
from asoud.notifications.services import notification_mark_all_read, notification_mark_read, preferences_update
from asoud.wallet.forms import TopUpForm
from asoud.wallet.selectors import wallet_balance, wallet_entries
from asoud.wallet.services import wallet_topup_complete, wallet_topup_start
from storefront.analytics.selectors import product_recommendations_both
from storefront.cart.forms import CartAddForm, CartQuantityForm
from storefront.cart.selectors import access_cart_item, cart_get, cart_summary
from storefront.cart.services import cart_get_or_create, cart_item_add, cart_item_remove, cart_item_update
from storefront.catalog.cache import storefront_version
from storefront.catalog.forms import ListingFilterForm
from storefront.catalog.http import request_tier
from storefront.catalog.models import Product
from storefront.catalog.pricing import price_for, prices_attach
from storefront.catalog.selectors import (
    Sort,
    category_tree,
    product_get_for_page,
    product_gift_items,
    product_list,
    product_required_items,
    product_search,
)
from storefront.orders.forms import PlaceOrderForm
from storefront.orders.models import Order
from storefront.orders.selectors import (
    access_order,
    address_get,
    order_list,
    shipping_method_get,
    shipping_method_list,
)
from storefront.orders.services import order_payment_return, order_payment_start, order_place, order_transition
from storefront.orders.services.transitions import NOTE_CANCELLED_BY_SHOPPER
from storefront.themes.selectors import store_theme_get
from tenants.selectors import market_list_active

from .. import serializers as out
from ..base import ApiView, MarketListView, MarketView, SignedIn, valid_form
from ..docs import errors
from ..fields import MoneyField
from ..idempotency import IDEMPOTENCY_HEADER, idempotent

MARKET = ["markets"]
CATALOG = ["catalogue"]
CART = ["cart"]
ORDERS = ["orders"]
ME = ["me"]


# --- Markets ----------------------------------------------------------------------------------


class MarketList(ApiView, generics.ListAPIView):
    serializer_class = out.MarketSerializer
    cursor_ordering = ("name", "id")

    def get_queryset(self):
        markets = market_list_active()
        text = self.request.query_params.get("q", "").strip()[:100]
        return markets.filter(name__icontains=text) if text else markets

    @extend_schema(
        tags=MARKET,
        summary="Markets open to shoppers",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Part of the market's name.")],
        responses={200: out.MarketSerializer(many=True), **errors(400)},
        auth=[],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MarketDetail(MarketView):
    @extend_schema(
        tags=MARKET,
        summary="A market with its theme colours and logo (for the app's header)",
        responses={200: out.MarketDetailSerializer, **errors(404, 503)},
    )
    def get(self, request, slug):
        theme = store_theme_get(market=self.market, version=storefront_version(request._request))
        data = dict(out.MarketSerializer(self.market, context={"request": request}).data)
        logo = theme.logo.image.url if theme.logo is not None and theme.logo.image else None
        data["theme"] = {
            "key": theme.key,
            "colors": theme.colors,
            "logo": request.build_absolute_uri(logo) if logo else data["logo"],
        }
        return Response(data)


# --- Catalogue --------------------------------------------------------------------------------


class CategoryList(MarketView):
    @extend_schema(
        tags=CATALOG,
        summary="Every category of the market (a flat list with parent ids)",
        responses={200: out.CategorySerializer(many=True), **errors(404, 503)},
    )
    def get(self, request, slug):
        tree = category_tree(version=storefront_version(request._request))
        return Response(out.CategorySerializer(tree.categories, many=True).data)


_SORT_ORDERING = {
    Sort.NEWEST: ("-created_at", "-id"),
    Sort.PRICE_ASC: ("effective_price", "-id"),
    Sort.PRICE_DESC: ("-effective_price", "-id"),
    Sort.BEST_SELLING: ("-sold_count", "-id"),
}


class ProductList(MarketListView, generics.ListAPIView):
    serializer_class = out.ProductCardSerializer

    def _form(self):
        params = self.request.query_params
        data = {key: params.get(key, "") for key in ("sort", "category", "in_stock")}
        for key in ("min_price", "max_price"):  # the API speaks Rials, the web form Toman
            raw = params.get(key, "").strip()
            data[key] = str(int(raw) // 10) if raw.isdigit() else raw
        tree = category_tree(version=storefront_version(self.request._request))
        return ListingFilterForm(data, tree=tree)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no market schema active
            return Product.objects.none()
        text = self.request.query_params.get("q", "").strip()[:100]
        form = self._form()
        valid_form(form)
        if text:
            found = product_search(text=text)
            if found is None:  # no word to search for (only signs or symbols): nothing matches
                self.cursor_ordering = ("-id",)
                return Product.objects.none()
            self.cursor_ordering = ("-rank", "-id")
            return found
        filters = form.filters()
        self.cursor_ordering = _SORT_ORDERING.get(filters.sort, _SORT_ORDERING[Sort.NEWEST])
        return product_list(filters=filters, tier=request_tier(self.request))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return prices_attach(page, tier=request_tier(self.request)) if page is not None else None

    @extend_schema(
        tags=CATALOG,
        summary="Products: filters, sort, full-text search",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Full-text search (every word as a prefix)."),
            OpenApiParameter("category", OpenApiTypes.STR, description="A category's slug (sub-categories included)."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=[key for key, _label in Sort.CHOICES]),
            OpenApiParameter("min_price", OpenApiTypes.INT, description="Rials."),
            OpenApiParameter("max_price", OpenApiTypes.INT, description="Rials."),
            OpenApiParameter("in_stock", OpenApiTypes.BOOL),
        ],
        responses={200: out.ProductCardSerializer(many=True), **errors(400, 404, 503)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProductDetail(MarketView):
    @extend_schema(
        tags=CATALOG,
        summary="A product with variants, images, the viewer's price tier, required and gift items, recommendations",
        responses={200: out.ProductDetailSerializer, **errors(404, 503)},
    )
    def get(self, request, slug, product_slug):
        product = product_get_for_page(slug=product_slug, version=storefront_version(request._request))
        tier = request_tier(request)
        product.price = price_for(product=product, tier=tier)
        for variant in product.active_variants:
            variant.price = price_for(product=product, variant=variant, tier=tier)
        product.required_items = product_required_items(product)
        product.gift_items = product_gift_items(product)
        recommended = product_recommendations_both(product=product, limit=4)
        product.bought_together, product.similar = recommended["together"], recommended["similar"]
        prices_attach(
            [r.related for r in product.required_items + product.gift_items]
            + product.bought_together
            + product.similar,
            tier=tier,
        )
        return Response(out.ProductDetailSerializer(product, context={"request": request}).data)


# --- Cart -------------------------------------------------------------------------------------


def _cart_response(request, code=status.HTTP_200_OK):
    summary = cart_summary(cart=cart_get(user=request.user, session={}), tier=request_tier(request))
    return Response(out.CartSerializer(summary).data, status=code)


class CartLineIn(serializers.Serializer):
    product = serializers.IntegerField(help_text="Product id.")
    variant = serializers.IntegerField(required=False, allow_null=True, help_text="Variant id (products with options).")
    quantity = serializers.IntegerField(required=False, default=1)


class QuantityIn(serializers.Serializer):
    quantity = serializers.IntegerField(help_text="0 removes the line.")


class CartView(SignedIn, MarketView):
    @extend_schema(
        tags=CART,
        summary="The shopper's cart in this market, priced now",
        responses={200: out.CartSerializer, **errors(401, 404, 503)},
    )
    def get(self, request, slug):
        return _cart_response(request)


class CartLines(SignedIn, MarketView):
    @extend_schema(
        tags=CART,
        summary="Add a product (products it requires are added too)",
        request=CartLineIn,
        responses={201: out.CartSerializer, **errors(400, 401, 404, 503)},
        examples=[OpenApiExample("Two of a product", value={"product": 12, "quantity": 2}, request_only=True)],
    )
    def post(self, request, slug):
        data = valid_form(CartAddForm(request.data))
        cart = cart_get_or_create(user=request.user, session={})
        cart_item_add(cart=cart, product=data["product"], variant=data["variant"], quantity=data["quantity"])
        return _cart_response(request, status.HTTP_201_CREATED)


class CartLine(SignedIn, MarketView):
    def _item(self, request, line_id):
        return access_cart_item(cart=cart_get(user=request.user, session={}), item_id=line_id)

    @extend_schema(
        tags=CART,
        summary="Change a line's quantity",
        request=QuantityIn,
        responses={200: out.CartSerializer, **errors(400, 401, 404, 503)},
    )
    def patch(self, request, slug, line_id):
        item = self._item(request, line_id)
        data = valid_form(CartQuantityForm({"quantity": request.data.get("quantity")}))
        cart_item_update(item=item, quantity=data["quantity"])
        return _cart_response(request)

    @extend_schema(tags=CART, summary="Remove a line", responses={200: out.CartSerializer, **errors(401, 404, 503)})
    def delete(self, request, slug, line_id):
        cart_item_remove(item=self._item(request, line_id))
        return _cart_response(request)


# --- Addresses and shipping -------------------------------------------------------------------


class AddressIn(serializers.Serializer):
    label = serializers.CharField(required=False, allow_blank=True)
    receiver_name = serializers.CharField()
    receiver_mobile = serializers.CharField()
    province = serializers.CharField()
    city = serializers.CharField()
    street = serializers.CharField()
    postal_code = serializers.CharField()
    is_default = serializers.BooleanField(required=False, default=False)


class AddressList(SignedIn, ApiView):
    @extend_schema(tags=ME, summary="My addresses", responses={200: out.AddressSerializer(many=True), **errors(401)})
    def get(self, request):
        return Response(out.AddressSerializer(request.user.addresses.all(), many=True).data)

    @extend_schema(
        tags=ME,
        summary="Add an address",
        request=AddressIn,
        responses={201: out.AddressSerializer, **errors(400, 401)},
        examples=[
            OpenApiExample(
                "Home",
                request_only=True,
                value={
                    "label": "Home",
                    "receiver_name": "Sara Ahmadi",
                    "receiver_mobile": "09121234567",
                    "province": "Tehran",
                    "city": "Tehran",
                    "street": "Valiasr St, No. 12",
                    "postal_code": "1234567890",
                },
            )
        ],
    )
    def post(self, request):
        data = valid_form(AddressForm(request.data))
        address = address_save(user=request.user, **data)
        return Response(out.AddressSerializer(address).data, status=status.HTTP_201_CREATED)


class AddressDetail(SignedIn, ApiView):
    @extend_schema(tags=ME, summary="Remove an address", responses={204: None, **errors(401, 404)})
    def delete(self, request, address_id):
        address_delete(address=get_object_or_404(Address, pk=address_id, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ShippingMethods(MarketView):
    @extend_schema(
        tags=ORDERS,
        summary="Delivery methods of the market",
        responses={200: out.ShippingMethodSerializer(many=True), **errors(404, 503)},
    )
    def get(self, request, slug):
        return Response(out.ShippingMethodSerializer(shipping_method_list(), many=True).data)


# --- Checkout and orders ----------------------------------------------------------------------


class PlaceIn(serializers.Serializer):
    address = serializers.IntegerField(help_text="One of my addresses.")
    shipping_method = serializers.IntegerField()
    payment_method = serializers.ChoiceField(choices=Order.PaymentMethod.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class OrderList(SignedIn, MarketListView, generics.ListAPIView):
    serializer_class = out.OrderSerializer
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Order.objects.none()
        return order_list(user=self.request.user)

    @extend_schema(
        tags=ORDERS,
        summary="My orders in this market",
        responses={200: out.OrderSerializer(many=True), **errors(400, 401, 404, 503)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=ORDERS,
        summary="Place an order from the cart (cash, wallet or online)",
        description=(
            "Online: the answer's `pay_url` is Zarinpal's StartPay page; open it, and poll the order until its "
            "status is `verified` (or `cancelled`). Send an `Idempotency-Key` so a retry never orders twice."
        ),
        parameters=[IDEMPOTENCY_HEADER],
        request=PlaceIn,
        responses={201: out.PlacedOrderSerializer, **errors(400, 401, 404, 409, 422, 502, 503)},
        examples=[
            OpenApiExample(
                "Pay online", request_only=True, value={"address": 1, "shipping_method": 1, "payment_method": "online"}
            )
        ],
    )
    @idempotent
    def post(self, request, slug):
        data = PlaceIn(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        address = address_get(user=request.user, address_id=data["address"])
        shipping = shipping_method_get(method_id=data["shipping_method"])
        problems = {}
        if address is None:
            problems["address"] = [_("Choose one of your addresses or add a new one.")]
        if shipping is None:
            problems["shipping_method"] = [_("Choose a delivery method.")]
        if problems:
            raise ValidationError(problems)
        note = valid_form(PlaceOrderForm({"note": data.get("note", "")})).get("note", "")
        cart = cart_get(user=request.user, session={})
        if cart is None:
            raise ValidationError(_("Your cart is empty."), code="empty")
        with transaction.atomic():
            order = order_place(
                user=request.user,
                cart=cart,
                address=address,
                shipping_method=shipping,
                payment_method=data["payment_method"],
                note=note,
            )
            referral_attach(
                market=self.market,
                order_id=order.pk,
                order_number=order.number,
                amount=order.subtotal,
                buyer_user_id=request.user.pk,
                request=request._request,
            )
        pay_url = ""
        if order.status == Order.Status.PENDING and order.payment_method == Order.PaymentMethod.ONLINE:
            callback = request.build_absolute_uri(reverse("api:payment-callback", kwargs={"slug": slug}))
            pay_url = order_payment_start(order=order, callback_url=callback)
        order = access_order(user=request.user, number=order.number)
        body = {"order": out.OrderDetailSerializer(order, context=self._context()).data, "pay_url": pay_url}
        return Response(body, status=status.HTTP_201_CREATED)


class OrderDetail(SignedIn, MarketView):
    @extend_schema(
        tags=ORDERS,
        summary="An order with its items and history (poll it after paying)",
        responses={200: out.OrderDetailSerializer, **errors(401, 404, 503)},
    )
    def get(self, request, slug, number):
        order = access_order(user=request.user, number=number)
        return Response(out.OrderDetailSerializer(order, context=self._context()).data)


class OrderCancel(SignedIn, MarketView):
    @extend_schema(
        tags=ORDERS,
        summary="Cancel my order while it is still pending",
        request=None,
        responses={200: out.OrderDetailSerializer, **errors(400, 401, 404, 503)},
    )
    def post(self, request, slug, number):
        order = access_order(user=request.user, number=number)
        if not order.is_cancellable_by_shopper:
            raise ValidationError(
                _("This order can no longer be cancelled. Please contact the shop."), code="not_cancellable"
            )
        order_transition(
            order=order, to_status=Order.Status.CANCELLED, actor=request.user, note=NOTE_CANCELLED_BY_SHOPPER
        )
        order = access_order(user=request.user, number=number)
        return Response(out.OrderDetailSerializer(order, context=self._context()).data)


# What Zarinpal adds to the address it sends the payer back to (orders and wallet top-ups alike).
ZARINPAL_RETURN_PARAMETERS = [
    OpenApiParameter("Authority", OpenApiTypes.STR, required=True),
    OpenApiParameter("Status", OpenApiTypes.STR, enum=["OK", "NOK"], required=True),
]


class PaymentCallback(MarketView):
    """Where Zarinpal sends the payer back: the payment is verified here (the app then polls the order)."""

    market_must_be_open = False

    @extend_schema(
        tags=ORDERS,
        summary="Zarinpal's return address for orders paid from the app",
        parameters=ZARINPAL_RETURN_PARAMETERS,
        responses={
            200: inline_serializer(
                "PaymentResult",
                {
                    "order": serializers.CharField(),
                    "status": serializers.CharField(),
                    "is_paid": serializers.BooleanField(),
                },
            ),
            **errors(400, 404, 502),
        },
        auth=[],
    )
    def get(self, request, slug):
        order, _payment = order_payment_return(
            authority=request.query_params.get("Authority", ""), status_param=request.query_params.get("Status", "")
        )
        return Response({"order": order.number, "status": order.status, "is_paid": order.is_paid})


# --- Me: wallet, notifications, profile ---------------------------------------------------------


class Wallet(SignedIn, ApiView, generics.ListAPIView):
    serializer_class = out.LedgerEntrySerializer
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return wallet_entries(user=self.request.user)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["balance"] = out.money(wallet_balance(user=self.request.user))
        return response

    @extend_schema(
        tags=ME,
        summary="Wallet balance (in every page) and ledger, newest first",
        responses={200: out.LedgerEntrySerializer(many=True), **errors(400, 401)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TopUpIn(serializers.Serializer):
    amount = serializers.IntegerField(help_text="Rials, a whole number of Toman (within the site's limits).")


class TopUpOut(serializers.Serializer):
    payment = serializers.IntegerField()
    amount = MoneyField()
    pay_url = serializers.CharField(help_text="Zarinpal's StartPay page; the wallet is credited once paid.")


class WalletTopUp(SignedIn, ApiView):
    @extend_schema(
        tags=ME,
        summary="Top up the wallet online (answers Zarinpal's StartPay URL)",
        parameters=[IDEMPOTENCY_HEADER],
        request=TopUpIn,
        responses={201: TopUpOut, **errors(400, 409, 422, 502)},
        examples=[OpenApiExample("100,000 Toman", request_only=True, value={"amount": 1_000_000})],
    )
    @idempotent
    def post(self, request):
        amount = request.data.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount % 10:
            raise ValidationError({"amount": [_("Enter the amount in Rials, a whole number of Toman.")]})
        form = TopUpForm({"amount": str(amount // 10)})
        valid_form(form)
        callback = request.build_absolute_uri(reverse("api:wallet-topup-callback"))
        payment, pay_url = wallet_topup_start(user=request.user, amount=form.rials, callback_url=callback)
        body = {"payment": payment.pk, "amount": payment.amount, "pay_url": pay_url}
        return Response(TopUpOut(body).data, status=status.HTTP_201_CREATED)


class WalletTopUpCallback(ApiView):
    """Where Zarinpal sends the payer back after a top-up: verified here (no sign-in needed, as on the web)."""

    authentication_classes = []

    @extend_schema(
        tags=ME,
        summary="Zarinpal's return address for wallet top-ups from the app",
        parameters=ZARINPAL_RETURN_PARAMETERS,
        responses={
            200: inline_serializer(
                "TopUpResult",
                {"status": serializers.CharField(), "is_paid": serializers.BooleanField(), "amount": MoneyField()},
            ),
            **errors(404, 502, signed_in=False),
        },
        auth=[],
    )
    def get(self, request):
        payment = wallet_topup_complete(
            authority=request.query_params.get("Authority", ""), status_param=request.query_params.get("Status", "")
        )
        return Response({"status": payment.status, "is_paid": payment.is_paid, "amount": out.money(payment.amount)})


class Notifications(SignedIn, ApiView, generics.ListAPIView):
    serializer_class = out.NotificationSerializer
    cursor_ordering = ("-shown_at", "-id")

    def get_queryset(self):
        return notification_list(user=self.request.user)

    @extend_schema(
        tags=ME,
        summary="My notifications, newest first",
        responses={200: out.NotificationSerializer(many=True), **errors(400, 401)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationRead(SignedIn, ApiView):
    @extend_schema(
        tags=ME,
        summary="Mark a notification read",
        request=None,
        responses={200: out.NotificationSerializer, **errors(401, 404)},
    )
    def post(self, request, notification_id):
        notification = notification_mark_read(
            notification=access_notification(user=request.user, notification_id=notification_id)
        )
        return Response(out.NotificationSerializer(notification).data)


class NotificationsReadAll(SignedIn, ApiView):
    @extend_schema(
        tags=ME,
        summary="Mark every notification read",
        request=None,
        responses={200: inline_serializer("Marked", {"marked": serializers.IntegerField()}), **errors(401)},
    )
    def post(self, request):
        return Response({"marked": notification_mark_all_read(user_id=request.user.pk)})


class PreferenceCellOut(serializers.Serializer):
    channel = serializers.CharField()
    label = serializers.CharField()
    available = serializers.BooleanField(help_text="Does any event of this category use the channel.")
    enabled = serializers.BooleanField()


class PreferenceRowOut(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()
    channels = PreferenceCellOut(many=True, source="cells")


class PreferencesOut(serializers.Serializer):
    language = serializers.CharField(help_text="Language of SMS and email.")
    categories = PreferenceRowOut(many=True)


class PreferencesIn(serializers.Serializer):
    language = serializers.ChoiceField(choices=["fa", "en"])
    enabled = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Category → the channels to use; available channels left out are turned off.",
    )


def _preferences(user) -> dict:
    rows = preference_matrix(user_id=user.pk)
    return PreferencesOut({"language": recipient_language(user_id=user.pk), "categories": rows}).data


class NotificationPreferences(SignedIn, ApiView):
    @extend_schema(
        tags=ME, summary="Which notifications reach me by which channel", responses={200: PreferencesOut, **errors()}
    )
    def get(self, request):
        return Response(_preferences(request.user))

    @extend_schema(
        tags=ME,
        summary="Choose channels per category, and the language of SMS and email",
        request=PreferencesIn,
        responses={200: PreferencesOut, **errors(400)},
        examples=[
            OpenApiExample(
                "Orders by SMS too",
                request_only=True,
                value={"language": "fa", "enabled": {"orders": ["in_app", "sms"]}},
            )
        ],
    )
    def put(self, request):
        matrix = preference_matrix(user_id=request.user.pk)
        enabled = request.data.get("enabled") if isinstance(request.data.get("enabled"), dict) else {}
        data = {"language": request.data.get("language", "")}
        for category, channels in enabled.items():
            for channel in channels if isinstance(channels, list) else []:
                data[f"{category}__{channel}"] = "on"
        form = NotificationPreferencesForm(data, matrix=matrix)
        valid_form(form)
        preferences_update(user_id=request.user.pk, enabled=form.enabled(), language=form.cleaned_data["language"])
        return Response(_preferences(request.user))


class ProfileIn(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    national_code = serializers.CharField(required=False, allow_blank=True)
    iban = serializers.CharField(required=False, allow_blank=True)
    account_holder = serializers.CharField(required=False, allow_blank=True)


def _profile(user) -> dict:
    profile = profile_get(user=user)
    return out.ProfileSerializer(
        {
            "id": user.pk,
            "mobile": user.mobile,
            "name": user.name,
            "email": user.email,
            "national_code": profile.national_code,
            "iban": profile.iban,
            "account_holder": profile.account_holder,
            "wallet_balance": wallet_balance(user=user),
        }
    ).data


class Profile(SignedIn, ApiView):
    @extend_schema(tags=ME, summary="My profile", responses={200: out.ProfileSerializer, **errors(401)})
    def get(self, request):
        return Response(_profile(request.user))

    @extend_schema(
        tags=ME,
        summary="Change my profile (fields not sent stay as they are)",
        request=ProfileIn,
        responses={200: out.ProfileSerializer, **errors(400, 401)},
    )
    def patch(self, request):
        current = _profile(request.user)
        fields = ("name", "email", "national_code", "iban", "account_holder")
        data = valid_form(ProfileForm({name: request.data.get(name, current[name]) for name in fields}))
        profile_update(user=request.user, **data)
        return Response(_profile(request.user))
