"""schemathesis over the whole published schema, against the real server, as a shopper and as an owner:
no 5xx, and every answer (status, content type, body) is the one the schema promises."""

import pytest
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


@pytest.mark.parametrize("who", ["shopper", "owner"])
def test_every_operation_keeps_its_promises(live_server_url, who):
    import schemathesis

    mobile = "+989130000001" if who == "owner" else "+989350009999"
    # Committed (the server has its own connection): the alpha market's owner exists from the session set-up.
    user = committed(lambda: User.objects.get_or_create(mobile=mobile)[0])
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
                case.path_parameters["slug"] = "alpha"  # a real market: ids inside it are then exercised
            case.call_and_validate(base_url=f"{live_server_url}", headers=headers, checks=checks)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
