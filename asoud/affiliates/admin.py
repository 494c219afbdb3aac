from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asoud.core.admin import ReadOnlyAdmin

from .models import AffiliateLink, Click, Marketer, Referral, Withdrawal
from .services import AffiliateError, withdrawal_approve, withdrawal_reject


@admin.register(Marketer)
class MarketerAdmin(admin.ModelAdmin):
    list_display = ["handle", "user", "iban", "is_active", "created_at"]
    list_filter = ["is_active", "created_at"]
    search_fields = ["handle", "user__mobile", "user__name", "iban"]
    list_select_related = ["user"]
    readonly_fields = ["user", "iban", "account_holder", "terms_accepted_at", "created_at"]
    fields = [
        "user",
        "handle",
        "bio",
        "avatar",
        "iban",
        "account_holder",
        "is_active",
        "terms_accepted_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # people join on /marketer/join/ (terms and IBAN are checked there)


@admin.register(AffiliateLink)
class AffiliateLinkAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "marketer", "market", "product_id", "is_on_page", "created_at"]
    list_filter = ["market", "is_on_page"]
    search_fields = ["code", "title", "marketer__handle"]
    list_select_related = ["marketer", "market"]


@admin.register(Click)
class ClickAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "link", "market", "ip_hash", "user_agent"]
    list_filter = ["market", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["link__code", "link__marketer__handle"]
    list_select_related = ["link", "market"]
    date_hierarchy = "created_at"


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at", "order_number", "market", "marketer", "amount", "rate_percent", "commission", "status",
        "reversal_shortfall",
    ]  # fmt: skip
    list_filter = ["status", "market"]
    search_fields = ["order_number", "marketer__handle", "marketer__user__mobile"]
    list_select_related = ["market", "marketer"]
    date_hierarchy = "created_at"


@admin.register(Withdrawal)
class WithdrawalAdmin(admin.ModelAdmin):
    """Pay requested withdrawals to the IBAN, then mark them paid; or reject them (money returns to the wallet)."""

    list_display = ["created_at", "marketer", "amount", "iban", "account_holder", "status", "decided_at", "decided_by"]
    list_filter = ["status", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["marketer__handle", "marketer__user__mobile", "iban"]
    list_select_related = ["marketer", "decided_by"]
    readonly_fields = [
        "marketer", "amount", "iban", "account_holder", "status", "created_at", "decided_at", "decided_by",
    ]  # fmt: skip
    fields = [*readonly_fields, "note"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Mark the selected withdrawals paid"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, withdrawal_approve)

    @admin.action(
        description=_("Reject the selected withdrawals (return the money to the wallet)"), permissions=["change"]
    )
    def reject(self, request, queryset):
        self._decide(request, queryset, withdrawal_reject)

    def _decide(self, request, queryset, service):
        done = 0
        for withdrawal in queryset.filter(status=Withdrawal.Status.REQUESTED):
            try:
                service(withdrawal=withdrawal, staff=request.user)
                done += 1
            except AffiliateError as error:
                self.message_user(request, error.message, messages.WARNING)
        self.message_user(
            request, ngettext("%(count)d withdrawal decided.", "%(count)d withdrawals decided.", done) % {"count": done}
        )
