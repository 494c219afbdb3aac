import pytest

from asoud.audit.models import AuditEvent

from .factories import AuditEventFactory

pytestmark = pytest.mark.django_db


def test_factory_audit_events_pass_the_models_own_checks():
    event = AuditEventFactory(action=AuditEvent.Action.LOCKOUT)
    event.full_clean()
    assert AuditEvent.objects.filter(action="lockout", target=event.actor.mobile).count() == 1
