from django.contrib import admin

from asoud.core.admin import ReadOnlyAdmin

from .models import LedgerEntry, Wallet


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    fields = ["created_at", "kind", "amount", "balance_after", "reference", "note"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]
    extra = 0
    max_num = 0
    show_change_link = True
    can_delete = False


@admin.register(Wallet)
class WalletAdmin(admin.ModelAdmin):
    """Balances change only through the ledger services, so staff read them here."""

    list_display = ["user", "balance", "updated_at"]
    search_fields = ["user__mobile", "user__name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "balance", "created_at", "updated_at"]
    inlines = [LedgerEntryInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "wallet", "kind", "amount", "balance_after", "reference"]
    list_filter = ["kind"]
    search_fields = ["reference", "idempotency_key", "wallet__user__mobile"]
    list_select_related = ["wallet__user"]
    date_hierarchy = "created_at"
