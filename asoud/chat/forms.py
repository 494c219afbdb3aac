from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asoud.core.uploads import validate_document_upload


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=settings.CHAT_MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Write a message…")}),
    )
    attachment = forms.FileField(
        label=_("Attach an image or PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf"}),
    )
    # The product the shopper came from (/chat/start/?product=…): its card goes with the message.
    product = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_document_upload(attachment)
        return attachment

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("text") or "").strip() and not cleaned.get("attachment"):
            raise ValidationError(_("Write a message or attach a file."), code="empty")
        return cleaned
