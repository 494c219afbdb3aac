"""Sign-ins (every backend: SMS code, admin password, sign-in handoff) and Django admin changes."""

from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save

from tenants.models import Market

from .models import AuditEvent
from .services import audit_record


def _signed_in(sender, request, user, **kwargs):
    audit_record(action=AuditEvent.Action.SIGN_IN, actor=user, request=request, target=str(user))


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password; what remains names the account that was tried.
    tried = credentials.get("username") or credentials.get("mobile") or ""
    audit_record(action=AuditEvent.Action.SIGN_IN_FAILED, request=request, target=str(tried), method="password")


def _admin_change(sender, instance: LogEntry, created: bool, **kwargs):
    if not created:
        return
    audit_record(
        action=AuditEvent.Action.STAFF_ACTION,
        actor=instance.user,
        market=_market_of(instance),
        target=f"{instance.content_type.app_label}.{instance.content_type.model}:{instance.object_id} {instance.object_repr}"
        if instance.content_type_id
        else instance.object_repr,
        change=instance.get_action_flag_display(),
        message=instance.get_change_message(),
    )


def _market_of(entry: LogEntry):
    """The market a change was about, when the changed object is one."""
    if entry.content_type_id and entry.content_type.model_class() is Market:
        return Market.objects.filter(pk=entry.object_id).first()
    return None


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="audit-signed-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    post_save.connect(_admin_change, sender=LogEntry, dispatch_uid="audit-admin-change")
