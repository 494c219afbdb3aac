"""schemathesis over the whole published schema, against the real server, as a shopper and as an owner:
no 5xx, and every answer (status, content type, body) is the one the schema promises."""

import uuid

import pytest
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, given, settings
from rest_framework_simplejwt.tokens import RefreshToken

from asoud.accounts.models import User
from storefront.orders.tests.helpers import committed

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 3


def _checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


SLUG = "apifuzz"


def _seed() -> dict:
    from storefront.cart.tests.factories import product_make
    from storefront.orders.models import ShippingMethod
    from storefront.orders.services import shipping_method_create
    from tenants.models import Market
    from tenants.services import market_create, market_delete

    stale = Market.objects.filter(slug=SLUG).first()
    if stale is not None:
        market_delete(market=stale)
    owner = User.objects.create_user(f"+98939{uuid.uuid4().int % 10_000_000:07d}")
    shopper = User.objects.create_user(f"+98939{uuid.uuid4().int % 10_000_000:07d}")
    market = market_create(name="API fuzz", slug=SLUG, owner=owner, status=Market.Status.ACTIVE)
    with tenant_context(market):
        product_make(title="Fuzz kettle", stock=5)
        shipping_method_create(name="Post", kind=ShippingMethod.Kind.FLAT, cost=1000)
    return {"market": market, "users": {"owner": owner, "shopper": shopper}}


def _remove(data) -> None:
    from asoud.notifications.models import Notification
    from tenants.services import market_delete

    market_delete(market=data["market"])
    ids = [user.pk for user in data["users"].values()]
    Notification.objects.filter(user_id__in=ids).delete()
    User.objects.filter(pk__in=ids).delete()


@pytest.fixture(scope="module")
def fuzz_market(django_db_setup, django_db_blocker):
    """A market of its own, committed (the server has its own connection), dropped afterwards: whatever
    the generated requests create or change never reaches the markets other tests use."""
    with django_db_blocker.unblock():
        data = committed(_seed)
        yield data
        committed(_remove, data)


@pytest.mark.parametrize("who", ["shopper", "owner"])
def test_every_operation_keeps_its_promises(live_server_url, fuzz_market, who):
    import schemathesis

    user = fuzz_market["users"][who]
    headers = {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}", "Accept-Language": "en"}
    schema = schemathesis.openapi.from_url(f"{live_server_url}/api/v1/schema/?format=json")
    checks = _checks()
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if who == "owner" and "/owner/" not in operation.path:
            continue  # the owner is a user like any other elsewhere: the shopper's run covers those

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            if "slug" in (case.path_parameters or {}):
                case.path_parameters["slug"] = SLUG  # a real market: ids inside it are then exercised
            # A fresh server process pays its imports on its first requests: on a loaded machine that can
            # pass requests' 10 s; slowness is not what this test checks (5xx and the schema are).
            case.call_and_validate(base_url=f"{live_server_url}", headers=headers, checks=checks, timeout=60)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
