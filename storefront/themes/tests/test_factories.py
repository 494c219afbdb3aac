import pytest
from django_tenants.utils import tenant_context

from storefront.themes.models import StoreContact

from .factories import StoreContactFactory

pytestmark = pytest.mark.django_db


def test_factory_store_contact_passes_the_models_own_checks_and_stays_one_row(market_alpha):
    with tenant_context(market_alpha):
        contact = StoreContactFactory(city="Isfahan")
        contact.full_clean()
        assert StoreContactFactory() == contact and StoreContact.objects.count() == 1
