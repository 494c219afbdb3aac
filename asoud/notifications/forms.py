from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .selectors import PreferenceRow


class PreferencesForm(forms.Form):
    """One checkbox per category and channel that the category can use, plus the language."""

    language = forms.ChoiceField(label=_("Language of SMS and email"), choices=settings.LANGUAGES)

    def __init__(self, *args, matrix: list[PreferenceRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        for row in matrix:
            for cell in row.cells:
                if cell.available:
                    self.fields[cell.field_name] = forms.BooleanField(
                        label=f"{row.label}: {cell.label}", required=False, initial=cell.enabled
                    )

    def enabled(self) -> dict[str, set[str]]:
        return {
            row.category: {cell.channel for cell in row.cells if cell.available and self.cleaned_data[cell.field_name]}
            for row in self.matrix
        }
