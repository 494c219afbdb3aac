from django.contrib import admin

from .models import FraudSignal, MarketDayStat


@admin.register(FraudSignal)
class FraudSignalAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject", "market", "reason", "count", "last_seen"]
    list_filter = ["kind", "last_seen"]
    search_fields = ["subject", "market__slug", "market__name"]
    list_select_related = ["market"]
    readonly_fields = ["market", "kind", "subject", "reason", "count", "first_seen", "last_seen", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(MarketDayStat)
class MarketDayStatAdmin(admin.ModelAdmin):
    list_display = ["day", "market", "visits", "orders", "gmv", "new_customers"]
    list_filter = ["day"]
    search_fields = ["market__slug", "market__name"]
    list_select_related = ["market"]
    date_hierarchy = "day"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
