import pytest
from django_tenants.utils import tenant_context

from asoud.core.redis import get_redis
from storefront.analytics.tracking import events_key, pending_key


@pytest.fixture
def in_alpha(market_alpha):
    with tenant_context(market_alpha):
        yield market_alpha


@pytest.fixture(autouse=True)
def _clean_buffers():
    """Redis is outside the test transaction: start and end every test with empty buffers."""

    def clean():
        client = get_redis()
        for schema in ("alpha", "beta"):
            client.delete(events_key(schema))
        client.delete(pending_key())

    clean()
    yield
    clean()
