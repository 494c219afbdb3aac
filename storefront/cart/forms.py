from django import forms
from django.utils.translation import gettext_lazy as _

from storefront.catalog.models import Product, ProductVariant

from .selectors import isolated
from .services import MAX_QUANTITY


class CartAddForm(forms.Form):
    """The product page's add-to-cart form (`product`, `variant`, `quantity`)."""

    product = forms.ModelChoiceField(
        queryset=Product.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("This product is not available."), "required": _("Choose a product.")},
    )
    variant = forms.ModelChoiceField(
        queryset=ProductVariant.objects.filter(is_active=True),
        required=False,
        error_messages={"invalid_choice": _("This option is not available.")},
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1, required=False)

    def clean(self):
        data = super().clean()
        data["quantity"] = data.get("quantity") or 1
        product, variant = data.get("product"), data.get("variant")
        if product is None:
            return data
        if variant is not None and variant.product_id != product.pk:
            raise forms.ValidationError(_("This option is not available."))
        if product.has_variants and variant is None:
            raise forms.ValidationError(
                _("Choose an option of “%(title)s” first.") % {"title": isolated(product.title)}, code="choose_variant"
            )
        if not product.has_variants:
            data["variant"] = None
        return data


class CartQuantityForm(forms.Form):
    """A line's quantity; the − and + buttons send `change` (−1 or 1) along with it."""

    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=MAX_QUANTITY)
    change = forms.TypedChoiceField(choices=[("-1", "-1"), ("1", "1")], coerce=int, required=False, empty_value=0)

    def clean(self):
        data = super().clean()
        if data.get("quantity") is not None:
            data["quantity"] = max(data["quantity"] + (data.get("change") or 0), 0)
        return data
