"""Forms of the products area of the owner dashboard: they parse input; services do the writes.

Money: people type Toman, the database keeps Rials. `TomanField` is the one place that converts:
it accepts Persian, Arabic or ASCII digits with thousands separators (and one decimal digit, so a
price of 12,345 Rials survives an edit), cleans to **Rials** and shows a stored Rial amount as Toman.
"""

from __future__ import annotations

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asoud.core.formatting import TO_LATIN_WITH_DECIMAL as _DIGITS
from storefront.catalog.models import Category, Discount, StockMovement

from .jalali import JalaliDateTimeField

RIALS_PER_TOMAN = 10
MAX_RIALS = 10**15
_SEPARATORS = re.compile(r"[\s,٬،_'\u200c]")


def toman_to_rials(toman: int | Decimal) -> int:
    return int(Decimal(toman) * RIALS_PER_TOMAN)


def rials_to_toman(rials: int) -> Decimal | int:
    """Whole Toman when the amount allows it (it nearly always does), else one decimal place."""
    toman = Decimal(rials) / RIALS_PER_TOMAN
    return int(toman) if toman == toman.to_integral_value() else toman


def parse_toman(text: str) -> int:
    """'۱۲٬۵۰۰' or '12,500' Toman → 125000 Rials; ValidationError with a clear message otherwise."""
    raw = _SEPARATORS.sub("", str(text).translate(_DIGITS))
    if not re.fullmatch(r"\d+(\.\d)?", raw):
        raise ValidationError(_("Enter an amount in Toman using digits only, for example 125000."), code="invalid")
    rials = toman_to_rials(Decimal(raw))
    if rials > MAX_RIALS:
        raise ValidationError(_("This amount is too large."), code="max_value")
    return rials


def parse_whole_number(text: str, *, message) -> int:
    raw = _SEPARATORS.sub("", str(text).translate(_DIGITS))
    if not re.fullmatch(r"-?\d{1,12}", raw):
        raise ValidationError(message, code="invalid")
    return int(raw)


class TomanField(forms.CharField):
    """Typed in Toman, cleaned to integer Rials (None when left empty)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "dir": "ltr", "autocomplete": "off", "maxlength": "24"})

    def prepare_value(self, value):
        # Stored values (ints) are Rials: show Toman. Text is what the user typed: show it back as is.
        if isinstance(value, int):
            return str(rials_to_toman(value))
        return value

    def to_python(self, value) -> int | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 24:
            raise ValidationError(_("This amount is too large."), code="max_value")
        return parse_toman(value)


class WholeNumberField(forms.IntegerField):
    """An integer typed with any digits (Persian too)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = _SEPARATORS.sub("", value.translate(_DIGITS))
        return super().to_python(value)


def _bare_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


# --- The product list -------------------------------------------------------------------------


