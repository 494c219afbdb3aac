import pytest

from .factories import AddressFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_factory_users_and_addresses_pass_the_models_own_checks():
    address = AddressFactory()
    address.user.full_clean()
    address.full_clean()
    assert UserFactory(mobile=address.user.mobile) == address.user  # one account per mobile
