from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asoud.core.text import normalise
from asoud.core.uploads import image_validate

from .selectors import ProductFilters, Sort

MAX_TOMAN = 10**12


class ListingFilterForm(forms.Form):
    """The GET form beside a listing. Prices are typed in Toman (what shoppers read) and kept in Rials."""

    sort = forms.ChoiceField(
        label=_("Sort by"), choices=Sort.CHOICES, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    category = forms.CharField(label=_("Category"), required=False)
    min_price = forms.CharField(label=_("Lowest price (Toman)"), required=False)
    max_price = forms.CharField(label=_("Highest price (Toman)"), required=False)
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)

    def __init__(self, data=None, *, tree, category=None):
        super().__init__(data)
        self.tree = tree
        self.fixed_category = category
        choices = [("", _("All categories"))]
        for root in tree.roots:
            choices.append((root.slug, root.name))
            choices.extend((child.slug, f"— {child.name}") for child in root.subcategories)
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"), choices=choices, required=False, widget=forms.Select(attrs={"class": "form-select"})
        )

    def _clean_toman(self, name: str) -> int | None:
        raw = normalise(self.cleaned_data.get(name) or "").replace(",", "").replace("٬", "").strip()
        if not raw:
            return None
        if not raw.isdigit() or int(raw) > MAX_TOMAN:
            raise ValidationError(_("Enter a price in Toman, digits only."))
        return int(raw) * 10

    def clean_min_price(self):
        return self._clean_toman("min_price")

    def clean_max_price(self):
        return self._clean_toman("max_price")

    def filters(self) -> ProductFilters:
        """The filters to apply; invalid fields are ignored (a listing always renders)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else getattr(self, "cleaned_data", {})
        category = self.fixed_category or self.tree.by_slug.get(data.get("category") or "")
        return ProductFilters(
            category=category,
            category_ids=self.tree.descendant_ids(category) if category else frozenset(),
            min_price=data.get("min_price") if "min_price" not in self.errors else None,
            max_price=data.get("max_price") if "max_price" not in self.errors else None,
            in_stock=bool(data.get("in_stock")),
            sort=data.get("sort") or Sort.NEWEST,
        )


class ProductImageForm(forms.Form):
    """Uploading a product photo (used by the dashboard): the service validates the file itself."""

    image = forms.FileField(label=_("Image"))
    alt = forms.CharField(label=_("Alternative text"), max_length=200, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        image_validate(upload)
        return upload
