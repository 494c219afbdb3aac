from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["id", "market", "order_number", "user", "amount", "method", "status", "ref_id", "created_at"]
    list_filter = ["status", "method", "purpose", "market", "gateway"]
    search_fields = ["authority", "ref_id", "order_number", "user__mobile"]
    list_select_related = ["market", "user"]
    date_hierarchy = "created_at"
    raw_id_fields = ["user"]
    # Money and gateway answers are records: staff read them, services write them.
    readonly_fields = [
        "market",
        "purpose",
        "order_id",
        "order_number",
        "user",
        "amount",
        "method",
        "gateway",
        "status",
        "description",
        "mobile",
        "callback_url",
        "authority",
        "ref_id",
        "card_pan",
        "card_hash",
        "fee",
        "error_code",
        "error_message",
        "raw_request",
        "raw_response",
        "raw_verify",
        "created_at",
        "updated_at",
        "paid_at",
    ]
    fieldsets = [
        (None, {"fields": ["market", "purpose", "order_id", "order_number", "user", "amount", "method", "status"]}),
        (
            _("Gateway"),
            {
                "fields": [
                    "gateway",
                    "authority",
                    "ref_id",
                    "card_pan",
                    "card_hash",
                    "fee",
                    "error_code",
                    "error_message",
                ]
            },
        ),
        (
            _("Audit"),
            {
                "classes": ["collapse"],
                "fields": ["description", "mobile", "callback_url", "raw_request", "raw_response", "raw_verify"],
            },
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "paid_at"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
