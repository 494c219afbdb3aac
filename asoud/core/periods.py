"""The period picker of every analytics page (the owner's dashboard and the staff's platform analytics)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .jalali import JalaliOrIsoDateField

DEFAULT_DAYS = 30
MAX_DAYS = 366


class PeriodForm(forms.Form):
    start = JalaliOrIsoDateField(label=_("From"), required=False)
    end = JalaliOrIsoDateField(label=_("To"), required=False)

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or the last 30 days; at most a year, never after today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = min(data.get("end") or today, today)
        start = data.get("start") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            start, end = end, start
        return max(start, end - datetime.timedelta(days=MAX_DAYS - 1)), end
