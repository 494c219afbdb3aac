from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Ticket, TicketMessage


class TicketMessageInline(admin.TabularInline):
    model = TicketMessage
    extra = 0
    can_delete = False
    fields = ["created_at", "author", "from_staff", "text", "attachment_link"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("attachment"))
    def attachment_link(self, message: TicketMessage) -> str:
        """Through the permission-checked view (private storage has no public URL)."""
        if not message.attachment:
            return "—"
        url = reverse("support:attachment", kwargs={"ticket_id": message.ticket_id, "message_id": message.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, message.attachment_name)


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Tickets are answered on the staff page (live, with notifications); here they are listed,
    searched and their records read."""

    list_display = ["id", "subject", "user", "category", "status", "created_at", "updated_at", "answer_link"]
    list_filter = ["status", "category"]
    search_fields = ["subject", "user__mobile", "user__name", "messages__text"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "subject", "category", "status", "created_at", "updated_at", "closed_at", "answer_link"]
    fields = ["user", "subject", "category", "status", "created_at", "updated_at", "closed_at", "answer_link"]
    inlines = [TicketMessageInline]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("Answer"))
    def answer_link(self, ticket: Ticket) -> str:
        url = reverse("support:staff_detail", kwargs={"ticket_id": ticket.pk})
        return format_html('<a href="{}">{}</a>', url, _("Open on the staff page"))
