"""The market list (status, plan, subscription and verification at a glance) and domains."""

import datetime

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import services
from ..forms import OptionalReasonForm, PlanChangeForm, ReasonForm
from ..models import AuditLogEntry, Domain, Market, MarketVerification
from ..selectors import market_host_cache_clear
from ..signals import market_listing_changed
from .actions import run_with_form

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

        return run_with_form(
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

        return run_with_form(
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

        return run_with_form(
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
