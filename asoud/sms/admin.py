from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asoud.core.phone import normalize_mobile

from .models import SmsMessage
from .services import sms_retry


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    """Every SMS is a record: staff read them and send failed ones again, but never edit them."""

    list_display = ["recipient", "kind", "status", "provider", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "provider", "kind", "priority"]
    search_fields = ["recipient"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    fields = [
        ("recipient", "kind", "priority"),
        "text",
        ("template", "params"),
        ("status", "provider", "provider_message_id", "attempts"),
        "error",
        ("created_at", "updated_at", "sent_at"),
    ]
    readonly_fields = [name for row in fields for name in (row if isinstance(row, tuple) else (row,))]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_search_results(self, request, queryset, search_term):
        """Numbers are stored as +989…; staff type 0912…, so a number is searched in its stored form."""
        try:
            return queryset.filter(recipient=normalize_mobile(search_term)), False
        except ValidationError:
            return super().get_search_results(request, queryset, search_term)

    def has_retry_permission(self, request) -> bool:
        # Rows are never edited, so "change" permission means "may send again".
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @admin.action(description=_("Send the selected failed messages again"), permissions=["retry"])
    def retry_failed(self, request, queryset):
        retried = [sms_retry(message=message) for message in queryset.filter(status=SmsMessage.Status.FAILED)]
        skipped = queryset.count() - len(retried)
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", len(retried))
            % {"count": len(retried)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was skipped: only failed messages are sent again.",
                    "%(count)d messages were skipped: only failed messages are sent again.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
