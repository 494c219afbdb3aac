"""Owner endpoints for the catalogue's structure: categories, product variants and discounts.

Input is validated by the dashboard's own forms (`CategoryForm`, `VariantForm`, `DiscountForm`,
`StockQuickForm`) and written by the catalogue services the dashboard calls, so every rule (unique
SKUs and slugs, prices in whole Toman, a category never inside itself, a fixed discount smaller than
the price, an end after the start…) has one copy. The API speaks Rials; the forms read Toman, so
amounts are handed to them as Toman text, and an amount that is not whole Toman gets the form's message.
"""

from django.db import transaction
from django.http import Http404
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from dashboard.product_forms import (
    CategoryForm,
    DiscountForm,
    StockQuickForm,
    VariantForm,
    discount_initial,
    variant_initial,
)
from dashboard.product_selectors import category_get, category_list_for_dashboard, product_get_for_edit
from storefront.catalog.models import Discount, StockMovement
from storefront.catalog.services import (
    category_create,
    category_delete,
    category_slug_unique,
    category_update,
    discount_create,
    discount_delete,
    discount_update,
    stock_set,
    variant_create,
    variant_delete,
    variant_update,
)

from ..base import valid_form
from ..docs import errors
from ..fields import MomentField, MoneyField
from .owner import OWNER, OwnerView


