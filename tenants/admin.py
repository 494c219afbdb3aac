"""Platform staff tools for markets: the market list, the verification queue, plans, the audit log.

Status, plan and verification changes go through admin actions (with a reason where it matters),
which call the services: those write the audit log and notify the owner; the actions also add
Django's own LogEntry ("history") for the changed object.
"""

import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from asoud.core.private_files import private_file_response, stored_kind
from asoud.core.templatetags.asoud import format_toman
from asoud.core.uploads import IMAGE

from . import services
from .forms import OptionalReasonForm, PlanChangeForm, ReasonForm
from .models import AuditLogEntry, Domain, Market, MarketDocument, MarketVerification, Plan, SubscriptionRenewal
from .selectors import access_market_document, market_host_cache_clear
from .signals import market_listing_changed

ACTION_FORM_TEMPLATE = "tenants/admin/action_form.html"


def _run_with_form(modeladmin, request, queryset, *, form_class, title, intro, submit_label, apply, done_message):
    """An admin action with an intermediate page: show `form_class`, then `apply(obj, cleaned_data)` to
    each selected object. Objects the service refuses are reported and skipped."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        done = 0
        for obj in queryset:
            try:
                message = apply(obj, form.cleaned_data)
            except ValidationError as error:
                modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
                continue
            modeladmin.log_change(request, obj, message)
            done += 1
        if done:
            modeladmin.message_user(request, done_message(done), messages.SUCCESS)
        return None  # back to the list
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit_label": submit_label,
        "form": form,
        "objects": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, ACTION_FORM_TEMPLATE, context)


# --- Markets --------------------------------------------------------------------------------------


class VerificationStatusFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return MarketVerification.Status.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == MarketVerification.Status.NOT_SUBMITTED:
            # No verification row at all counts as "not submitted" too.
            submitted = [
                MarketVerification.Status.PENDING,
                MarketVerification.Status.VERIFIED,
                MarketVerification.Status.REJECTED,
            ]
            return queryset.exclude(verification__status__in=submitted)
        if value:
            return queryset.filter(verification__status=value)
        return queryset


class SubscriptionFilter(admin.SimpleListFilter):
    title = _("subscription")
    parameter_name = "subscription"

    def lookups(self, request, model_admin):
        return [
            ("expiring", _("Expiring soon")),
            ("grace", _("In the grace period")),
            ("closed", _("Closed (unpaid)")),
            ("unlimited", _("Never expires")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        grace = datetime.timedelta(days=settings.ASOUD_SUBSCRIPTION_GRACE_DAYS)
        soon = today + datetime.timedelta(days=settings.ASOUD_SUBSCRIPTION_EXPIRING_DAYS)
        filters = {
            "expiring": {"paid_until__gte": today, "paid_until__lte": soon},
            "grace": {"paid_until__lt": today, "paid_until__gte": today - grace},
            "closed": {"paid_until__lt": today - grace},
            "unlimited": {"paid_until__isnull": True},
        }
        return queryset.filter(**filters[self.value()]) if self.value() in filters else queryset


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


class AuditLogEntryInline(admin.TabularInline):
    model = AuditLogEntry
    fk_name = "market"
    extra = 0
    fields = ["created_at", "action", "staff", "reason"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("staff actions")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = [
        "name", "slug", "status", "is_listed", "verification_display", "plan", "paid_until", "owner", "created_at"
    ]  # fmt: skip
    list_filter = ["status", "is_listed", VerificationStatusFilter, "plan", SubscriptionFilter, "type", "theme"]
    search_fields = ["name", "slug", "owner__mobile", "owner__name", "domains__domain"]
    # Standing and subscription change only through the actions below, which keep the audit log.
    readonly_fields = ["schema_name", "status", "status_reason", "plan", "paid_until", "created_at", "updated_at"]
    raw_id_fields = ["owner"]
    inlines = [DomainInline, AuditLogEntryInline]
    actions = ["suspend", "reactivate", "change_plan"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_template=False).select_related("owner", "plan", "verification")

    @admin.display(description=_("verification"), ordering="verification__status")
    def verification_display(self, market):
        verification = getattr(market, "verification", None)
        return verification.get_status_display() if verification else MarketVerification.Status.NOT_SUBMITTED.label

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        market_host_cache_clear(obj)
        if "is_listed" in form.changed_data:  # its products join (or leave) the platform search
            market_listing_changed.send(sender=Market, schema_name=obj.schema_name)

    def has_add_permission(self, request):
        # Markets are created through tenants.services.market_create (schema cloning).
        return False

    @admin.action(description=_("Suspend the selected markets…"), permissions=["change"])
    def suspend(self, request, queryset):
        def apply(market, data):
            services.market_suspend(market=market, staff=request.user, reason=data["reason"])
            return gettext("Suspended: %(reason)s") % {"reason": data["reason"]}

        return _run_with_form(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=gettext("Suspend markets"),
            intro=gettext(
                "Their storefronts will show a “temporarily unavailable” page and their dashboards become "
                "read-only. The owners can read the reason on their dashboards."
            ),
            submit_label=gettext("Suspend"),
            apply=apply,
            done_message=lambda n: (
                ngettext("%(count)d market suspended.", "%(count)d markets suspended.", n) % {"count": n}
            ),
        )

    @admin.action(description=_("Reactivate the selected markets…"), permissions=["change"])
    def reactivate(self, request, queryset):
        def apply(market, data):
            services.market_reactivate(market=market, staff=request.user, reason=data["reason"])
            return gettext("Reactivated")

        return _run_with_form(
            self,
            request,
            queryset,
            form_class=OptionalReasonForm,
            title=gettext("Reactivate markets"),
            intro=gettext("Their storefronts open again and their dashboards can be changed."),
            submit_label=gettext("Reactivate"),
            apply=apply,
            done_message=lambda n: (
                ngettext("%(count)d market reactivated.", "%(count)d markets reactivated.", n) % {"count": n}
            ),
        )

    @admin.action(description=_("Change the plan of the selected markets…"), permissions=["change"])
    def change_plan(self, request, queryset):
        def apply(market, data):
            services.market_plan_change(
                market=market,
                staff=request.user,
                plan=data["plan"],
                paid_until=data["paid_until"],
                reason=data["reason"],
            )
            return gettext("Plan changed to %(plan)s") % {"plan": data["plan"].display_name}

        return _run_with_form(
            self,
            request,
            queryset,
            form_class=PlanChangeForm,
            title=gettext("Change plan"),
            intro=gettext("The plan and paid-until date are set as given, whatever was paid before."),
            submit_label=gettext("Change plan"),
            apply=apply,
            done_message=lambda n: (
                ngettext("%(count)d market changed.", "%(count)d markets changed.", n) % {"count": n}
            ),
        )


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "tenant", "is_primary"]
    search_fields = ["domain", "tenant__name"]
    raw_id_fields = ["tenant"]


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
        return private_file_response(
            request,
            file=document.file,
            kind=stored_kind(document.file.name),
            display_name=document.get_kind_display(),
            what=f"market document {document.pk}",
        )

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

        return _run_with_form(
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


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubscriptionRenewal)
class SubscriptionRenewalAdmin(_ReadOnlyAdmin):
    list_display = ["created_at", "market", "plan", "months", "amount_display", "payment", "applied_at"]
    list_filter = ["plan", "months", ("applied_at", admin.EmptyFieldListFilter)]
    search_fields = ["market__name", "market__slug", "payment__authority", "payment__ref_id"]
    list_select_related = ["market", "plan", "payment"]
    date_hierarchy = "created_at"

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, renewal):
        return format_toman(renewal.amount)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(_ReadOnlyAdmin):
    list_display = ["created_at", "action", "market_label", "market", "staff", "reason"]
    list_filter = ["action", ("staff", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["market_label", "market__name", "reason", "staff__mobile"]
    list_select_related = ["market", "staff"]
    date_hierarchy = "created_at"
