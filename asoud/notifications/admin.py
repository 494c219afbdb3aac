from django.contrib import admin

from .models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["channel", "status", "recipient", "attempts", "error", "sent_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """A record of what was sent to whom; staff read it, nobody edits it."""

    list_display = ["event", "user", "market", "priority", "send_at", "shown_at", "read_at", "created_at"]
    list_filter = ["category", "event", "priority"]
    search_fields = ["user__mobile", "user__email", "event"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "market"]
    raw_id_fields = ["user", "market"]
    inlines = [DeliveryInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "status", "recipient", "attempts", "sent_at", "updated_at"]
    list_filter = ["channel", "status"]
    search_fields = ["recipient"]
    raw_id_fields = ["notification"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
