"""Identity and verification documents: kept in the private storage (never under /media/), served
only to the people allowed to see them, and never as something a browser would run. Public media:
re-encoded images only, served with nosniff."""

import io
import logging
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django_tenants.utils import tenant_context

from asoud.accounts.models import IdentityDocument
from asoud.accounts.testing import sign_in_staff
from asoud.core.tests.files import SCRIPT, polyglot_upload
from asoud.notifications.tests.factories import UserFactory
from tenants.models import MarketDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


def client_for(user, host: str = "localhost") -> Client:
    client = Client(HTTP_HOST=host)
    if user is not None and user.is_staff:
        sign_in_staff(client, user)  # staff pages need a second factor
    elif user is not None:
        client.force_login(user)
    return client


def assert_served_safely(response, *, content_type: str = "image/png") -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SCRIPT not in body and b"<html" not in body
    return body


def assert_private(name: str, tmp_path: Path) -> None:
    assert (tmp_path / "private" / name).is_file()
    assert not (tmp_path / "media" / name).exists()
    assert Client(HTTP_HOST="localhost").get(f"/media/{name}").status_code == 404


def test_identity_documents_are_private_and_only_for_their_owner_and_staff(tmp_path, caplog):
    owner, other, staff = UserFactory(), UserFactory(), UserFactory(is_staff=True)
    client_for(owner).post("/accounts/profile/documents/", {"kind": "passport", "file": polyglot_upload()})
    document = IdentityDocument.objects.get(user=owner)
    assert document.file.name.endswith(".png") and "x.html" not in document.file.name
    assert_private(document.file.name, tmp_path)

    url = f"/accounts/profile/documents/{document.pk}/file/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(other).get(url).status_code == 404
    with caplog.at_level(logging.INFO, logger="asoud.audit"):
        response = client_for(owner).get(url)
    assert_served_safely(response)
    assert response["Content-Disposition"].startswith("inline") and ".png" in response["Content-Disposition"]
    download = next(record for record in caplog.records if record.name == "asoud.audit")
    assert (download.event, download.user_id, download.file) == ("private_file.download", owner.pk, document.file.name)
    assert_served_safely(client_for(staff).get(url))
    profile = client_for(owner).get("/accounts/profile/").text
    assert f'href="{url}"' in profile


def test_verification_documents_reach_only_the_market_and_staff(tmp_path, market_alpha, market_beta):
    owner = client_for(market_alpha.owner, "alpha.localhost")
    response = owner.post(
        "/dashboard/verification/", {"business_license": polyglot_upload(), "national_card": polyglot_upload("id.png")}
    )
    assert response.status_code == 302
    document = MarketDocument.objects.get(verification__market=market_alpha, kind="business_license")
    assert document.file.name.endswith(".png")
    assert_private(document.file.name, tmp_path)

    url = f"/dashboard/verification/documents/{document.pk}/"
    assert f'href="{url}"' in owner.get("/dashboard/verification/").text
    assert_served_safely(owner.get(url))
    assert client_for(None, "alpha.localhost").get(url).status_code == 302  # to the sign-in page
    assert client_for(market_beta.owner, "alpha.localhost").get(url).status_code == 403
    assert client_for(market_beta.owner, "beta.localhost").get(url).status_code == 404  # not beta's document

    admin_url = f"/admin/tenants/marketverification/documents/{document.pk}/file/"
    assert_served_safely(client_for(UserFactory(is_staff=True, is_superuser=True)).get(admin_url))
    refused = client_for(market_alpha.owner).get(admin_url)
    assert refused.status_code == 302 and "/admin/login/" in refused["Location"]


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(settings):
    settings.ASOUD_PRIVATE_FILES_ACCEL = True
    owner = UserFactory()
    client_for(owner).post("/accounts/profile/documents/", {"kind": "passport", "file": polyglot_upload()})
    document = IdentityDocument.objects.get(user=owner)
    response = client_for(owner).get(f"/accounts/profile/documents/{document.pk}/file/")
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert response.content == b"" and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Security-Policy"].startswith("sandbox")


