"""Plans, subscription renewals and the audit log (the last two read-only)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from asoud.core.admin import ReadOnlyAdmin
from asoud.core.templatetags.asoud import format_toman

from ..models import AuditLogEntry, Plan, SubscriptionRenewal

# --- Plans, renewals, audit log ----------------------------------------------------------------


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "price_display", "max_products", "is_active", "market_count", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(market_total=Count("markets"))

    @admin.display(description=_("price per month"), ordering="price_per_month")
    def price_display(self, plan):
        return format_toman(plan.price_per_month)

    @admin.display(description=_("markets"), ordering="market_total")
    def market_count(self, plan):
        return plan.market_total


@admin.register(SubscriptionRenewal)
class SubscriptionRenewalAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "market", "plan", "months", "amount_display", "payment", "applied_at"]
    list_filter = ["plan", "months", ("applied_at", admin.EmptyFieldListFilter)]
    search_fields = ["market__name", "market__slug", "payment__authority", "payment__ref_id"]
    list_select_related = ["market", "plan", "payment"]
    date_hierarchy = "created_at"

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, renewal):
        return format_toman(renewal.amount)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "market_label", "market", "staff", "reason"]
    list_filter = ["action", ("staff", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["market_label", "market__name", "reason", "staff__mobile"]
    list_select_related = ["market", "staff"]
    date_hierarchy = "created_at"
