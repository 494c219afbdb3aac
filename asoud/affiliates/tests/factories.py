import factory
from django.utils import timezone

from asoud.accounts.tests.factories import UserFactory
from asoud.affiliates.models import Marketer


class MarketerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Marketer

    user = factory.SubFactory(UserFactory)
    handle = factory.Sequence(lambda n: f"marketer-{n}")
    iban = factory.Sequence(lambda n: f"IR{n:024d}")
    account_holder = factory.LazyAttribute(lambda marketer: marketer.user.name)
    terms_accepted_at = factory.LazyFunction(timezone.now)
