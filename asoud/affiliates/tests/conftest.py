import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.accounts.models import Profile, User
from asoud.accounts.testing import mark_checked
from asoud.affiliates.services import marketer_join
from asoud.marketplace.tests.factories import category_make, listing_of, product_make
from storefront.affiliate.services import affiliate_offer_set

VALID_IBAN = "IR820540102680020817909002"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def user_make(mobile: str, *, iban: str = "") -> User:
    user = User.objects.create_user(mobile)
    if iban:
        Profile.objects.create(user=user, iban=iban, account_holder="Sara Ahmadi")
    return user


def marketer_make(mobile: str, handle: str):
    return marketer_join(user=user_make(mobile, iban=VALID_IBAN), handle=handle, bio="Best picks", accept_terms=True)


@pytest.fixture
def marketer(db):
    return marketer_make("+989350000101", "sara")


@pytest.fixture
def offer(market_alpha):
    """A product of `alpha` with a 10% affiliate offer, indexed: its listing."""
    shelf = category_make(market_alpha, name="زعفران", slug="saffron")
    product = product_make(
        market_alpha, title="زعفران سرگل", slug="saffron-1", price=20_000_000, category=shelf, index=False
    )
    with tenant_context(market_alpha):
        affiliate_offer_set(product=product, rate_percent=10)
    from asoud.marketplace.services import listing_index_product

    listing_index_product(market=market_alpha, product_id=product.pk)
    return listing_of(market_alpha, product)


@pytest.fixture
def platform_client():
    return Client(HTTP_HOST="localhost", HTTP_USER_AGENT=BROWSER_UA, REMOTE_ADDR="10.1.0.1")


@pytest.fixture
def marketer_client(marketer):
    client = Client(HTTP_HOST="localhost", HTTP_USER_AGENT=BROWSER_UA)
    client.force_login(marketer.user)
    mark_checked(client, marketer.user, method="code")  # just signed in with an SMS code
    return client
