import factory

from tenants.models import Plan


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    code = factory.Sequence(lambda n: f"plan-{n}")
    name = factory.Sequence(lambda n: f"Plan {n}")
    price_per_month = 5_000_000
    max_products = 100
    features = factory.LazyFunction(lambda: ["Up to 100 products"])