def test_public_images_are_re_encoded_and_media_serves_nothing_but_images(tmp_path, market_alpha):
    from storefront.catalog.services import product_image_add
    from storefront.catalog.tests.factories import ProductFactory
    from storefront.themes.services import theme_asset_add

    with tenant_context(market_alpha):
        photo = product_image_add(product=ProductFactory(), upload=polyglot_upload())
        asset = theme_asset_add(upload=polyglot_upload("banner.html"))
    for stored in (photo.image, asset.image):
        assert stored.name.endswith(".png") and stored.name.startswith("alpha/") and ".html" not in stored.name
        with default_storage.open(stored.name) as handle:
            assert SCRIPT not in handle.read()
        assert_served_safely(Client(HTTP_HOST="beta.localhost").get(f"/media/{stored.name}"))

    (tmp_path / "media" / "alpha" / "page.html").write_bytes(b"<html>" + SCRIPT)
    assert Client(HTTP_HOST="beta.localhost").get("/media/alpha/page.html").status_code == 404


def test_files_uploaded_before_the_private_storage_are_moved_out_of_media(tmp_path):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    owner = UserFactory()
    old_name = default_storage.save("identity/2025/01/scan.png", ContentFile(b"old bytes"))
    document = IdentityDocument.objects.create(user=owner, kind="passport", file=old_name)
    output = io.StringIO()
    call_command("private_files_move", stdout=output)
    assert "moved 1 file(s)" in output.getvalue()
    assert not (tmp_path / "media" / old_name).exists()
    assert (tmp_path / "private" / old_name).read_bytes() == b"old bytes"
    assert client_for(owner).get(f"/accounts/profile/documents/{document.pk}/file/").status_code == 200
    assert Client(HTTP_HOST="localhost").get(f"/media/{old_name}").status_code == 404


def test_on_s3_the_view_redirects_to_a_signed_url_that_expires_in_a_minute(rf):
    """Signing is local (no request reaches a bucket): the URL must carry the expiry and the headers."""
    from urllib.parse import parse_qs, urlsplit

    from storages.backends.s3 import S3Storage

    from asoud.core.private_files import private_file_response

    owner = UserFactory()
    document = IdentityDocument(user=owner, kind="passport", file="identity/2026/01/0123abcd.png")
    document.file.storage = S3Storage(
        bucket_name="asoud-private",
        endpoint_url="https://s3.example.test",
        access_key="test-key",
        secret_key="test-secret",
        region_name="us-east-1",
        location="private",
        querystring_auth=True,
        querystring_expire=3600,  # the view asks for its own, shorter, lifetime
        default_acl="private",
        signature_version="s3v4",
    )
    request = rf.get("/accounts/profile/documents/1/file/")
    request.user = owner
    response = private_file_response(request, file=document.file, kind="image", display_name="Passport")
    assert response.status_code == 302 and response["X-Content-Type-Options"] == "nosniff"
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert url.netloc == "s3.example.test" and url.path == "/asoud-private/private/identity/2026/01/0123abcd.png"
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert query["response-content-type"] == ["image/png"]
    assert query["response-content-disposition"] == ['inline; filename="Passport.png"']


def test_admin_pages_link_documents_and_attachments_to_the_checked_views(market_alpha):
    from asoud.support.services import ticket_open
    from tenants.models import MarketVerification

    owner = UserFactory()
    client_for(owner).post("/accounts/profile/documents/", {"kind": "passport", "file": polyglot_upload()})
    document = IdentityDocument.objects.get(user=owner)
    ticket = ticket_open(user=owner, subject="s", category="other", text="t", attachment=polyglot_upload())
    client_for(market_alpha.owner, "alpha.localhost").post(
        "/dashboard/verification/", {"business_license": polyglot_upload(), "national_card": polyglot_upload()}
    )
    verification = MarketVerification.objects.get(market=market_alpha)
    market_document = verification.documents.get(kind="business_license")

    staff = client_for(UserFactory(is_staff=True, is_superuser=True))
    pages = {
        f"/admin/accounts/identitydocument/{document.pk}/change/": f"/accounts/profile/documents/{document.pk}/file/",
        f"/admin/accounts/user/{owner.pk}/change/": f"/accounts/profile/documents/{document.pk}/file/",
        f"/admin/support/ticket/{ticket.pk}/change/": f"/support/{ticket.pk}/attachments/",
        f"/admin/tenants/marketverification/{verification.pk}/change/": (
            f"/admin/tenants/marketverification/documents/{market_document.pk}/file/"
        ),
    }
    for page, link in pages.items():
        response = staff.get(page)
        assert response.status_code == 200, page
        assert link in response.text, page
