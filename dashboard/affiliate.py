"""The market's affiliate programme: which products or categories marketers may promote, at what rate."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from storefront.affiliate.models import AffiliateOffer
from storefront.affiliate.selectors import affiliate_offer_list
from storefront.affiliate.services import affiliate_offer_set
from storefront.catalog.models import Category, Product

from .access import dashboard_view


class OfferForm(forms.Form):
    product = forms.ModelChoiceField(label=gettext_lazy("Product"), queryset=Product.objects.none(), required=False)
    category = forms.ModelChoiceField(
        label=gettext_lazy("or a whole category"), queryset=Category.objects.none(), required=False
    )
    rate_percent = forms.IntegerField(
        label=gettext_lazy("Commission (%)"), min_value=1, max_value=50, help_text=gettext_lazy("1 to 50 percent")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(is_active=True).order_by("title")
        self.fields["category"].queryset = Category.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if bool(data.get("product")) == bool(data.get("category")):
            raise ValidationError(_("Choose either a product or a category."))
        return data


@dashboard_view("settings")
def offers(request):
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            affiliate_offer_set(product=data["product"], category=data["category"], rate_percent=data["rate_percent"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marketers can now promote it at %(rate)s%%.") % {"rate": data["rate_percent"]})
            return redirect("dashboard:affiliate_offers")
    context = {"market": request.market, "form": form, "offers": affiliate_offer_list()}
    return render(request, "dashboard/affiliate_offers.html", context)


@require_POST
@dashboard_view("settings")
def offer_remove(request, offer_id: int):
    offer = get_object_or_404(AffiliateOffer, pk=offer_id)
    affiliate_offer_set(product=offer.product, category=offer.category, rate_percent=None)
    messages.success(request, _("The offer is withdrawn."))
    return redirect("dashboard:affiliate_offers")
