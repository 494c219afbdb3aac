from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminUserCreationForm
from .models import Address, IdentityDocument, LoginAttempt, Profile, User


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [("owner", _("Market owner")), ("marketer", _("Marketer")), ("staff", _("Staff"))]

    def queryset(self, request, queryset):
        if self.value() == "owner":
            return queryset.filter(owned_markets__isnull=False).distinct()
        if self.value() == "marketer":
            return queryset.filter(is_marketer=True)
        if self.value() == "staff":
            return queryset.filter(is_staff=True)
        return queryset


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0


class DocumentInline(admin.TabularInline):
    model = IdentityDocument
    extra = 0
    fields = ["kind", "file", "status", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = AdminUserCreationForm
    ordering = ["-date_joined"]
    list_display = ["mobile", "name", "roles_display", "phone_verified", "is_active", "date_joined", "last_login"]
    list_filter = [RoleFilter, "phone_verified", "is_active", "is_superuser"]
    search_fields = ["mobile", "name", "email"]
    inlines = [ProfileInline, AddressInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["mobile", "phone_verified", "password"]}),
        (_("Personal info"), {"fields": ["name", "email"]}),
        (_("Roles"), {"fields": ["is_marketer", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["mobile", "name", "email", "password1", "password2"]})]

    @admin.display(description=_("roles"))
    def roles_display(self, user):
        return ", ".join(sorted(str(role) for role in user.roles))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("owned_markets")


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["created_at", "mobile", "action", "outcome", "ip", "user_agent"]
    list_filter = ["action", "outcome", "created_at"]
    search_fields = ["mobile", "ip"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IdentityDocument)
class IdentityDocumentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "status", "uploaded_at"]
    list_filter = ["status", "kind"]
    search_fields = ["user__mobile", "user__name"]
    raw_id_fields = ["user"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve selected documents"))
    def approve(self, request, queryset):
        queryset.update(status=IdentityDocument.Status.APPROVED)

    @admin.action(description=_("Reject selected documents"))
    def reject(self, request, queryset):
        queryset.update(status=IdentityDocument.Status.REJECTED)
