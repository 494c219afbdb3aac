"""The wallet page and a top-up through Zarinpal, as a signed-in person does it."""

from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages

from asoud.payments.models import Payment
from asoud.payments.services import payment_reconcile
from asoud.payments.tests.sandbox_server import callback_params
from asoud.wallet.selectors import wallet_balance, wallet_entries
from asoud.wallet.services import wallet_credit, wallet_topup_complete, wallet_topup_start

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    client.defaults["HTTP_HOST"] = "localhost"
    client.cookies["asoud_language"] = "en"
    return user


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _top_up(client, toman: str):
    response = client.post("/wallet/topup/", {"amount": toman})
    assert response.status_code == 302, response.content
    return response["Location"]


def _return(client, location: str):
    """Follow the gateway's redirect back to our callback (it is on our own host)."""
    parts = urlsplit(location)
    return client.get(parts.path, dict(callback_params(location)))


def test_the_wallet_needs_a_signed_in_person(client):
    response = client.get("/wallet/", HTTP_HOST="localhost")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_wallet_page_shows_balance_in_toman_and_history(client, person):
    wallet_credit(user=person, amount=1_234_560, kind="topup", reference="x", idempotency_key="seed")
    response = client.get("/wallet/")
    assert response.status_code == 200
    assert "123,456 Toman" in response.text
    assert "Top-up" in response.text and "+123,456 Toman" in response.text
    assert 'name="amount"' in response.text


def test_the_wallet_page_in_persian(client, person):
    wallet_credit(user=person, amount=1_234_560, kind="topup", reference="x", idempotency_key="seed")
    client.cookies["asoud_language"] = "fa"
    response = client.get("/wallet/")
    assert "۱۲۳٬۴۵۶ تومان" in response.text and "کیف پول" in response.text


def test_history_is_paged_and_pages_load_as_htmx_fragments(client, person):
    for number in range(25):
        wallet_credit(
            user=person, amount=10_000 + number * 10, kind="topup", reference="x", idempotency_key=f"k{number}"
        )
    full = client.get("/wallet/", {"page": 2})
    assert full.status_code == 200 and "<html" in full.text and 'id="wallet-history"' in full.text
    assert "Page 2 of 2" in full.text
    fragment = client.get("/wallet/", {"page": 2}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<div id="wallet-history">')
    assert "<html" not in fragment.text and 'name="amount"' not in fragment.text
    assert fragment.text.count("<tr>") == 1 + 5  # header + the 5 oldest movements
    assert 'hx-get="?page=1"' in fragment.text and 'href="?page=1"' in fragment.text


@pytest.mark.parametrize(
    ("typed", "error"),
    [("9,999", "between 10,000 Toman and 50,000,000 Toman"), ("50000001", "between"), ("ده هزار", "whole number")],
)
def test_the_amount_is_validated(client, person, zarinpal, typed, error):
    response = client.post("/wallet/topup/", {"amount": typed})
    assert response.status_code == 200
    assert error in response.text
    assert not Payment.objects.exists()


def test_top_up_journey_credits_the_wallet_once(client, person, zarinpal):
    gateway_url = _top_up(client, "۲۵۰٬۰۰۰")  # Persian digits and separator, as typed on a phone
    assert gateway_url.startswith(f"{zarinpal.base_url}/pg/StartPay/")
    payment = Payment.objects.get(user=person)
    assert (payment.amount, payment.purpose, payment.order_number) == (2_500_000, "wallet_topup", "wallet-topup")
    assert payment.market.schema_name == "public"
    assert payment.callback_url == "http://localhost/wallet/topup/callback/"
    assert "۲۵۰٬۰۰۰" in zarinpal.page(gateway_url).text  # the gateway page speaks Persian

    location = zarinpal.pay(gateway_url)
    response = _return(client, location)
    assert response.status_code == 302 and response["Location"] == "/wallet/"
    assert _messages(response) == ["250,000 Toman was added to your wallet."]
    assert wallet_balance(user=person) == 2_500_000

    _return(client, location)  # the browser reloads the callback page
    assert wallet_balance(user=person) == 2_500_000
    entry = wallet_entries(user=person).get()
    assert (entry.kind, entry.amount, entry.idempotency_key) == ("topup", 2_500_000, f"payment:{payment.pk}")
    page = client.get("/wallet/")
    assert "250,000 Toman" in page.text


def test_cancelling_on_the_gateway_credits_nothing(client, person, zarinpal):
    response = _return(client, zarinpal.cancel(_top_up(client, "100000")))
    assert _messages(response) == ["The payment was cancelled."]
    assert wallet_balance(user=person) == 0
    assert Payment.objects.get(user=person).status == Payment.Status.CANCELLED


def test_a_gateway_refusal_is_shown_on_the_wallet_page(client, person, zarinpal, settings):
    settings.ZARINPAL_MERCHANT_ID = "00000000-0000-0000-0000-000000000011"
    response = client.post("/wallet/topup/", {"amount": "100000"})
    assert response.status_code == 200
    assert "The merchant account is not active at the payment gateway." in response.text


def test_an_unknown_authority_on_the_callback(client, person, zarinpal):
    response = client.get("/wallet/topup/callback/", {"Authority": "A" + "1" * 35, "Status": "OK"})
    assert response["Location"] == "/wallet/"
    assert _messages(response) == ["This payment was not found."]


def test_a_top_up_whose_payer_never_came_back_is_credited_by_reconcile(person, zarinpal):
    payment, gateway_url = wallet_topup_start(user=person, amount=300_000, callback_url="http://localhost/cb/")
    zarinpal.pay(gateway_url)
    assert payment_reconcile() == {"paid": 1}
    assert wallet_balance(user=person) == 300_000
    # And when the payer does come back later, nothing is added again.
    assert wallet_topup_complete(authority=payment.authority, status_param="OK").is_paid
    assert wallet_balance(user=person) == 300_000
