from django import forms
from django.utils.translation import gettext_lazy as _


class ShippingChoiceForm(forms.Form):
    shipping = forms.ChoiceField(
        label=_("Delivery method"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a delivery method.")},
    )

    def __init__(self, *args, methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipping"].choices = [(str(method.pk), method.name) for method in methods]
        self.fields["shipping"].error_messages["invalid_choice"] = _("Choose one of the delivery methods shown.")


class PaymentChoiceForm(forms.Form):
    payment = forms.ChoiceField(
        label=_("Payment method"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to pay.")},
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment"].choices = [(option.value, option.label) for option in options if option.enabled]
        self.fields["payment"].error_messages["invalid_choice"] = _(
            "This payment method is not available for this order."
        )


class PlaceOrderForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the shop (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("e.g. Please call before delivery")}),
    )
