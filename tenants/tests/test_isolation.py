import pytest
from django_tenants.utils import tenant_context

from storefront.catalog.models import Product


@pytest.mark.django_db
def test_a_row_created_in_one_market_is_invisible_in_another(market_alpha, market_beta):
    with tenant_context(market_alpha):
        Product.objects.create(title="Alpha only", slug="alpha-only", price_main=10_000)
        assert Product.objects.filter(slug="alpha-only").exists()
    with tenant_context(market_beta):
        assert not Product.objects.filter(slug="alpha-only").exists()
        assert Product.objects.count() == 0


@pytest.mark.django_db
def test_each_host_shows_only_its_own_market_products(client, market_alpha, market_beta):
    with tenant_context(market_alpha):
        Product.objects.create(title="Saffron of Alpha", slug="saffron-alpha", price_main=150_000)
    alpha = client.get("/products/", HTTP_HOST="alpha.localhost")
    beta = client.get("/products/", HTTP_HOST="beta.localhost")
    assert "Saffron of Alpha" in alpha.text
    assert "Saffron of Alpha" not in beta.text
