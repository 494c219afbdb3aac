import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from asoud.accounts.models import User
from asoud.accounts.testing import sign_in_staff
from asoud.payments.tests.sandbox_server import sandbox_server, zarinpal  # noqa: F401
from tenants.services import plans_seed


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def staff_user(db):
    return User.objects.create_superuser("09120000099", password="staff-pass-1234")


@pytest.fixture
def staff_client(client, staff_user):
    """The Django admin on the platform host, in English."""
    sign_in_staff(client, staff_user)  # staff must have passed a second factor
    client.defaults["HTTP_HOST"] = "localhost"
    client.cookies["asoud_language"] = "en"
    return client


@pytest.fixture
def owner_client(alpha_client, market_alpha):
    """alpha's owner, signed in on alpha's host, in English."""
    alpha_client.force_login(market_alpha.owner)
    alpha_client.cookies["asoud_language"] = "en"
    return alpha_client


@pytest.fixture
def plans(db):
    return {plan.code: plan for plan in plans_seed()}


def pdf_upload(name="licence.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf")


def png_upload(name="card.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")
