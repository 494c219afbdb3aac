import factory

from asoud.accounts.tests.factories import UserFactory
from asoud.support.models import Ticket, TicketMessage


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    user = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Question {n}")
    category = Ticket.Category.ORDER


class TicketMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketMessage

    ticket = factory.SubFactory(TicketFactory)
    author = factory.LazyAttribute(lambda message: message.ticket.user)
    text = "Where is my order?"
