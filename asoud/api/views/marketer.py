"""Marketplace search across markets, and the marketer's offers, links (clicks, orders, commission)
and withdrawals: the affiliates app's selectors and services behind each endpoint."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from asoud.affiliates.forms import WithdrawalForm
from asoud.affiliates.models import Withdrawal
from asoud.affiliates.selectors import (
    access_link,
    link_list,
    marketer_for_user,
    marketer_stats,
    withdrawal_list,
)
from asoud.affiliates.services import AffiliateError, link_create, withdrawal_request
from asoud.marketplace.forms import SORTS, ListingSearchForm
from asoud.marketplace.selectors import listing_get, listing_search

from ..base import ApiView, SignedIn, valid_form
from ..docs import errors
from ..fields import MomentField, MoneyField
from ..idempotency import IDEMPOTENCY_HEADER, idempotent

MARKETER = ["marketer"]
SEARCH = ["marketplace"]

_LISTING_ORDER = {
    "price_asc": ("price", "-id"),
    "price_desc": ("-price", "-id"),
    "bestselling": ("-sold_count", "-id"),
}


class ListingOut(serializers.Serializer):
    id = serializers.IntegerField()
    market = serializers.CharField(source="market_slug")
    market_name = serializers.CharField()
    product_id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    price = MoneyField()
    price_marketer = MoneyField()
    commission_percent = serializers.IntegerField(allow_null=True)
    image_url = serializers.CharField()
    in_stock = serializers.BooleanField()


_SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words (each as a prefix)."),
    OpenApiParameter("category", OpenApiTypes.STR),
    OpenApiParameter("min_price", OpenApiTypes.INT, description="Toman, as on the web's search form."),
    OpenApiParameter("max_price", OpenApiTypes.INT, description="Toman."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
    OpenApiParameter("in_stock", OpenApiTypes.BOOL),
]


class _ListingSearch(ApiView, generics.ListAPIView):
    serializer_class = ListingOut
    affiliate_only = False

    def get_queryset(self):
        form = ListingSearchForm(self.request.query_params)
        valid_form(form)
        filters = form.filters(affiliate_only=self.affiliate_only)
        self.cursor_ordering = _LISTING_ORDER.get(filters.sort) or (
            ("-rank", "-id") if filters.text and filters.sort == "relevance" else ("-product_created_at", "-id")
        )
        listings = listing_search(filters=filters)
        return listings if "rank" in listings.query.annotations else listings.order_by(*self.cursor_ordering)


class MarketplaceSearch(_ListingSearch):
    @extend_schema(
        tags=SEARCH,
        summary="Search products across every open market",
        parameters=_SEARCH_PARAMETERS,
        responses={200: ListingOut(many=True), **errors(400)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _marketer(request):
    marketer = marketer_for_user(request.user)
    if marketer is None:
        raise PermissionDenied(_("Join the marketers' programme on the website first."))
    return marketer


class Offers(SignedIn, _ListingSearch):
    affiliate_only = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        _marketer(request)

    @extend_schema(
        tags=MARKETER,
        summary="Products of markets with an affiliate programme (with their commission)",
        parameters=_SEARCH_PARAMETERS,
        responses={200: ListingOut(many=True), **errors(400, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class LinkOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    market = serializers.CharField(source="market.slug")
    product_id = serializers.IntegerField()
    clicks = serializers.IntegerField(source="click_count", default=0)
    orders = serializers.IntegerField(source="order_count", default=0)
    is_on_page = serializers.BooleanField()
    created = MomentField(source="created_at")

    def get_url(self, link) -> str:
        return self.context["request"].build_absolute_uri(reverse("affiliates:click", kwargs={"code": link.code}))


class StatsOut(serializers.Serializer):
    clicks = serializers.IntegerField()
    orders = serializers.IntegerField()
    pending = MoneyField(help_text="Commission waiting for the orders to complete.")
    earned = MoneyField()
    balance = MoneyField()
    conversion = serializers.FloatField()


class LinkIn(serializers.Serializer):
    listing = serializers.IntegerField(help_text="An offer's id (from marketer/offers/).")


class Links(SignedIn, ApiView):
    @extend_schema(
        tags=MARKETER,
        summary="My links with their clicks and orders",
        responses={200: LinkOut(many=True), **errors(403)},
    )
    def get(self, request):
        links = link_list(marketer=_marketer(request))
        return Response(LinkOut(links, many=True, context={"request": request}).data)

    @extend_schema(
        tags=MARKETER,
        summary="Get a link for an offer (the same product twice gives the same link)",
        request=LinkIn,
        responses={201: LinkOut, **errors(400, 403, 404)},
        examples=[OpenApiExample("An offer", request_only=True, value={"listing": 7})],
    )
    def post(self, request):
        marketer = _marketer(request)
        data = LinkIn(data=request.data)
        data.is_valid(raise_exception=True)
        listing = listing_get(listing_id=data.validated_data["listing"])
        if listing is None:
            raise NotFound
        try:
            link = link_create(marketer=marketer, listing=listing)
        except AffiliateError as error:
            raise ValidationError({"listing": [error.message]}) from None
        link = access_link(marketer, link.pk)
        return Response(LinkOut(link, context={"request": request}).data, status=status.HTTP_201_CREATED)


class Stats(SignedIn, ApiView):
    @extend_schema(
        tags=MARKETER, summary="Clicks, orders and commission (all time)", responses={200: StatsOut, **errors(403)}
    )
    def get(self, request):
        return Response(StatsOut(marketer_stats(marketer=_marketer(request))).data)


class WithdrawalOut(serializers.Serializer):
    id = serializers.IntegerField()
    amount = MoneyField()
    status = serializers.CharField()
    iban = serializers.CharField()
    requested = MomentField(source="created_at")


class WithdrawalIn(serializers.Serializer):
    amount = serializers.IntegerField(help_text="Rials (whole Toman: a multiple of 10).")


class Withdrawals(SignedIn, ApiView, generics.ListAPIView):
    serializer_class = WithdrawalOut
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Withdrawal.objects.none()
        return withdrawal_list(marketer=_marketer(self.request))

    @extend_schema(
        tags=MARKETER, summary="My withdrawals", responses={200: WithdrawalOut(many=True), **errors(400, 403)}
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=MARKETER,
        summary="Ask for a withdrawal to my IBAN (held from the wallet at once)",
        parameters=[IDEMPOTENCY_HEADER],
        request=WithdrawalIn,
        responses={201: WithdrawalOut, **errors(400, 403, 409, 422)},
        examples=[OpenApiExample("500,000 Toman", request_only=True, value={"amount": 5_000_000})],
    )
    @idempotent
    def post(self, request):
        marketer = _marketer(request)
        amount = request.data.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount % 10:
            raise ValidationError({"amount": [_("Enter the amount in Rials, a whole number of Toman.")]})
        form = valid_form(WithdrawalForm({"amount": amount // 10}))
        try:
            withdrawal = withdrawal_request(marketer=marketer, amount=form["amount"] * 10)
        except AffiliateError as error:
            raise ValidationError({"amount": [error.message]}) from None
        return Response(WithdrawalOut(withdrawal).data, status=status.HTTP_201_CREATED)
