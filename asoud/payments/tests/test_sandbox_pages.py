"""The emulator's payment page as a visitor sees it, and that production never serves it."""

import pytest

from asoud.payments.zarinpal import ZarinpalClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority(zarinpal):
    return (
        ZarinpalClient()
        .request_payment(amount=1_250_000, callback_url="http://localhost/back/", description="Saffron, 2 packs")
        .authority
    )


def _page(client, authority, language="en", method="get", **data):
    client.cookies["asoud_language"] = language
    return getattr(client, method)(f"/dev/zarinpal/pg/StartPay/{authority}", data, HTTP_HOST="localhost")


def test_start_pay_page_shows_the_amount_and_pay_and_cancel(client, authority):
    response = _page(client, authority)
    assert response.status_code == 200
    assert "125,000 Toman" in response.text
    assert "Saffron, 2 packs" in response.text
    assert '<button type="submit" name="action" value="pay"' in response.text
    assert '<button type="submit" name="action" value="cancel"' in response.text
    assert 'dir="ltr"' in response.text and "platform-header" in response.text  # the site's own layout


def test_start_pay_page_in_persian(client, authority):
    response = _page(client, authority, language="fa")
    assert "۱۲۵٬۰۰۰ تومان" in response.text
    assert "پرداخت" in response.text and 'dir="rtl"' in response.text


def test_pay_and_cancel_redirect_to_the_callback(client, zarinpal):
    gateway = ZarinpalClient()
    paid = gateway.request_payment(amount=10_000, callback_url="http://localhost/back/", description="x").authority
    cancelled = gateway.request_payment(amount=10_000, callback_url="http://localhost/back/", description="x").authority
    assert _page(client, paid, method="post", action="pay")["Location"] == (
        f"http://localhost/back/?Authority={paid}&Status=OK"
    )
    assert _page(client, cancelled, method="post", action="cancel")["Location"] == (
        f"http://localhost/back/?Authority={cancelled}&Status=NOK"
    )
    # Pressing again changes nothing: the page now only offers the way back.
    again = _page(client, paid, method="post", action="cancel")
    assert again["Location"].endswith("Status=OK")
    finished = _page(client, paid)
    assert 'value="pay"' not in finished.text and "already finished" in finished.text


def test_unknown_authority_gets_a_404_page(client, zarinpal):
    response = _page(client, "A" + "9" * 35)
    assert response.status_code == 404
    assert "not valid or has expired" in response.text


def test_production_never_serves_the_emulator(client, authority, settings):
    settings.ASOUD_DEV_TOOLS = False
    assert _page(client, authority).status_code == 404
    response = client.post(
        "/dev/zarinpal/pg/v4/payment/request.json", {}, content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.status_code == 404


def test_api_answers_json_errors_for_a_body_that_is_not_json(client, zarinpal):
    response = client.post(
        "/dev/zarinpal/pg/v4/payment/verify.json", "nope", content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.status_code == 422
    assert response.json()["errors"]["code"] == -9
    assert response.json()["data"] == []
