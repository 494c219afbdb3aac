from django import forms
from django.utils.translation import gettext_lazy as _

from asoud.accounts.validators import to_latin_digits

from .selectors import SORTS, ListingFilters


class TomanField(forms.IntegerField):
    """A whole number of Toman typed with Persian, Arabic or ASCII digits (and separators)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).replace(",", "").replace("٬", "").strip()
        return super().to_python(value)


class ListingSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.CharField(label=_("Category"), required=False, max_length=120)
    min_price = TomanField(label=_("From (Toman)"), required=False, min_value=0)
    max_price = TomanField(label=_("To (Toman)"), required=False, min_value=0)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)

    def filters(self, *, affiliate_only: bool = False) -> ListingFilters:
        """The filters to search with; invalid fields are ignored (a search page never fails)."""
        self.is_valid()
        data = self.cleaned_data  # only the fields that validated

        def rials(name):
            value = data.get(name)
            return value * 10 if value is not None else None

        return ListingFilters(
            text=data.get("q") or "",
            category=data.get("category") or "",
            price_min=rials("min_price"),
            price_max=rials("max_price"),
            sort=data.get("sort") or "relevance",
            in_stock=bool(data.get("in_stock")),
            affiliate_only=affiliate_only,
        )
