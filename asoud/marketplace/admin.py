from django.contrib import admin

from .models import Listing


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    """The index is rebuilt from the markets (`manage.py marketplace_rebuild`): read only here."""

    list_display = ["title", "market", "price", "commission_percent", "in_stock", "sold_count", "updated_at"]
    list_filter = ["market", "in_stock", "is_featured", ("commission_percent", admin.EmptyFieldListFilter)]
    search_fields = ["title", "market_name", "category_name", "keywords"]
    list_select_related = ["market"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