def _toman_text(value) -> str:
    """A Rial amount from the app as the dashboard form reads it (Toman). Anything that is not whole
    Toman becomes text the form refuses with its own message."""
    if value in (None, ""):
        return ""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value % 10:
        return "x"
    return str(value // 10)


def _sent(request, names) -> dict:
    return {name: request.data[name] for name in names if name in request.data}


# --- Categories ----------------------------------------------------------------------------------


class CategoryOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    position = serializers.IntegerField()
    depth = serializers.IntegerField(help_text="0 at the top level (the list is in tree order).")
    product_count = serializers.IntegerField()


class CategoryIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    slug = serializers.CharField(required=False, allow_blank=True, help_text="Empty: made from the name.")
    parent = serializers.IntegerField(required=False, allow_null=True, help_text="A category id, or null: top level.")
    position = serializers.IntegerField(required=False)


def _category_out(category_id: int) -> dict:
    category = next(c for c in category_list_for_dashboard() if c.pk == category_id)
    return CategoryOut(category).data


def _category_saved(form: CategoryForm, service, *, exclude_id: int | None = None, **kwargs):
    data = valid_form(form)
    return service(
        **kwargs,
        name=data["name"],
        slug=data["slug"] or category_slug_unique(name=data["name"], exclude_id=exclude_id),
        parent=data["parent"],
        position=data["position"] or 0,
    )


class OwnerCategories(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="The market's categories in tree order, with product counts",
        responses={200: CategoryOut(many=True), **errors(403, 404)},
    )
    def get(self, request, slug):
        return Response(CategoryOut(category_list_for_dashboard(), many=True).data)

    @extend_schema(
        tags=OWNER,
        summary="Add a category",
        request=CategoryIn,
        responses={201: CategoryOut, **errors(400, 403, 404)},
        examples=[OpenApiExample("Teapots", request_only=True, value={"name": "Teapots", "parent": None})],
    )
    def post(self, request, slug):
        form = CategoryForm(_sent(request, ("name", "slug", "parent", "position")))
        category = _category_saved(form, category_create)
        return Response(_category_out(category.pk), status=status.HTTP_201_CREATED)


class OwnerCategory(OwnerView):
    section = "catalogue"

    @extend_schema(tags=OWNER, summary="One category", responses={200: CategoryOut, **errors(403, 404)})
    def get(self, request, slug, category_id):
        return Response(_category_out(category_get(category_id).pk))

    @extend_schema(
        tags=OWNER,
        summary="Rename or move a category (fields not sent stay as they are)",
        request=CategoryIn,
        responses={200: CategoryOut, **errors(400, 403, 404)},
    )
    def patch(self, request, slug, category_id):
        category = category_get(category_id)
        current = {"name": category.name, "slug": category.slug, "parent": category.parent_id}
        form = CategoryForm({**current, "position": category.position, **_sent(request, CategoryIn().fields)})
        _category_saved(form, category_update, exclude_id=category.pk, category=category)
        return Response(_category_out(category.pk))

    @extend_schema(
        tags=OWNER,
        summary="Delete a category (its subcategories move up, its products become uncategorised)",
        responses={204: None, **errors(403, 404)},
    )
    def delete(self, request, slug, category_id):
        category_delete(category=category_get(category_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Variants ------------------------------------------------------------------------------------


class VariantOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    sku = serializers.CharField()
    options = serializers.DictField(child=serializers.CharField())
    price_main = MoneyField(allow_null=True, help_text="null: the product's price.")
    stock = serializers.IntegerField()
    is_active = serializers.BooleanField()


class VariantIn(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    sku = serializers.CharField(max_length=64)
    options = serializers.DictField(child=serializers.CharField(), required=False, help_text='{"Size": "L"}')
    price_main = serializers.IntegerField(
        required=False, allow_null=True, help_text="Rials (whole Toman); null: the product's."
    )
    stock = serializers.IntegerField(required=False)
    stock_reason = serializers.ChoiceField(
        choices=StockQuickForm.REASONS, required=False, help_text="When the stock changes."
    )
    is_active = serializers.BooleanField(required=False)


def _variant_form(data: dict, initial: dict | None = None) -> VariantForm:
    form_data = {**(initial or {"stock": 0, "is_active": True}), **data}
    options = form_data.get("options")
    if isinstance(options, dict):  # the form reads "name: value; name: value"
        form_data["options"] = "; ".join(f"{name}: {value}" for name, value in options.items())
    if "price_main" in data:
        form_data["price_main"] = _toman_text(data["price_main"])
    elif isinstance(form_data.get("price_main"), int):
        form_data["price_main"] = str(form_data["price_main"] // 10)
    form_data["is_active"] = bool(form_data.get("is_active"))
    return VariantForm(form_data)


def _one_of(rows, row_id: int):
    """The row with this id among a product's variants or discounts: 404 when it is another product's."""
    for row in rows:
        if row.pk == row_id:
            return row
    raise Http404


def _stock_reason(request) -> str:
    reason = request.data.get("stock_reason") or StockMovement.Reason.CORRECTION
    return valid_form(StockQuickForm({"stock": 0, "reason": reason}))["reason"]


VARIANT_FIELDS = ("title", "sku", "options", "price_main", "stock", "is_active")


class OwnerVariants(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="A product's variants (options such as size or colour, each with its SKU, price and stock)",
        responses={200: VariantOut(many=True), **errors(403, 404)},
    )
    def get(self, request, slug, product_id):
        return Response(VariantOut(product_get_for_edit(product_id).edit_variants, many=True).data)

    @extend_schema(
        tags=OWNER,
        summary="Add a variant (a product with its own stock must first bring it to zero)",
        request=VariantIn,
        responses={201: VariantOut, **errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "Large, red",
                request_only=True,
                value={"title": "Large red", "sku": "KT-L-R", "options": {"Size": "L", "Colour": "red"}, "stock": 4},
            )
        ],
    )
    def post(self, request, slug, product_id):
        product = product_get_for_edit(product_id)
        data = valid_form(_variant_form(_sent(request, VARIANT_FIELDS)))
        fields = {key: data[key] for key in ("title", "sku", "options", "price_main")}
        variant = variant_create(product=product, **fields, initial_stock=data["stock"] or 0, user=request.user)
        return Response(VariantOut(variant).data, status=status.HTTP_201_CREATED)


class OwnerVariant(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="Change a variant (fields not sent stay as they are; a new stock is recorded with its reason)",
        request=VariantIn,
        responses={200: VariantOut, **errors(400, 403, 404)},
    )
    def patch(self, request, slug, product_id, variant_id):
        product = product_get_for_edit(product_id)
        variant = _one_of(product.edit_variants, variant_id)
        data = valid_form(_variant_form(_sent(request, VARIANT_FIELDS), variant_initial(variant)))
        fields = {key: data[key] for key in ("title", "sku", "options", "price_main")}
        with transaction.atomic():
            variant_update(variant=variant, **fields, is_active=data["is_active"])
            if data["stock"] != variant.stock:
                reason = _stock_reason(request)
                stock_set(product=product, variant=variant, quantity=data["stock"], reason=reason, user=request.user)
        variant.refresh_from_db()
        return Response(VariantOut(variant).data)

    @extend_schema(
        tags=OWNER,
        summary="Delete a variant (the product's stock becomes the sum of the others)",
        responses={204: None, **errors(403, 404)},
    )
    def delete(self, request, slug, product_id, variant_id):
        variant_delete(variant=_one_of(product_get_for_edit(product_id).edit_variants, variant_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Discounts -----------------------------------------------------------------------------------


class DiscountOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Discount.Kind.choices)
    value = serializers.IntegerField(help_text="percent: 1–100; fixed: Rials off each unit.")
    min_quantity = serializers.IntegerField()
    starts_at = MomentField()
    ends_at = MomentField(allow_null=True)
    is_active = serializers.BooleanField()


class DiscountIn(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    kind = serializers.ChoiceField(choices=Discount.Kind.choices)
    value = serializers.IntegerField(help_text="percent: 1–100; fixed: Rials (whole Toman).")
    min_quantity = serializers.IntegerField(required=False)
    starts_at = serializers.DateTimeField(required=False, allow_null=True, help_text="ISO 8601; empty: now.")
    ends_at = serializers.DateTimeField(required=False, allow_null=True, help_text="ISO 8601; empty: no end.")
    is_active = serializers.BooleanField(required=False)


DISCOUNT_FIELDS = ("name", "kind", "value", "min_quantity", "starts_at", "ends_at", "is_active")


def _discount_form(data: dict, initial: dict | None = None) -> DiscountForm:
    form_data = {**(initial or {"min_quantity": 1, "is_active": True}), **data}
    if "value" in data or initial is None:
        value = data.get("value")
        if form_data.get("kind") == Discount.Kind.FIXED:
            form_data["value"] = _toman_text(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            form_data["value"] = str(value)
    for name in ("starts_at", "ends_at"):
        if name in data and isinstance(data[name], str):
            moment = parse_datetime(data[name])
            # An ISO moment with its offset is taken as it is; other text goes to the form (Jalali too).
            form_data[name] = moment if moment is not None and moment.tzinfo is not None else data[name]
    form_data["is_active"] = bool(form_data.get("is_active"))
    return DiscountForm({key: value for key, value in form_data.items() if value is not None})


def _discount_fields(data: dict) -> dict:
    return {key: data[key] for key in ("kind", "value", "min_quantity", "starts_at", "ends_at", "name")}


class OwnerDiscounts(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="A product's discounts (percent or a fixed amount, from a quantity, for a period)",
        responses={200: DiscountOut(many=True), **errors(403, 404)},
    )
    def get(self, request, slug, product_id):
        return Response(DiscountOut(product_get_for_edit(product_id).edit_discounts, many=True).data)

    @extend_schema(
        tags=OWNER,
        summary="Add a discount",
        request=DiscountIn,
        responses={201: DiscountOut, **errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "10% from 2 units in Yalda week",
                request_only=True,
                value={
                    "kind": "percent",
                    "value": 10,
                    "min_quantity": 2,
                    "starts_at": "2026-12-15T00:00:00+03:30",
                    "ends_at": "2026-12-22T23:59:00+03:30",
                },
            )
        ],
    )
    def post(self, request, slug, product_id):
        product = product_get_for_edit(product_id)
        data = valid_form(_discount_form(_sent(request, DISCOUNT_FIELDS)))
        discount = discount_create(product=product, **_discount_fields(data))
        return Response(DiscountOut(discount).data, status=status.HTTP_201_CREATED)


class OwnerDiscount(OwnerView):
    section = "catalogue"

    @extend_schema(
        tags=OWNER,
        summary="Change a discount (fields not sent stay as they are)",
        request=DiscountIn,
        responses={200: DiscountOut, **errors(400, 403, 404)},
    )
    def patch(self, request, slug, product_id, discount_id):
        discount = _one_of(product_get_for_edit(product_id).edit_discounts, discount_id)
        data = valid_form(_discount_form(_sent(request, DISCOUNT_FIELDS), discount_initial(discount)))
        discount = discount_update(discount=discount, **_discount_fields(data), is_active=data["is_active"])
        return Response(DiscountOut(discount).data)

    @extend_schema(tags=OWNER, summary="Delete a discount", responses={204: None, **errors(403, 404)})
    def delete(self, request, slug, product_id, discount_id):
        discount_delete(discount=_one_of(product_get_for_edit(product_id).edit_discounts, discount_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
