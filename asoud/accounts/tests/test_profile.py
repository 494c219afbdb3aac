import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from asoud.accounts.models import Address, User
from asoud.accounts.testing import mark_checked
from asoud.core.testing import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(visitor):
    user = User.objects.create_user("09357778899")
    visitor.force_login(user)
    mark_checked(visitor, user, method="code")  # just signed in with an SMS code
    return visitor, user


def test_profile_saves_valid_details(signed_in):
    client, user = signed_in
    response = client.post(
        "/accounts/profile/",
        {
            "name": "Sara Rahimi",
            "email": "sara@example.com",
            "national_code": "0012345679",
            "iban": "IR06 2960 0000 0010 0324 2000 01",
            "account_holder": "Sara Rahimi",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.name == "Sara Rahimi"
    assert user.profile.iban == "IR062960000000100324200001"


def test_profile_shows_clear_errors_and_keeps_what_was_typed(signed_in):
    client, user = signed_in
    response = english(client).post(
        "/accounts/profile/",
        {"name": "Sara", "email": "", "national_code": "1234567890", "iban": "IR00123", "account_holder": ""},
    )
    assert response.status_code == 200
    assert "national code is not valid" in response.text
    assert "IBAN is IR followed by 24 digits" in response.text
    assert 'value="Sara"' in response.text
    user.refresh_from_db()
    assert user.name == ""


def test_addresses_first_is_default_and_default_moves(signed_in):
    client, user = signed_in
    data = {
        "label": "Home",
        "receiver_name": "Sara",
        "receiver_mobile": "09121234567",
        "province": "Tehran",
        "city": "Tehran",
        "street": "Valiasr St. 12",
        "postal_code": "1234567890",
    }
    client.post("/accounts/profile/addresses/new/", data)
    client.post("/accounts/profile/addresses/new/", {**data, "label": "Work"})
    home, work = Address.objects.get(label="Home"), Address.objects.get(label="Work")
    assert home.is_default and not work.is_default
    client.post(f"/accounts/profile/addresses/{work.pk}/default/")
    home.refresh_from_db()
    work.refresh_from_db()
    assert work.is_default and not home.is_default
    assert work.receiver_mobile == "+989121234567"


def test_bad_postal_code_is_explained(signed_in):
    client, _ = signed_in
    response = english(client).post(
        "/accounts/profile/addresses/new/",
        {
            "receiver_name": "S",
            "receiver_mobile": "09121234567",
            "province": "T",
            "city": "T",
            "street": "x",
            "postal_code": "123",
        },
    )
    assert response.status_code == 200
    assert "postal code has exactly 10 digits" in response.text


def test_someone_elses_address_is_not_reachable(signed_in):
    client, _ = signed_in
    other = User.objects.create_user("09350001111")
    address = Address.objects.create(
        user=other,
        receiver_name="x",
        receiver_mobile="+989121234567",
        province="a",
        city="b",
        street="c",
        postal_code="1234567890",
    )
    assert client.get(f"/accounts/profile/addresses/{address.pk}/").status_code == 404
    assert client.post(f"/accounts/profile/addresses/{address.pk}/delete/").status_code == 404


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_identity_documents_are_validated(signed_in):
    client, user = signed_in
    fake = SimpleUploadedFile("id.png", b"not an image at all", content_type="image/png")
    response = english(client).post("/accounts/profile/documents/", {"kind": "national_card", "file": fake})
    page = english(client).get(response["Location"])
    assert "Attach an image (JPEG, PNG, WebP or GIF) or a PDF." in page.text
    assert not user.documents.exists()

    good = SimpleUploadedFile("id.png", _png(), content_type="image/png")
    client.post("/accounts/profile/documents/", {"kind": "national_card", "file": good})
    assert user.documents.count() == 1


def test_pixel_bombs_are_refused(signed_in):
    client, user = signed_in
    bomb = SimpleUploadedFile("bomb.png", _png((6000, 6000)), content_type="image/png")
    response = english(client).post("/accounts/profile/documents/", {"kind": "passport", "file": bomb})
    page = english(client).get(response["Location"])
    assert "The image has too many pixels" in page.text
    assert not user.documents.exists()


def test_profile_needs_sign_in(visitor):
    response = visitor.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
