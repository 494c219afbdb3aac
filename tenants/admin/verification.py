"""The verification queue: markets waiting for staff to check their documents."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from asoud.core.private_files import document_file_response, stored_kind
from asoud.core.uploads import IMAGE

from .. import services
from ..forms import ReasonForm
from ..models import MarketDocument, MarketVerification
from ..selectors import access_market_document
from .actions import run_with_form

# --- Verification queue --------------------------------------------------------------------------


class QueueFilter(admin.SimpleListFilter):
    """The queue opens on markets waiting for review; staff can switch to any other state."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*MarketVerification.Status.choices, (self.ALL, _("All"))]

    def value(self):
        return super().value() or MarketVerification.Status.PENDING

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())


class MarketDocumentInline(admin.TabularInline):
    model = MarketDocument
    extra = 0
    fields = ["kind", "uploaded_at", "preview"]
    readonly_fields = fields
    can_delete = False
    ordering = ["-uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def preview(self, document):
        if not document.file:
            return "—"
        url = reverse("admin:tenants_marketdocument_file", kwargs={"document_id": document.pk})
        if stored_kind(document.file.name) == IMAGE:
            return format_html(
                '<a href="{}" target="_blank" rel="noopener"><img src="{}" alt="" style="max-height:180px"></a>',
                url,
                url,
            )
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, gettext("Open the PDF"))


@admin.register(MarketVerification)
class MarketVerificationAdmin(admin.ModelAdmin):
    list_display = ["market", "owner", "status", "submitted_at", "document_count", "reviewed_by", "reviewed_at"]
    list_filter = [QueueFilter]
    search_fields = ["market__name", "market__slug", "market__owner__mobile"]
    fields = ["market", "owner", "status", "reason", "submitted_at", "reviewed_by", "reviewed_at"]
    readonly_fields = fields
    inlines = [MarketDocumentInline]
    actions = ["approve", "reject"]
    ordering = ["submitted_at"]

    def get_urls(self):
        document_file = self.admin_site.admin_view(self.document_file)
        return [
            path("documents/<int:document_id>/file/", document_file, name="tenants_marketdocument_file"),
            *super().get_urls(),
        ]

    def document_file(self, request, document_id: int):
        """A verification document, for staff only (admin_view), through the private-file helper."""
        document = access_market_document(user=request.user, document_id=document_id)
        return document_file_response(request, document=document, what=f"market document {document.pk}")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("market__owner", "reviewed_by")
            .annotate(document_total=Count("documents"))
        )

    @admin.display(description=_("owner"))
    def owner(self, verification):
        return verification.market.owner

    @admin.display(description=_("documents"), ordering="document_total")
    def document_count(self, verification):
        return verification.document_total

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve the selected markets"), permissions=["change"])
    def approve(self, request, queryset):
        done = 0
        for verification in queryset:
            try:
                services.market_verification_approve(verification=verification, staff=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            self.log_change(request, verification, gettext("Verified"))
            done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d market verified.", "%(count)d markets verified.", done) % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject the selected markets…"), permissions=["change"])
    def reject(self, request, queryset):
        def apply(verification, data):
            services.market_verification_reject(verification=verification, staff=request.user, reason=data["reason"])
            return gettext("Rejected: %(reason)s") % {"reason": data["reason"]}

        return run_with_form(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=gettext("Reject verification"),
            intro=gettext("The owners are told the reason and can upload new documents."),
            submit_label=gettext("Reject"),
            apply=apply,
            done_message=lambda n: (
                ngettext("%(count)d market rejected.", "%(count)d markets rejected.", n) % {"count": n}
            ),
        )