class ProductFilterForm(forms.Form):
    class Sort:
        NEWEST = "newest"
        CHOICES = [
            ("newest", _("Newest")),
            ("title", _("Title")),
            ("price", _("Price: low to high")),
            ("-price", _("Price: high to low")),
            ("stock", _("Stock: low to high")),
            ("-stock", _("Stock: high to low")),
            ("best_selling", _("Best selling")),
        ]

    STOCK_CHOICES = [("", _("Any stock")), ("in", _("In stock")), ("low", _("Low stock")), ("out", _("Out of stock"))]
    ACTIVE_CHOICES = [("", _("Any status")), ("1", _("Active")), ("0", _("Inactive"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False, empty_label=_("All categories")
    )
    active = forms.ChoiceField(label=_("Status"), choices=ACTIVE_CHOICES, required=False)
    stock = forms.ChoiceField(label=_("Stock"), choices=STOCK_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=Sort.CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()
        if categories is not None:
            self.fields["category"].choices = [("", _("All categories"))] + [(c.pk, c.label) for c in categories]
        for name in ("category", "active", "stock", "sort"):
            self.fields[name].widget.attrs.update(
                {"class": "form-select filter-select", "aria-label": self.fields[name].label}
            )

    def filters(self) -> dict:
        """The filters to list with; a field that doesn't validate is ignored (a list never fails)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "category": data.get("category"),
            "active": data.get("active") or "",
            "stock": data.get("stock") or "",
            "sort": data.get("sort") or self.Sort.NEWEST,
        }


class PriceQuickForm(forms.Form):
    price_main = TomanField(label=_("Price (Toman)"))

    def clean_price_main(self):
        value = self.cleaned_data["price_main"]
        if value is None:
            raise ValidationError(_("Enter a price."), code="required")
        return value


class StockQuickForm(forms.Form):
    REASONS = [
        (StockMovement.Reason.RESTOCK, StockMovement.Reason.RESTOCK.label),
        (StockMovement.Reason.CORRECTION, StockMovement.Reason.CORRECTION.label),
        (StockMovement.Reason.RETURN, StockMovement.Reason.RETURN.label),
        (StockMovement.Reason.DAMAGE, StockMovement.Reason.DAMAGE.label),
    ]
    stock = WholeNumberField(
        label=_("Stock"),
        min_value=0,
        max_value=10**9,
        error_messages={"min_value": _("Stock cannot be negative."), "invalid": _("Enter a whole number.")},
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=REASONS, initial=StockMovement.Reason.CORRECTION)


class BulkActionForm(forms.Form):
    ACTIONS = [("activate", _("Activate")), ("deactivate", _("Deactivate")), ("delete", _("Delete"))]
    action = forms.ChoiceField(choices=ACTIONS, error_messages={"required": _("Choose what to do.")})
    ids = forms.TypedMultipleChoiceField(
        coerce=int, choices=(), error_messages={"required": _("Select at least one product first.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number is accepted here; the service only ever touches this market's products.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()


# --- Create and edit --------------------------------------------------------------------------


def _keywords_split(text: str) -> list[str]:
    return [word.strip() for word in re.split(r"[,،\n]", text or "") if word.strip()]


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=220,
        required=False,
        allow_unicode=True,
        help_text=_("Leave empty to make one from the title."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False, empty_label=_("No category")
    )
    sku = forms.CharField(label=_("SKU"), max_length=64, required=False, help_text=_("Your own product code."))
    price_main = TomanField(label=_("Price (Toman)"), help_text=_("What shoppers pay."))
    price_colleague = TomanField(
        label=_("Colleague price (Toman)"), required=False, help_text=_("For approved business customers.")
    )
    price_marketer = TomanField(label=_("Marketer price (Toman)"), required=False, help_text=_("For affiliate sales."))
    stock = WholeNumberField(label=_("Stock"), min_value=0, max_value=10**9, initial=0)
    stock_reason = forms.ChoiceField(
        label=_("Reason for a stock change"), choices=StockQuickForm.REASONS, initial=StockMovement.Reason.CORRECTION
    )
    low_stock_threshold = WholeNumberField(label=_("Low stock warning at"), min_value=0, max_value=10**6, initial=3)
    weight_grams = WholeNumberField(label=_("Weight (grams)"), min_value=0, max_value=10**7, required=False)
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas; they help shoppers find the product."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    is_active = forms.BooleanField(label=_("Active (shown in the shop)"), required=False, initial=True)
    is_featured = forms.BooleanField(label=_("Featured on the home page"), required=False)

    def __init__(self, *args, product=None, **kwargs):
        self.product = product
        if product is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(product, name) for name in self.base_fields if hasattr(product, name)},
                "keywords": ", ".join(keyword.name for keyword in product.keywords.all()),
            }
        super().__init__(*args, **kwargs)
        if product is not None and product.has_variants:
            # The product's stock is the sum of its variants': it is changed per variant.
            self.fields["stock"].disabled = True
            self.fields["stock"].help_text = _("The sum of the variants' stock: change it on each variant.")
        self.helper = _bare_helper()

    def clean_price_main(self):
        if self.cleaned_data["price_main"] is None:
            raise ValidationError(_("Enter a price."), code="required")
        return self.cleaned_data["price_main"]

    def clean_keywords(self) -> list[str]:
        return _keywords_split(self.cleaned_data["keywords"])

    def product_fields(self) -> dict:
        """Keyword arguments for product_create / product_update."""
        data = self.cleaned_data
        names = ["title", "category", "sku", "description", "weight_grams", "price_main", "price_colleague"]
        names += ["price_marketer", "low_stock_threshold", "is_active", "is_featured"]
        return {name: data[name] for name in names}


def _options_parse(text: str) -> dict[str, str]:
    options = {}
    for part in re.split(r"[;؛\n]", text or ""):
        if not part.strip():
            continue
        name, separator, value = part.partition(":")
        if not separator or not name.strip() or not value.strip():
            raise ValidationError(
                _("Write options as “name: value”, separated by semicolons, e.g. Size: L; Colour: red.")
            )
        options[name.strip()[:40]] = value.strip()[:80]
    return options


class VariantForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Variant"), max_length=120)
    sku = forms.CharField(label=_("SKU"), max_length=64)
    options = forms.CharField(
        label=_("Options"), required=False, max_length=300, help_text=_("e.g. Size: L; Colour: red")
    )
    price_main = TomanField(label=_("Price (Toman)"), required=False, help_text=_("Empty: the product's price."))
    stock = WholeNumberField(label=_("Stock"), min_value=0, max_value=10**9, initial=0)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def clean_options(self) -> dict[str, str]:
        return _options_parse(self.cleaned_data["options"])


class BaseVariantFormSet(forms.BaseFormSet):
    def clean(self):
        skus = [
            form.cleaned_data.get("sku")
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        if len([s for s in skus if s]) != len({s for s in skus if s}):
            raise ValidationError(_("Two variants have the same SKU."))


VariantFormSet = forms.formset_factory(VariantForm, formset=BaseVariantFormSet, extra=1, can_delete=True, max_num=100)


def variant_initial(variant) -> dict:
    return {
        "id": variant.pk,
        "title": variant.title,
        "sku": variant.sku,
        "options": "; ".join(f"{k}: {v}" for k, v in variant.options.items()),
        "price_main": variant.price_main,
        "stock": variant.stock,
        "is_active": variant.is_active,
    }


class DiscountForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Discount.Kind.choices, initial=Discount.Kind.PERCENT)
    value = forms.CharField(
        label=_("Amount"), max_length=24, help_text=_("Percent (1–100), or Toman for a fixed amount.")
    )
    min_quantity = WholeNumberField(label=_("From quantity"), min_value=1, max_value=10**6, initial=1)
    # Jalali on Persian pages (typed or picked from the calendar), the browser's picker otherwise.
    starts_at = JalaliDateTimeField(label=_("Starts"), required=False)
    ends_at = JalaliDateTimeField(label=_("Ends"), required=False, end_of_day=True)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        raw = data.get("value")
        if raw in (None, ""):
            return data
        try:
            if data.get("kind") == Discount.Kind.FIXED:
                data["value"] = parse_toman(raw)  # stored in Rials
            else:
                data["value"] = parse_whole_number(raw, message=_("Enter a whole percentage, for example 10."))
        except ValidationError as error:
            self.add_error("value", error)
        return data


DiscountFormSet = forms.formset_factory(DiscountForm, extra=1, can_delete=True, max_num=50)


def discount_initial(discount) -> dict:
    return {
        "id": discount.pk,
        "name": discount.name,
        "kind": discount.kind,
        "value": str(rials_to_toman(discount.value)) if discount.kind == Discount.Kind.FIXED else str(discount.value),
        "min_quantity": discount.min_quantity,
        "starts_at": discount.starts_at,
        "ends_at": discount.ends_at,
        "is_active": discount.is_active,
    }


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; each one is checked later, on its own, by the image service."""

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class ImageUploadForm(forms.Form):
    """Several photos at once; each is validated by the image service and gets its own message."""

    images = MultipleFileField(
        label=_("Add photos"),
        widget=MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=_("JPEG, PNG, WebP or GIF, up to 8 MB each. Several at once are fine."),
        error_messages={"required": _("Choose one or more photos.")},
    )


class ImageAltForm(forms.Form):
    alt = forms.CharField(label=_("Alternative text"), max_length=200, required=False)


class ImageReorderForm(forms.Form):
    order = forms.CharField(max_length=2000)

    def clean_order(self) -> list[int]:
        ids = [part for part in self.cleaned_data["order"].split(",") if part.strip()]
        if not all(part.strip().isdigit() for part in ids):
            raise ValidationError(_("The new order could not be read."))
        return [int(part) for part in ids]


class RelationForm(forms.Form):
    related = forms.IntegerField(min_value=1)
    kind = forms.ChoiceField(choices=[("required", _("Required product")), ("gift", _("Gift"))])
    quantity = WholeNumberField(label=_("Quantity"), min_value=1, max_value=1000, initial=1)


# --- Categories -------------------------------------------------------------------------------


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=140,
        required=False,
        allow_unicode=True,
        help_text=_("Leave empty to make one from the name."),
    )
    parent = forms.ModelChoiceField(
        label=_("Inside"), queryset=Category.objects.all(), required=False, empty_label=_("Top level")
    )
    position = WholeNumberField(label=_("Position"), min_value=0, max_value=10**6, initial=0, required=False)

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["parent"].choices = [("", _("Top level"))] + [(c.pk, c.label) for c in categories]
        self.helper = _bare_helper()


# --- CSV import -------------------------------------------------------------------------------

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose a CSV file to import.")},
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB: split it into several files."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as CSV in UTF-8 (in Excel: “CSV UTF-8”) and try again.")) from None
        if not text.strip():
            raise ValidationError(_("The file is empty."))
        return text
