import pytest

from asoud.payments.models import Payment

from .factories import PaymentFactory

pytestmark = pytest.mark.django_db


def test_factory_payments_pass_the_models_own_checks(market_alpha):
    payment = PaymentFactory(market=market_alpha)
    payment.full_clean()
    assert payment.status == Payment.Status.INITIATED and payment.order_number.endswith(f"{payment.order_id:06d}")
