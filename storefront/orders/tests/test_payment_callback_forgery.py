"""Finding 7: knowing a payment's Authority is not enough to cancel someone else's order."""

import pytest

from asoud.accounts.models import User
from asoud.core.testing import english
from asoud.payments.models import Payment
from storefront.orders.models import Order

from .test_payments import come_back, place_online, ready, stock_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
S = Order.Status


def forge_nok(client, authority: str):
    return english(client).get("/checkout/callback/", {"Authority": authority, "Status": "NOK"})


@pytest.fixture
def strangers():
    from storefront.cart.tests.conftest import market_client

    anonymous = market_client()
    signed_in = market_client()
    signed_in.force_login(User.objects.create_user("09351112266", name="Someone else"))
    return anonymous, signed_in


def test_a_stranger_cannot_cancel_an_order_being_paid(zarinpal, ready, shopper, strangers):  # noqa: F811 (the imported fixture)
    start_pay = place_online(ready)
    order = Order.objects.get(user_id=shopper.pk)
    authority = Payment.objects.get(pk=order.payment_id).authority
    for stranger in strangers:
        response = forge_nok(stranger, authority)
        assert response.status_code == 302
        assert "/cart/" not in response["Location"]
        order.refresh_from_db()
        assert order.status == S.PENDING and stock_of(ready["kettle"]) == 3
        assert Payment.objects.get(authority=authority).status == Payment.Status.PENDING
    # The shopper, still on the gateway's page, pays and gets the order.
    come_back(ready["client"], zarinpal.pay(start_pay))
    order.refresh_from_db()
    assert order.status == S.VERIFIED and order.is_paid


def test_a_stranger_saying_not_paid_about_a_paid_payment_settles_it_as_paid(zarinpal, ready, shopper, strangers):  # noqa: F811 (the imported fixture)
    start_pay = place_online(ready)
    zarinpal.pay(start_pay)  # paid at the gateway; the shopper has not come back yet
    order = Order.objects.get(user_id=shopper.pk)
    forge_nok(strangers[0], Payment.objects.get(pk=order.payment_id).authority)
    order.refresh_from_db()
    assert order.status == S.VERIFIED and order.is_paid


def test_when_the_gateway_confirms_the_cancel_anyone_may_report_it(zarinpal, ready, shopper, strangers):  # noqa: F811 (the imported fixture)
    start_pay = place_online(ready)
    zarinpal.cancel(start_pay)  # the shopper cancelled on the gateway and closed the tab
    order = Order.objects.get(user_id=shopper.pk)
    forge_nok(strangers[0], Payment.objects.get(pk=order.payment_id).authority)
    order.refresh_from_db()
    assert order.status == S.CANCELLED and stock_of(ready["kettle"]) == 5
