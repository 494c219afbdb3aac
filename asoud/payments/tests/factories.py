import factory

from asoud.accounts.tests.factories import UserFactory
from asoud.payments.models import Payment


class PaymentFactory(factory.django.DjangoModelFactory):
    """A payment for a market's order (pass `market`)."""

    class Meta:
        model = Payment

    user = factory.SubFactory(UserFactory)
    order_id = factory.Sequence(lambda n: n + 1)
    order_number = factory.LazyAttribute(lambda payment: f"1404-{payment.order_id:06d}")
    amount = 1_000_000
    mobile = factory.LazyAttribute(lambda payment: payment.user.mobile)
