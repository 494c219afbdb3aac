import pytest

from asoud.notifications.tests.live import live  # noqa: F401


@pytest.fixture
def shopper(db):
    from asoud.notifications.tests.factories import UserFactory

    return UserFactory(name="Sara Rahimi")


@pytest.fixture
def owner(market_alpha):
    return market_alpha.owner
