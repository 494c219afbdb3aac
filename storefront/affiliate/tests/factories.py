import factory

from storefront.affiliate.models import AffiliateOffer


class AffiliateOfferFactory(factory.django.DjangoModelFactory):
    """A market's commission on a product or a category (pass exactly one; inside the market's schema)."""

    class Meta:
        model = AffiliateOffer

    rate_percent = 10
