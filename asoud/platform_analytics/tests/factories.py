import factory
from django.utils import timezone

from asoud.platform_analytics.models import MarketDayStat


class MarketDayStatFactory(factory.django.DjangoModelFactory):
    """One market's day in the public roll-up (pass `market`)."""

    class Meta:
        model = MarketDayStat

    day = factory.LazyFunction(timezone.localdate)
    visits = 10
    orders = 1
    gmv = 1_000_000
    new_customers = 1
