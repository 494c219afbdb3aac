import pytest
from django.test import Client

from .factories import TicketFactory, TicketMessageFactory

pytestmark = pytest.mark.django_db


def test_factory_tickets_pass_the_models_own_checks_and_show_to_their_author_only():
    message = TicketMessageFactory(ticket__subject="Parcel never came")
    message.ticket.full_clean()
    message.full_clean()
    other = TicketFactory(subject="Someone else's question")
    author = Client(HTTP_HOST="localhost")
    author.force_login(message.ticket.user)
    html = author.get("/support/").content.decode()
    assert "Parcel never came" in html and other.subject not in html
