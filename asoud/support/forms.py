from django import forms
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import validate_document_upload

from .models import Ticket

_ACCEPT = "image/jpeg,image/png,image/webp,image/gif,application/pdf"


class _AttachmentMixin:
    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_document_upload(attachment)
        return attachment


class TicketForm(_AttachmentMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    category = forms.ChoiceField(label=_("Category"), choices=Ticket.Category.choices)
    text = forms.CharField(label=_("Your message"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(
        label=_("Attach an image or PDF (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )


class ReplyForm(_AttachmentMixin, forms.Form):
    text = forms.CharField(label=_("Your message"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(
        label=_("Attach an image or PDF (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All tickets")), *Ticket.Status.choices]
    )
