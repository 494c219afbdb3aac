import factory

from asoud.accounts.tests.factories import UserFactory
from asoud.audit.models import AuditEvent


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(UserFactory)
    action = AuditEvent.Action.SIGN_IN
    target = factory.LazyAttribute(lambda event: event.actor.mobile if event.actor else "")
    ip = "192.0.2.10"
