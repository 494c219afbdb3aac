"""The real Zarinpal client against the sandbox emulator, over HTTP: the documented JSON and codes."""

import pytest
import requests
from django.utils import translation

from asoud.payments.zarinpal import ZarinpalClient, ZarinpalError, ZarinpalUnavailable

from .sandbox_server import callback_params

pytestmark = pytest.mark.django_db


def _request(client: ZarinpalClient, amount: int = 150_000, **extra):
    return client.request_payment(
        amount=amount,
        callback_url="http://alpha.localhost/checkout/callback/?order=7",
        description="Order 1001",
        mobile="09121234567",
        order_id="1001",
        **extra,
    )


def test_request_gives_an_authority_and_the_start_pay_address(zarinpal):
    client = ZarinpalClient()
    result = _request(client)
    assert len(result.authority) == 36 and result.authority.startswith("A")
    assert result.fee_type == "Merchant"
    assert client.start_pay_url(result.authority) == f"{zarinpal.base_url}/pg/StartPay/{result.authority}"


def test_paying_sends_the_shopper_back_with_authority_and_status_ok(zarinpal):
    client = ZarinpalClient()
    authority = _request(client).authority
    location = zarinpal.pay(client.start_pay_url(authority))
    assert location.startswith("http://alpha.localhost/checkout/callback/?order=7&")
    assert callback_params(location) == {"order": "7", "Authority": authority, "Status": "OK"}


def test_cancelling_sends_status_nok_and_verify_then_says_not_paid(zarinpal):
    client = ZarinpalClient()
    authority = _request(client).authority
    assert callback_params(zarinpal.cancel(client.start_pay_url(authority)))["Status"] == "NOK"
    with pytest.raises(ZarinpalError) as refused:
        client.verify(amount=150_000, authority=authority)
    assert refused.value.code == -51


def test_verify_answers_100_once_then_101_with_the_same_details(zarinpal):
    client = ZarinpalClient()
    authority = _request(client).authority
    zarinpal.pay(client.start_pay_url(authority))
    first = client.verify(amount=150_000, authority=authority)
    again = client.verify(amount=150_000, authority=authority)
    assert (first.code, first.already_verified) == (100, False)
    assert (again.code, again.already_verified) == (101, True)
    assert first.ref_id and first.ref_id == again.ref_id
    assert first.card_pan.startswith("502229") and "******" in first.card_pan
    assert len(first.card_hash) == 64


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"amount": 140_000}, -50),
        ({"authority": "A00000000000000000000000000000000000"}, -54),
        ({"merchant_id": "11111111-2222-3333-4444-555555555555"}, -53),
    ],
)
def test_verify_refusals(zarinpal, change, code):
    client = ZarinpalClient()
    authority = _request(client).authority
    zarinpal.pay(client.start_pay_url(authority))
    asked = {"amount": 150_000, "authority": authority}
    merchant = change.pop("merchant_id", None)
    asked.update(change)
    with pytest.raises(ZarinpalError) as refused:
        ZarinpalClient(merchant_id=merchant).verify(**asked)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("merchant_id", "amount", "code", "field"),
    [
        ("not-a-uuid", 150_000, -9, "merchant_id"),
        (None, 999, -9, "amount"),
        (None, 1_000_000_001, -41, None),
    ],
)
def test_request_is_validated_like_the_gateway(zarinpal, merchant_id, amount, code, field):
    with pytest.raises(ZarinpalError) as refused:
        _request(ZarinpalClient(merchant_id=merchant_id), amount=amount)
    assert refused.value.code == code
    if field:
        validations = refused.value.response["errors"]["validations"]
        assert any(field in item for item in validations)


def test_callback_address_and_description_are_required(zarinpal):
    with pytest.raises(ZarinpalError) as refused:
        ZarinpalClient().request_payment(amount=10_000, callback_url="alpha.localhost/cb", description="")
    fields = {key for item in refused.value.response["errors"]["validations"] for key in item}
    assert fields == {"callback_url", "description"}


@pytest.mark.parametrize(
    ("code", "english", "persian"),
    [
        (11, "not active", "فعال نیست"),
        (12, "Too many attempts", "تلاش"),
        (15, "suspended", "تعلیق"),
    ],
)
def test_negative_codes_carry_a_translated_message(zarinpal, code, english, persian):
    merchant = f"00000000-0000-0000-0000-0000000000{code}"
    with pytest.raises(ZarinpalError) as refused:
        _request(ZarinpalClient(merchant_id=merchant))
    assert refused.value.code == -code
    with translation.override("en"):
        assert english in refused.value.message
    with translation.override("fa"):
        assert persian in refused.value.message


def test_unverified_lists_paid_payments_nobody_verified(zarinpal):
    client = ZarinpalClient()
    paid, verified, abandoned = (_request(client, amount=10_000 * n).authority for n in (1, 2, 3))
    zarinpal.pay(client.start_pay_url(paid))
    zarinpal.pay(client.start_pay_url(verified))
    client.verify(amount=20_000, authority=verified)
    listed = client.unverified()
    assert [(item.authority, item.amount) for item in listed] == [(paid, 10_000)]
    assert listed[0].callback_url.startswith("http://alpha.localhost/") and listed[0].date
    assert abandoned not in {item.authority for item in listed}


def test_an_unreachable_gateway_is_reported_as_such(settings):
    settings.ZARINPAL_BASE_URL = "http://127.0.0.1:9/dev/zarinpal"  # discard port: nothing listens
    with pytest.raises(ZarinpalUnavailable) as failure:
        ZarinpalClient(timeout=2).unverified()
    assert failure.value.code is None
    with translation.override("en"):
        assert "could not be reached" in failure.value.message


def test_the_emulator_is_not_served_without_dev_tools(zarinpal, settings):
    settings.ASOUD_DEV_TOOLS = False
    response = requests.post(f"{zarinpal.base_url}/pg/v4/payment/request.json", json={}, timeout=10)
    assert response.status_code == 404
    with pytest.raises(ZarinpalUnavailable):
        _request(ZarinpalClient())
