"""The security audit log for platform staff: read-only, filtered by action, date and market."""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asoud.core.admin import ReadOnlyAdmin
from asoud.core.formatting import datetime_short as jdatetime_short

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["when", "action", "actor", "market", "target", "ip"]
    list_filter = ["action", "created_at", ("market", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["actor__mobile", "target", "ip", "request_id"]
    list_select_related = ["actor", "market"]
    date_hierarchy = "created_at"
    fields = ["when", "action", "actor", "market", "target", "ip", "request_id", "details"]
    readonly_fields = fields

    @admin.display(description=_("time"), ordering="created_at")
    def when(self, event: AuditEvent) -> str:
        return jdatetime_short(event.created_at)

    @admin.display(description=_("details"))
    def details(self, event: AuditEvent):
        return format_html("<pre dir='ltr'>{}</pre>", json.dumps(event.metadata, ensure_ascii=False, indent=2))
