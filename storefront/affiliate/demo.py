"""Demo data for the affiliate programme (called by `manage.py seed_demo` after the catalogue seed)."""

from django.db import transaction
from django_tenants.utils import tenant_context

from asoud.accounts.models import Profile, User
from asoud.affiliates.models import Marketer
from asoud.affiliates.services import link_create, marketer_join
from asoud.marketplace.models import Listing
from asoud.marketplace.services import listing_index_market, listing_rebuild
from storefront.affiliate.services import affiliate_offer_set
from storefront.catalog.models import Category, Product
from tenants.models import Market

DEMO_MARKETER_MOBILE = "+989120000009"
DEMO_MARKETER_HANDLE = "demo-marketer"
# A valid (mod-97) Iranian IBAN for the demo only.
DEMO_IBAN = "IR820540102680020817909002"
# Market → commission on its first category, and on its first product on top.
DEMO_OFFERS = {"demo": (8, 12), "saffron": (10, 15), "ketab": (6, None)}


def affiliates_seed() -> Marketer:
    """Affiliate offers in the demo markets, a marketer with picks from them, and a fresh index. Idempotent."""
    markets = list(Market.objects.filter(slug__in=DEMO_OFFERS, status=Market.Status.ACTIVE))
    for market in markets:
        _offers_seed(market)
        listing_index_market(market=market)
    marketer = _marketer_seed()
    for market in markets:
        for listing in Listing.objects.filter(market=market, commission_percent__isnull=False).order_by("id")[:2]:
            link_create(marketer=marketer, listing=listing)
    listing_rebuild()
    return marketer


def _offers_seed(market: Market) -> None:
    category_rate, product_rate = DEMO_OFFERS[market.slug]
    with tenant_context(market), transaction.atomic():
        category = Category.objects.order_by("position", "id").first()
        if category is not None:
            affiliate_offer_set(category=category, rate_percent=category_rate)
        product = Product.objects.filter(is_active=True).order_by("id").first()
        if product is not None and product_rate:
            affiliate_offer_set(product=product, rate_percent=product_rate)


@transaction.atomic
def _marketer_seed() -> Marketer:
    user, _created = User.objects.get_or_create(
        mobile=DEMO_MARKETER_MOBILE, defaults={"name": "Demo marketer", "phone_verified": True}
    )
    Profile.objects.update_or_create(user=user, defaults={"iban": DEMO_IBAN, "account_holder": "Demo Marketer"})
    marketer = marketer_join(
        user=user,
        handle=DEMO_MARKETER_HANDLE,
        bio="معرفی بهترین زعفران، کتاب و ظروف آشپزخانه از فروشگاه‌های آسود — demo marketer",
        accept_terms=True,
    )
    return marketer
