import pytest
from django_tenants.utils import tenant_context

from asoud.accounts.models import User
from storefront.affiliate.models import AffiliateOffer
from storefront.catalog.models import Category, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(alpha_client):
    alpha_client.force_login(User.objects.get(mobile="+989130000001"))
    alpha_client.cookies["asoud_language"] = "en"
    return alpha_client


def test_owner_offers_and_withdraws_a_commission(owner, market_alpha):
    with tenant_context(market_alpha):
        lamp = Product.objects.create(title="Offer lamp", slug="offer-lamp", price_main=100_000)
    response = owner.post("/dashboard/affiliate/", {"product": lamp.pk, "rate_percent": 12})
    assert response.status_code == 302
    with tenant_context(market_alpha):
        offer = AffiliateOffer.objects.get(product=lamp)
        assert offer.rate_percent == 12
    page = owner.get("/dashboard/affiliate/")
    assert "Offer lamp" in page.text
    owner.post(f"/dashboard/affiliate/{offer.pk}/remove/")
    with tenant_context(market_alpha):
        assert not AffiliateOffer.objects.filter(product=lamp).exists()


def test_bad_offers_are_explained_and_nothing_is_saved(owner, market_alpha):
    with tenant_context(market_alpha):
        lamp = Product.objects.create(title="Offer lamp", slug="offer-lamp-2", price_main=100_000)
        shelf = Category.objects.create(name="Shelf", slug="offer-shelf")
    both = owner.post("/dashboard/affiliate/", {"product": lamp.pk, "category": shelf.pk, "rate_percent": 10})
    assert both.status_code == 200 and "Choose either a product or a category." in both.text
    too_much = owner.post("/dashboard/affiliate/", {"product": lamp.pk, "rate_percent": 80})
    assert too_much.status_code == 200 and "50" in too_much.text
    with tenant_context(market_alpha):
        assert not AffiliateOffer.objects.exists() or not AffiliateOffer.objects.filter(product=lamp).exists()


def test_only_the_owner_or_a_manager_may_change_the_programme(alpha_client, market_alpha):
    stranger = User.objects.create_user("09357770099")
    alpha_client.force_login(stranger)
    assert alpha_client.get("/dashboard/affiliate/").status_code == 403
