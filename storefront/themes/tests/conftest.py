import pytest
from django.test import Client
from django_tenants.utils import tenant_context


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated pictures go to a temporary folder, never into .data/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def in_alpha(market_alpha):
    """`with in_alpha(): ...` runs the block in alpha's schema."""
    return lambda: tenant_context(market_alpha)


@pytest.fixture
def in_beta(market_beta):
    return lambda: tenant_context(market_beta)


@pytest.fixture
def beta_client(db):
    """A second browser, on beta's host (alpha_client is pytest-django's `client`)."""
    return Client(HTTP_HOST="beta.localhost")
