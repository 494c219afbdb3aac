from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from asoud.core.private_files import stored_kind
from asoud.core.uploads import IMAGE

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


class DocumentFileLink:
    """Private files open only through the permission-checked view, never by a storage URL."""

    @admin.display(description=_("file"))
    def file_link(self, document: IdentityDocument) -> str:
        if not document.pk or not document.file:
            return "—"
        url = reverse("account_document_file", kwargs={"document_id": document.pk})
        if stored_kind(document.file.name) == IMAGE:  # shown inline, from the permission-checked view
            return format_html(
                '<a href="{}" target="_blank" rel="noopener"><img class="document-preview" src="{}" alt="{}"></a>',
                url, url, document.get_kind_display(),
            )  # fmt: skip
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the file"))


class DocumentInline(DocumentFileLink, admin.TabularInline):
    model = IdentityDocument
    extra = 0
    fields = ["kind", "file_link", "status", "uploaded_at"]
    readonly_fields = ["kind", "file_link", "uploaded_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # documents come from their owners' uploads, which are checked


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
class IdentityDocumentAdmin(DocumentFileLink, admin.ModelAdmin):
    list_display = ["user", "kind", "status", "uploaded_at", "file_link"]
    list_filter = ["status", "kind"]
    fields = ["user", "kind", "file_link", "status", "uploaded_at"]
    readonly_fields = ["user", "kind", "file_link", "uploaded_at"]
    search_fields = ["user__mobile", "user__name"]
    raw_id_fields = ["user"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve selected documents"))
    def approve(self, request, queryset):
        queryset.update(status=IdentityDocument.Status.APPROVED)

    @admin.action(description=_("Reject selected documents"))
    def reject(self, request, queryset):
        queryset.update(status=IdentityDocument.Status.REJECTED)
