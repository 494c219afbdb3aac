"""`manage.py seed_traffic` plants known structure in a market's real tables, and the production
models find it: the nightly recommendations pair the planted partners, churn scoring ranks the
planted churners above the loyal customers, price suggestions move each category the way its
planted price response says."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tenants.utils import tenant_context
from sklearn.metrics import roc_auc_score

from asoud.accounts.models import User
from storefront.analytics.management.commands.seed_traffic import Command
from storefront.analytics.models import CustomerRisk, PriceSuggestion, ProductDaily, Recommendation
from storefront.orders.models import Order

from .factories import category_make, product_make

OPTIONS = {"customers": 90, "price_days": 84, "views": 40, "seed": 1404}


@pytest.fixture
def seeded(market_alpha):
    with tenant_context(market_alpha):
        for index, name in enumerate(["Saffron", "Cups", "Gifts", "Teapots"]):
            category = category_make(name)
            for n in range(2 if index % 2 == 0 else 4):
                product_make(f"{name} {n + 1}", price=(20 + 7 * n + index) * 100_000, stock=10_000, category=category)
    call_command("seed_traffic", market=["alpha"], days=1, visits=0, stdout=StringIO(), **OPTIONS)
    with tenant_context(market_alpha):
        yield Command.plan(OPTIONS)


def test_the_planted_structure_is_in_the_tables_and_the_models_find_it(seeded, market_alpha):
    plan = seeded
    with tenant_context(market_alpha):
        assert Order.objects.filter(note="seed_traffic").count() > len(plan.baskets)
        # Views and the price of the day reached the daily roll-up.
        priced = sorted(plan.days)
        assert len(priced) == 4 and len(plan.pairs) == 8
        prices = set(ProductDaily.objects.filter(product_id=priced[0]).values_list("price", flat=True))
        assert len(prices) >= 3, prices

        # Bought together: the planted partner is the first "bought together" of (nearly) every product.
        top = dict(
            Recommendation.objects.filter(kind=Recommendation.Kind.BOUGHT_TOGETHER, rank=1).values_list(
                "product_id", "related_id"
            )
        )
        found = [pk for pk, partner in plan.pairs.items() if top.get(pk) == partner]
        assert len(found) >= 7, (top, plan.pairs)

        # Churn: customers who stopped are ranked above the loyal ones.
        users = dict(User.objects.filter(mobile__startswith="+98938").values_list("mobile", "pk"))
        score = dict(CustomerRisk.objects.values_list("user_id", "score"))
        churned, loyal = plan.churned_by(plan.history_days), plan.loyal
        labels, scores = [], []
        for number in churned | loyal:
            labels.append(number in churned)
            scores.append(score[users[f"+98938{number:07d}"]])
        assert sum(labels) >= 10 and len(labels) - sum(labels) >= 10
        assert roc_auc_score(labels, scores) > 0.8

        # Prices: every priced product is learned from its days (not the baseline), prices up mean
        # fewer orders, the gentle category's products should cost more, the steep one answers price
        # more strongly than the gentle one (at this size the slope's error is about ±0.3, so the
        # direction of the steep category's move is not asserted).
        suggestions = {s.product_id: s for s in PriceSuggestion.objects.filter(product_id__in=priced)}
        assert {plan.slopes[pk] for pk in priced} == {-0.8, -1.3}
        assert {s.method for s in suggestions.values()} == {"model"} and len(suggestions) == 4

        def response(pk):
            return suggestions[pk].reasons[0]["orders_per_ten_percent"]

        gentle = [pk for pk in priced if plan.slopes[pk] == -0.8]
        steep = [pk for pk in priced if plan.slopes[pk] == -1.3]
        assert all(response(pk) < 0 for pk in priced)
        assert all(suggestions[pk].suggested_price > suggestions[pk].current_price for pk in gentle)
        assert max(response(pk) for pk in steep) < min(response(pk) for pk in gentle)
