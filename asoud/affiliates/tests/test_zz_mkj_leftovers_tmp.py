import pytest
from django_tenants.utils import tenant_context

pytestmark = pytest.mark.django_db


def test_leftovers(market_alpha, market_beta):
    from asoud.affiliates.models import Marketer, Withdrawal, Referral, AffiliateLink
    from asoud.accounts.models import User
    from asoud.marketplace.models import Listing
    from asoud.wallet.models import LedgerEntry
    from storefront.catalog.models import Product
    from storefront.orders.models import Order, ShippingMethod
    from tenants.models import MarketVerification, AuditLogEntry
    print("\nLEFT marketers", list(Marketer.objects.values_list("handle", flat=True)))
    print("LEFT users", User.objects.count(), list(User.objects.values_list("mobile", "is_superuser")))
    print("LEFT withdrawals/referrals/links/ledger", Withdrawal.objects.count(), Referral.objects.count(), AffiliateLink.objects.count(), LedgerEntry.objects.count())
    print("LEFT listings", list(Listing.objects.values_list("title", flat=True)))
    print("LEFT verif", list(MarketVerification.objects.values_list("market__slug", "status")), "audit", AuditLogEntry.objects.count())
    print("LEFT beta", market_beta.status, repr(market_beta.status_reason), "alpha", market_alpha.status)
    with tenant_context(market_alpha):
        print("LEFT alpha products", list(Product.objects.values_list("title", flat=True)), "orders", Order.objects.count(), "methods", ShippingMethod.objects.count())
