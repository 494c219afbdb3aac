from django.contrib import admin

from .models import Domain, Market
from .selectors import market_host_cache_clear


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "type", "status", "owner", "theme", "created_at"]
    list_filter = ["status", "type", "theme"]
    search_fields = ["name", "slug", "owner__mobile"]
    readonly_fields = ["schema_name", "created_at", "updated_at"]
    raw_id_fields = ["owner"]
    inlines = [DomainInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_template=False).select_related("owner")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        market_host_cache_clear(obj)

    def has_add_permission(self, request):
        # Markets are created through tenants.services.market_create (schema cloning).
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "tenant", "is_primary"]
    search_fields = ["domain", "tenant__name"]
    raw_id_fields = ["tenant"]
