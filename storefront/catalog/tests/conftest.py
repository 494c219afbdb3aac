import pytest
from django_tenants.utils import tenant_context


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated pictures go to a temporary folder, never into .data/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def in_alpha(market_alpha):
    """Work inside alpha's schema: `with in_alpha: ...`."""
    return tenant_context(market_alpha)


@pytest.fixture
def in_beta(market_beta):
    return tenant_context(market_beta)
